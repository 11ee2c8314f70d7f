import LiggareBasics

/// Escaping for HTML text and attribute values.
enum HTMLText {
  /// `text` escaped for element content and quoted attributes (see `HTMLEscaping`).
  static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }

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
