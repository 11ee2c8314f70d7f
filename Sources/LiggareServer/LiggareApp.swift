public import LiggareAccess
import LiggareBasics
public import LiggareHTTP
public import LiggareKit

#if canImport(Glibc)
  import Glibc
#endif

/// How the server is reached, and whom it trusts.
public struct ServerConfiguration: Sendable {
  /// Cookies get `Secure` (the server is behind a TLS-terminating proxy).
  public var behindTLSProxy = false
  /// A header with the user name set by the city's reverse proxy (single sign-on); only honoured
  /// when listening on loopback (the proxy is then the only client).
  public var trustUserHeader: String?
  /// The session cookie's name.
  public var sessionCookie = "liggare_session"

  /// The default configuration: no proxy, no trusted header.
  public init(behindTLSProxy: Bool = false, trustUserHeader: String? = nil) {
    self.behindTLSProxy = behindTLSProxy
    self.trustUserHeader = trustUserHeader
  }
}

/// The application behind the HTTP server: resolves who is asking (session cookie, bearer token or
/// trusted header), checks the route's access and the CSRF token of browser writes, runs the
/// handler and adds the security headers. Safe to call from many worker threads.
public final class LiggareApp: Sendable {
  public let service: LedgerService
  public let accounts: AccountStore
  public let sessions: SessionStore
  public let throttle: LoginThrottle
  public let accessLog: AccessLog?
  public let configuration: ServerConfiguration
  public let routes: RouteTable
  public let clock: LedgerClock

  /// An app over `service` with the API and the page routes.
  public init(
    service: LedgerService, accounts: AccountStore, sessions: SessionStore? = nil,
    throttle: LoginThrottle = LoginThrottle(),
    accessLog: AccessLog?, configuration: ServerConfiguration = ServerConfiguration(),
    clock: LedgerClock = .system,
    routes: [Route] = APIRoutes.all + SessionRoutes.all + PageRoutes.all
  ) {
    self.service = service
    self.accounts = accounts
    self.sessions = sessions ?? SessionStore(accounts: accounts)
    self.throttle = throttle
    self.accessLog = accessLog
    self.configuration = configuration
    self.routes = RouteTable(routes)
    self.clock = clock
  }

  /// Writes a line to the access log (failures to write it are not the client's concern: they are
  /// reported on standard error).
  public func record(
    _ c: RequestContext, _ action: AccessLog.Action, _ outcome: AccessLog.Outcome, status: Int? = nil,
    events: Int? = nil, account: String? = nil
  ) {
    record(
      AccessLog.Entry(
        at: c.now, action: action, outcome: outcome, account: account ?? c.principal?.name,
        address: c.address,
        route: c.route, status: status, method: c.principal?.method, events: events))
  }

  func record(_ entry: AccessLog.Entry) {
    guard let accessLog else { return }
    do {
      try accessLog.record(entry)
    } catch {
      Console.error("åtkomstloggen: \(error)")
    }
  }

  /// Answers one request.
  public func handle(_ request: HTTPRequest) -> HTTPResponse {
    let now = clock.now()
    let match = routes.match(method: request.method, segments: request.pathSegments)
    let isAPI = request.path.hasPrefix("/api/")
    var response: HTTPResponse
    switch match {
    case .notFound:
      response = failure(APIError.notFound("det finns ingen sida eller resurs här"), api: isAPI)
    case .methodNotAllowed(let methods):
      var e = APIError(.methodNotAllowed, "method-not-allowed", "metoden \(request.method) går inte här")
      e.headers = [("Allow", methods.joined(separator: ", "))]
      response = failure(e, api: isAPI)
    case .found(let route, let parameters):
      response = run(route, parameters, request, now: now)
    }
    return response.addingSecurityHeaders()
  }

  func failure(_ error: APIError, api: Bool, login: Bool = false) -> HTTPResponse {
    if api { return error.response }
    if error.status == .unauthorized && login { return .redirect(to: "/login") }
    var r = PageRoutes.errorPage(error)
    for (name, value) in error.headers { r.headers.set(name, value) }
    return r
  }

