import LiggareBasics
import Testing

@testable import LiggareDomain

/// `PersonTimelines` give the placements and levels the chronicle gives, whatever the knowledge:
/// random logs with moves, merges, closures, people moving between units and retractions.
@Suite struct PersonTimelinesTests {
  // (Seed 1's log happens to have no one moving.)
  @Test(arguments: 2...9)
  func placementsAndLevelsEqualThePlainPath(seed: UInt64) throws {
    let log = RandomLog.make(seed: seed, attempts: 2500)
    var rng = SplitMix64(state: seed ^ 0x7157)
    let people = Int32(log.chronicle.personSymbols.count)
    #expect(people > 5)
    // People who worked at more than one unit, and placements retracted, in this log.
    let movers = log.chronicle.persons.filter { history in
      Set(
        history.placements.compactMap { v -> Int32? in
          if case .assigned(let unit, _) = v.value { return unit }
          return nil
        }
      ).count > 1
    }
    #expect(movers.count > 2, "seed \(seed): people should move between units")
    #expect(log.chronicle.persons.contains { $0.placements.contains { $0.retractedBy != .max } })
    for _ in 0..<12 {
      let k = UInt64.random(in: 0...UInt64(log.events.count), using: &rng)
      let date = CivilDate(parsing: "2009-12-01")!.adding(days: Int.random(in: 0..<1700, using: &rng))
      let plain = CityState(chronicle: log.chronicle, position: .endOf(date), knownAtSeq: k)
      let timed = plain.withPersonTimelines()
      #expect(timed.timelines != nil)
      for _ in 0..<20 {
        // Positions inside a day (a seq in the middle) as well as at its end.
        let d = CivilDate(parsing: "2009-12-01")!.adding(days: Int.random(in: 0..<1700, using: &rng))
        let seq =
          Bool.random(using: &rng) ? UInt64.max : UInt64.random(in: 0...UInt64(log.events.count), using: &rng)
        let position = Position(date: d, seq: seq)
        for p in 0..<people {
          let a = plain.placement(p, at: position)
          let b = timed.placement(p, at: position)
          #expect(
            a?.unit == b?.unit && a?.role == b?.role && a?.since == b?.since,
            "seed \(seed) p \(p) \(d) k \(k)")
          #expect(
            plain.at(position).level(p) == timed.at(position).level(p), "seed \(seed) p \(p) \(d) k \(k)")
        }
      }
      // What the report builds on them: the census and the year's activity.
      let year = CivilDate.startOfYear(date.year)...CivilDate.endOfYear(date.year)
      #expect(Census(plain).members == Census(timed).members)
      #expect(Census(plain).staffIndexesByNode == Census(timed).staffIndexesByNode)
      let pa = PeriodActivity(plain, in: year)
      let pb = PeriodActivity(timed, in: year)
      #expect(
        pa.byNode == pb.byNode && pa.unattributed == pb.unattributed && pa.hoursByPerson == pb.hoursByPerson)
    }
  }

  @Test func aStateWithOtherKnowledgeOrAFurtherChronicleReadsTheChronicle() throws {
    let log = RandomLog.make(seed: 5, attempts: 2500)
    let date = CivilDate(parsing: "2013-06-30")!
    let early = CityState(chronicle: log.chronicle, position: .endOf(date), knownAtSeq: 40)
      .withPersonTimelines()
    var later = early
    later.knownAtSeq = UInt64(log.events.count)
    let plain = CityState(
      chronicle: log.chronicle, position: .endOf(date), knownAtSeq: UInt64(log.events.count))
    #expect(early.timelines?.serves(later) == false)
    #expect(Census(later).members == Census(plain).members)
    var grown = log
    try grown.append(.personRegistered(person: "p-new"), on: "2013-01-01")
    try grown.append(.personRegistered(person: "p-newer"), on: "2013-01-02")
    var folded = later
    folded.chronicle = grown.chronicle
    folded.knownAtSeq = grown.chronicle.lastSeq
    #expect(early.timelines?.serves(folded) == false)
  }
}
