public import LiggareBasics

/// The gap list as CSV for Swedish Excel: UTF-8 with a byte order mark, `;` between fields, CRLF
/// line ends, fields quoted when needed, and a cell that a spreadsheet would take for a formula
/// (starting with `= + - @`, a tab or a carriage return) prefixed with `'`.
public enum GapCSV {
  /// The CSV of a gap list's JSON (docs/json.md, "gaps").
  public static func bytes(_ gaps: JSONValue) -> [UInt8] {
    var out: [UInt8] = [0xEF, 0xBB, 0xBF]
    func line(_ cells: [String]) {
      out += Array(cells.map(field).joined(separator: ";").utf8)
      out += [13, 10]
    }
    line(["Person", "Namn", "Enhet", "Roll", "Nivå", "Mål", "Målnivå", "Lucka"])
    for r in gaps.list("gaps") {
      let person = r["person"] ?? .null
      line([
        person.str("id"), person.optStr("name") ?? "", (r["unit"] ?? .null).nameOrID, r.str("role"),
        "\(r.int("level"))",
        r.str("goal"), "\(r.int("goalLevel"))", "\(r.int("gap"))",
      ])
    }
    return out
  }

  /// One field, guarded and quoted.
  public static func field(_ raw: String) -> String {
    var value = raw
    if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
      value = "'" + value
    }
    guard value.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "," }) else {
      return value
    }
    return "\"" + value.replacingQuotes + "\""
  }
}

extension String {
  var replacingQuotes: String {
    var out = ""
    for c in self {
      if c == "\"" { out += "\"\"" } else { out.append(c) }
    }
    return out
  }
}
