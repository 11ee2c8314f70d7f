import Foundation
import LiggareBasics
import LiggareDomain
import LiggareStorage
import Testing

@testable import LiggareKit

/// Issue 10, item 12: values accepted with a changed meaning are refused by name.
@Suite struct EventBoundsTests {
  static func envelope(id: String, type: String, data: String, actor: String? = nil) -> String {
    let actorField = actor.map { #","actor":\#($0)"# } ?? ""
    return
      #"{"id":\#(id),"type":"\#(type)","occurredOn":"2011-01-01","recordedAt":"2011-01-03T08:00:00Z","data":\#(data)\#(actorField)}"#
  }

  @Test(arguments: [
    (#""  ""#, #"{"person":"p-9","name":"N"}"#, "id"),
    (#""\u2028""#, #"{"person":"p-9","name":"N"}"#, "id"),
    (#"" r9""#, #"{"person":"p-9","name":"N"}"#, "id"),
    (#""r9\u200b""#, #"{"person":"p-9","name":"N"}"#, "id"),
    (#""r\u0000""#, #"{"person":"p-9","name":"N"}"#, "id"),
    (#""r9""#, #"{"person":"p-9\u200b","name":"N"}"#, "person"),
    (#""r9""#, #"{"person":"p-9","name":"\u200b"}"#, "name"),
    (#""r9""#, #"{"person":"p-9","name":"\u0000"}"#, "name"),
  ])
  func item12_invisibleOrSurroundedIdsAndNamesAreRefused(_ id: String, _ data: String, _ field: String) throws
  {
    let dir = LedgerTests.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    LedgerTests.write(LedgerTests.base, to: dir + "/a.jsonl")
    let ledger = try LedgerTests.open(dir)
    try ledger.importEvents(from: dir + "/a.jsonl")
    LedgerTests.write([Self.envelope(id: id, type: "PersonRegistered", data: data)], to: dir + "/b.jsonl")
    do {
      try ledger.importEvents(from: dir + "/b.jsonl")
      Issue.record("accepted \(id) \(data)")
    } catch {
      #expect("\(error)".contains(field), "\(error)")
    }
    #expect(ledger.chronicle.lastSeq == 8)
  }

  @Test func item12_anEmptyActorIsRefused() throws {
    let dir = LedgerTests.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    LedgerTests.write(LedgerTests.base, to: dir + "/a.jsonl")
    let ledger = try LedgerTests.open(dir)
    try ledger.importEvents(from: dir + "/a.jsonl")
    LedgerTests.write(
      [
        Self.envelope(
          id: #""r9""#, type: "PersonRegistered", data: #"{"person":"p-9","name":"N"}"#, actor: #""""#)
      ],
      to: dir + "/b.jsonl")
    #expect(throws: LedgerError.self) { try ledger.importEvents(from: dir + "/b.jsonl") }
    #expect(ledger.chronicle.lastSeq == 8)
  }

  @Test(arguments: ["1.797e308", "1000.5", "-1", "1e4"])
  func item12_hoursBeyondAThousandAreRefused(_ hours: String) throws {
    let dir = LedgerTests.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    LedgerTests.write(LedgerTests.base, to: dir + "/a.jsonl")
    let ledger = try LedgerTests.open(dir)
    try ledger.importEvents(from: dir + "/a.jsonl")
    LedgerTests.write(
      [
        Self.envelope(
          id: #""c9""#, type: "CourseCompleted", data: #"{"person":"p-1","course":"k","hours":\#(hours)}"#)
      ],
      to: dir + "/b.jsonl")
    do {
      try ledger.importEvents(from: dir + "/b.jsonl")
      Issue.record("hours \(hours) accepted")
    } catch {
      #expect("\(error)".contains("hours"), "\(error)")
    }
    #expect(ledger.chronicle.lastSeq == 8)
  }
}
