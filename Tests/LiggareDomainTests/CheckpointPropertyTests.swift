import LiggareBasics
import Testing

@testable import LiggareDomain

@Suite struct CheckpointPropertyTests {
  /// Replay from a stored checkpoint at any cut, then the rest of the log, answers every (D, K)
  /// exactly as the contract's full replay and as the incremental chronicle do.
  @Test(arguments: 1...8)
  func replayFromAnyCheckpointEqualsFullReplay(seed: UInt64) throws {
    let log = RandomLog.make(seed: seed &* 31, attempts: 2000)
    var rng = SplitMix64(state: seed)
    let cut = Int.random(in: 0...log.events.count, using: &rng)
    var prefix = Chronicle()
    for e in log.events[..<cut] { prefix.record(e) }
    let bytes = prefix.checkpointBytes()
    var restored = try bytes.withUnsafeBytes { try #require(Chronicle(checkpointBytes: $0)) }
    for e in log.events[cut...] { restored.record(e) }
    #expect(restored.lastSeq == log.chronicle.lastSeq)
    for _ in 0..<15 {
      let date = CivilDate(parsing: "2009-12-01")!.adding(days: Int.random(in: 0..<1700, using: &rng))
      let k = UInt64.random(in: 0...UInt64(log.events.count), using: &rng)
      let reference = FullReplay(log.events, asOf: date, knownAtSeq: k)
      let state = CityState(chronicle: restored, position: .endOf(date), knownAtSeq: k)
      let fromCheckpoint = FullReplay(reading: state)
      #expect(fromCheckpoint == reference, "seed \(seed), cut \(cut), \(date), known at \(k)")
      let incremental = CityState(chronicle: log.chronicle, position: .endOf(date), knownAtSeq: k)
      for person in ["p1", "p2", "p3", "p7", "p14"] {
        #expect(state.completions(of: person) == incremental.completions(of: person))
      }
      let range = CivilDate.startOfYear(date.year)...date
      #expect(
        PeriodActivity(state, in: range).hoursByPerson == PeriodActivity(incremental, in: range).hoursByPerson
      )
    }
    for e in log.events.suffix(5) {
      #expect(restored.seq(ofEvent: e.id) == log.chronicle.seq(ofEvent: e.id))
      #expect(restored.eventID(atSeq: e.seq) == e.id)
    }
  }

  @Test func aDamagedOrTruncatedCheckpointIsRefused() throws {
    let log = RandomLog.make(seed: 5, attempts: 500)
    let bytes = log.chronicle.checkpointBytes()
    for cut in [0, 1, 8, bytes.count / 3, bytes.count / 2, bytes.count - 1] {
      let truncated = Array(bytes[..<cut])
      #expect(truncated.withUnsafeBytes { Chronicle(checkpointBytes: $0) } == nil, "cut at \(cut)")
    }
    #expect((bytes + [0]).withUnsafeBytes { Chronicle(checkpointBytes: $0) } == nil)
  }
}
