/// What an account may do. The table is `Role.allows(_:)`; scopes narrow the scoped permissions.
public enum Role: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// A PIM coordinator: logs events about persons and units within its scopes and reads them.
  case coordinator
  /// A school head: reads the views of the units within its scopes and their staff's names, and
  /// records head assessments of their staff and the units' yearly follow-up (nothing else;
  /// `Scope.firstRefused` in the server holds the line).
  case head
  /// The central office: reads everything in the city, the reports and the export.
  case office
  /// Manages accounts, and nothing else.
  case admin

  /// The role's name as written in files and flags.
  public var description: String { rawValue }

  /// The Swedish name shown to people.
  public var swedishName: String {
    switch self {
    case .coordinator: "samordnare"
    case .head: "rektor"
    case .office: "förvaltning"
    case .admin: "administratör"
    }
  }

  /// Whether accounts with this role may have scopes; `office` and `admin` always cover the city.
  public var takesScopes: Bool {
    switch self {
    case .coordinator, .head: true
    case .office, .admin: false
    }
  }

  /// Whether accounts with this role may name their own person (`head`: the assessor of the head
  /// assessments the account records).
  public var takesPerson: Bool { self == .head }

  /// Whether the role has `permission` at all (for scoped permissions, somewhere in its scopes).
  public func allows(_ permission: Permission) -> Bool {
    permissions.contains(permission)
  }

  /// Everything the role may do.
  public var permissions: Set<Permission> {
    switch self {
    case .coordinator: [.logEvents, .readViews, .readPersonNames, .search, .readHead]
    case .head: [.logEvents, .readViews, .readPersonNames, .search, .readHead]
    case .office: [.readViews, .readPersonNames, .search, .readReports, .export, .readHead]
    case .admin: [.manageAccounts]
    }
  }
}

/// One kind of action a route needs. Scoped permissions are further limited by `Principal.covers`.
public enum Permission: String, Sendable, Hashable, CaseIterable {
  /// Append events (`POST /api/v1/events`, attendance lists); scoped.
  case logEvents
  /// Read the unit, person and gap views; scoped. The city view needs a principal covering the city.
  case readViews
  /// See the names of the staff in the views; scoped.
  case readPersonNames
  /// Search persons, units and courses; answers are filtered to the principal's scopes.
  case search
  /// Read the annual reports and verify report files (city-wide).
  case readReports
  /// Read the whole event log (`GET /api/v1/events`).
  case export
  /// Read the log's head (seq, hash), which clients need for `If-Match`.
  case readHead
  /// Add, list and disable accounts and issue tokens.
  case manageAccounts
}
