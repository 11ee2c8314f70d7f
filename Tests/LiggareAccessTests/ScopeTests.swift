import LiggareAccess
import Testing

@Suite struct ScopeTests {
  /// city ← b-1 ← u-1, u-2; city ← b-2 ← u-3.
  static let parents: [String: String] = [
    "b-1": "city", "b-2": "city", "u-1": "b-1", "u-2": "b-1", "u-3": "b-2",
  ]

  static func ancestors(_ node: String) -> [String] {
    var out: [String] = []
    var current = node
    while let parent = parents[current] {
      out.append(parent)
      current = parent
    }
    return out
  }

  @Test func scopesCoverTheirSubtrees() {
    let board = Principal(name: "s", role: .coordinator, scopes: ["b-1"], method: .token)
    #expect(board.covers("b-1", ancestors: ScopeTests.ancestors))
    #expect(board.covers("u-1", ancestors: ScopeTests.ancestors))
    #expect(board.covers("u-2", ancestors: ScopeTests.ancestors))
    #expect(!board.covers("u-3", ancestors: ScopeTests.ancestors))
    #expect(!board.covers("b-2", ancestors: ScopeTests.ancestors))
    #expect(!board.covers("city", ancestors: ScopeTests.ancestors))
    #expect(!board.covers("u-404", ancestors: ScopeTests.ancestors))  // unknown: the same no
    #expect(!board.coversCity)
    #expect(board.coversAny(of: ["u-3", "u-2"], ancestors: ScopeTests.ancestors))
    #expect(!board.coversAny(of: ["u-3"], ancestors: ScopeTests.ancestors))

    let unit = Principal(name: "r", role: .head, scopes: ["u-3"], method: .session)
    #expect(unit.covers("u-3", ancestors: ScopeTests.ancestors))
    #expect(!unit.covers("b-2", ancestors: ScopeTests.ancestors))

    let city = Principal(name: "c", role: .coordinator, scopes: [], method: .session)
    #expect(city.coversCity && city.covers("u-404", ancestors: ScopeTests.ancestors))
  }

  @Test func rolesHaveTheirPermissions() {
    #expect(Role.coordinator.allows(.logEvents) && !Role.coordinator.allows(.export))
    #expect(Role.head.allows(.readViews) && Role.head.allows(.readPersonNames))
    // Heads log (their own assessments and follow-ups only: Scope.firstRefusal in the server).
    #expect(Role.head.allows(.logEvents) && !Role.head.allows(.readReports) && !Role.head.allows(.export))
    #expect(Role.head.takesPerson && !Role.coordinator.takesPerson && !Role.office.takesPerson)
    #expect(
      Role.office.allows(.export) && Role.office.allows(.readReports) && !Role.office.allows(.logEvents))
    #expect(Role.admin.permissions == [.manageAccounts])
    for role in Role.allCases where role != .admin { #expect(!role.allows(.manageAccounts)) }
    // office and admin ignore scopes: they cover the city.
    #expect(Principal(name: "o", role: .office, scopes: ["u-1"], method: .token).coversCity)
  }
}
