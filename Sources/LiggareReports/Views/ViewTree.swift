import LiggareDomain

/// The organisation tree as it stood at the view's date, read once from `CityState.allUnits`:
/// `CityState.children(of:)` and `city` rescan every node on each call, which a view asking per row
/// cannot afford at city scale.
struct ViewTree: Sendable {
  /// Every node established by then, open or closed, by id.
  let nodes: [String: UnitSnapshot]
  /// Each node's children (open and closed), in Swedish name order.
  let children: [String: [String]]
  /// The city node, if established.
  let cityID: String?

  init(_ units: [UnitSnapshot]) {
    var nodes: [String: UnitSnapshot] = [:]
    var children: [String: [UnitSnapshot]] = [:]
    var cityID: String?
    for u in units {
      nodes[u.id] = u
      if let parent = u.parentID { children[parent, default: []].append(u) }
      if u.kind == .city, cityID == nil { cityID = u.id }
    }
    self.nodes = nodes
    self.children = children.mapValues { list in
      list.sorted { a, b in a.name != b.name ? ViewCollation.precedes(a.name, b.name) : a.id < b.id }.map(
        \.id)
    }
    self.cityID = cityID
  }

  /// The node and its ancestors, nearest first (the walk is bounded in case of a damaged tree).
  func chain(_ id: String) -> [String] {
    var result: [String] = []
    var current: String? = id
    while let c = current, let node = nodes[c], result.count <= nodes.count {
      result.append(c)
      current = node.parentID
    }
    return result
  }

  /// The node's name, or its id when unknown.
  func name(_ id: String) -> String {
    nodes[id]?.name ?? id
  }

  /// "Name (id)" for text, the name cut to fit `width` when needed.
  func label(_ id: String, width: Int = .max) -> String {
    nodes[id].map { ViewFormat.label(name: $0.name, id: id, width: width) } ?? id
  }

  /// The nearest board at or above `id`.
  func board(of id: String) -> String? {
    chain(id).first { nodes[$0]?.kind == .board }
  }

  /// Node ids in Swedish name order, then by id.
  func sortedByName(_ ids: [String]) -> [String] {
    ids.sorted { a, b in
      let (na, nb) = (name(a), name(b))
      return na != nb ? ViewCollation.precedes(na, nb) : a < b
    }
  }
}
