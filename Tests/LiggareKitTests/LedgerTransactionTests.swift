import Foundation
import LiggareBasics
import LiggareDomain
import LiggareStorage
import Testing

@testable import LiggareKit

/// A ledger kept open (the server's): snapshots readers hold, transactions that are committed or
/// abandoned, appends by other processes folded in.
@Suite struct LedgerTransactionTests {
  static let clock = LedgerClock.fixed(Timestamp(parsing: "2026-01-15T10:00:00Z")!)

  static func completion(_ person: String, _ course: String = "k", id: String? = nil) -> EventDraft {
    EventDraft(
      id: id, occurredOn: CivilDate(parsing: "2012-03-01")!,
      payload: .courseCompleted(person: person, course: course, hours: nil))
  }

  /// A log with the base events of `LedgerTests`, and a reading ledger kept open on it.
  static func setUp() throws -> (dir: String, reader: Ledger) {
    let dir = LedgerTests.folder()
    LedgerTests.write(LedgerTests.base, to: dir + "/a.jsonl")
    do {
      let writer = try LedgerTests.open(dir)
      try writer.importEvents(from: dir + "/a.jsonl")
      writer.log.close()
    }
    let reader = try Ledger.open(directory: dir + "/log", access: .read, clock: clock, actor: "server")
    return (dir, reader)
  }

  @Test func anotherProcessesAppendIsFoldedInAndHeldSnapshotsStay() throws {
    let (dir, reader) = try Self.setUp()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let held = reader.snapshot
    #expect(try reader.refresh() == false)
    let writer = try LedgerTests.open(dir)
    try writer.append([Self.completion("p-1")])
    #expect(try reader.refresh())
    #expect(reader.snapshot.head == writer.log.head)
    #expect(reader.snapshot.chronicle.lastSeq == held.chronicle.lastSeq + 1)
    // The snapshot a reader held is unchanged.
    #expect(held.chronicle.lastSeq == 8)
    #expect(held.head.seq == 8)
    #expect(try reader.snapshot.recordHash(atSeq: 8) == held.head.hash)
  }

