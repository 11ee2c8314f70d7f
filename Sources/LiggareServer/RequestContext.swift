public import LiggareAccess
public import LiggareBasics
public import LiggareHTTP
import LiggareKit

/// What a handler gets: the request, the placeholders of its route, who is asking, their session
/// (for the CSRF token of forms), and the app (the ledger, accounts, access log).
public struct RequestContext: Sendable {
  public let request: HTTPRequest
  /// The route's `{name}` values.
  public let parameters: [String: String]
  /// Who is asking (nil only on `.anyone` routes).
  public let principal: Principal?
  /// The browser session, when the request came with one.
  public let session: SessionStore.Session?
  public let app: LiggareApp
  /// When the request is answered (the app's clock).
  public let now: Timestamp
  /// Response fields to add (a session cookie made for a trusted-header user).
  var extraHeaders: [(String, String)] = []

  /// The principal, for routes that require one.
  public var caller: Principal {
    get throws(APIError) {
      guard let principal else { throw APIError.unauthorized }
      return principal
    }
  }

  /// The value of placeholder `name`.
  public func parameter(_ name: String) throws(APIError) -> String {
    guard let value = parameters[name] else { throw .badRequest("sökvägen saknar \(name)") }
    return value
  }

  /// The value of query parameter `name`, if given.
  public func query(_ name: String) -> String? {
    request.query.value(for: name)
  }

  /// The ledger's state to answer from (appends by other processes folded in).
  public var state: ServerState { app.service.current() }

  /// The client's address for the access log.
  public var address: String { request.remoteAddress }

  /// `METHOD /path` for the access log.
  public var route: String { "\(request.method) \(request.path)" }
}
