public import LiggareBasics

extension AnnualReport {
  /// The Swedish summary, as paragraphs of plain text written from the figures.
  public var summary: [String] { ReportSummary.paragraphs(self) }

  /// The same figures answering `other`, which asks for the same year and scope as known at the same
  /// seq (`lastSeq(knownAt:)`): only what the renderers show of the request changes (the format,
  /// the dialect, the `knownAt` moment). A server computes the figures once and renders them for
  /// every such request.
  public func answering(_ other: ReportRequest) -> AnnualReport {
    var copy = self
    copy.request = other
    return copy
  }

  /// The report in the requested format and CSV dialect, ready to write to a file.
  public func rendered() -> [UInt8] {
    switch request.format {
    case .html: HTMLReportRenderer(report: self).render()
    case .md: MarkdownReportRenderer(report: self).render()
    case .csv: CSVReportRenderer(report: self, dialect: request.csvDialect).render()
    case .json: JSONReportRenderer(report: self).render()
    }
  }

  /// The report as a JSON value (what `--format json` writes), for callers that embed it.
  public var jsonValue: JSONValue { JSONReportRenderer(report: self).value }

  /// The parameters a report file was made with, read from its bytes (for `--verify`): the HTML
  /// `<meta name="liggare-report">`, the Markdown comment on line 1, the CSV "Rapport" section or
  /// the JSON fields. Nil when the bytes are not a Liggare report.
  public static func parameters(inReport bytes: [UInt8]) -> ReportRequest? {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    guard
      let text = String(validating: body.prefix(65_536), as: UTF8.self)
        ?? String(validating: body, as: UTF8.self)
    else { return nil }
    if text.hasPrefix("{") {
      // API version 1 only: a report of another version cannot be recomputed by this program.
      guard let json = try? JSONValue.parse(body), json["format"]?.stringValue == "json",
        json["apiVersion"]?.numberValue == Double(ViewJSON.apiVersion),
        let year = json["year"]?.numberValue, year == year.rounded(), abs(year) < 100_000,
        let knownAtText = json["knownAt"]?.stringValue, let knownAt = Timestamp(parsing: knownAtText)
      else { return nil }
      let scope: String?
      switch json["scope"] {
      case .object(let s)?:
        guard let id = s["id"]?.stringValue else { return nil }
        scope = id
      case .null?, nil: scope = nil
      default: return nil
      }
      return ReportRequest(year: Int(year), knownAt: knownAt, scope: scope, format: .json)
    }
    if text.hasPrefix("<!-- liggare-report ") {
      guard let end = text.firstRange(of: " -->") else { return nil }
      let line = text[text.index(text.startIndex, offsetBy: 20)..<end.lowerBound]
      return ReportRequest(encodedParameters: line).flatMap { $0.format == .md ? $0 : nil }
    }
    if text.hasPrefix("<!DOCTYPE html") {
      let marker = "<meta name=\"liggare-report\" content=\""
      guard let start = text.firstRange(of: marker),
        let end = text[start.upperBound...].firstIndex(of: "\"")
      else { return nil }
      let line = HTMLText.unescape(String(text[start.upperBound..<end]))
      return ReportRequest(encodedParameters: line).flatMap { $0.format == .html ? $0 : nil }
    }
    if text.hasPrefix("Rapport\r\n") {
      for line in text.split(separator: "\r\n", omittingEmptySubsequences: false).prefix(12) {
        for separator in [";", ","] where line.hasPrefix("parameters" + separator) {
          let request = ReportRequest(encodedParameters: line.dropFirst(("parameters" + separator).count))
          guard let request, request.format == .csv, String(request.csvDialect.separator) == separator else {
            return nil
          }
          return request
        }
      }
    }
    return nil
  }

  /// The offset of the first byte where `a` and `b` differ (the shorter length when one is a
  /// prefix of the other), or nil when they are identical: what `--verify` reports.
  public static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int? {
    for i in 0..<min(a.count, b.count) where a[i] != b[i] { return i }
    return a.count == b.count ? nil : min(a.count, b.count)
  }
}
