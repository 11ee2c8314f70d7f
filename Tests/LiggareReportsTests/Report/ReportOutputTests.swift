import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareReports

/// Properties of the rendered files: reproducibility, escaping, CSV safety, embedded parameters.
@Suite struct ReportOutputTests {
  static let variants: [(ReportFormat, CSVDialect)] = [
    (.html, .swedish), (.md, .swedish), (.csv, .swedish), (.csv, .rfc), (.json, .swedish),
  ]

  @Test func sameKnownAtGivesTheSameBytesAfterMoreEvents() throws {
    var log = try ReportLogBuilder.city()
    let knownAt = log.clock
    let before = try ReportOutputTests.variants.map {
      try log.report(knownAt: knownAt, format: $0.0, dialect: $0.1)
    }
    // Later knowledge about 2012: a backdated level, a retraction, a course and a move.
    try log.append(.pimLevelAttained(person: "p9", level: 2, examiner: "p7"), on: "2012-11-15")
    try log.append(.eventRetracted(event: "kurs-p4", reason: "dubbelregistrerad"), on: "2013-02-01")
    try log.append(.courseCompleted(person: "p1", course: "kurs-b", hours: nil), on: "2012-12-10")
    try log.append(.staffAssigned(person: "p5", unit: "f-sol", role: .lärare), on: "2012-06-01")
    for (i, (format, dialect)) in ReportOutputTests.variants.enumerated() {
      let again = try log.report(knownAt: knownAt, format: format, dialect: dialect)
      #expect(again.rendered() == before[i].rendered(), "\(format) \(dialect)")
      // What is known now differs, so the same year as known now must not be the same file.
      let now = try log.report(format: format, dialect: dialect)
      #expect(now.rendered() != before[i].rendered(), "\(format) \(dialect)")
    }
    let now = try log.report()
    #expect(now.root.levelsAttained == [1, 3, 1, 0, 0])
    #expect(now.root.courseHours[.digitalKompetens] == 3)
  }

  @Test func hostileUnitNameIsEscapedInHTML() throws {
    var log = try ReportLogBuilder.city()
    let hostile = "<script>&\"'"
    try log.append(.unitRenamed(unit: "f-sol", name: hostile), on: "2012-05-01")
    let html = String(decoding: try log.report(format: .html).rendered(), as: UTF8.self)
    #expect(!html.contains("<script"))
    #expect(html.contains("&lt;script&gt;&amp;&quot;&#39;"))
    #expect(!html.contains("<scr"))
    let md = String(decoding: try log.report(format: .md).rendered(), as: UTF8.self)
    #expect(!md.contains("<script>"))
    #expect(md.contains("\\<script\\>\\&\"'"))
    let json = try JSONValue.parse(try log.report(format: .json).rendered())
    guard case .array(let units)? = json["units"] else {
      Issue.record("no units array")
      return
    }
    #expect(units.contains { $0["node"]?["name"]?.stringValue == hostile })
  }

  @Test func markdownEscapesPipesInCells() throws {
    var log = try ReportLogBuilder.city()
    try log.append(.unitRenamed(unit: "g-berg", name: "Berg | Dal"), on: "2012-05-01")
    let md = String(decoding: try log.report(format: .md).rendered(), as: UTF8.self)
    #expect(md.contains("| Berg \\| Dal |"))
  }

