/// An aligned plain-text table for the terminal: the renderer every text view shares.
///
/// Columns are as wide as their widest cell, separated by two spaces. When the table would exceed
/// `maxWidth` (the terminal's width, `terminalWidth`), the widest truncatable column (names, never
/// numbers) gives up one column at a time, and cut cells end in "…". When the names are cut as far
/// as they go (8 characters) and the table is still too wide, its lines are left wider than the
/// terminal (which wraps them): a number is never cut. Widths count `Character`s, which is right for
/// the Latin names the city uses; no line ever ends in spaces.
public struct TextTable: Sendable, Hashable {
  /// Where a cell sits in its column.
  public enum Alignment: Sendable, Hashable {
    case left
    case right
  }

  /// One column: its heading, alignment and whether its cells may be cut to fit.
  public struct Column: Sendable, Hashable {
    public var title: String
    public var alignment: Alignment
    public var truncatable: Bool

    /// Creates a column; numbers should be `.right` and not truncatable.
    public init(_ title: String, _ alignment: Alignment = .left, truncatable: Bool = false) {
      self.title = title
      self.alignment = alignment
      self.truncatable = truncatable
    }
  }

  /// The width views fit in when nothing else is known (not a terminal, no `COLUMNS`).
  public static let defaultWidth = 100

  /// The width of the terminal the views are written to; the CLI sets it for the duration of a
  /// command (`COLUMNS`, then the terminal's own size), everything else gets `defaultWidth`.
  @TaskLocal public static var terminalWidth: Int = defaultWidth

  /// The width every view fits in: the terminal's.
  public static var standardWidth: Int { terminalWidth }
  /// The narrowest a truncatable column is cut to (unless its content is narrower).
  static let minimumTruncatedWidth = 8
  static let separator = "  "

  public var columns: [Column]
  /// The body rows; a row shorter than `columns` is padded with empty cells.
  public var rows: [[String]]
  /// Rows after a rule below the body, such as totals.
  public var footer: [[String]]
  public var maxWidth: Int

  /// Creates a table.
  public init(
    columns: [Column], rows: [[String]] = [], footer: [[String]] = [], maxWidth: Int = TextTable.standardWidth
  ) {
    self.columns = columns
    self.rows = rows
    self.footer = footer
    self.maxWidth = maxWidth
  }

  /// Adds a body row.
  public mutating func append(_ row: [String]) {
    rows.append(row)
  }

  /// The column widths after fitting into `maxWidth` as far as truncation allows.
  public var widths: [Int] {
    var widths = columns.map(\.title.count)
    for row in rows + footer {
      for (i, cell) in row.prefix(columns.count).enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    let floors = widths.enumerated().map { i, w in
      columns[i].truncatable ? min(w, TextTable.minimumTruncatedWidth) : w
    }
    var total = widths.reduce(0, +) + TextTable.separator.count * max(columns.count - 1, 0)
    while total > maxWidth {
      // Cutting the widest first keeps the columns balanced, so no single name becomes unreadable.
      guard
        let i = widths.indices.filter({ widths[$0] > floors[$0] }).max(by: { widths[$0] < widths[$1] })
      else { break }
      widths[i] -= 1
      total -= 1
    }
    return widths
  }

  /// Heading, a rule, the body, and (if any) a rule and the footer.
  public var lines: [String] {
    let widths = self.widths
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (i, column) in columns.enumerated() {
        let cell = TextTable.truncated(i < cells.count ? cells[i] : "", to: widths[i])
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        parts.append(column.alignment == .left ? cell + pad : pad + cell)
      }
      return TextTable.trimmed(parts.joined(separator: TextTable.separator))
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: TextTable.separator)
    var result = [line(columns.map(\.title)), rule]
    result += rows.map(line)
    if !footer.isEmpty {
      result.append(rule)
      result += footer.map(line)
    }
    return result
  }

  /// The lines joined, each ending in a newline.
  public var text: String {
    lines.map { $0 + "\n" }.joined()
  }

  /// `text` cut to `width` characters, ending in "…" when cut.
  public static func truncated(_ text: String, to width: Int) -> String {
    guard text.count > width else { return text }
    guard width > 0 else { return "" }
    return String(text.prefix(width - 1)) + "…"
  }

  /// A free-standing line made fit, trailing spaces dropped. Prose (no run of two spaces) is wrapped
  /// at spaces onto more lines. A table row (columns are two spaces apart) is cut with "…" unless the
  /// part cut away holds a digit: a row that would lose a number (too wide even with its names cut)
  /// is kept whole and left to the terminal to wrap.
  public static func fit(_ line: String, width: Int = TextTable.standardWidth) -> String {
    let kept = trimmed(line)
    guard kept.count > width, width > 0 else { return kept }
    guard kept.contains(separator) else { return wrapped(kept, width: width) }
    let isRule = kept.allSatisfy { $0 == "-" || $0 == " " }
    if isRule || kept.dropFirst(width - 1).contains(where: \.isNumber) { return kept }
    return truncated(kept, to: width)
  }

  /// `text` broken at spaces into lines of at most `width` characters (a word longer than that
  /// stands alone on its line), joined with newlines.
  static func wrapped(_ text: String, width: Int) -> String {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      if current.isEmpty {
        current = String(word)
      } else if current.count + 1 + word.count <= width {
        current += " " + word
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines.joined(separator: "\n")
  }

  /// `line` without trailing spaces.
  static func trimmed(_ line: String) -> String {
    var trimmed = Substring(line)
    while trimmed.last == " " { trimmed.removeLast() }
    return String(trimmed)
  }
}
