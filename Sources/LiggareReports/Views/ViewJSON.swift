import LiggareBasics
import LiggareDomain

/// The shapes every JSON document of API version 1 is built from — the views, the annual report
/// and the server's own answers — so one key has one meaning and one type everywhere (docs/json.md,
/// schemas in docs/api/). Keys are English; contract vocabulary (roles, areas, kinds) keeps its
/// spelling.
public enum ViewJSON {
  /// The version of the JSON API, the first member of every top-level document (`apiVersion`).
  public static let apiVersion = 1

  /// The members every view starts with.
  static func header(view: String, state: CityState, knownAt: Timestamp?) -> [String: JSONValue] {
    [
      "apiVersion": number(apiVersion), "view": .string(view), "asOf": date(state.asOf),
      "knownAtSeq": .number(Double(state.knownAtSeq)),
      "knownAt": knownAt.map { .string($0.description) } ?? .null,
    ]
  }

  static func date(_ d: CivilDate) -> JSONValue {
    .string(d.description)
  }

  static func number(_ n: Int) -> JSONValue {
    .number(Double(n))
  }

  static func optional(_ s: String?) -> JSONValue {
    s.map(JSONValue.string) ?? .null
  }

  /// A share: `part / whole`, or null when there is no one to count.
  static func share(_ part: Int, of whole: Int) -> JSONValue {
    whole == 0 ? .null : .number(Double(part) / Double(whole))
  }

  /// Node reference `{"id", "name"}`, the name as it stood (null when the node is unknown).
  static func unit(_ id: String, _ tree: ViewTree) -> JSONValue {
    nodeRef(id, tree.org)
  }

  /// Node reference from the organisation tree.
  static func nodeRef(_ id: String, _ tree: OrgTree) -> JSONValue {
    ["id": .string(id), "name": tree.nodes[id].map { .string($0.name) } ?? .null]
  }

  /// Node reference from an id and a known name.
  static func nodeRef(_ id: String, name: String?) -> JSONValue {
    ["id": .string(id), "name": optional(name)]
  }

  /// Node description: the reference plus kind, school form, parent, open, closedOn, mergedInto.
  static func node(_ id: String, _ tree: OrgTree) -> JSONValue {
    guard let n = tree.nodes[id] else {
      return [
        "id": .string(id), "name": .null, "kind": .null, "schoolForm": .null, "parent": .null,
        "open": false, "closedOn": .null, "mergedInto": .null,
      ]
    }
    return node(
      id: id, name: n.name, kind: n.kind, schoolForm: n.schoolForm,
      parent: n.parentID.map { nodeRef($0, tree) }, open: n.isOpen, closedOn: n.closedOn,
      mergedInto: n.mergedIntoID.map { nodeRef($0, tree) })
  }

  /// Node description from its parts.
  static func node(
    id: String, name: String, kind: UnitKind, schoolForm: SchoolForm?, parent: JSONValue?, open: Bool,
    closedOn: CivilDate?, mergedInto: JSONValue?
  ) -> JSONValue {
    [
      "id": .string(id), "name": .string(name), "kind": .string(kind.rawValue),
      "schoolForm": optional(schoolForm?.rawValue), "parent": parent ?? .null, "open": .bool(open),
      "closedOn": closedOn.map(date) ?? .null, "mergedInto": mergedInto ?? .null,
    ]
  }

  /// Person reference `{"id", "name"}`, name null when the register has none.
  static func person(_ id: String, _ names: ViewNames) -> JSONValue {
    ["id": .string(id), "name": optional(names.name(id))]
  }

  /// Staff per level, index = level 0–5.
  static func levels(_ counts: [Int]) -> JSONValue {
    .array(counts.map(number))
  }

  /// Levels attained per level, index = level 0–5 like every levels array: index 0 is always 0 (no one
  /// attains level 0). `counts` is the domain's five counts for levels 1–5.
  static func levelsAttained(_ counts: [Int]) -> JSONValue {
    .array([0] + (0..<5).map { number($0 < counts.count ? counts[$0] : 0) })
  }

  /// A goal's definition.
  static func goal(_ g: GoalSnapshot, _ tree: ViewTree) -> [String: JSONValue] {
    goal(g, scope: unit(g.scopeID, tree))
  }

  /// A goal's definition with its scope reference.
  static func goal(_ g: GoalSnapshot, scope: JSONValue) -> [String: JSONValue] {
    [
      "id": .string(g.id), "scope": scope, "minLevel": number(g.minLevel),
      "targetShare": .number(g.targetShare),
      "deadline": date(g.deadline), "setOn": date(g.setOn),
    ]
  }

  /// The status of a goal in words, as the report writes it.
  static func verdict(deadlinePassed: Bool, met: Bool) -> String {
    switch (deadlinePassed, met) {
    case (true, true): "uppnått"
    case (true, false): "ej uppnått"
    case (false, true): "uppnått i förtid"
    case (false, false): "pågår"
    }
  }

  /// How a node stood against a goal on the earlier of the deadline and the as-of date.
  static func standing(
    goal: GoalSnapshot, evaluatedOn: CivilDate, staff: Int, atLevel: Int
  ) -> JSONValue {
    let met = Double(atLevel) >= goal.targetShare * Double(staff)
    let passed = evaluatedOn == goal.deadline
    return [
      "goal": .string(goal.id), "evaluatedOn": date(evaluatedOn), "staff": number(staff),
      "atLevel": number(atLevel), "share": share(atLevel, of: staff), "met": .bool(met),
      "deadlinePassed": .bool(passed), "status": .string(verdict(deadlinePassed: passed, met: met)),
    ]
  }

  /// A view's goal standing for one node.
  static func standing(_ s: ViewGoalShare) -> JSONValue {
    standing(goal: s.goal, evaluatedOn: s.evaluatedOn, staff: s.staff, atLevel: s.atLevel)
  }

  /// Hours `{"total", "byArea"}`: every strategy area in the contract's order, and the sum.
  static func hours(_ byArea: [StrategyArea: Double]) -> JSONValue {
    let list = StrategyArea.allCases.map { area -> JSONValue in
      ["area": .string(area.rawValue), "hours": .number(byArea[area] ?? 0)]
    }
    return [
      "total": .number(StrategyArea.allCases.reduce(0) { $0 + (byArea[$1] ?? 0) }), "byArea": .array(list),
    ]
  }

  /// `{"from", "to"}`: the period `hoursThisYear` covers.
  static func period(from: CivilDate, to: CivilDate) -> JSONValue {
    ["from": date(from), "to": date(to)]
  }

  /// One gap row.
  static func gap(_ r: GapRow, _ tree: ViewTree, _ names: ViewNames) -> JSONValue {
    [
      "person": person(r.personID, names), "unit": unit(r.unitID, tree), "role": .string(r.role.rawValue),
      "level": number(r.level), "goal": .string(r.goalID), "goalLevel": number(r.goalLevel),
      "gap": number(r.gap),
    ]
  }

  /// An examiner role.
  static func examiner(_ r: ExaminerRole, _ tree: ViewTree, _ names: ViewNames) -> JSONValue {
    [
      "person": person(r.personID, names), "unit": unit(r.unitID, tree), "maxLevel": number(r.maxLevel),
      "since": date(r.since),
    ]
  }

  /// An open unit with a school form and no examiner: `{"unit", "board", "schoolForm", "staff"}`.
  static func examinerlessUnit(unit: JSONValue, board: JSONValue, schoolForm: SchoolForm?, staff: Int)
    -> JSONValue
  {
    ["unit": unit, "board": board, "schoolForm": optional(schoolForm?.rawValue), "staff": number(staff)]
  }
}
