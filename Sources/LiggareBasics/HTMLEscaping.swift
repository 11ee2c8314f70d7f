/// Escaping for HTML text and attribute values: the one implementation the report, the web pages
/// and the server's own error pages share.
public enum HTMLEscaping {
  /// `value` with `& < > " '` replaced by entities, and C0 controls other than tab, line feed and
  /// carriage return, DEL and the noncharacters U+FDD0–U+FDEF dropped (they are not allowed in
  /// HTML text); safe in element content and in double- or single-quoted attribute values.
  ///
  /// - Complexity: O(*n*) in the length of `value`.
  public static func escape(_ value: String) -> String {
    var out = ""
    out.reserveCapacity(value.utf8.count)
    for c in value.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n", "\r": out.unicodeScalars.append(c)
      default:
        if c.value < 0x20 || c.value == 0x7F || (0xFDD0...0xFDEF).contains(c.value) { continue }
        out.unicodeScalars.append(c)
      }
    }
    return out
  }
}