  @Test(arguments: [
    ("=SUM(A1)", "'=SUM(A1)"), ("+46", "'+46"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"),
    ("vanlig", "vanlig"), ("a;b", "\"a;b\""), ("sa \"hej\"", "\"sa \"\"hej\"\"\""),
    ("rad\nny", "\"rad\nny\""),
  ])
  func csvTextCellsAreNeutralisedAndQuoted(input: String, expected: String) {
    #expect(CSVReportRenderer.encode(.text(input), dialect: .swedish) == expected)
  }

  @Test func csvNumbersStayNumbers() {
    #expect(CSVReportRenderer.encode(.number("-3,5"), dialect: .swedish) == "-3,5")
    #expect(CSVReportRenderer.encode(.number("-3,5"), dialect: .rfc) == "\"-3,5\"")
  }

  @Test func csvNeutralisesHostileNamesInTheFile() throws {
    var log = try ReportLogBuilder.city()
    let names = [
      ("g-berg", "=HYPERLINK(\"http://x\")"), ("pim", "+1"), ("f-sol", "-2"), ("n-norr", "@x"),
      ("n-syd", "\tx"),
    ]
    for (unit, name) in names { try log.append(.unitRenamed(unit: unit, name: name), on: "2012-05-01") }
    for dialect in CSVDialect.allCases {
      let bytes = try log.report(format: .csv, dialect: dialect).rendered()
      #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
      let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
      let sep = String(dialect.separator)
      #expect(text.contains(sep + "\"'=HYPERLINK(\"\"http://x\"\")\"" + sep))
      for name in ["+1", "-2", "@x", "\tx"] {
        #expect(text.contains(sep + "'" + name + sep))
        #expect(!text.contains(sep + name + sep))
      }
      // Every line ends in CRLF: no bare LF outside quoted cells in this file.
      #expect(!text.reportReplacing("\r\n", with: "").contains("\n"))
    }
  }

  @Test func csvDialectsDifferInSeparatorAndDecimalMark() throws {
    let log = try ReportLogBuilder.city()
    let swedish = String(decoding: try log.report(format: .csv, dialect: .swedish).rendered(), as: UTF8.self)
    let rfc = String(decoding: try log.report(format: .csv, dialect: .rfc).rendered(), as: UTF8.self)
    // The city's share at level 3 or higher: 2 of 7 = 28.6 %.
    #expect(swedish.contains(";28,6;"))
    #expect(rfc.contains(",28.6,"))
  }

  @Test func parametersRoundTripForEveryFormat() throws {
    var log = try ReportLogBuilder.city()
    let oddID = "enhet ä;\"<x>-- ,&"
    try log.append(
      .unitEstablished(unit: oddID, name: "Udda", kind: .unit, parent: "n-syd", schoolForm: .gymnasieskola),
      on: "2012-01-01")
    for scope in [nil, "n-syd", oddID] {
      for (format, dialect) in ReportOutputTests.variants {
        let report = try log.report(scope: scope, format: format, dialect: dialect)
        let detected = AnnualReport.parameters(inReport: report.rendered())
        #expect(detected == report.request, "\(format) \(dialect) \(scope ?? "stad")")
      }
    }
    #expect(AnnualReport.parameters(inReport: Array("hej".utf8)) == nil)
    #expect(AnnualReport.parameters(inReport: Array("{\"a\":1}".utf8)) == nil)
  }

  /// A JSON report is read back only as API version 1, with `scope` a node reference.
  @Test func jsonParametersNeedApiVersionOne() throws {
    let log = try ReportLogBuilder.city()
    let report = try log.report(scope: "n-syd", format: .json)
    guard case .object(var members) = try JSONValue.parse(report.rendered()) else {
      Issue.record("the report is not an object")
      return
    }
    #expect(members["scope"] == ["id": "n-syd", "name": "Södra nämnden"])
    #expect(
      AnnualReport.parameters(inReport: Array(JSONValue.object(members).prettyText.utf8)) == report.request)
    for version: JSONValue? in [nil, 2, "1", 0] {
      members["apiVersion"] = version
      #expect(AnnualReport.parameters(inReport: Array(JSONValue.object(members).prettyText.utf8)) == nil)
    }
    members["apiVersion"] = 1
    members["scope"] = "n-syd"
    #expect(AnnualReport.parameters(inReport: Array(JSONValue.object(members).prettyText.utf8)) == nil)
  }

  @Test func encodedParametersSurviveAwkwardScopes() throws {
    let knownAt = try #require(Timestamp(parsing: "2013-02-15T22:59:59Z"))
    for scope in ["a b", "x%y", "å-->", "\"'<&>", "--"] {
      let request = ReportRequest(year: 2012, knownAt: knownAt, scope: scope, format: .csv, csvDialect: .rfc)
      let line = request.encodedParameters
      #expect(!line.contains("-->"))
      #expect(!line.contains("\""))
      #expect(ReportRequest(encodedParameters: line) == request)
    }
  }

  @Test func firstDifference() {
    #expect(AnnualReport.firstDifference([1, 2, 3], [1, 2, 3]) == nil)
    #expect(AnnualReport.firstDifference([1, 2, 3], [1, 9, 3]) == 1)
    #expect(AnnualReport.firstDifference([1, 2], [1, 2, 3]) == 2)
  }

  @Test func htmlIsSelfContained() throws {
    let html = String(decoding: try ReportLogBuilder.city().report(format: .html).rendered(), as: UTF8.self)
    #expect(!html.contains("<script"))
    #expect(
      !html.contains("http://")
        || html.occurrences(of: "http://") == html.occurrences(of: "http://www.w3.org/2000/svg")
    )
    #expect(!html.contains("https://"))
    #expect(html.occurrences(of: "role=\"img\"") == 3)
    #expect(html.contains("<th scope=\"col\""))
    #expect(html.contains("<caption>"))
    #expect(html.contains("@media print"))
  }
}

extension String {
  /// How often `needle` occurs.
  func occurrences(of needle: String) -> Int {
    var count = 0
    var rest = self[...]
    while let r = rest.firstRange(of: needle) {
      count += 1
      rest = rest[r.upperBound...]
    }
    return count
  }
}
