/// The person register's names as the lead passes them (person id → name, possibly empty):
/// names are erasable and never in the log, so every view falls back to the key.
struct ViewNames: Sendable {
  let names: [String: String]

  /// The registered name, or nil when there is none (absent, erased or blank).
  func name(_ id: String) -> String? {
    guard let n = names[id], !n.allSatisfy(\.isWhitespace) else { return nil }
    return n
  }

  /// The name, or the key when there is none.
  func display(_ id: String) -> String {
    name(id) ?? id
  }

  /// "Name (key)", or the key alone when there is no name; the name cut to fit `width` when needed.
  func labeled(_ id: String, width: Int = .max) -> String {
    name(id).map { ViewFormat.label(name: $0, id: id, width: width) } ?? id
  }
}
