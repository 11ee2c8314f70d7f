public import LiggareDomain

/// One person below one goal's level: the gap is the goal's level minus the person's PIM level.
public struct GapRow: Sendable, Hashable {
  public var personID: String
  /// From the person register; nil when the lookup has none.
  public var name: String?
  public var unitID: String
  public var unitName: String
  public var role: StaffRole
  public var level: Int
  public var goalID: String
  public var goalLevel: Int
  /// How many levels short, always ≥ 1.
  public var gap: Int

  /// Largest gap first, then unit, then name (Swedish order), then keys, so a head can act on it
  /// from the top and the order never depends on hashing.
  static func precedes(_ a: GapRow, _ b: GapRow) -> Bool {
    if a.gap != b.gap { return a.gap > b.gap }
    if a.unitName != b.unitName { return ViewCollation.precedes(a.unitName, b.unitName) }
    if a.unitID != b.unitID { return a.unitID < b.unitID }
    let (na, nb) = (a.name ?? a.personID, b.name ?? b.personID)
    if na != nb { return ViewCollation.precedes(na, nb) }
    if a.personID != b.personID { return a.personID < b.personID }
    return a.goalID < b.goalID
  }

  /// The gap rows of the staff of `nodeID` (a unit, or everyone under a board or the city) against
  /// each goal in `goals` that applies to them (scoped to their unit or above), in action order.
  static func rows(
    census: Census, node nodeID: String, goals: [GoalSnapshot], tree: ViewTree, names: ViewNames
  ) -> [GapRow] {
    var applyingByUnit: [String: [GoalSnapshot]] = [:]
    var rows: [GapRow] = []
    for member in census.staff(of: nodeID) {
      let applying =
        applyingByUnit[member.unitID]
        ?? {
          let list = ViewGoals.applying(goals, at: member.unitID, tree: tree)
          applyingByUnit[member.unitID] = list
          return list
        }()
      for goal in applying where goal.minLevel > member.level {
        rows.append(
          GapRow(
            personID: member.personID, name: names.name(member.personID), unitID: member.unitID,
            unitName: tree.name(member.unitID), role: member.role, level: member.level, goalID: goal.id,
            goalLevel: goal.minLevel, gap: goal.minLevel - member.level))
      }
    }
    return sortedForAction(rows)
  }

  /// `rows` in the order of `precedes`, with each collation key computed once per row rather than
  /// once per comparison (a city-wide list has tens of thousands of rows).
  static func sortedForAction(_ rows: [GapRow]) -> [GapRow] {
    var unitKeys: [String: String] = [:]
    let keyed = rows.map { row -> (row: GapRow, unit: String, name: String) in
      let unit = unitKeys[row.unitName] ?? ViewCollation.key(row.unitName)
      unitKeys[row.unitName] = unit
      return (row, unit, ViewCollation.key(row.name ?? row.personID))
    }
    return keyed.sorted { a, b in
      if a.row.gap != b.row.gap { return a.row.gap > b.row.gap }
      if a.unit != b.unit { return a.unit < b.unit }
      if a.row.unitName != b.row.unitName { return a.row.unitName < b.row.unitName }
      if a.row.unitID != b.row.unitID { return a.row.unitID < b.row.unitID }
      if a.name != b.name { return a.name < b.name }
      let (na, nb) = (a.row.name ?? a.row.personID, b.row.name ?? b.row.personID)
      if na != nb { return na < nb }
      if a.row.personID != b.row.personID { return a.row.personID < b.row.personID }
      return a.row.goalID < b.row.goalID
    }.map(\.row)
  }
}
