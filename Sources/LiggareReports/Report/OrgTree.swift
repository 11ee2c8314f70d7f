import LiggareDomain

/// The organisation tree as it stood at one position, resolved once from `CityState.allUnits` so
/// that walks up the tree are dictionary look-ups instead of repeated scans.
struct OrgTree: Sendable {
  /// Every node established by then, open or closed, by id.
  let nodes: [String: UnitSnapshot]

  init(_ units: [UnitSnapshot]) {
    var nodes: [String: UnitSnapshot] = [:]
    for u in units { nodes[u.id] = u }
    self.nodes = nodes
  }

  /// The node and its ancestors, nearest first (cycles cannot occur, but the walk is bounded).
  func selfAndAncestors(_ id: String) -> [String] {
    var result: [String] = []
    var current: String? = id
    while let c = current, let node = nodes[c], result.count <= nodes.count {
      result.append(c)
      current = node.parentID
    }
    return result
  }

  /// Whether `id` is `root` or lies under it.
  func isInSubtree(_ id: String, of root: String) -> Bool {
    selfAndAncestors(id).contains(root)
  }

  /// The nearest board at or above `id`.
  func board(of id: String) -> UnitSnapshot? {
    selfAndAncestors(id).lazy.compactMap { nodes[$0] }.first { $0.kind == .board }
  }

  /// The node's name, or its id when unknown.
  func name(_ id: String) -> String {
    nodes[id]?.name ?? id
  }
}
