import LiggareBasics

/// Small readers for JSON in the view tests (named apart from other test helpers in the target).
extension JSONValue {
  var viewsArray: [JSONValue] {
    if case .array(let a) = self { return a }
    return []
  }

  var viewsKeys: [String] {
    if case .object(let o) = self { return o.keys.sorted() }
    return []
  }

  var viewsInt: Int? {
    numberValue.map { Int($0) }
  }

  /// Every object key anywhere in the value.
  var viewsAllKeys: Set<String> {
    switch self {
    case .object(let o): o.reduce(into: Set(o.keys)) { $0.formUnion($1.value.viewsAllKeys) }
    case .array(let a): a.reduce(into: Set<String>()) { $0.formUnion($1.viewsAllKeys) }
    default: []
    }
  }
}
