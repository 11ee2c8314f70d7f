import Dispatch
public import LiggareAccess
import LiggareBasics
public import LiggareHTTP
public import LiggareKit
import LiggareQueries
import LiggareReports
import LiggareSystem
import Synchronization

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
  /// After each commit, compute the city view and last year's annual report for the new head in
  /// the background, so that the first asker does not wait (`liggare serve` turns it on).
  public var precompute = false
  /// The bytes answers may take in the answer cache (`AnswerCache`); `liggare serve` sets it from
  /// the log's size (`answerCacheBudget(events:)`).
  public var answerCacheBytes = 64 << 20

  /// The answer cache's budget for a log of `events` events: 16 bytes per event, at least 64 MiB and
  /// at most 1 GiB.
  ///
  /// **Beslut:** an answer costing more than a quarter of the budget is never kept, and the annual
  /// report grows with the city: at national scale (30 million events, 7 000 units) its figures
  /// take ~60 MB and its JSON 36 MB, so with a fixed 64 MiB every request for them computed them
  /// again (8 s each). Scaled, the budget stays 64 MiB at city scale (where the memory target is
  /// 1 GiB) and is ~490 MB at national scale, beside a ledger of several GB.
  public static func answerCacheBudget(events: UInt64) -> Int {
    let perEvent = min(events, 1 << 40) * 16
    return Int(min(max(perEvent, 64 << 20), 1 << 30))
  }
  /// Keep the process's memory small (`liggare serve` turns it on): at most two malloc arenas for
  /// all the worker threads, and freed memory handed back to the system after each precompute.
  ///
  /// **Beslut:** glibc gives each thread that allocates its own arena (up to 8 per core); every
  /// view allocates a few MB that, freed, stay in the arena, so eight workers held ~400 MB more
  /// than one. Two arenas cost nothing measurable in answer times on two cores.
  public var compactMemory = false

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
  /// Answers kept for the current head (views, report figures and bytes).
  public let cache: AnswerCache
  private let precomputer: Precomputer?
  /// The search's lowercased names and ids, made once per published state.
  private let corpus = PerState<SearchQuery.Corpus>()

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
    let cache = AnswerCache(budget: configuration.answerCacheBytes)
    self.cache = cache
    let corpus = self.corpus
    service.onPublish { state in
      cache.advance(to: state.generation)
      corpus.advance(to: state.generation)
    }
    if configuration.compactMemory { LiggareApp.limitArenas() }
    precomputer = configuration.precompute ? Precomputer() : nil
    if let precomputer {
      let work: @Sendable (ServerState) -> Void = { [weak self] state in self?.precompute(state) }
      service.onPublish { state in precomputer.submit(state, work) }
      precomputer.submit(service.published_, work)
    }
  }

  /// Computes what is asked for most after a commit, for `state`: the index, the city view today
  /// and the annual report figures of last year (whole city, known now). Errors are left for the
  /// askers to meet.
  func precompute(_ state: ServerState) {
    state.snapshot.index?.prepare()
    let now = clock.now()
    guard state.generation == service.published_.generation else { return }
    _ = try? APIRoutes.viewDocument(
      ViewQuery(.city, asOf: now.stockholmDate, knownAt: now), state: state, app: self)
    guard state.generation == service.published_.generation else { return }
    let request = ReportRequest(year: now.stockholmDate.year - 1, knownAt: now, scope: nil, format: .json)
    _ = try? APIRoutes.reportFigures(request, state: state, app: self)
    if configuration.compactMemory { LiggareApp.trimMemory() }
  }

  /// At most two malloc arenas for the whole process (see `ServerConfiguration.compactMemory`).
  /// (`mallopt` and `malloc_trim` are glibc's but not in the Glibc module: looked up by name; a C
  /// library without them is left as it is.)
  static func limitArenas() {
    #if canImport(Glibc)
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      let arenaMax: Int32 = -8  // M_ARENA_MAX in <malloc.h>
      if let symbol = dlsym(nil, "mallopt") { _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMax, 2) }
    #endif
  }

  /// Hands memory freed in the malloc arenas back to the system.
  static func trimMemory() {
    #if canImport(Glibc)
      typealias MallocTrim = @convention(c) (Int) -> Int32
      if let symbol = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(symbol, to: MallocTrim.self)(0) }
    #endif
  }

  /// What a search looks through at `state`, made once per state.
  func searchCorpus(_ state: ServerState) -> SearchQuery.Corpus {
    corpus.value(generation: state.generation) {
      SearchQuery.Corpus(snapshot: state.snapshot, register: state.register)
    }
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

  /// The HTTP server for this app: requests go to `handle(_:)`, refusals of the HTTP layer to
  /// `refusal(_:target:)`.
  public func httpServer(address: ListenAddress, limits: HTTPLimits = HTTPLimits()) -> HTTPServer {
    HTTPServer(address: address, limits: limits, errorResponse: LiggareApp.refusal) { [self] in handle($0) }
  }

  /// The answer to a request the HTTP layer refused before routing (malformed, too large, too
  /// slow, server full): under `/api/` the API's error body (`{"error": {"code", "message", …}}`),
  /// elsewhere the layer's Swedish text. **Beslut:** when nothing of the path arrived (a connection
  /// beyond the limit) the answer is the API's error body too: programs are who meet these limits,
  /// and the message in it is the same Swedish sentence.
  @Sendable public static func refusal(_ error: HTTPParseError, target: String?) -> HTTPResponse {
    let isAPI = target.map { $0.hasPrefix("/api/") || $0 == "/api" } ?? true
    var response: HTTPResponse
    if isAPI {
      let code: APIDocument.ErrorCode
      switch error.status {
      case .requestTimeout: code = .timeout
      case .contentTooLarge: code = .payloadTooLarge
      case .uriTooLong: code = .requestLineTooLong
      case .headerFieldsTooLarge: code = .headersTooLarge
      case .expectationFailed: code = .expectationFailed
      case .notImplemented: code = .notImplemented
      case .httpVersionNotSupported: code = .httpVersionNotSupported
      case .serviceUnavailable: code = .unavailable
      default: code = .badRequest
      }
      response = APIError(error.status, code.rawValue, error.description).response
    } else {
      response = .text(error.description + "\n", status: error.status)
    }
    if error.status == .serviceUnavailable { response.headers.set("Retry-After", "1") }
    return response.addingSecurityHeaders()
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
    try? FileDescriptor.standardError.writeAll(Array((text + "\n").utf8))
  }
}

