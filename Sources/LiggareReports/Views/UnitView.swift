public import LiggareBasics
public import LiggareDomain

/// `liggare unit U`: staff, level distribution, goals, examiners, this year's course hours and the
/// gap list of one unit; for a board or the city the same figures aggregated, with a row per child.
///
/// The goals shown are those scoped to the node or a node above it; each is measured on the node's
/// own staff, on the earlier of its deadline and the date (contract decision 9). Goals scoped below
/// a board are not listed for the board (they show in the view of their own scope). A board's or the
/// city's gap list is summarised per goal; the full list is `GapList`.
public struct UnitView: Sendable {
  let state: CityState
  let knownAt: Timestamp?
  let names: ViewNames
  let figures: ViewFigures
  let unit: UnitSnapshot
  /// The node's own figures against its goals.
  let own: ViewNodeRow
  /// One row per child (units of a board, boards of the city); empty for a unit.
  let children: [ViewNodeRow]
  /// Examiner roles held for the node or units under it, by unit name then person id.
  let examinerRoles: [ExaminerRole]
  /// The gap list of the node's staff, in action order.
  let gaps: [GapRow]
  /// Competence requirements, follow-up and measures (contract Part 2).
  let competence: CompetenceSection.Node

  /// Reads the node; throws when it is unknown or not yet established on the date.
  ///
  /// - Parameters:
  ///   - names: person id → name from the person register (possibly empty).
  ///   - knownAt: the moment the knowledge is as of, shown in the header when given.
  public init(state: CityState, unit id: String, names: [String: String], knownAt: Timestamp? = nil)
    throws(ViewError)
  {
    unit = try ViewLookup.unit(id, in: state)
    self.state = state
    self.knownAt = knownAt
    self.names = ViewNames(names: names)
    let tree = ViewTree.of(state)
    let goals = ViewGoals.applying(ViewGoals.inForce(state), at: id, tree: tree)
    figures = ViewFigures(state: state, tree: tree, goals: goals, node: id)
    own = figures.row(id, goals: goals)
    children = unit.kind == .unit ? [] : figures.childRows(of: id, goals: goals)
    examinerRoles = (figures.examiners.byNode[id] ?? []).sorted { a, b in
      let (na, nb) = (tree.name(a.unitID), tree.name(b.unitID))
      if na != nb { return ViewCollation.precedes(na, nb) }
      return a.unitID != b.unitID ? a.unitID < b.unitID : a.personID < b.personID
    }
    gaps = GapRow.rows(census: figures.census, node: id, goals: goals, tree: tree, names: self.names)
    competence = CompetenceSection.Node(node: id, state: state, census: figures.census)
  }

  /// Per goal (in the goals' order): staff below its level and the levels they lack in all.
  var gapSummary: [(goal: GoalSnapshot, below: Int, missing: Int)] {
    own.goals.map { standing in
      let rows = gaps.filter { $0.goalID == standing.goal.id }
      return (standing.goal, rows.count, rows.reduce(0) { $0 + $1.gap })
    }
  }

  var tree: ViewTree { figures.tree }

