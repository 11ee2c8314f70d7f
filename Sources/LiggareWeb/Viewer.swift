/// What a page may do for a person: the four kinds of work the pages are built around.
public enum WebRole: String, Sendable, Hashable, CaseIterable, Comparable {
  /// PIM coordinator: registers events.
  case coordinator
  /// Head of one or more units (rektor, förskolechef).
  case head
  /// Analyst at the central office: the city, the annual report, the log's status.
  case office
  /// Administers accounts.
  case admin

  /// The role's name in Swedish.
  public var swedish: String {
    switch self {
    case .coordinator: "PIM-samordnare"
    case .head: "chef för enhet"
    case .office: "centralkontoret"
    case .admin: "administratör"
    }
  }

  var rank: Int {
    switch self {
    case .coordinator: 0
    case .head: 1
    case .office: 2
    case .admin: 3
    }
  }

  public static func < (a: WebRole, b: WebRole) -> Bool { a.rank < b.rank }
}

/// The signed-in person as the pages see them: a display name, roles, the unit ids they may see
/// (their scopes) and the session's CSRF token for every form.
public struct Viewer: Sendable, Hashable {
  /// The account's name (shown in the header).
  public var name: String
  public var roles: Set<WebRole>
  /// Node ids the viewer may see (and everything under them); the city id means everything.
  public var scopes: [String]
  /// The session's CSRF token, put in every form.
  public var csrfToken: String
  /// A head's own person id (from the account), or nil.
  public var person: String?

  public init(name: String, roles: Set<WebRole>, scopes: [String], csrfToken: String) {
    self.name = name
    self.roles = roles
    self.scopes = scopes
    self.csrfToken = csrfToken
  }

  /// True when the viewer has `role`.
  public func has(_ role: WebRole) -> Bool { roles.contains(role) }
}
