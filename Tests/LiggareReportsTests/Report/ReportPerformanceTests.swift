import Foundation
import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareReports

/// City-scale timing (30,000 staff, 700 units), run on demand: `LIGGARE_PERF=1 swift test --filter Performance`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["LIGGARE_PERF"] == "1"))
struct ReportPerformanceTests {
  static func bigCity() -> Chronicle {
    var c = Chronicle()
    var seq: UInt64 = 0
    var clock = Timestamp(parsing: "2030-01-01T00:00:00Z")!
    func add(_ p: Payload, _ date: String) {
      seq += 1
      clock.microseconds += 1000
      c.record(
        Event(
          seq: seq, id: "e\(seq)", occurredOn: CivilDate(parsing: date)!, recordedAt: clock, actor: "t",
          payload: p))
    }
    add(
      .unitEstablished(unit: "stad", name: "Storstad", kind: .city, parent: nil, schoolForm: nil),
      "2005-01-01")
    for b in 0..<14 {
      add(
        .unitEstablished(unit: "n\(b)", name: "Nämnd \(b)", kind: .board, parent: "stad", schoolForm: nil),
        "2005-01-01")
    }
    for u in 0..<700 {
      add(
        .unitEstablished(
          unit: "u\(u)", name: "Enhet \(u)", kind: .unit, parent: "n\(u % 14)", schoolForm: .grundskola),
        "2005-01-01")
    }
    for a in 0..<5 {
      add(
        .courseDefined(course: "k\(a)", title: "Kurs", hours: 3, area: StrategyArea.allCases[a]), "2005-01-01"
      )
    }
    for u in 0..<700 {
      add(.personRegistered(person: "x\(u)"), "2005-01-01")
      add(.examinerAppointed(person: "x\(u)", unit: "u\(u)", maxLevel: 5), "2006-01-01")
    }
    for p in 0..<30_000 {
      add(.personRegistered(person: "p\(p)"), "2005-01-01")
      add(.staffAssigned(person: "p\(p)", unit: "u\(p % 700)", role: .lärare), "2005-01-01")
    }
    for year in 2006...2012 {
      for p in 0..<30_000 {
        let month = 1 + (p % 12)
        let date = "\(year)-\(month < 10 ? "0" : "")\(month)-15"
        add(.courseCompleted(person: "p\(p)", course: "k\(p % 5)", hours: nil), date)
        add(.courseCompleted(person: "p\(p)", course: "k\((p + year) % 5)", hours: nil), date)
        if (p + year) % 3 == 0 {
          add(.pimLevelAttained(person: "p\(p)", level: min(5, year - 2005), examiner: "x\(p % 700)"), date)
        }
      }
    }
    return c
  }

  @Test func cityScaleReportIsFast() throws {
    let chronicle = ReportPerformanceTests.bigCity()
    let knownAt = chronicle.latestRecordedAt!
    let head = LogHeadInfo(seq: chronicle.lastSeq, hash: "h")
    let clock = ContinuousClock()
    let census = clock.measure {
      _ = Census(
        CityState(chronicle: chronicle, position: .endOf(CivilDate.endOfYear(2012)), knownAtSeq: head.seq))
    }
    var report: AnnualReport?
    let build = try clock.measure {
      report = try AnnualReport(
        chronicle: chronicle, request: ReportRequest(year: 2012, knownAt: knownAt, format: .html), head: head)
    }
    var sizes: [Int] = []
    let render = clock.measure {
      for format in ReportFormat.allCases {
        let r = try! AnnualReport(
          chronicle: chronicle, request: ReportRequest(year: 2012, knownAt: knownAt, format: format),
          head: head)
        sizes.append(r.rendered().count)
      }
    }
    print(
      "events \(chronicle.eventCount), one census \(census), report \(build), 4 formats (incl. builds) \(render)"
    )
    print("sizes \(sizes), units \(report?.units.count ?? 0)")
    #expect(report?.root.staff == 30_000)
  }
}
