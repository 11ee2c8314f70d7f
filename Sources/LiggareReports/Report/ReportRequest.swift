public import LiggareBasics

/// What a report is asked for: the parameters of `liggare report`, all of which every report embeds
/// so that `--verify` can recompute it.
public struct ReportRequest: Sendable, Hashable {
  /// The report year Y: the state at Y-12-31 beside Y-1-12-31, and what happened during Y.
  public let year: Int
  /// Recorded time: only events recorded at or before this instant count. It is also the
  /// generation time printed in the report (never the wall clock).
  public let knownAt: Timestamp
  /// The node the report covers (with everything under it); nil for the whole city.
  public let scope: String?
  /// The output format.
  public let format: ReportFormat
  /// The CSV dialect; always `.swedish` for the other formats, whose bytes it does not affect.
  public let csvDialect: CSVDialect

  /// Creates a request. An empty scope means the whole city; the dialect is kept only for CSV.
  public init(
    year: Int, knownAt: Timestamp, scope: String? = nil, format: ReportFormat,
    csvDialect: CSVDialect = .swedish
  ) {
    self.year = year
    self.knownAt = knownAt
    self.scope = (scope?.isEmpty ?? true) ? nil : scope
    self.format = format
    self.csvDialect = format == .csv ? csvDialect : .swedish
  }

  /// The parameters as one line of `key=value` pairs separated by spaces, values percent-encoded
  /// so that the line is safe inside an HTML attribute, an HTML comment and a CSV cell.
  public var encodedParameters: String {
    [
      ("year", String(year)), ("knownAt", knownAt.description), ("scope", scope ?? ""),
      ("format", format.rawValue), ("csvDialect", csvDialect.rawValue),
    ].map { "\($0.0)=\(ReportRequest.percentEncoded($0.1))" }.joined(separator: " ")
  }

  /// Reads a line written by `encodedParameters`; nil when anything is missing or malformed.
  public init?(encodedParameters line: some StringProtocol) {
    var values: [String: String] = [:]
    for pair in line.split(separator: " ", omittingEmptySubsequences: true) {
      guard let eq = pair.firstIndex(of: "="),
        let value = ReportRequest.percentDecoded(pair[pair.index(after: eq)...])
      else { return nil }
      values[String(pair[..<eq])] = value
    }
    guard let yearText = values["year"], let year = Int(yearText),
      let knownAtText = values["knownAt"], let knownAt = Timestamp(parsing: knownAtText),
      let formatText = values["format"], let format = ReportFormat(rawValue: formatText),
      let dialectText = values["csvDialect"], let dialect = CSVDialect(rawValue: dialectText),
      let scope = values["scope"]
    else { return nil }
    self.init(year: year, knownAt: knownAt, scope: scope, format: format, csvDialect: dialect)
  }

  static func isUnreserved(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
      UInt8(ascii: "~"), UInt8(ascii: ":"):
      true
    default: false
    }
  }

  static func percentEncoded(_ text: String) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    for b in text.utf8 {
      if isUnreserved(b) {
        out.append(b)
      } else {
        out.append(contentsOf: [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0xF)]])
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func percentDecoded(_ text: some StringProtocol) -> String? {
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    var i = 0
    func nibble(_ c: UInt8) -> UInt8? {
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
      case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
      case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
      default: nil
      }
    }
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "%") {
        guard i + 2 < bytes.count, let hi = nibble(bytes[i + 1]), let lo = nibble(bytes[i + 2]) else {
          return nil
        }
        out.append(hi << 4 | lo)
        i += 3
      } else {
        guard isUnreserved(bytes[i]) else { return nil }
        out.append(bytes[i])
        i += 1
      }
    }
    return String(validating: out, as: UTF8.self)
  }
}
