public import LiggareBasics

/// An account as listed: everything but its secrets.
public struct Account: Sendable, Hashable {
  /// The login name (printable, no spaces, at most 64 bytes); also the `actor` of its writes.
  public var name: String
  /// What the account may do.
  public var role: Role
  /// Unit or board ids the account is limited to; empty means the whole city.
  public var scopes: [String]
  /// The person id of the head who uses the account (`head` only): the assessor of the head
  /// assessments it records. Nil for every other account, and for a head who only reads.
  public var person: String?
  /// A disabled account cannot log in, its token and sessions stop working; it is never deleted,
  /// so the access log and the event log's `actor` keep meaning something.
  public var disabled: Bool
  /// Whether a password is set (accounts for integrations may have only a token).
  public var hasPassword: Bool
  /// Whether an API token is set.
  public var hasToken: Bool
  /// When the account was added.
  public var created: Timestamp
  /// When the account last changed (password, token, disabled).
  public var changed: Timestamp

  /// Creates an account value.
  public init(
    name: String, role: Role, scopes: [String], person: String? = nil, disabled: Bool, hasPassword: Bool,
    hasToken: Bool, created: Timestamp, changed: Timestamp
  ) {
    self.name = name
    self.role = role
    self.scopes = scopes
    self.person = person
    self.disabled = disabled
    self.hasPassword = hasPassword
    self.hasToken = hasToken
    self.created = created
    self.changed = changed
  }

  /// The longest account name, in UTF-8 bytes.
  public static let maximumNameLength = 64

  /// Why `name` cannot be an account name (Swedish), or nil when it can: 1–64 bytes of printable
  /// characters without spaces or control characters.
  public static func problem(withName name: String) -> String? {
    if name.isEmpty { return "kontonamnet är tomt" }
    if name.utf8.count > maximumNameLength {
      return "kontonamnet är längre än \(maximumNameLength) byte"
    }
    for scalar in name.unicodeScalars {
      if scalar.properties.isWhitespace || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
        || scalar.properties.generalCategory == .format || scalar.properties.generalCategory == .unassigned
        || scalar.properties.generalCategory == .privateUse || scalar.properties.generalCategory == .surrogate
      {
        return "kontonamnet får bara innehålla synliga tecken utan mellanslag"
      }
    }
    return nil
  }

  /// Why `person` cannot be an account's person id (Swedish), or nil: the same rule as scopes.
  static func problem(withPerson person: String) -> String? {
    if person.isEmpty || person.utf8.count > 128 { return "person-id \"\(person)\" är tomt eller för långt" }
    for scalar in person.unicodeScalars where scalar.properties.isWhitespace || scalar.value < 0x20 {
      return "person-id \"\(person)\" får inte innehålla mellanslag eller styrtecken"
    }
    return nil
  }

  /// Why `scope` cannot be a scope id (Swedish), or nil: the same rule as account names.
  static func problem(withScope scope: String) -> String? {
    if scope.isEmpty || scope.utf8.count > 128 { return "omfattningen \"\(scope)\" är tom eller för lång" }
    for scalar in scope.unicodeScalars where scalar.properties.isWhitespace || scalar.value < 0x20 {
      return "omfattningen \"\(scope)\" får inte innehålla mellanslag eller styrtecken"
    }
    return nil
  }
}

/// Who is asking: an account after authentication, and how it authenticated.
public struct Principal: Sendable, Hashable {
  /// How the caller proved who it is.
  public enum Method: String, Sendable, Hashable {
    /// Name and password (the login form, before a session exists).
    case password
    /// A session cookie from an earlier login.
    case session
    /// `Authorization: Bearer` with the account's API token.
    case token
    /// A user name header set by the city's reverse proxy (single sign-on).
    case trustedHeader
  }

  /// The account name: the `actor` of the caller's writes.
  public var name: String
  /// The account's role when it was looked up.
  public var role: Role
  /// The account's scopes (unit or board ids); empty means the whole city.
  public var scopes: [String]
  /// The head's own person id (`Account.person`), or nil.
  public var person: String?
  /// How the caller authenticated.
  public var method: Method

  /// Creates a principal.
  public init(name: String, role: Role, scopes: [String], person: String? = nil, method: Method) {
    self.name = name
    self.role = role
    self.scopes = scopes
    self.person = person
    self.method = method
  }

  /// Whether the principal has `permission` at all.
  public func may(_ permission: Permission) -> Bool {
    role.allows(permission)
  }

  /// Whether the principal covers the whole city (no scopes, or a role that ignores them).
  public var coversCity: Bool {
    !role.takesScopes || scopes.isEmpty
  }

  /// Whether `node` (a unit or board id) lies within the principal's scopes: it is one of them or
  /// one of its ancestors is.
  ///
  /// - Parameter ancestors: the org tree's parents of a node, nearest first, up to the city; empty
  ///   for an unknown node. Injected so this module does not depend on the domain.
  public func covers(_ node: String, ancestors: (String) -> [String]) -> Bool {
    if coversCity { return true }
    if scopes.contains(node) { return true }
    return ancestors(node).contains { scopes.contains($0) }
  }

  /// Whether any of `nodes` lies within the scopes (a person placed in several units).
  public func coversAny(of nodes: some Sequence<String>, ancestors: (String) -> [String]) -> Bool {
    if coversCity { return true }
    return nodes.contains { covers($0, ancestors: ancestors) }
  }
}