  @Test func aReadingLedgerWritesUnderTheLockAndWaitsNoLongerThanItsLimit() throws {
    let (dir, reader) = try Self.setUp()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let other = try LedgerTests.open(dir)
    try other.append([Self.completion("p-2")])
    reader.lockWait = 0.1
    #expect {
      try reader.append([Self.completion("p-1")])
    } throws: { error in
      guard case LedgerError.log(.locked) = error else { return false }
      return true
    }
    #expect(reader.snapshot.head.seq == 8)
    other.log.close()
    let outcome = try reader.append([Self.completion("p-1")])
    // The other process's event was folded in first; ours follows it.
    #expect(outcome.firstSeq == 10)
    #expect(reader.snapshot.head.seq == 10)
    #expect(reader.snapshot.chronicle.lastSeq == 10)
    let reopened = try Ledger.open(directory: dir + "/log", access: .read, clock: Self.clock)
    #expect(reopened.snapshot.head == reader.snapshot.head)
    #expect(reopened.chronicle.eventType(atSeq: 10) == .courseCompleted)
    // The lock was released after the commit.
    let again = try LedgerTests.open(dir)
    #expect(again.log.head.seq == 10)
  }

  @Test func anAbandonedTransactionLeavesNothingAndTheNextOneStartsClean() throws {
    let (dir, reader) = try Self.setUp()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let before = reader.snapshot.head
    var t = try reader.begin()
    try t.stage(Self.completion("p-1", id: "x1"))
    #expect(t.chronicle.lastSeq == 9)
    reader.abandon(t)
    #expect(reader.snapshot.head == before)
    #expect(reader.chronicle.seq(ofEvent: "x1") == nil)
    // A rejected batch: the second draft breaks a rule (unknown course), nothing appended.
    #expect(throws: LedgerError.self) {
      try reader.append([Self.completion("p-1", id: "x2"), Self.completion("p-1", "okänd", id: "x3")])
    }
    #expect(reader.snapshot.head == before)
    let dry = try reader.append([Self.completion("p-1", id: "x4")], dryRun: true)
    #expect(dry.appended == 1 && dry.dryRun)
    #expect(reader.snapshot.head == before)
    let outcome = try reader.append([Self.completion("p-1", id: "x5")])
    #expect(outcome.firstSeq == 9)
    #expect(reader.chronicle.seq(ofEvent: "x5") == 9)
    #expect(reader.chronicle.seq(ofEvent: "x2") == nil)
    #expect(reader.chronicle.seq(ofEvent: "x4") == nil)
    // The spare chronicle, caught up, gives the same as a fresh fold.
    let second = try reader.append([Self.completion("p-2", id: "x6")])
    #expect(second.firstSeq == 10)
    let fresh = try Ledger.open(
      directory: dir + "/log", access: .read, clock: Self.clock, useCheckpoints: false)
    let date = CivilDate(parsing: "2012-12-31")!
    #expect(
      fresh.state(asOf: date).completions(of: "p-2").count
        == reader.state(asOf: date).completions(of: "p-2").count)
    #expect(reader.chronicle.seq(ofEvent: "x6") == 10)
  }

  @Test func manyCommitsThroughOneLedgerEqualAFreshFold() throws {
    let (dir, reader) = try Self.setUp()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    reader.prepareSpare()
    // Each commit's spare is caught up with the previous commit's events (not the log); a
    // retraction of the event just committed and a two-event batch included.
    func on(_ day: Int, _ person: String, id: String) -> EventDraft {
      EventDraft(
        id: id, occurredOn: CivilDate(parsing: "2012-04-\(10 + day)")!,
        payload: .courseCompleted(person: person, course: "k", hours: nil))
    }
    for i in 0..<6 {
      let person = i % 2 == 0 ? "p-1" : "p-2"
      try reader.append([on(i, person, id: "m\(i)")])
      if i == 3 {
        try reader.append([
          EventDraft(
            id: "r3", occurredOn: CivilDate(parsing: "2012-03-02")!,
            payload: .eventRetracted(event: "m3", reason: "fel"))
        ])
      }
      if i == 4 {
        try reader.append([on(10, "p-1", id: "m4b"), on(10, "p-2", id: "m4c")])
      }
    }
    let fresh = try Ledger.open(
      directory: dir + "/log", access: .read, clock: Self.clock, useCheckpoints: false)
    #expect(fresh.snapshot.head == reader.snapshot.head)
    let date = CivilDate(parsing: "2012-12-31")!
    for person in ["p-1", "p-2"] {
      #expect(
        fresh.state(asOf: date).completions(of: person) == reader.state(asOf: date).completions(of: person))
    }
    for id in ["m0", "m3", "m4c", "m5", "r3"] {
      let seq = try #require(fresh.chronicle.seq(ofEvent: id))
      #expect(reader.chronicle.seq(ofEvent: id) == seq)
      #expect(reader.chronicle.retraction(ofSeq: seq) == fresh.chronicle.retraction(ofSeq: seq))
    }
    #expect(reader.chronicle.retraction(ofSeq: try #require(fresh.chronicle.seq(ofEvent: "m3"))) != nil)
  }

  @Test func smallStreamedImportsCatchTheSpareUpWithoutReadingTheLog() throws {
    let (dir, reader) = try Self.setUp()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    reader.prepareSpare()
    // A server's POST /api/v1/events: a small body imported (streamed into an open batch), again
    // and again. Each commit's events catch the spare up, not a read of the last segment from
    // its start (which made one logged event cost tens of ms at city scale).
    for i in 0..<4 {
      let line =
        #"{"id":"post-\#(i)","type":"CourseCompleted","occurredOn":"2012-05-0\#(i + 1)","#
        + #""data":{"person":"p-1","course":"k"}}"#
      let outcome = try reader.importEvents(bytes: Array(line.utf8), name: "")
      #expect(outcome.appended == 1)
    }
    #expect(reader.spareCaughtUpFromLog == 0)
    let fresh = try Ledger.open(
      directory: dir + "/log", access: .read, clock: Self.clock, useCheckpoints: false)
    let date = CivilDate(parsing: "2012-12-31")!
    #expect(fresh.snapshot.head == reader.snapshot.head)
    #expect(
      fresh.state(asOf: date).completions(of: "p-1") == reader.state(asOf: date).completions(of: "p-1"))
  }

  @Test func theRegisterReadAlongsideTheCheckpointIsTheOneReadOnFirstUse() throws {
    let (dir, reader) = try Self.setUp()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let alongside = try Ledger.open(
      directory: dir + "/log", access: .read, clock: Self.clock, readingRegisterAlongside: true)
    #expect(alongside.registerReadAlongside != nil)
    let names = try alongside.personRegister().names
    #expect(names == (try reader.personRegister().names) && names["p-1"] == "Åsa Öberg 👩‍🏫")
    #expect(alongside.registerReadAlongside == nil)
    // A register that cannot be read gives the same error as on first use, and no crash.
    let path = dir + "/log/personregister.json"
    try FileManager.default.removeItem(atPath: path)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    let broken = try Ledger.open(
      directory: dir + "/log", access: .read, clock: Self.clock, readingRegisterAlongside: true)
    let lazy = try Ledger.open(directory: dir + "/log", access: .read, clock: Self.clock)
    var alongsideError = ""
    var lazyError = ""
    do { _ = try broken.personRegister() } catch { alongsideError = "\(error)" }
    do { _ = try lazy.personRegister() } catch { lazyError = "\(error)" }
    #expect(!alongsideError.isEmpty && alongsideError == lazyError)
  }

  @Test func anExpectedHeadThatMovedIsRefused() throws {
    let (dir, reader) = try Self.setUp()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let old = reader.snapshot.head
    try reader.append([Self.completion("p-1")])
    #expect {
      try reader.importEvents(bytes: Array("".utf8), name: "body", expectingHead: old)
    } throws: { error in
      guard case LedgerError.headMoved(let expected, let actual) = error else { return false }
      return expected == old && actual.seq == 9
    }
    let body = LedgerTests.base.joined(separator: "\n")
    let outcome = try reader.importEvents(
      bytes: Array(body.utf8), name: "body", expectingHead: reader.snapshot.head)
    #expect(outcome.appended == 0 && outcome.alreadyPresent == 8)
  }
}
