import LiggareDomain

/// The organisation tree as it stood at the view's date, read once from `CityState.allUnits`:
/// `CityState.children(of:)` and `city` rescan every node on each call, which a view asking per row
/// cannot afford at city scale.
struct ViewTree: Sendable {
  /// The nodes and the walk up the tree, shared with the annual report.
  let org: OrgTree
  /// Each node's children (open and closed), in Swedish name order.
  let children: [String: [String]]
  /// The city node, if established.
  let cityID: String?

  /// Every node established by then, open or closed, by id.
  var nodes: [String: UnitSnapshot] { org.nodes }

  init(_ units: [UnitSnapshot]) {
    var children: [String: [UnitSnapshot]] = [:]
    var cityID: String?
    for u in units {
      if let parent = u.parentID { children[parent, default: []].append(u) }
      if u.kind == .city, cityID == nil { cityID = u.id }
    }
    org = OrgTree(units)
    // Each name's collation key once (not once per comparison): the same order as
    // `ViewCollation.precedes` on the names, then by id.
    self.children = children.mapValues { list in
      list.map { (key: ViewCollation.key($0.name), name: $0.name, id: $0.id) }
        .sorted { a, b in
          if a.key != b.key { return a.key < b.key }
          return a.name != b.name ? a.name < b.name : a.id < b.id
        }
        .map(\.id)
    }
    self.cityID = cityID
  }

  /// The tree of `state`, shared by every view of the same units as they stood
  /// (`CityState.sharedPerUnitTree`): building it reads every unit's history and sorts every
  /// node's children by collation key.
  static func of(_ state: CityState) -> ViewTree {
    state.sharedPerUnitTree("ViewTree") { ViewTree(state.allUnits) }
  }

  /// The ids of `root` and every node under it (of every node when nil), in no particular order.
  func subtree(_ root: String?) -> [String] {
    guard let root else { return Array(nodes.keys) }
    guard nodes[root] != nil else { return [] }
    var result = [root]
    var seen: Set = [root]
    var i = 0
    while i < result.count {
      for child in children[result[i]] ?? [] where seen.insert(child).inserted { result.append(child) }
      i += 1
    }
    return result
  }

  /// The node and its ancestors, nearest first.
  func chain(_ id: String) -> [String] {
    org.selfAndAncestors(id)
  }

  /// The node's name, or its id when unknown.
  func name(_ id: String) -> String {
    org.name(id)
  }

  /// "Name (id)" for text, the name cut to fit `width` when needed.
  func label(_ id: String, width: Int = .max) -> String {
    nodes[id].map { ViewFormat.label(name: $0.name, id: id, width: width) } ?? id
  }

  /// The nearest board at or above `id`.
  func board(of id: String) -> String? {
    org.board(of: id)?.id
  }

  /// Node ids in Swedish name order, then by id.
  func sortedByName(_ ids: [String]) -> [String] {
    ids.map { (key: ViewCollation.key(name($0)), name: name($0), id: $0) }
      .sorted { a, b in
        if a.key != b.key { return a.key < b.key }
        return a.name != b.name ? a.name < b.name : a.id < b.id
      }
      .map(\.id)
  }
}
