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

  /// The roles of the whole city, or, when `node` is given, of `node` and the nodes under it as the
  /// tree stood: then only those nodes' entries in `byNode` and `unitsWithout` (and `byUnit` of
  /// the units under it) are meant to be read; they are the same as the whole city's.
  init(state: CityState, tree: ViewTree, node: String? = nil) {
    let byUnit = state.examinerRolesByUnit(under: node)
    var byNode: [String: [ExaminerRole]] = [:]
    for unit in byUnit.keys.sorted() {
      for node in tree.chain(unit) { byNode[node, default: []] += byUnit[unit] ?? [] }
    }
    var without: [String: [String]] = [:]
    for id in tree.subtree(node).sorted() {
      guard let node = tree.nodes[id], node.kind == .unit, node.isOpen, node.schoolForm != nil,
        (byUnit[id] ?? []).isEmpty
      else { continue }
      for ancestor in tree.chain(id) { without[ancestor, default: []].append(id) }
    }
    self.byUnit = byUnit
    self.byNode = byNode
    self.unitsWithout = without
  }
}
