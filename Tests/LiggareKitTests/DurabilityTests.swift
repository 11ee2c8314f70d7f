import Foundation
import LiggareBasics
import LiggareDomain
import LiggareStorage
import Testing

@testable import LiggareKit

/// Issue 10, items 2, 3, 8 and 10: the person register is durable with its batch, an error exit
/// means nothing was appended, and failures beside the log are said.
@Suite struct DurabilityTests {
  static func copy(_ source: String, to target: String) {
    try? FileManager.default.removeItem(atPath: target)
    try! FileManager.default.copyItem(atPath: source, toPath: target)
    try? FileManager.default.removeItem(atPath: target + "/lock")
  }

  static let people = [
    #"{"id":"r3","type":"PersonRegistered","occurredOn":"2011-01-01","recordedAt":"2011-01-03T08:00:00Z","data":{"person":"p-3","name":"Tredje Person"}}"#,
    #"{"id":"r4","type":"PersonRegistered","occurredOn":"2011-01-01","recordedAt":"2011-01-03T08:00:00Z","data":{"person":"p-4","name":"Fjärde Person","email":"f@example.se"}}"#,
  ]

  /// Item 2: a `kill -9` right after the commit (before the register is rewritten) loses no name:
  /// a reader sees it at once, and the next writer completes the register.
  @Test func item2_aCrashAfterTheCommitLosesNoName() throws {
    let dir = LedgerTests.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    LedgerTests.write(LedgerTests.base, to: dir + "/a.jsonl")
    LedgerTests.write(Self.people, to: dir + "/b.jsonl")
    let ledger = try LedgerTests.open(dir)
    try ledger.importEvents(from: dir + "/a.jsonl")
    ledger.faultPointForTesting = { point in
      if point == .afterCommit { Self.copy(dir + "/log", to: dir + "/crashed") }
    }
    try ledger.importEvents(from: dir + "/b.jsonl")
    let crashed = dir + "/crashed"

    let reader = try Ledger.open(directory: crashed, access: .read, clock: LedgerTests.clock)
    #expect(reader.chronicle.lastSeq == 10)
    #expect(reader.register.name(of: "p-3") == "Tredje Person")

    let writer = try Ledger.open(directory: crashed, access: .write(wait: false), clock: LedgerTests.clock)
    #expect(!FileManager.default.fileExists(atPath: crashed + "/" + PendingNames.fileName))
    let register = try PersonRegister.load(path: crashed + "/personregister.json")
    #expect(register.name(of: "p-3") == "Tredje Person")
    #expect(register.people["p-4"]?.email == "f@example.se")
    #expect(register.name(of: "p-1") == "Åsa Öberg 👩‍🏫")
    #expect(try writer.peopleWithLostNames().isEmpty)
  }

