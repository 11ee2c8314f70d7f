import Foundation
import LiggareBasics
import LiggareStorage
import Testing

@testable import LiggareDomain
@testable import LiggareKit

@Suite struct CheckpointCacheTests {
  static let clock = LedgerClock.fixed(Timestamp(parsing: "2026-01-15T10:00:00Z")!)

  /// A log of about 1 300 events (enough for the cache to be written), appended in three batches.
  static func makeLog(in folder: String) throws -> Ledger {
    let ledger = try Ledger.open(
      directory: folder, access: .write(wait: false), createIfMissing: true, clock: clock, actor: "test")
    func day(_ s: String) -> CivilDate { CivilDate(parsing: s)! }
    var drafts: [EventDraft] = [
      EventDraft(
        occurredOn: day("2011-01-01"),
        payload: .unitEstablished(unit: "stad", name: "Staden", kind: .city, parent: nil, schoolForm: nil)),
      EventDraft(
        occurredOn: day("2011-01-01"),
        payload: .unitEstablished(unit: "n", name: "Nämnden", kind: .board, parent: "stad", schoolForm: nil)),
      EventDraft(
        occurredOn: day("2011-01-01"),
        payload: .unitEstablished(
          unit: "u", name: "Skolan", kind: .unit, parent: "n", schoolForm: .grundskola)),
      EventDraft(
        occurredOn: day("2011-01-01"),
        payload: .courseDefined(course: "k", title: "Kurs", hours: 3, area: .digitalKompetens)),
    ]
    for p in 0..<300 {
      drafts.append(EventDraft(occurredOn: day("2011-01-01"), payload: .personRegistered(person: "p\(p)")))
      drafts.append(
        EventDraft(
          occurredOn: day("2011-01-01"), payload: .staffAssigned(person: "p\(p)", unit: "u", role: .lärare)))
    }
    try ledger.append(drafts)
    for batch in 0..<2 {
      var completions: [EventDraft] = []
      for i in 0..<350 {
        completions.append(
          EventDraft(
            occurredOn: day("2012-01-01").adding(days: batch * 400 + i),
            payload: .courseCompleted(person: "p\(i % 300)", course: "k", hours: Double(i % 4 + 1))))
      }
      try ledger.append(completions)
    }
    ledger.saveCheckpoint()
    return ledger
  }

  static func answers(_ ledger: Ledger) -> [String] {
    ["2012-06-30", "2012-12-31", "2013-12-31"].map { d in
      let state = ledger.state(asOf: CivilDate(parsing: d)!)
      let activity = PeriodActivity(state, in: CivilDate.startOfYear(2012)...CivilDate.endOfYear(2013))
      return "\(Census(state).members.count) \(activity.byNode["u"]?.totalHours ?? -1)"
    }
  }

  @Test func theCacheIsUsedAndDeletingItChangesNoAnswer() throws {
    let folder = NSTemporaryDirectory() + "liggare-cache-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let writer = try Self.makeLog(in: folder)
    let expected = Self.answers(writer)
    writer.log.close()
    let cacheFile = folder + "/cache/chronicle.checkpoint"
    #expect(FileManager.default.fileExists(atPath: cacheFile))

    let cached = try Ledger.open(directory: folder, access: .read, clock: Self.clock)
    #expect(cached.startedFromCheckpoint == cached.chronicle.lastSeq)
    #expect(Self.answers(cached) == expected)

    try FileManager.default.removeItem(atPath: cacheFile)
    let rebuilt = try Ledger.open(directory: folder, access: .read, clock: Self.clock)
    #expect(rebuilt.startedFromCheckpoint == 0)
    #expect(FileManager.default.fileExists(atPath: cacheFile), "rebuilt on open")
    #expect(Self.answers(rebuilt) == expected)
  }