  /// Who is asking, by the request's credentials; a `.failure` for credentials that do not work.
  func principal(for request: HTTPRequest, now: Timestamp) -> (
    Principal?, SessionStore.Session?, [(String, String)]
  )? {
    if let authorization = request.headers["Authorization"] {
      let parts = authorization.split(separator: " ", maxSplits: 1)
      guard parts.count == 2, parts[0].lowercased() == "bearer",
        let principal = accounts.authenticate(token: String(parts[1]).trimmingCharacters(in: [" "]))
      else { return nil }
      return (principal, nil, [])
    }
    let cookie = request.cookies[configuration.sessionCookie]
    if let header = configuration.trustUserHeader {
      guard let user = request.headers[header], !user.isEmpty else { return (nil, nil, []) }
      guard let principal = accounts.authenticate(trustedUser: user) else { return nil }
      if let cookie, let session = sessions.session(for: cookie, now: now),
        session.principal.name == principal.name
      {
        return (principal, session, [])
      }
      let session = sessions.create(for: principal, now: now, replacing: cookie)
      return (principal, session, [("Set-Cookie", sessionCookie(session.id))])
    }
    guard let cookie else { return (nil, nil, []) }
    guard let session = sessions.session(for: cookie, now: now) else { return (nil, nil, []) }
    return (session.principal, session, [])
  }

  /// The `Set-Cookie` value for a session id.
  public func sessionCookie(_ id: String) -> String {
    "\(configuration.sessionCookie)=\(id); Path=/; HttpOnly; SameSite=Strict"
      + (configuration.behindTLSProxy ? "; Secure" : "")
  }

  /// The `Set-Cookie` value that removes the session cookie.
  public var expiredSessionCookie: String {
    "\(configuration.sessionCookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
      + (configuration.behindTLSProxy ? "; Secure" : "")
  }

  static let safeMethods: Set<String> = ["GET", "HEAD", "OPTIONS"]

  func run(_ route: Route, _ parameters: [String: String], _ request: HTTPRequest, now: Timestamp)
    -> HTTPResponse
  {
    let api = route.audience == .api
    guard let (principal, session, headers) = principal(for: request, now: now) else {
      record(
        AccessLog.Entry(
          at: now, action: .denied, outcome: .refused, address: request.remoteAddress,
          route: "\(request.method) \(request.path)", status: 401))
      return failure(.unauthorized, api: api, login: true)
    }
    var context = RequestContext(
      request: request, parameters: parameters, principal: principal, session: session, app: self, now: now)
    context.extraHeaders = headers
    var response: HTTPResponse
    do throws(APIError) {
      guard route.admits(principal) else {
        if principal == nil { throw APIError.unauthorized }
        record(context, .denied, .refused, status: 403)
        throw APIError.forbidden("använda \(request.method) \(route.pattern)")
      }
      if let principal, !LiggareApp.safeMethods.contains(request.method),
        principal.method == .session || principal.method == .trustedHeader, !route.checksOwnCSRF
      {
        try requireCSRF(context, token: request.headers["X-CSRF-Token"] ?? request.form?.value(for: "csrf"))
      }
      response = try route.handler(context)
    } catch {
      response = failure(error, api: api, login: true)
    }
    for (name, value) in context.extraHeaders { response.headers.add(name, value) }
    return response
  }

  /// Refuses a browser's state-changing request whose CSRF token is not its session's.
  public func requireCSRF(_ c: RequestContext, token: String?) throws(APIError) {
    guard let session = c.session, let token,
      sessions.verifyCSRF(sessionID: session.id, token: token, now: c.now)
    else {
      record(c, .denied, .refused, status: 403)
      throw APIError.csrf
    }
  }
}

/// Standard error, for what the server cannot tell a client.
enum Console {
  static func error(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    _ = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
  }
}
