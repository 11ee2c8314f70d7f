import LiggareDomain

/// Examiner roles as they stood, gathered per node once (contract: an examiner role is held for one
/// unit; a board's or the city's examiners are those of the units under it).
struct ViewExaminers: Sendable {
  /// Roles by the unit they are held for (after following merges), in person id order.
  let byUnit: [String: [ExaminerRole]]
  /// Roles held for the node or any unit under it.
  let byNode: [String: [ExaminerRole]]
  /// Open units with a school form and no examiner, under each node (contract decision 2), by id.
  let unitsWithout: [String: [String]]

  init(state: CityState, tree: ViewTree) {
    let byUnit = state.examinerRolesByUnit
    var byNode: [String: [ExaminerRole]] = [:]
    for unit in byUnit.keys.sorted() {
      for node in tree.chain(unit) { byNode[node, default: []] += byUnit[unit] ?? [] }
    }
    var without: [String: [String]] = [:]
    for (id, node) in tree.nodes.sorted(by: { $0.key < $1.key })
    where node.kind == .unit && node.isOpen && node.schoolForm != nil && (byUnit[id] ?? []).isEmpty {
      for ancestor in tree.chain(id) { without[ancestor, default: []].append(id) }
    }
    self.byUnit = byUnit
    self.byNode = byNode
    self.unitsWithout = without
  }
}
