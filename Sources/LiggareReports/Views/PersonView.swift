public import LiggareBasics
public import LiggareDomain

/// `liggare person P`: where the person works, their PIM level and its history, courses, examiner
/// role, and their gap against each goal that applies to them, as of the state's date.
///
/// A goal applies to a person who counts as staff (not `annan`, not left) when it is scoped to the
/// city, their unit or the board above it, as the tree stood on the date.
public struct PersonView: Sendable {
  let state: CityState
  let knownAt: Timestamp?
  let tree: ViewTree
  let names: ViewNames
  let personID: String
  let placement: Placement?
  let level: Int
  let history: [LevelRecord]
  let completions: [CompletionRecord]
  let examinerRole: ExaminerRole?
  let examinerChanges: [ExaminerChangeRecord]
  /// Goals that apply, in goal id order, with the gap (0 when reached).
  let goals: [(goal: GoalSnapshot, gap: Int)]
  /// Competence requirements that apply, with the person's levels (contract Part 2).
  let requirements: [PersonRequirementStatus]

  /// Reads the person; throws when the person is not registered as of the date.
  ///
  /// - Parameters:
  ///   - names: person id → name from the person register (possibly empty).
  ///   - knownAt: the moment the knowledge is as of, shown in the header when given.
  public init(state: CityState, person: String, names: [String: String], knownAt: Timestamp? = nil)
    throws(ViewError)
  {
    try ViewLookup.person(person, in: state)
    self.state = state
    self.knownAt = knownAt
    self.names = ViewNames(names: names)
    personID = person
    tree = ViewTree.of(state)
    placement = state.placement(of: person)
    level = state.level(of: person)
    history = state.levelHistory(of: person)
    completions = state.completions(of: person)
    examinerRole = state.examinerRole(of: person)
    let allTime = CivilDate(daysSinceEpoch: .min)...state.asOf
    examinerChanges = state.examinerChanges(of: person, in: allTime)
    if let placement, placement.role.countsAsStaff {
      let level = self.level
      goals = ViewGoals.applying(ViewGoals.inForce(state), at: placement.unitID, tree: tree).map {
        ($0, max(0, $0.minLevel - level))
      }
    } else {
      goals = []
    }
    requirements = CompetenceSection.statuses(of: person, in: state)
  }

  /// The attainment that gave the current level: the first record reaching it.
  var levelRecord: LevelRecord? {
    history.first { $0.level == level && level > 0 }
  }

  /// The person's gap rows: one per applying goal not yet reached, in goal id order.
  var gapRows: [GapRow] {
    guard let placement else { return [] }
    return goals.filter { $0.gap > 0 }.map { goal, gap in
      GapRow(
        personID: personID, name: names.name(personID), unitID: placement.unitID,
        unitName: tree.name(placement.unitID), role: placement.role, level: level, goalID: goal.id,
        goalLevel: goal.minLevel, gap: gap)
    }
  }

  /// Course hours per year, then per strategy area, years ascending.
  var hoursByYear: [(year: Int, byArea: [StrategyArea: Double])] {
    var byYear: [Int: [StrategyArea: Double]] = [:]
    for c in completions { byYear[c.date.year, default: [:]][c.area, default: 0] += c.hours }
    return byYear.keys.sorted().map { ($0, byYear[$0] ?? [:]) }
  }

