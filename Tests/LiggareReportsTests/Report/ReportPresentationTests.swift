import Foundation
import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareReports

/// Issue 13 items 7–11: what the annual report shows a reader, on screen, in print and to a screen
/// reader.
@Suite struct ReportPresentationTests {
  static func html(_ log: ReportLogBuilder, scope: String? = nil) throws -> String {
    String(decoding: try log.report(scope: scope, format: .html).rendered(), as: UTF8.self)
  }

  /// The fixture with a board whose name is far wider than the chart's label column.
  static func longNames() throws -> ReportLogBuilder {
    var log = try ReportLogBuilder.city()
    try log.append(
      .unitRenamed(unit: "n-norr", name: "Björkhöjdens stadsdelsnämnd för förskola och skola"),
      on: "2012-01-05")
    return log
  }

  static func matches(_ pattern: String, in text: String) -> [[String]] {
    guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
    let ns = text as NSString
    return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
      (0..<m.numberOfRanges).map {
        m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0))
      }
    }
  }

  @Test func chartLabelsAreNeverClippedLeftOrRight() throws {
    let html = try Self.html(Self.longNames())
    let svgs = Self.matches(#"<svg class="chart" viewBox="0 0 (\d+) \d+"[^>]*>(.*?)</svg>"#, in: html)
    #expect(svgs.count == 3)
    for svg in svgs {
      let width = Double(svg[1]) ?? 0
      let texts = Self.matches(
        #"<text x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)" font-size="(\d+)" fill="[^"]*"( font-weight="600")?>([^<]*)</text>"#,
        in: svg[2])
      #expect(!texts.isEmpty)
      for t in texts {
        let x = Double(t[1]) ?? 0
        let content = HTMLText.unescape(t[5])
        let w = ChartText.width(content, size: Double(t[3]) ?? 0, bold: !t[4].isEmpty)
        switch t[2] {
        case "end": #expect(x - w >= 0, "\(content) is clipped on the left (x \(x), width \(w))")
        case "start":
          #expect(x + w <= width, "\(content) is clipped on the right (x \(x), width \(w) of \(width))")
        default: #expect(x - w / 2 >= 0 && x + w / 2 <= width, "\(content)")
        }
      }
    }
    #expect(html.contains("Björkhöjdens stadsdelsnämnd"), "the table keeps the whole name")
  }

  @Test func labelsAreShortenedByWidthNotCount() {
    let narrow = String(repeating: "i", count: 40)
    let wide = String(repeating: "W", count: 40)
    #expect(ChartText.fitted(narrow, maxWidth: 158, size: 13) == narrow)
    let cut = ChartText.fitted(wide, maxWidth: 158, size: 13)
    #expect(cut.hasSuffix("…"))
    #expect(ChartText.width(cut, size: 13) <= 158)
    #expect(ChartText.regular.count == ChartText.covered.count)
    #expect(ChartText.bold.count == ChartText.covered.count)
  }

  /// WCAG relative luminance of "#rrggbb".
  static func luminance(_ hex: String) -> Double {
    let v = Int(hex.dropFirst(), radix: 16) ?? 0
    func channel(_ c: Int) -> Double {
      let s = Double(c) / 255
      return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * channel(v >> 16 & 255) + 0.7152 * channel(v >> 8 & 255) + 0.0722 * channel(v & 255)
  }

  static func contrast(_ a: String, _ b: String) -> Double {
    let (x, y) = (luminance(a), luminance(b))
    return (max(x, y) + 0.05) / (min(x, y) + 0.05)
  }

  @Test func chartTextHasContrastOfAtLeastFourAndAHalf() {
    for level in 0...5 {
      let ratio = Self.contrast(ReportCharts.levelFills[level], ReportCharts.levelText[level])
      #expect(ratio >= 4.5, "level \(level): \(ratio)")
    }
    // Level 0 is hatched with a darker stripe; its text must read on the stripe too.
    #expect(Self.contrast("#b8c0cc", ReportCharts.levelText[0]) >= 4.5)
    #expect(Self.contrast("#5b6672", "#ffffff") >= 4.5)
  }

  @Test func tablesAreReachableAndHeadedHonestly() throws {
    let html = try Self.html(ReportLogBuilder.city())
    let wraps = Self.matches(#"<div class="table-wrap"([^>]*)>"#, in: html)
    #expect(!wraps.isEmpty)
    for w in wraps {
      #expect(
        w[1].contains(#"tabindex="0""#) && w[1].contains(#"role="region""#) && w[1].contains("aria-label=\""))
    }
    #expect(!html.contains("<th scope=\"col\"></th>"), "an empty column header")
    #expect(!html.contains("<th scope=\"col\" class=\"num\"></th>"), "an empty column header")
    for text in ["Omfattning", "Nämnd", "Skolform", "Status", "Bedömt"] {
      #expect(
        !html.contains("<th scope=\"col\" class=\"num\">\(text)</th>"), "\(text) is not a number column")
    }
    #expect(html.contains("<th scope=\"col\" class=\"num\">Personal</th>"))
    #expect(!html.contains("tr:first-child th"), "the first row of every table is set bold")
    // Only tables whose first row is the root above its parts mark a total.
    let goals = Self.matches(
      #"<section id="mal">(.*?)</section>"#, in: html.replacingOccurrences(of: "\n", with: " "))
    #expect(goals.count == 1)
    #expect(!(goals.first?[1].contains("class=\"total\"") ?? true))
    #expect(html.contains("<tr class=\"total\"><th scope=\"row\">Exempelstad</th>"))
  }

  @Test func printDoesNotStartEverySectionOnANewPage() throws {
    let css = HTMLReportRenderer.css
    #expect(!css.contains("break-before: page"))
    guard let print = css.range(of: "@media print") else {
      Issue.record("no print CSS")
      return
    }
    let rules = css[print.upperBound...]
    #expect(rules.contains("table { font-size: 7.5pt; }"))
    #expect(rules.contains("thead { display: table-header-group; }"))
    // The five key figures on one row, so page 1 is not left two-thirds empty.
    #expect(rules.contains(".cards { grid-template-columns: repeat(5, 1fr);"))
  }

  @Test func goalsKnownAtAndRoundingReadAsTheReaderSeesThem() throws {
    let html = try Self.html(ReportLogBuilder.city())
    #expect(html.contains("<th scope=\"row\">nivå 3 för 100\u{00A0}% senast 2013-12-31</th>"))
    #expect(!html.contains("<th scope=\"row\">mal-2013</th>"))
    // knownAt 2030-01-01T00:00:51Z is 01.00.51 in Stockholm (CET).
    #expect(html.contains("känd per 1 januari 2030 kl. 01.00.51."))
    #expect(!html.contains(" UTC"))
    #expect(html.contains("knownAt=2030-01-01T00:00:51Z"), "the machine value stays in the parameters")
    // 14,3 % → 28,6 % reads "från 14 % till 29 % (+15 procentenheter)": 29 − 14, not 14,3.
    #expect(html.contains("ökade från 14\u{00A0}% till 29\u{00A0}% (+15 procentenheter)"))
    #expect(html.contains("71 procentenheter från målet"))
  }

  @Test func swedishFormatsAgreeWithWhatIsShown() {
    typealias F = SwedishFormat
    let shown = F.sharesForText(before: 0.383, now: 0.3563)
    #expect(shown.before == "38\u{00A0}%")
    #expect(shown.now == "36\u{00A0}%")
    #expect(shown.points == "−2")
    let close = F.sharesForText(before: 0.412, now: 0.414)
    #expect(close.before == "41,2\u{00A0}%" && close.now == "41,4\u{00A0}%" && close.points == "+0,2")
    // 38,35 % is shown 38,4 % (half away from zero) and 36,64 % is 36,6 %: −1,8, not −1,7.
    #expect(F.signedPointsBetween(0.3664, 0.3835) == "−1,8")
    #expect(F.targetPercent(0.875) == "87,5\u{00A0}%")
    #expect(F.targetPercent(1) == "100\u{00A0}%")
  }

  @Test func csvParameterRowsAreSwedishAndTheMachineLineStays() throws {
    let csv = String(decoding: try ReportLogBuilder.city().report(format: .csv).rendered(), as: UTF8.self)
    #expect(csv.contains("\r\nparameters;year=2012 knownAt="))
    for row in ["år;2012", "känd per (UTC);2030-01-01T00:00:51Z", "loggens seq;", "referensnivå;3"] {
      #expect(csv.contains("\r\n" + row), "\(row)")
    }
    for english in ["\r\nyear;", "\r\nknownAt;", "\r\nlogSeq;", "\r\nasOf;"] {
      #expect(!csv.contains(english), "\(english)")
    }
    #expect(AnnualReport.parameters(inReport: Array(csv.utf8))?.year == 2012)
  }

  @Test func markdownAndHTMLShareTheirSectionLabels() throws {
    let log = try ReportLogBuilder.city()
    let md = String(decoding: try log.report(format: .md).rendered(), as: UTF8.self)
    let html = try Self.html(log)
    let mdHeadings = Self.matches(#"(?m)^## (.+)$"#, in: md).map { $0[1] }
    let htmlHeadings = Self.matches(#"<h2>([^<]+)</h2>"#, in: html).map { HTMLText.unescape($0[1]) }
    #expect(mdHeadings == htmlHeadings)
    #expect(mdHeadings.contains("Per nämnd och enhet"))
  }
}

/// Issue 13 item 11: `city` lists the goals the report lists (2 against 4 before).
@Suite struct CityGoalsTests {
  @Test func cityListsEveryGoalUnderTheCityAsTheReportDoes() throws {
    let log = try ReportLogBuilder.city()
    let state = CityState(
      chronicle: log.chronicle, position: .endOf(CivilDate(parsing: "2012-12-31")!),
      knownAtSeq: log.chronicle.lastSeq)
    let view = CityView(state: state, names: [:])
    let report = try log.report()
    #expect(report.goals.count == 2)
    for g in report.goals {
      #expect(view.text.contains(g.goal.id), "\(g.goal.id)")
      let evaluated = "\(g.status.atLevel) av \(g.status.staff)"
      #expect(view.text.contains(evaluated), "\(g.goal.id) over its own scope: \(evaluated)")
    }
    guard case .array(let goals)? = view.json["goals"], case .array(let below)? = view.json["goalsBelow"]
    else {
      Issue.record("no goals in the city JSON")
      return
    }
    #expect(goals.count + below.count == report.goals.count)
  }
}
