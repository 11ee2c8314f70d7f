import Foundation
import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareReports

/// A city of the real size (30 000 staff, 700 units), folded straight into a chronicle (the rulebook
/// is not what is measured), to keep every view far from O(staff × units).
/// City-scale run of every view, on demand: `LIGGARE_PERF=1 swift test --filter ViewsPerformance`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["LIGGARE_PERF"] == "1"))
struct ViewsPerformanceTests {
  static let city: Chronicle = {
    var chronicle = Chronicle()
    var seq: UInt64 = 0
    let recorded = Timestamp(parsing: "2030-01-01T00:00:00Z")!
    func add(_ payload: Payload, _ day: Int32) {
      seq += 1
      chronicle.record(
        Event(
          seq: seq, id: "e\(seq)", occurredOn: CivilDate(daysSinceEpoch: day), recordedAt: recorded,
          actor: "perf",
          payload: payload))
    }
    let start = CivilDate(parsing: "2010-01-01")!.daysSinceEpoch
    add(.unitEstablished(unit: "stad", name: "Staden", kind: .city, parent: nil, schoolForm: nil), start)
    for b in 0..<14 {
      add(
        .unitEstablished(unit: "n\(b)", name: "Nämnd \(b)", kind: .board, parent: "stad", schoolForm: nil),
        start)
    }
    for u in 0..<700 {
      add(
        .unitEstablished(
          unit: "u\(u)", name: "Enhet \(u)", kind: .unit, parent: "n\(u % 14)", schoolForm: .förskola),
        start)
    }
    add(.courseDefined(course: "k", title: "Kurs", hours: 3, area: .digitalKompetens), start)
    add(
      .goalSet(
        goal: "g1", scope: "stad", minLevel: 3, targetShare: 1, deadline: CivilDate(parsing: "2011-12-31")!),
      start)
    add(
      .goalSet(
        goal: "g2", scope: "n1", minLevel: 2, targetShare: 0.5, deadline: CivilDate(parsing: "2013-12-31")!),
      start)
    for p in 0..<30_000 {
      add(.personRegistered(person: "p\(p)"), start)
      add(.staffAssigned(person: "p\(p)", unit: "u\(p % 700)", role: .lärare), start)
    }
    for u in 0..<700 { add(.examinerAppointed(person: "p\(u)", unit: "u\(u)", maxLevel: 5), start + 1) }
    // Two years of levels and courses, in date order.
    for p in 0..<30_000 {
      let day = start + 400 + Int32(p % 700)
      add(.pimLevelAttained(person: "p\(p)", level: 1 + p % 5, examiner: "p\((p + 1) % 700)"), day)
      add(.courseCompleted(person: "p\(p)", course: "k", hours: nil), day)
    }
    return chronicle
  }()

  @Test func everyViewIsQuickAtCityScale() throws {
    let chronicle = ViewsPerformanceTests.city
    let state = CityState(
      chronicle: chronicle, position: .endOf(CivilDate(parsing: "2012-06-30")!), knownAtSeq: chronicle.lastSeq
    )
    let clock = ContinuousClock()
    var timings: [(String, Duration)] = []
    func time(_ name: String, _ body: () throws -> String) rethrows {
      var text = ""
      let d = try clock.measure { text = try body() }
      #expect(!text.isEmpty)
      timings.append((name, d))
    }
    time("city") { CityView(state: state, names: [:]).text }
    try time("unit stad") { try UnitView(state: state, unit: "stad", names: [:]).text }
    try time("unit n1") { try UnitView(state: state, unit: "n1", names: [:]).text }
    try time("unit u1") { try UnitView(state: state, unit: "u1", names: [:]).json.canonicalText }
    try time("gaps stad") { try GapList(state: state, unit: "stad", names: [:]).json.canonicalText }
    try time("person p1") { try PersonView(state: state, person: "p1", names: [:]).text }
    // Speed is judged by Scripts/bench, not by a time bound in a test; this prints for a look.
    print(timings.map { "\($0.0): \($0.1)" }.joined(separator: ", "))
  }
}
