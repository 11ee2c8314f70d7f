import LiggareBasics
import LiggareDomain

/// The pieces every view's JSON is built from, so the same thing has the same shape everywhere
/// (docs/json.md). Keys are English; contract vocabulary (roles, areas, kinds) keeps its spelling.
enum ViewJSON {
  /// The members every view starts with.
  static func header(view: String, state: CityState, knownAt: Timestamp?) -> [String: JSONValue] {
    [
      "view": .string(view), "asOf": date(state.asOf), "knownAtSeq": .number(Double(state.knownAtSeq)),
      "knownAt": knownAt.map { .string($0.description) } ?? .null,
    ]
  }

  static func date(_ d: CivilDate) -> JSONValue {
    .string(d.description)
  }

  static func number(_ n: Int) -> JSONValue {
    .number(Double(n))
  }

  /// `{"id", "name"}` for a node, name as it stood.
  static func unit(_ id: String, _ tree: ViewTree) -> JSONValue {
    ["id": .string(id), "name": tree.nodes[id].map { .string($0.name) } ?? .null]
  }

  /// `{"id", "name"}` for a person, name null when the register has none.
  static func person(_ id: String, _ names: ViewNames) -> JSONValue {
    ["id": .string(id), "name": names.name(id).map(JSONValue.string) ?? .null]
  }

  /// Staff per level, index = level 0–5.
  static func levels(_ counts: [Int]) -> JSONValue {
    .array(counts.map(number))
  }

  /// A goal's definition.
  static func goal(_ g: GoalSnapshot, _ tree: ViewTree) -> [String: JSONValue] {
    [
      "id": .string(g.id), "scope": unit(g.scopeID, tree), "minLevel": number(g.minLevel),
      "targetShare": .number(g.targetShare), "deadline": date(g.deadline), "setOn": date(g.setOn),
    ]
  }

  /// A goal's standing for one node, without the definition (kept beside it or in a parent).
  static func standing(_ s: ViewGoalShare) -> [String: JSONValue] {
    [
      "goal": .string(s.goal.id), "evaluatedOn": date(s.evaluatedOn), "staff": number(s.staff),
      "atLevel": number(s.atLevel), "share": .number(s.share), "met": .bool(s.isMet),
    ]
  }

  /// Hours by strategy area in the contract's order, every area present, and the total.
  static func hours(_ activity: NodeActivity?, from: CivilDate, to: CivilDate) -> JSONValue {
    let byArea = StrategyArea.allCases.map { area -> JSONValue in
      ["area": .string(area.rawValue), "hours": .number(activity?.courseHours[area] ?? 0)]
    }
    return [
      "from": date(from), "to": date(to), "total": .number(activity?.totalHours ?? 0),
      "byArea": .array(byArea),
    ]
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
}
