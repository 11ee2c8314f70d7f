/// Orders names the Swedish way (å, ä, ö after z, case ignored), then by the raw text, so lists
/// are both familiar to the reader and fully deterministic.
enum ViewCollation {
  /// The key names are compared by.
  static func key(_ text: String) -> String {
    var out = ""
    out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for c in text.lowercased().unicodeScalars {
      switch c {
      // The three characters after "z" in ASCII stand in for å, ä, ö in the Swedish order.
      case "å": out.unicodeScalars.append("{")
      case "ä", "æ": out.unicodeScalars.append("|")
      case "ö", "ø": out.unicodeScalars.append("}")
      case "é", "è", "ê", "ë": out.unicodeScalars.append("e")
      case "ü": out.unicodeScalars.append("y")
      case "á", "à": out.unicodeScalars.append("a")
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// Whether `a` comes before `b`.
  static func precedes(_ a: String, _ b: String) -> Bool {
    let (ka, kb) = (key(a), key(b))
    return ka != kb ? ka < kb : a < b
  }
}