  /// The view for the terminal, Swedish, every line at most 100 columns.
  public var text: String {
    let kindTitle = ViewFormat.capitalized(ViewFormat.kind(unit.kind))
    var out = ["\(kindTitle): \(tree.label(unit.id, width: ViewFormat.room(after: kindTitle + ": ")))"]
    // Each line ends in the node it names, so a cut name never hides a date or a form.
    if let parent = unit.parentID {
      let prefix = ViewFormat.capitalized((unit.schoolForm.map { "\($0.rawValue), " } ?? "") + "under ")
      out.append(prefix + tree.label(parent, width: ViewFormat.room(after: prefix)))
    }
    if !unit.isOpen, let closed = unit.closedOn {
      if let into = unit.mergedIntoID {
        let prefix = "Sammanslagen \(closed) med "
        out.append(prefix + tree.label(into, width: ViewFormat.room(after: prefix)))
      } else {
        out.append("Stängd \(closed)")
      }
    }
    out += [
      ViewFormat.header(state: state, knownAt: knownAt), "", "Personal: \(ViewFormat.integer(own.staff))", "",
    ]

    var levels = TextTable(columns: [
      TextTable.Column("PIM-nivå", .right), TextTable.Column("Personal", .right),
      TextTable.Column("Andel", .right),
    ])
    for (level, count) in own.levels.enumerated() {
      levels.append(["\(level)", ViewFormat.integer(count), ViewFormat.share(count, of: own.staff)])
    }
    out += levels.lines

    out += ["", "Mål"]
    out += own.goals.isEmpty ? ["Inga mål gäller."] : ViewNodeRow.goalTable(own.goals, tree: tree).lines

    out += ["", "Examinatorer"]
    if examinerRoles.isEmpty {
      out.append("Ingen examinator.")
    } else {
      var columns = [TextTable.Column("Namn", truncatable: true)]
      if unit.kind != .unit { columns.append(TextTable.Column("Enhet", truncatable: true)) }
      columns += [TextTable.Column("Maxnivå", .right), TextTable.Column("Sedan")]
      var table = TextTable(columns: columns)
      for r in examinerRoles {
        var row = [names.labeled(r.personID)]
        if unit.kind != .unit { row.append(tree.name(r.unitID)) }
        table.append(row + ["\(r.maxLevel)", r.since.description])
      }
      out += table.lines
    }
    if unit.kind != .unit, !own.unitsWithoutExaminer.isEmpty {
      let list = tree.sortedByName(own.unitsWithoutExaminer).map(tree.name).joined(separator: ", ")
      out.append("Enheter utan examinator (\(own.unitsWithoutExaminer.count)): \(list)")
    }

    out += ["", "Kurstimmar \(figures.yearStart)–\(state.asOf)"]
    let activity = figures.activity.byNode[unit.id]
    var hours = TextTable(
      columns: [TextTable.Column("Strategiområde", truncatable: true), TextTable.Column("Timmar", .right)])
    for area in StrategyArea.allCases {
      hours.append([area.rawValue, ViewFormat.hours(activity?.courseHours[area] ?? 0)])
    }
    hours.footer = [["Totalt", ViewFormat.hours(activity?.totalHours ?? 0)]]
    out += hours.lines

    if unit.kind != .unit {
      out += ["", unit.kind == .city ? "Nämnder" : "Enheter"]
      let table = ViewNodeRow.table(
        children, total: ("Totalt", own), nameTitle: unit.kind == .city ? "Nämnd" : "Enhet",
        goalCount: own.goals.count, examinerless: true, tree: tree)
      out += table.lines
      out.append("N0–N5: personal per PIM-nivå. M1…: andel på målets nivå. Exam.: examinatorer.")
      out.append(
        "Timmar: kurstimmar i år, räknade där arbetet gjordes (en flyttad enhets timmar följer dagen).")
    }

    out += ["", "Luckor"]
    if own.goals.isEmpty {
      out.append("Inga mål gäller, så inga luckor.")
    } else if unit.kind == .unit {
      for (i, standing) in own.goals.enumerated() {
        let rows = gaps.filter { $0.goalID == standing.goal.id }
        out.append(
          "M\(i + 1) \(ViewFormat.goal(standing.goal)): "
            + (rows.isEmpty ? "ingen under målnivån" : "\(ViewFormat.integer(rows.count)) under målnivån"))
        guard !rows.isEmpty else { continue }
        var table = TextTable(columns: [
          TextTable.Column("Person", truncatable: true), TextTable.Column("Namn", truncatable: true),
          TextTable.Column("Roll"), TextTable.Column("Nivå", .right), TextTable.Column("Lucka", .right),
        ])
        for r in rows {
          table.append([r.personID, r.name ?? r.personID, r.role.rawValue, "\(r.level)", "\(r.gap)"])
        }
        out += table.lines
      }
    } else {
      var table = TextTable(columns: [
        TextTable.Column("Nr"), TextTable.Column("Mål", truncatable: true),
        TextTable.Column("Under målnivån", .right), TextTable.Column("Saknade nivåer", .right),
      ])
      for (i, s) in gapSummary.enumerated() {
        table.append([
          "M\(i + 1)", ViewFormat.goal(s.goal), ViewFormat.integer(s.below), ViewFormat.integer(s.missing),
        ])
      }
      out += table.lines
      out.append("Hela listan: liggare gaps --unit \(unit.id)")
    }
    out += CompetenceSection.nodeLines(competence, unit: unit, state: state, tree: tree, names: names)
    return out.map { TextTable.fit($0) + "\n" }.joined()
  }

  /// The view as JSON (docs/json.md, "unit"): the node row's members for the node itself, then the
  /// goals, the examiner roles, the children and the gap summary.
  public var json: JSONValue {
    var o = ViewJSON.header(view: "unit", state: state, knownAt: knownAt)
    if case .object(let row) = own.json(figures) {
      for (k, v) in row { o[k] = v }
    }
    o["hoursPeriod"] = ViewJSON.period(from: figures.yearStart, to: state.asOf)
    o["goals"] = .array(own.goals.map { .object(ViewJSON.goal($0.goal, tree)) })
    o["examinerRoles"] = .array(examinerRoles.map { ViewJSON.examiner($0, tree, names) })
    o["children"] = .array(children.map { $0.json(figures) })
    o["gapSummary"] = .array(
      gapSummary.map {
        [
          "goal": .string($0.goal.id), "below": ViewJSON.number($0.below),
          "missingLevels": ViewJSON.number($0.missing),
        ]
      })
    for (k, v) in CompetenceSection.nodeJSON(competence, unit: unit, state: state, tree: tree, names: names) {
      o[k] = v
    }
    return .object(o)
  }
}
