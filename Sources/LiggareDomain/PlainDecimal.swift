/// A number as people type it into a form or a command line: digits, optionally a minus first and
/// one decimal point or comma followed by digits, at most 15 significant digits (what an event's
/// number may have: `EventCodec.maxSignificantDigits`). No exponent, hex, sign `+`, spaces, `.5`,
/// NaN or infinity (issue 10, item 12: `1e2` typed for hours is not 100).
public enum PlainDecimal {
  /// The value of `text`, or nil when it is no plain decimal.
  public static func parse(_ text: String) -> Double? {
    let bytes = Array(text.utf8)
    func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    var i = 0
    var normal: [UInt8] = []
    if i < bytes.count && bytes[i] == UInt8(ascii: "-") {
      normal.append(bytes[i])
      i += 1
    }
    let integerStart = i
    while i < bytes.count && isDigit(bytes[i]) { i += 1 }
    guard i > integerStart else { return nil }
    normal += bytes[integerStart..<i]
    if i < bytes.count {
      guard bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ",") else { return nil }
      i += 1
      let start = i
      while i < bytes.count && isDigit(bytes[i]) { i += 1 }
      guard i > start, i == bytes.count else { return nil }
      normal.append(UInt8(ascii: "."))
      normal += bytes[start..<i]
    }
    let significant = normal.drop { !isDigit($0) || $0 == UInt8(ascii: "0") }.filter(isDigit).count
    guard significant <= EventCodec.maxSignificantDigits else { return nil }
    return Double(String(decoding: normal, as: UTF8.self))
  }
}
