import LiggareBasics
import LiggareDomain

/// Everything a unit or city view counts, gathered once per view: one census as of the date, the
/// censuses the goals' deadlines need, examiner roles per node, and the activity from 1 January of
/// the date's year through the date. Rows per node are then look-ups, never walks over all staff.
struct ViewFigures: Sendable {
  let state: CityState
  let tree: ViewTree
  let census: Census
  let examiners: ViewExaminers
  let goals: ViewGoals
  let activity: PeriodActivity
  /// 1 January of the as-of date's year.
  let yearStart: CivilDate

  /// The figures of `node` and the nodes under it (of every node when nil); with the state's index
  /// only the people who may count there are looked at.
  init(state: CityState, tree: ViewTree, goals: [GoalSnapshot], node: String? = nil) {
    self.state = state
    self.tree = tree
    census = Census(state, within: node)
    examiners = ViewExaminers(state: state, tree: tree, node: node)
    self.goals = ViewGoals(state: state, census: census, goals: goals, node: node)
    yearStart = CivilDate.startOfYear(state.asOf.year)
    activity = PeriodActivity(state, in: yearStart...state.asOf, within: node)
  }

  /// The figures of one node against `goals`.
  func row(_ id: String, goals list: [GoalSnapshot]) -> ViewNodeRow {
    ViewNodeRow(
      id: id, staff: census.staffIndexesByNode[id]?.count ?? 0, levels: census.levelDistribution(of: id),
      goals: list.map { goals.share($0, node: id) }, examiners: examiners.byNode[id]?.count ?? 0,
      unitsWithoutExaminer: examiners.unitsWithout[id] ?? [], hours: activity.byNode[id]?.totalHours ?? 0)
  }

  /// The children of `id` worth a row: open ones, and closed ones still counting staff or hours
  /// (possible after a backdated correction), in name order.
  func childRows(of id: String, goals list: [GoalSnapshot]) -> [ViewNodeRow] {
    (tree.children[id] ?? []).compactMap { child in
      let row = row(child, goals: list)
      let open = tree.nodes[child]?.isOpen ?? false
      return open || row.staff > 0 || row.hours > 0 || row.examiners > 0 ? row : nil
    }
  }

  /// The units without examiner among `ids`, in name order, as JSON (`{unit, board, schoolForm, staff}`).
  func examinerless(_ ids: [String]) -> [JSONValue] {
    tree.sortedByName(ids).map { id in
      ViewJSON.examinerlessUnit(
        unit: ViewJSON.unit(id, tree), board: tree.board(of: id).map { ViewJSON.unit($0, tree) } ?? .null,
        schoolForm: tree.nodes[id]?.schoolForm, staff: census.staffIndexesByNode[id]?.count ?? 0)
    }
  }
}
