/// The output formats of the annual report (`--format`).
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
  /// One self-contained HTML file with inline CSS and SVG charts.
  case html
  /// Markdown with pipe tables, for pasting into document templates.
  case md
  /// A sectioned CSV file for spreadsheets.
  case csv
  /// Sorted-key JSON for other programs (described in docs/report-json.md).
  case json
}
