import LiggareBasics
import Testing

@testable import LiggareReports

/// Every format of the fixture's 2012 report, byte for byte against the golden files.
@Suite struct ReportGoldenTests {
  static let cases: [(ReportFormat, CSVDialect, String)] = [
    (.html, .swedish, "annual-2012.html"), (.md, .swedish, "annual-2012.md"),
    (.csv, .swedish, "annual-2012-swedish.csv"), (.csv, .rfc, "annual-2012-rfc.csv"),
    (.json, .swedish, "annual-2012.json"),
  ]

  @Test(arguments: cases.indices)
  func matchesGoldenFile(index: Int) throws {
    let (format, dialect, name) = ReportGoldenTests.cases[index]
    let report = try ReportLogBuilder.city().report(format: format, dialect: dialect)
    try Golden.check(report.rendered(), name: name)
  }

  @Test func scopedMarkdownMatchesGoldenFile() throws {
    let report = try ReportLogBuilder.city().report(scope: "n-norr", format: .md)
    try Golden.check(report.rendered(), name: "annual-2012-n-norr.md")
  }
}
