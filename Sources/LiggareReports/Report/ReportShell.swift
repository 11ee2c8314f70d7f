/// Quoting for the shell command a report prints to reproduce itself.
enum ReportShell {
  /// `text` as one POSIX shell word: unchanged when it is plainly safe, otherwise single-quoted.
  static func quoted(_ text: String) -> String {
    let safe = text.unicodeScalars.allSatisfy { c in
      (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
        || "-_.:/".unicodeScalars.contains(c)
    }
    if safe, !text.isEmpty { return text }
    return "'" + text.reportReplacing("'", with: "'\\''") + "'"
  }
}
