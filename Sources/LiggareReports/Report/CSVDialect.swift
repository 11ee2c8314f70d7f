/// How a CSV report separates cells and writes decimals.
public enum CSVDialect: String, Sendable, Hashable, CaseIterable {
  /// `;` between cells and a decimal comma: what Excel with Swedish settings opens directly.
  case swedish
  /// `,` between cells and a decimal point (RFC 4180 style), for other tools.
  case rfc

  /// The cell separator.
  var separator: Character { self == .swedish ? ";" : "," }
  /// The decimal mark in numbers.
  var decimalMark: Character { self == .swedish ? "," : "." }
}