  @Test func aCorruptCacheIsIgnored() throws {
    let folder = NSTemporaryDirectory() + "liggare-cache-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let writer = try Self.makeLog(in: folder)
    let expected = Self.answers(writer)
    writer.log.close()
    let cacheFile = folder + "/cache/chronicle.checkpoint"
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: cacheFile)))
    bytes[bytes.count / 2] ^= 0x40
    try Data(bytes).write(to: URL(fileURLWithPath: cacheFile))
    let ledger = try Ledger.open(directory: folder, access: .read, clock: Self.clock)
    #expect(ledger.startedFromCheckpoint == 0)
    #expect(Self.answers(ledger) == expected)
  }

  @Test func aCacheFromAnotherLogIsIgnoredAndAStaleOneIsExtended() throws {
    let a = NSTemporaryDirectory() + "liggare-cache-a-" + UUID().uuidString
    let b = NSTemporaryDirectory() + "liggare-cache-b-" + UUID().uuidString
    defer {
      try? FileManager.default.removeItem(atPath: a)
      try? FileManager.default.removeItem(atPath: b)
    }
    let first = try Self.makeLog(in: a)
    first.log.close()
    // Log b has other content at the same seqs: a's cache must not be trusted there.
    let other = try Ledger.open(
      directory: b, access: .write(wait: false), createIfMissing: true, clock: Self.clock, actor: "x")
    var drafts: [EventDraft] = [
      EventDraft(
        occurredOn: CivilDate(parsing: "2011-01-01")!,
        payload: .unitEstablished(unit: "stad", name: "Annan stad", kind: .city, parent: nil, schoolForm: nil)
      )
    ]
    for p in 0..<1100 {
      drafts.append(
        EventDraft(occurredOn: CivilDate(parsing: "2011-01-02")!, payload: .personRegistered(person: "q\(p)"))
      )
    }
    try other.append(drafts)
    other.log.close()
    try? FileManager.default.removeItem(atPath: b + "/cache")
    try FileManager.default.copyItem(atPath: a + "/cache", toPath: b + "/cache")
    let reopened = try Ledger.open(directory: b, access: .read, clock: Self.clock)
    #expect(reopened.startedFromCheckpoint == 0)
    #expect(reopened.state(asOf: CivilDate(parsing: "2012-01-01")!).city?.name == "Annan stad")

    // A stale cache of the same log: used, then the newer events are folded on top.
    let writer = try Ledger.open(directory: a, access: .write(wait: false), clock: Self.clock, actor: "t")
    let cachedSeq = writer.startedFromCheckpoint
    #expect(cachedSeq == writer.chronicle.lastSeq)
    try writer.append([
      EventDraft(occurredOn: CivilDate(parsing: "2014-01-01")!, payload: .staffLeft(person: "p1"))
    ])
    writer.log.close()
    let extended = try Ledger.open(directory: a, access: .read, clock: Self.clock)
    #expect(extended.startedFromCheckpoint == cachedSeq)
    #expect(extended.chronicle.lastSeq == cachedSeq + 1)
    #expect(extended.state(asOf: CivilDate(parsing: "2014-06-01")!).placement(of: "p1") == nil)
  }

  /// A server's spare copy reads the locators and ids out of the checkpoint anyway: the snapshot
  /// then lets the mapped checkpoint go (it was resident beside both chronicles, the server's peak
  /// memory), and answers, appends and event look-ups are unchanged.
  @Test func theSpareLetsTheMappedCheckpointGo() throws {
    let folder = NSTemporaryDirectory() + "liggare-cache-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let writer = try Self.makeLog(in: folder)
    let expected = Self.answers(writer)
    writer.log.close()
    let ledger = try Ledger.open(directory: folder, access: .read, clock: Self.clock, actor: "t")
    #expect(ledger.startedFromCheckpoint == ledger.chronicle.lastSeq)
    #expect(ledger.snapshot.chronicle.deferredIndex != nil, "read from the checkpoint, ids left in it")
    let firstID = ledger.chronicle.eventID(atSeq: 1)
    ledger.prepareSpare()
    #expect(ledger.snapshot.chronicle.deferredIndex == nil)
    #expect(ledger.spare?.deferredIndex == nil)
    #expect(Self.answers(ledger) == expected)
    #expect(ledger.chronicle.eventID(atSeq: 1) == firstID)
    #expect(ledger.chronicle.seq(ofEvent: firstID) == 1)
    try ledger.append([
      EventDraft(
        occurredOn: CivilDate(parsing: "2013-06-01")!,
        payload: .courseCompleted(person: "p1", course: "k", hours: 2))
    ])
    #expect(ledger.chronicle.lastSeq == ledger.snapshot.head.seq)
    #expect(ledger.chronicle.seq(ofEvent: firstID) == 1)
  }
}
