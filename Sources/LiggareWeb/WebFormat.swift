import LiggareBasics

/// Reading the views' JSON (docs/json.md) and writing numbers the Swedish way, with
/// `SwedishNumber`'s text style (the report's): no-break spaces between digit groups and before `%`.
///
/// The pages are drawn from the same JSON documents the API returns, so a page and the API can never
/// disagree about a figure.
enum WebFormat {
  static let nbsp = SwedishNumber.nbsp

  /// A whole number with digit groups ("30 124").
  static func integer(_ n: Int) -> String {
    SwedishNumber.integer(n, style: .text)
  }

  /// Hours with one decimal when needed ("12", "7,5"); "0" when they cannot be written.
  static func hours(_ h: Double) -> String {
    SwedishNumber.wholeOrTenths(h, style: .text, invalid: "0")
  }

  /// A share 0–1 as a whole percent ("60 %").
  static func percent(_ share: Double) -> String {
    SwedishNumber.percent(share, digits: 0, style: .text)
  }
}

extension JSONValue {
  /// The string member `key`, or "".
  func str(_ key: String) -> String { self[key]?.stringValue ?? "" }
  /// The string member `key`, or nil when absent or null.
  func optStr(_ key: String) -> String? { self[key]?.stringValue }
  /// The number member `key` as an integer, or 0.
  func int(_ key: String) -> Int {
    guard let n = self[key]?.numberValue, n.isFinite, abs(n) < 1e15 else { return 0 }
    return Int(n)
  }
  /// The number member `key`, or 0.
  func num(_ key: String) -> Double { self[key]?.numberValue ?? 0 }
  /// The array member `key`, or [].
  func list(_ key: String) -> [JSONValue] {
    if case .array(let items)? = self[key] { return items }
    return []
  }
  /// The member `key` unless it is null or absent.
  func obj(_ key: String) -> JSONValue? {
    guard let v = self[key], v != .null else { return nil }
    return v
  }
  /// True when the member `key` is `true`.
  func bool(_ key: String) -> Bool { self[key] == .bool(true) }
  /// The number array member `key` as integers.
  func ints(_ key: String) -> [Int] {
    list(key).map { v in v.numberValue.map { $0.isFinite && abs($0) < 1e15 ? Int($0) : 0 } ?? 0 }
  }
  /// A person or node reference's display: "Name (id)", or the id when there is no name.
  var label: String {
    let id = str("id")
    guard let name = optStr("name"), !name.isEmpty else { return id }
    return "\(name) (\(id))"
  }
  /// A reference's name, or its id.
  var nameOrID: String { optStr("name").flatMap { $0.isEmpty ? nil : $0 } ?? str("id") }
}