  /// The view for the terminal, Swedish, every line at most 100 columns.
  public var text: String {
    var out: [String] = [
      "Person: \(names.labeled(personID, width: ViewFormat.room(after: "Person: ")))",
      ViewFormat.header(state: state, knownAt: knownAt), "",
    ]
    if let placement {
      let width = ViewFormat.room(after: "Enhet:       ")
      out.append("Enhet:       \(tree.label(placement.unitID, width: width))")
      if let board = tree.board(of: placement.unitID) {
        out.append("Nämnd:       \(tree.label(board, width: width))")
      }
      let note = placement.role.countsAsStaff ? "" : " (räknas inte som personal)"
      out.append("Roll:        \(placement.role.rawValue)\(note), sedan \(placement.since)")
    } else {
      out.append("Enhet:       ingen placering (slutat eller aldrig placerad)")
    }
    if let record = levelRecord {
      let prefix = "PIM-nivå:    \(level), uppnådd \(record.date), examinator "
      out.append(prefix + names.labeled(record.examinerID, width: ViewFormat.room(after: prefix)))
    } else {
      out.append("PIM-nivå:    0 (ingen nivå uppnådd)")
    }
    if let role = examinerRole {
      let prefix = "Examinator:  upp till nivå \(role.maxLevel) sedan \(role.since), för "
      out.append(prefix + tree.label(role.unitID, width: ViewFormat.room(after: prefix)))
    } else {
      out.append("Examinator:  nej")
    }

    out += ["", "Mål som gäller personen"]
    if goals.isEmpty {
      out.append(
        placement?.role.countsAsStaff == true ? "Inga mål." : "Inga mål (personen räknas inte som personal).")
    } else {
      var table = TextTable(columns: [
        TextTable.Column("Mål", truncatable: true), TextTable.Column("Omfattning", truncatable: true),
        TextTable.Column("Nivå", .right), TextTable.Column("Målandel", .right), TextTable.Column("Senast"),
        TextTable.Column("Lucka", .right),
      ])
      for (goal, gap) in goals {
        table.append([
          goal.id, tree.name(goal.scopeID), "≥\(goal.minLevel)", ViewFormat.percent(goal.targetShare),
          goal.deadline.description, gap == 0 ? "uppnått" : ViewFormat.integer(gap),
        ])
      }
      out += table.lines
    }

    out += CompetenceSection.personLines(requirements, state: state)

    out += ["", "Nivåhistorik"]
    if history.isEmpty {
      out.append("Inga nivåer.")
    } else {
      var table = TextTable(columns: [
        TextTable.Column("Datum"), TextTable.Column("Nivå", .right),
        TextTable.Column("Examinator", truncatable: true),
      ])
      for r in history { table.append([r.date.description, "\(r.level)", names.labeled(r.examinerID)]) }
      out += table.lines
    }

    out += ["", "Kurser"]
    if completions.isEmpty {
      out.append("Inga kurser.")
    } else {
      var table = TextTable(columns: [
        TextTable.Column("Datum"), TextTable.Column("Kurs", truncatable: true),
        TextTable.Column("Område", truncatable: true), TextTable.Column("Timmar", .right),
      ])
      for c in completions {
        table.append([c.date.description, c.courseTitle, c.area.rawValue, ViewFormat.hours(c.hours)])
      }
      out += table.lines
      out += ["", "Kurstimmar per år och strategiområde"]
      var sums = TextTable(columns: [
        TextTable.Column("År"), TextTable.Column("Område", truncatable: true),
        TextTable.Column("Timmar", .right),
      ])
      for (year, byArea) in hoursByYear {
        for area in StrategyArea.allCases {
          if let h = byArea[area] { sums.append(["\(year)", area.rawValue, ViewFormat.hours(h)]) }
        }
        sums.append(["\(year)", "alla områden", ViewFormat.hours(byArea.values.reduce(0, +))])
      }
      out += sums.lines
    }

    if !examinerChanges.isEmpty {
      out += ["", "Examinatorsförordnanden"]
      var table = TextTable(columns: [
        TextTable.Column("Datum"), TextTable.Column("Ändring", truncatable: true),
      ])
      for c in examinerChanges {
        switch c.change {
        case .appointed(let unit, let maxLevel):
          // The unit comes last so that a cut name never hides the level.
          table.append([c.date.description, "förordnad upp till nivå \(maxLevel) för \(tree.label(unit))"])
        case .ended:
          table.append([c.date.description, "förordnandet upphörde"])
        }
      }
      out += table.lines
    }
    return out.map { TextTable.fit($0) + "\n" }.joined()
  }

  /// The view as JSON (docs/json.md, "person").
  public var json: JSONValue {
    var o = ViewJSON.header(view: "person", state: state, knownAt: knownAt)
    o["person"] = ViewJSON.person(personID, names)
    o["placement"] =
      placement.map { p in
        [
          "unit": ViewJSON.unit(p.unitID, tree),
          "board": tree.board(of: p.unitID).map { ViewJSON.unit($0, tree) } ?? .null,
          "role": .string(p.role.rawValue), "since": ViewJSON.date(p.since),
          "countsAsStaff": .bool(p.role.countsAsStaff),
        ]
      } ?? .null
    o["level"] = ViewJSON.number(level)
    func record(_ r: LevelRecord) -> JSONValue {
      [
        "level": ViewJSON.number(r.level), "date": ViewJSON.date(r.date),
        "examiner": ViewJSON.person(r.examinerID, names), "eventId": .string(r.eventID),
      ]
    }
    o["levelAttained"] = levelRecord.map(record) ?? .null
    o["levelHistory"] = .array(history.map(record))
    o["courses"] = .array(
      completions.map { c in
        [
          "date": ViewJSON.date(c.date),
          "course": ["id": .string(c.courseID), "title": .string(c.courseTitle)],
          "area": .string(c.area.rawValue), "hours": .number(c.hours), "eventId": .string(c.eventID),
        ]
      })
    o["hoursByYear"] = .array(
      hoursByYear.map { year, byArea in
        var h = ViewJSON.hours(byArea)
        if case .object(var members) = h {
          members["year"] = ViewJSON.number(year)
          h = .object(members)
        }
        return h
      })
    o["examinerRole"] = examinerRole.map { ViewJSON.examiner($0, tree, names) } ?? .null
    o["examinerChanges"] = .array(
      examinerChanges.map { c in
        switch c.change {
        case .appointed(let unit, let maxLevel):
          [
            "date": ViewJSON.date(c.date), "change": "appointed", "unit": ViewJSON.unit(unit, tree),
            "maxLevel": ViewJSON.number(maxLevel),
          ]
        case .ended:
          ["date": ViewJSON.date(c.date), "change": "ended", "unit": .null, "maxLevel": .null]
        }
      })
    o["goals"] = .array(goals.map { .object(ViewJSON.goal($0.goal, tree)) })
    o["gaps"] = .array(gapRows.map { ViewJSON.gap($0, tree, names) })
    o["requirements"] = CompetenceSection.personJSON(requirements, state: state, tree: tree, names: names)
    return .object(o)
  }
}