/// Runs one piece of work at a time on a thread of its own, for the latest state submitted, once
/// no state has been submitted for `quiet` (a burst of commits is worked on once, after it).
///
/// **Beslut:** the wait keeps the work off the writers' way: a state the work holds keeps its
/// chronicle alive, and the ledger's next change would then copy the whole chronicle instead of
/// reusing the spare one (`Ledger.prepareSpare`).
final class Precomputer: Sendable {
  private struct Pending {
    var state: ServerState?
    var submitted: UInt64 = 0
    var running = false
  }
  private let pending = Mutex(Pending())
  /// Nanoseconds without a new state before the work starts.
  let quiet: UInt64

  init(quiet seconds: Double = 1.0) {
    quiet = UInt64(seconds * 1e9)
  }

  func submit(_ state: ServerState, _ work: @escaping @Sendable (ServerState) -> Void) {
    let start = pending.withLock { p in
      p.state = state
      p.submitted = DispatchTime.now().uptimeNanoseconds
      if p.running { return false }
      p.running = true
      return true
    }
    guard start else { return }
    DispatchQueue.global(qos: .utility).async { [self] in
      while true {
        usleep(UInt32(min(quiet / 1000, 10_000_000)))
        let next: ServerState?? = pending.withLock { p in
          guard let state = p.state else {
            p.running = false
            return .none
          }
          if DispatchTime.now().uptimeNanoseconds - p.submitted < quiet { return .some(nil) }
          p.state = nil
          return .some(state)
        }
        guard let waited = next else { return }
        if let state = waited { work(state) }
      }
    }
  }
}
