import LiggareBasics
import Testing

@testable import LiggareDomain

/// Replay folds with the ids on another thread and resolves retractions at the end; that must
/// give the same chronicle as folding one event at a time.
@Suite struct DetachedFoldTests {
  static func foldDetached(_ events: ArraySlice<Event>, onto start: Chronicle) -> Chronicle {
    var chronicle = start
    var ids = chronicle.detachEventIDs()
    for e in events {
      ids.appendWithoutIndexing(e.id)
      chronicle.recordDetached(e)
    }
    chronicle.attachEventIDs(ids)
    return chronicle
  }

  static func expectSame(_ a: Chronicle, _ b: Chronicle, events: [Event], seed: UInt64) {
    #expect(a.lastSeq == b.lastSeq)
    for e in events {
      #expect(a.retraction(ofSeq: e.seq) == b.retraction(ofSeq: e.seq), "seed \(seed), seq \(e.seq)")
      #expect(a.seq(ofEvent: e.id) == b.seq(ofEvent: e.id), "seed \(seed), id \(e.id)")
      #expect(a.eventType(atSeq: e.seq) == b.eventType(atSeq: e.seq))
    }
    #expect(a.seq(ofEvent: "finns-inte") == nil)
    var rng = SplitMix64(state: seed)
    for _ in 0..<10 {
      let date = CivilDate(parsing: "2009-12-01")!.adding(days: Int.random(in: 0..<1700, using: &rng))
      let k = UInt64.random(in: 0...a.lastSeq, using: &rng)
      let x = FullReplay(reading: CityState(chronicle: a, position: .endOf(date), knownAtSeq: k))
      let y = FullReplay(reading: CityState(chronicle: b, position: .endOf(date), knownAtSeq: k))
      #expect(x == y, "seed \(seed), \(date), known at \(k)")
    }
  }

  @Test(arguments: 1...6)
  func detachedFoldEqualsFoldingOneByOne(seed: UInt64) {
    let log = RandomLog.make(seed: seed &* 7, attempts: 2500)
    #expect(log.events.contains { $0.payload.type == .eventRetracted })
    var rng = SplitMix64(state: seed)
    let cut = Int.random(in: 0...log.events.count, using: &rng)
    var prefix = Chronicle()
    for e in log.events[..<cut] { prefix.record(e) }
    let detached = DetachedFoldTests.foldDetached(log.events[cut...], onto: prefix)
    DetachedFoldTests.expectSame(detached, log.chronicle, events: log.events, seed: seed)
    var indexed = detached
    indexed.indexEventIDs()
    DetachedFoldTests.expectSame(indexed, log.chronicle, events: log.events, seed: seed)
  }

  /// Retractions of retractions, repeated retractions, unknown targets and an id reused after its
  /// event was retracted, folded without the rulebook (the fold is lenient).
  @Test func awkwardRetractionsResolveAsInOrder() {
    let day = CivilDate(parsing: "2015-05-05")!
    var events: [Event] = []
    func add(_ id: String, _ payload: Payload) {
      let seq = UInt64(events.count + 1)
      events.append(
        Event(
          seq: seq, id: id, occurredOn: day, recordedAt: Timestamp(seconds: Int64(seq)), actor: "t",
          payload: payload))
    }
    add("u", .unitEstablished(unit: "stad", name: "S", kind: .city, parent: nil, schoolForm: nil))
    add("a", .personRegistered(person: "p1"))
    add("b", .pimLevelAttained(person: "p1", level: 2, examiner: "p2"))
    add("r1", .eventRetracted(event: "b", reason: "fel"))
    add("r2", .eventRetracted(event: "b", reason: "igen"))
    add("r3", .eventRetracted(event: "r1", reason: "ångra"))
    add("b", .pimLevelAttained(person: "p1", level: 3, examiner: "p2"))
    add("r4", .eventRetracted(event: "b", reason: "återanvänt id"))
    add("r5", .eventRetracted(event: "saknas", reason: "okänt"))
    add("r6", .eventRetracted(event: "r7", reason: "framtida"))
    add("r7", .eventRetracted(event: "a", reason: "sist"))
    var oneByOne = Chronicle()
    for e in events { oneByOne.record(e) }
    for cut in 0...events.count {
      var prefix = Chronicle()
      for e in events[..<cut] { prefix.record(e) }
      let detached = DetachedFoldTests.foldDetached(events[cut...], onto: prefix)
      DetachedFoldTests.expectSame(detached, oneByOne, events: events, seed: UInt64(cut))
    }
    #expect(oneByOne.retraction(ofSeq: 3) == 4)
    #expect(oneByOne.retraction(ofSeq: 2) == 11)
    #expect(oneByOne.retraction(ofSeq: 4) == nil, "a retraction cannot be retracted")
    #expect(oneByOne.retraction(ofSeq: 7) == nil, "the id names the first event, already retracted")
  }

  /// A checkpoint of a chronicle whose ids are only partly indexed still finds every id.
  @Test func partlyIndexedIdsSurviveACheckpoint() throws {
    let log = RandomLog.make(seed: 5, attempts: 1500)
    let half = log.events.count / 2
    var prefix = Chronicle()
    for e in log.events[..<half] { prefix.record(e) }
    let detached = DetachedFoldTests.foldDetached(log.events[half...], onto: prefix)
    let bytes = detached.checkpointBytes()
    let restored = try #require(bytes.withUnsafeBytes { Chronicle(checkpointBytes: $0) })
    for e in log.events { #expect(restored.seq(ofEvent: e.id) == log.chronicle.seq(ofEvent: e.id)) }
    let owner = OwnedBytes(bytes)
    let deferred = try #require(Chronicle(checkpointBytes: owner.bytes, keepingAlive: owner))
    for e in log.events.suffix(50) {
      #expect(deferred.seq(ofEvent: e.id) == log.chronicle.seq(ofEvent: e.id))
    }
  }
}