  /// Item 2: a crash before the commit leaves journalled names of a batch that never committed;
  /// the next writer drops them (and the events are not there either).
  @Test func item2_namesOfABatchThatNeverCommittedAreDropped() throws {
    let dir = LedgerTests.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    LedgerTests.write(LedgerTests.base, to: dir + "/a.jsonl")
    LedgerTests.write(Self.people, to: dir + "/b.jsonl")
    let ledger = try LedgerTests.open(dir)
    try ledger.importEvents(from: dir + "/a.jsonl")
    ledger.faultPointForTesting = { point in
      if point == .beforeCommit { Self.copy(dir + "/log", to: dir + "/crashed") }
    }
    try ledger.importEvents(from: dir + "/b.jsonl")
    let crashed = dir + "/crashed"
    #expect(FileManager.default.fileExists(atPath: crashed + "/" + PendingNames.fileName))
    let reader = try Ledger.open(directory: crashed, access: .read, clock: LedgerTests.clock)
    #expect(reader.register.name(of: "p-3") == nil)
    let writer = try Ledger.open(directory: crashed, access: .write(wait: false), clock: LedgerTests.clock)
    #expect(writer.chronicle.lastSeq == 8)
    #expect(!FileManager.default.fileExists(atPath: crashed + "/" + PendingNames.fileName))
    #expect(try PersonRegister.load(path: crashed + "/personregister.json").name(of: "p-3") == nil)
    // The retry lands the events and the names.
    try writer.importEvents(from: dir + "/b.jsonl")
    #expect(
      try PersonRegister.load(path: crashed + "/personregister.json").name(of: "p-3") == "Tredje Person")
  }

  /// Item 2: a forgotten person is told apart from a lost name, and re-sending the event with the
  /// name fills a lost one (never a forgotten one).
  @Test func item2_aForgottenPersonIsToldApartFromALostName() throws {
    let dir = LedgerTests.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    LedgerTests.write(LedgerTests.base, to: dir + "/a.jsonl")
    let ledger = try LedgerTests.open(dir)
    try ledger.importEvents(from: dir + "/a.jsonl")
    #expect(try ledger.forget(person: "p-1"))
    let register = try PersonRegister.load(path: dir + "/log/personregister.json")
    #expect(register.status(of: "p-1") == .forgotten)
    #expect(register.status(of: "p-2") == .named("Kalle \\ \"K\" Ängström\u{1}"))
    #expect(try ledger.peopleWithLostNames().isEmpty)
    ledger.log.close()

    // The register lost p-2's name (restored from an old copy, say).
    var damaged = register
    damaged.set(PersonalData(name: "x", email: nil), for: "p-9")
    _ = damaged.forget("p-9")
    var withoutP2 = PersonRegister.empty(path: register.path)
    for (key, data) in damaged.people where key != "p-2" { withoutP2.set(data, for: key) }
    _ = withoutP2.forget("p-1")
    try withoutP2.save()
    let reopened = try LedgerTests.open(dir)
    #expect(try reopened.peopleWithLostNames() == ["p-2"])
    // The retry says "nothing new" for the events but fills in the lost name, not the forgotten one.
    let outcome = try reopened.importEvents(from: dir + "/a.jsonl")
    #expect(outcome.appended == 0)
    #expect(reopened.namesRestored == 1)
    let after = try PersonRegister.load(path: dir + "/log/personregister.json")
    #expect(after.name(of: "p-2") == "Kalle \\ \"K\" Ängström\u{1}")
    #expect(after.status(of: "p-1") == .forgotten)
  }

  /// Item 3: a register that cannot be read stops the batch before the commit: the error exit means
  /// nothing was appended.
  @Test(arguments: ["{\"format\":\"liggare-person-register\",\"version\":1,\"people\":{", "nonsens"])
  func item3_aBrokenRegisterStopsTheBatchBeforeTheCommit(_ content: String) throws {
    let dir = LedgerTests.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    LedgerTests.write(LedgerTests.base, to: dir + "/a.jsonl")
    LedgerTests.write(Self.people, to: dir + "/b.jsonl")
    let ledger = try LedgerTests.open(dir)
    try ledger.importEvents(from: dir + "/a.jsonl")
    ledger.log.close()
    _ = FileManager.default.createFile(atPath: dir + "/log/personregister.json", contents: Data(content.utf8))
    let before = LedgerTests.segmentBytes(dir + "/log")
    let again = try LedgerTests.open(dir)
    #expect(throws: LedgerError.self) { try again.importEvents(from: dir + "/b.jsonl") }
    #expect(LedgerTests.segmentBytes(dir + "/log") == before, "an error exit after a commit")
    #expect(throws: LedgerError.self) {
      try again.append([
        EventDraft(
          id: "r5", occurredOn: CivilDate(parsing: "2011-01-01")!, payload: .personRegistered(person: "p-5"),
          personalData: PersonalData(name: "Femte", email: nil))
      ])
    }
    #expect(LedgerTests.segmentBytes(dir + "/log") == before)
  }

  /// Item 8: a register that is there but cannot be read is an error, never an empty register.
  @Test func item8_anUnreadableRegisterIsSaidOutLoud() throws {
    let dir = LedgerTests.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    LedgerTests.write(LedgerTests.base, to: dir + "/a.jsonl")
    let ledger = try LedgerTests.open(dir)
    try ledger.importEvents(from: dir + "/a.jsonl")
    ledger.log.close()
    try FileManager.default.removeItem(atPath: dir + "/log/personregister.json")
    try FileManager.default.createDirectory(
      atPath: dir + "/log/personregister.json", withIntermediateDirectories: false)
    #expect(throws: LedgerError.self) { try PersonRegister.load(path: dir + "/log/personregister.json") }
    let reader = try Ledger.open(directory: dir + "/log", access: .read, clock: LedgerTests.clock)
    #expect(throws: (any Error).self) { try reader.export { _ in } }
    #expect(reader.register.people.isEmpty)
    #expect(reader.warnings.contains { $0.contains("personregistret") })
  }

  /// Item 10: a checkpoint that cannot be written is a warning, not silence.
  @Test func item10_aCheckpointThatCannotBeWrittenIsAWarning() throws {
    let dir = LedgerTests.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    LedgerTests.write(LedgerTests.base, to: dir + "/a.jsonl")
    let ledger = try LedgerTests.open(dir)
    try? FileManager.default.removeItem(atPath: dir + "/log/cache")
    _ = FileManager.default.createFile(atPath: dir + "/log/cache", contents: Data("x".utf8))
    try ledger.importEvents(from: dir + "/a.jsonl")
    ledger.saveCheckpoint()
    #expect(ledger.warnings.contains { $0.contains("checkpoint") && $0.contains("errno") })
  }
}
