public import LiggareBasics
public import LiggareDomain

/// `liggare gaps --unit U [--goal G]`: the staff of a unit (or of every unit under a board or the
/// city) below the level of each goal that applies to them, largest gap first, then unit, then name.
///
/// A goal applies to a person when it is scoped to their unit or a node above it; one row per person
/// and goal. The gap is the person's level on the date against the goal's level, whatever the
/// deadline: it says what is still to do.
public struct GapList: Sendable {
  let state: CityState
  let knownAt: Timestamp?
  let names: ViewNames
  let tree: ViewTree
  let unit: UnitSnapshot
  /// The goal asked for, if any.
  let goal: GoalSnapshot?
  /// The goals considered: the one asked for, or every goal in force.
  let goals: [GoalSnapshot]
  /// Staff counted under the node on the date.
  let staff: Int
  /// The rows, in action order.
  public let rows: [GapRow]

  /// Reads the gaps; throws when the node or the goal is unknown or not yet there on the date.
  ///
  /// - Parameters:
  ///   - goal: only this goal's gaps when given.
  ///   - names: person id → name from the person register (possibly empty).
  ///   - knownAt: the moment the knowledge is as of, shown in the header when given.
  public init(
    state: CityState, unit id: String, goal goalID: String? = nil, names: [String: String],
    knownAt: Timestamp? = nil
  ) throws(ViewError) {
    unit = try ViewLookup.unit(id, in: state)
    let inForce = ViewGoals.inForce(state)
    goal = try goalID.map { g throws(ViewError) in try ViewLookup.goal(g, in: state, goals: inForce) }
    goals = goal.map { [$0] } ?? inForce
    self.state = state
    self.knownAt = knownAt
    self.names = ViewNames(names: names)
    tree = ViewTree.of(state)
    let census = Census(state, within: id)
    staff = census.staffIndexesByNode[id]?.count ?? 0
    rows = GapRow.rows(census: census, node: id, goals: goals, tree: tree, names: self.names)
  }

  /// The view for the terminal, Swedish, every line at most 100 columns.
  public var text: String {
    var out = ["Luckor: \(tree.label(unit.id, width: ViewFormat.room(after: "Luckor: ")))"]
    if let goal { out.append("Mål: \(ViewFormat.goal(goal))") }
    out += [ViewFormat.header(state: state, knownAt: knownAt), ""]
    let people = Set(rows.map(\.personID)).count
    out.append(
      "\(ViewFormat.integer(people)) av \(ViewFormat.integer(staff)) i personalen under målnivån"
        + (rows.count == people ? "." : " (\(ViewFormat.integer(rows.count)) rader, en per person och mål)."))
    if rows.isEmpty {
      return out.map { TextTable.fit($0) + "\n" }.joined()
    }
    out.append("")
    var table = TextTable(columns: [
      TextTable.Column("Person", truncatable: true), TextTable.Column("Namn", truncatable: true),
      TextTable.Column("Enhet", truncatable: true), TextTable.Column("Roll"),
      TextTable.Column("Nivå", .right),
      TextTable.Column("Mål", truncatable: true), TextTable.Column("Målnivå", .right),
      TextTable.Column("Lucka", .right),
    ])
    for r in rows {
      table.append([
        r.personID, r.name ?? r.personID, r.unitName, r.role.rawValue, "\(r.level)", r.goalID,
        "\(r.goalLevel)",
        "\(r.gap)",
      ])
    }
    out += table.lines
    // What each goal in the table asks (the table names them by the id `--goal` takes).
    if goal == nil {
      let shown = Set(rows.map(\.goalID))
      out += [""] + goals.filter { shown.contains($0.id) }.map { "\($0.id): \($0.meaning(style: .terminal))" }
    }
    return out.map { TextTable.fit($0) + "\n" }.joined()
  }

  /// The view as JSON (docs/json.md, "gaps").
  public var json: JSONValue {
    var o = ViewJSON.header(view: "gaps", state: state, knownAt: knownAt)
    o["unit"] = ViewJSON.unit(unit.id, tree)
    o["goal"] = goal.map { .string($0.id) } ?? .null
    o["goals"] = .array(goals.map { .object(ViewJSON.goal($0, tree)) })
    o["staff"] = ViewJSON.number(staff)
    o["gaps"] = .array(rows.map { ViewJSON.gap($0, tree, names) })
    return .object(o)
  }
}
