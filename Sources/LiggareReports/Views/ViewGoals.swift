import LiggareBasics
import LiggareDomain

/// Evaluates goals for any node, building one `Census` per distinct evaluation date: the view's own
/// census serves every goal whose deadline is not before the view's date.
struct ViewGoals: Sendable {
  let asOf: CivilDate
  private let censusByDate: [CivilDate: Census]

  /// Prepares the censuses `goals` need; `census` is the one for `state` itself.
  /// With `node`, the censuses cover that node and the nodes under it (see `Census(_:within:)`).
  init(state: CityState, census: Census, goals: [GoalSnapshot], node: String? = nil) {
    asOf = state.asOf
    var byDate = [state.asOf: census]
    for goal in goals where goal.deadline < state.asOf && byDate[goal.deadline] == nil {
      byDate[goal.deadline] = Census(state.at(.endOf(goal.deadline)), within: node)
    }
    censusByDate = byDate
  }

  /// The goal's standing for `nodeID`.
  func share(_ goal: GoalSnapshot, node nodeID: String) -> ViewGoalShare {
    let date = min(goal.deadline, asOf)
    let (atLevel, staff) = censusByDate[date]?.share(of: nodeID, atLeast: goal.minLevel) ?? (0, 0)
    return ViewGoalShare(goal: goal, nodeID: nodeID, evaluatedOn: date, staff: staff, atLevel: atLevel)
  }

  /// The goals in force on the state's date (the latest `GoalSet` of each id), in id order: the
  /// state lists them in the order the log first named them.
  static func inForce(_ state: CityState) -> [GoalSnapshot] {
    state.goals.sorted { $0.id < $1.id }
  }

  /// The goals among `goals` that apply at `nodeID`: scoped to it or to a node above it.
  static func applying(_ goals: [GoalSnapshot], at nodeID: String, tree: ViewTree) -> [GoalSnapshot] {
    let chain = Set(tree.chain(nodeID))
    return goals.filter { chain.contains($0.scopeID) }
  }
}
