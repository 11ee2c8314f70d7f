import LiggareBasics
import LiggareDomain

/// One node's figures in a unit or city table: staff, levels, goal shares, examiners, hours.
struct ViewNodeRow: Sendable, Hashable {
  let id: String
  let staff: Int
  /// Staff per PIM level 0–5.
  let levels: [Int]
  /// One standing per goal of the table, in its order.
  let goals: [ViewGoalShare]
  /// Examiner roles held for the node or units under it.
  let examiners: Int
  /// Open units with a school form and no examiner, at or under the node.
  let unitsWithoutExaminer: [String]
  /// Course hours this year attributed to the node (contract decision 8).
  let hours: Double

  /// The row's JSON: the node description and every figure (docs/json.md, "node row").
  func json(_ figures: ViewFigures) -> JSONValue {
    let tree = figures.tree
    return [
      "node": ViewJSON.node(id, tree.org), "staff": ViewJSON.number(staff), "levels": ViewJSON.levels(levels),
      "standings": .array(goals.map(ViewJSON.standing)), "examiners": ViewJSON.number(examiners),
      "unitsWithoutExaminer": .array(figures.examinerless(unitsWithoutExaminer)),
      "hoursThisYear": ViewJSON.hours(figures.activity.byNode[id]?.courseHours ?? [:]),
    ]
  }

  /// The table of rows, one column per goal ("M1" … as numbered in `goalTable`), with an optional
  /// total row below a rule.
  static func table(
    _ rows: [ViewNodeRow], total: (label: String, row: ViewNodeRow)?, nameTitle: String, goalCount: Int,
    examinerless: Bool, tree: ViewTree
  ) -> TextTable {
    var columns = [TextTable.Column(nameTitle, truncatable: true), TextTable.Column("Personal", .right)]
    columns += (0...5).map { TextTable.Column("N\($0)", .right) }
    columns += (0..<goalCount).map { TextTable.Column("M\($0 + 1)", .right) }
    columns.append(TextTable.Column("Exam.", .right))
    if examinerless { columns.append(TextTable.Column("Utan exam.", .right)) }
    columns.append(TextTable.Column("Timmar", .right))
    func cells(_ label: String, _ r: ViewNodeRow) -> [String] {
      var c = [label, ViewFormat.integer(r.staff)] + r.levels.map(ViewFormat.integer)
      c += r.goals.map { ViewFormat.share($0.atLevel, of: $0.staff) }
      c.append(ViewFormat.integer(r.examiners))
      if examinerless { c.append(ViewFormat.integer(r.unitsWithoutExaminer.count)) }
      c.append(ViewFormat.hours(r.hours))
      return c
    }
    return TextTable(
      columns: columns, rows: rows.map { cells(tree.name($0.id), $0) },
      footer: total.map { [cells($0.label, $0.row)] } ?? [])
  }

  /// The numbered goal legend: definition and standing of each goal for `node`.
  static func goalTable(_ standings: [ViewGoalShare], tree: ViewTree) -> TextTable {
    var table = TextTable(columns: [
      TextTable.Column("Nr"), TextTable.Column("Mål", truncatable: true),
      TextTable.Column("Omfattning", truncatable: true), TextTable.Column("Nivå", .right),
      TextTable.Column("Målandel", .right), TextTable.Column("Senast"), TextTable.Column("Bedömt"),
      TextTable.Column("Uppnår", .right), TextTable.Column("Andel", .right), TextTable.Column("Uppfyllt"),
    ])
    for (i, s) in standings.enumerated() {
      table.append([
        "M\(i + 1)", s.goal.id, tree.name(s.goal.scopeID), "≥\(s.goal.minLevel)",
        ViewFormat.percent(s.goal.targetShare), s.goal.deadline.description, s.evaluatedOn.description,
        "\(ViewFormat.integer(s.atLevel)) av \(ViewFormat.integer(s.staff))",
        ViewFormat.share(s.atLevel, of: s.staff), ViewFormat.yesNo(s.isMet),
      ])
    }
    return table
  }
}
