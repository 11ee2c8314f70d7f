/// Escaping for HTML text and attribute values.
enum HTMLText {
  /// `text` with `& < > " '` replaced by entities, safe in element content and quoted attributes.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for c in text.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// Reverses `escape` (and the numeric forms), for reading parameters back out of a report.
  static func unescape(_ text: String) -> String {
    text.reportReplacing("&lt;", with: "<").reportReplacing("&gt;", with: ">")
      .reportReplacing("&quot;", with: "\"").reportReplacing("&#39;", with: "'")
      .reportReplacing("&amp;", with: "&")
  }
}

extension String {
  /// Every occurrence of `target` replaced by `replacement` (without Foundation).
  func reportReplacing(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var out = ""
    var rest = self[...]
    while let range = rest.firstRange(of: target) {
      out += rest[..<range.lowerBound]
      out += replacement
      rest = rest[range.upperBound...]
    }
    out += rest
    return out
  }
}
