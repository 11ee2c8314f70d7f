import LiggareBasics
import Testing

@testable import LiggareDomain

/// Bytes at a fixed address for as long as the object lives, like a mapped file.
final class OwnedBytes: @unchecked Sendable {
  let bytes: UnsafeRawBufferPointer

  init(_ source: [UInt8]) {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(source.count, 1), alignment: 16)
    source.withUnsafeBytes { buffer.copyMemory(from: $0) }
    bytes = UnsafeRawBufferPointer(rebasing: buffer[..<source.count])
  }

  deinit {
    bytes.baseAddress.map { UnsafeMutableRawPointer(mutating: $0).deallocate() }
  }
}

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
    // Odd seeds copy everything; even seeds leave locators and ids in the bytes until needed.
    let owner = OwnedBytes(bytes)
    var restored = try #require(
      seed % 2 == 0
        ? Chronicle(checkpointBytes: owner.bytes, keepingAlive: owner)
        : bytes.withUnsafeBytes { Chronicle(checkpointBytes: $0) })
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
    let deferredCopy = try #require(Chronicle(checkpointBytes: owner.bytes, keepingAlive: owner))
    for e in log.events.prefix(cut).suffix(5) {
      #expect(deferredCopy.seq(ofEvent: e.id) == prefix.seq(ofEvent: e.id))
      #expect(deferredCopy.eventType(atSeq: e.seq) == prefix.eventType(atSeq: e.seq))
      #expect(deferredCopy.retraction(ofSeq: e.seq) == prefix.retraction(ofSeq: e.seq))
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

@Suite struct EarliestDateTests {
  /// The earliest valid date through any seq is the minimum over the events' own dates, from a
  /// chronicle folded here and from a checkpoint whose locators stay in the bytes (not copied).
  @Test(arguments: [3, 4]) func earliestOccurredOnIsTheMinimumOfTheEventsDates(seed: UInt64) throws {
    let log = RandomLog.make(seed: seed &* 7, attempts: 1500)
    let owner = OwnedBytes(log.chronicle.checkpointBytes())
    let deferred = try #require(Chronicle(checkpointBytes: owner.bytes, keepingAlive: owner))
    #expect(log.chronicle.earliestOccurredOn(throughSeq: 0) == nil)
    var rng = SplitMix64(state: seed)
    for _ in 0..<20 {
      let k = UInt64.random(in: 1...UInt64(log.events.count), using: &rng)
      let expected = log.events.prefix(Int(k)).map(\.occurredOn).min()
      #expect(log.chronicle.earliestOccurredOn(throughSeq: k) == expected, "k \(k)")
      #expect(deferred.earliestOccurredOn(throughSeq: k) == expected, "deferred, k \(k)")
    }
    #expect(deferred.earliestOccurredOn(throughSeq: .max) == log.events.map(\.occurredOn).min())
  }
}
