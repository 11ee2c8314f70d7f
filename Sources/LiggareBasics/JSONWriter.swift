/// Writes JSON with sorted keys and minimal escapes: the log's canonical form.
///
/// The same value always yields the same bytes, which the hash chain and idempotency compare.
public enum JSONWriter {
  /// Appends `value`; compact when `indent` is 0, else indented by that many spaces per level.
  public static func write(_ value: JSONValue, to out: inout [UInt8], indent: Int = 0, level: Int = 0) {
    switch value {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .number(let n): writeNumber(n, to: &out)
    case .string(let s): writeString(s, to: &out)
    case .array(let elements):
      out.append(UInt8(ascii: "["))
      for (i, element) in elements.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        newline(&out, indent: indent, level: level + 1)
        write(element, to: &out, indent: indent, level: level + 1)
      }
      if !elements.isEmpty { newline(&out, indent: indent, level: level) }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      for (i, key) in keys.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        newline(&out, indent: indent, level: level + 1)
        writeString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        if indent > 0 { out.append(UInt8(ascii: " ")) }
        write(members[key]!, to: &out, indent: indent, level: level + 1)
      }
      if !keys.isEmpty { newline(&out, indent: indent, level: level) }
      out.append(UInt8(ascii: "}"))
    }
  }

  @inline(__always)
  static func newline(_ out: inout [UInt8], indent: Int, level: Int) {
    guard indent > 0 else { return }
    out.append(UInt8(ascii: "\n"))
    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
  }

  /// Appends a number: integral values without a fraction, others in Swift's shortest form.
  ///
  /// Non-finite values cannot be JSON; they are written as `null` so output always parses.
  public static func writeNumber(_ n: Double, to out: inout [UInt8]) {
    if !n.isFinite {
      out.append(contentsOf: "null".utf8)
    } else if n == n.rounded(), abs(n) < 9_007_199_254_740_992 {
      writeInteger(Int64(n), to: &out)
    } else {
      out.append(contentsOf: "\(n)".utf8)
    }
  }

  /// Appends the decimal digits of `v`, as `String(v)` writes them, without making a string.
  static func writeInteger(_ v: Int64, to out: inout [UInt8]) {
    if v < 0 { out.append(UInt8(ascii: "-")) }
    var m = v.magnitude  // Int64.min has no positive Int64
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var i = 20
      repeat {
        i -= 1
        digits[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: m % 10)
        m /= 10
      } while m > 0
      out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i...]))
    }
  }

  /// Appends a quoted string, escaping only `"`, `\` and control characters.
  public static func writeString(_ s: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var s = s
    s.withUTF8 { utf8 in
      // Most strings need no escape: copy them whole.
      if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
        out.append(contentsOf: utf8)
        return
      }
      for b in utf8 {
        switch b {
        case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0x00..<0x20:
          let hex: [UInt8] = Array("0123456789abcdef".utf8)
          out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
        default: out.append(b)
        }
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}
