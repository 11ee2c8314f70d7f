public import LiggareAccess
public import LiggareHTTP

/// One entry of the route table: method, path pattern, who may call it, and the handler.
///
/// Patterns are literal segments and `{name}` placeholders (one whole segment each):
/// `"/api/v1/units/{id}/gaps"`. Adding a route is one declaration, from any file of this module
/// (`APIRoutes.all`, `PageRoutes.all`):
///
/// ```swift
/// Route("GET", "/api/v1/units/{id}", .permission(.readViews)) { context in ... }
/// ```
public struct Route: Sendable {
  /// Who may call a route; checked before the handler runs. Scopes are the handler's to check
  /// (they depend on the id and the date asked about).
  public enum Access: Sendable, Hashable {
    /// Anyone, signed in or not (the login page).
    case anyone
    /// Any signed-in account.
    case signedIn
    /// Accounts whose role has this permission.
    case permission(Permission)
    /// Accounts with one of these roles.
    case roles(Set<Role>)
  }

  /// Whether errors are answered as JSON (the API) or as pages (a redirect to the login page for
  /// 401).
  public enum Audience: Sendable, Hashable {
    case api
    case page
  }

  /// What a handler gets and gives.
  public typealias Handler = @Sendable (RequestContext) throws(APIError) -> HTTPResponse

  public let method: String
  public let pattern: String
  public let access: Access
  public let audience: Audience
  public let handler: Handler
  /// The handler checks the CSRF token itself (`LiggareApp.requireCSRF`), e.g. from a multipart
  /// form's field; otherwise the app checks the `X-CSRF-Token` header or the `csrf` form field.
  public let checksOwnCSRF: Bool
  let segments: [Segment]

  enum Segment: Sendable, Hashable {
    case literal(String)
    case parameter(String)
  }

  /// A route; `audience` defaults to `.api` for paths under `/api/` and `.page` otherwise.
  public init(
    _ method: String, _ pattern: String, _ access: Access, audience: Audience? = nil,
    checksOwnCSRF: Bool = false, _ handler: @escaping Handler
  ) {
    self.checksOwnCSRF = checksOwnCSRF
    self.method = method
    self.pattern = pattern
    self.access = access
    self.audience = audience ?? (pattern.hasPrefix("/api/") ? .api : .page)
    self.handler = handler
    self.segments = pattern.split(separator: "/", omittingEmptySubsequences: true).map { part in
      part.hasPrefix("{") && part.hasSuffix("}")
        ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
    }
  }

  /// The placeholders' values when `path` (split into segments) matches, else nil.
  func match(_ path: [String]) -> [String: String]? {
    guard path.count == segments.count else { return nil }
    var values: [String: String] = [:]
    for (segment, part) in zip(segments, path) {
      switch segment {
      case .literal(let text): if text != part { return nil }
      case .parameter(let name):
        if part.isEmpty { return nil }
        values[name] = part
      }
    }
    return values
  }

  /// Whether `principal` may call the route (before scopes).
  func admits(_ principal: Principal?) -> Bool {
    switch access {
    case .anyone: return true
    case .signedIn: return principal != nil
    case .permission(let p): return principal?.may(p) ?? false
    case .roles(let roles): return principal.map { roles.contains($0.role) } ?? false
    }
  }
}

/// The fixed route table: a path is decoded once by the HTTP layer and matched here; nothing is
/// served from disk.
public struct RouteTable: Sendable {
  public private(set) var routes: [Route]

  /// A table of these routes; the first match wins.
  public init(_ routes: [Route]) {
    self.routes = routes
  }

  /// Adds routes at the end.
  public mutating func add(_ more: [Route]) {
    routes += more
  }

  /// What matching found.
  enum Match {
    case found(Route, [String: String])
    /// The path exists, with other methods.
    case methodNotAllowed([String])
    case notFound
  }

  func match(method: String, segments: [String]) -> Match {
    var methods: [String] = []
    for route in routes {
      guard let values = route.match(segments) else { continue }
      if route.method == method || (method == "HEAD" && route.method == "GET") {
        return .found(route, values)
      }
      methods.append(route.method)
    }
    return methods.isEmpty ? .notFound : .methodNotAllowed(methods)
  }
}
