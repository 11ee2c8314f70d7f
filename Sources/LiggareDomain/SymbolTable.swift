/// Interns the city's string ids as dense integers, so histories are plain arrays.
struct SymbolTable: Sendable {
  private(set) var names: [String] = []
  private var symbols: [String: Int32] = [:]

  var count: Int { names.count }

  func symbol(for name: String) -> Int32? {
    symbols[name]
  }

  mutating func intern(_ name: String) -> Int32 {
    if let existing = symbols[name] { return existing }
    let symbol = Int32(names.count)
    names.append(name)
    symbols[name] = symbol
    return symbol
  }

  func name(_ symbol: Int32) -> String {
    names[Int(symbol)]
  }
}
