import Foundation
import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareKit

/// A content fingerprint only says where to look: a re-sent id whose fingerprint matches is the
/// same content only if its bytes are the same. Two different contents forced to one fingerprint
/// must still be a conflict, never "Inget nytt".
@Suite struct FingerprintCollisionTests {
  static func course(id: String, title: String, course: String) -> String {
    #"{"id":"\#(id)","type":"CourseDefined","occurredOn":"2011-01-01","recordedAt":"2011-01-02T08:00:00Z","data":{"course":"\#(course)","title":"\#(title)","hours":2.5,"area":"uppföljning"}}"#
  }

  static func person(_ n: Int) -> String {
    #"{"id":"reg-\#(n)","type":"PersonRegistered","occurredOn":"2011-01-01","recordedAt":"2011-01-02T08:00:00Z","data":{"person":"q-\#(n)","name":"Person \#(n)"}}"#
  }

  static func collidingLedger(_ dir: String) throws -> Ledger {
    let ledger = try LedgerTests.open(dir)
    ledger.contentFingerprint = { _, _ in 42 }
    return ledger
  }

  @Test func aResentIdWhoseFingerprintCollidesWithTheLogIsAConflict() throws {
    let dir = LedgerTests.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    LedgerTests.write(
      Array(LedgerTests.base.prefix(3)) + [Self.course(id: "k-1", title: "Första", course: "k1")],
      to: dir + "/a.jsonl")
    let ledger = try Self.collidingLedger(dir)
    let first = try ledger.importEvents(from: dir + "/a.jsonl")
    // The same bytes again: nothing new, even with every fingerprint alike.
    #expect(try ledger.importEvents(from: dir + "/a.jsonl").appended == 0)
    LedgerTests.write([Self.course(id: "k-1", title: "Andra", course: "k1")], to: dir + "/b.jsonl")
    #expect {
      try ledger.importEvents(from: dir + "/b.jsonl")
    } throws: { "\($0)".contains("finns redan i loggen (seq 4) med annat innehåll") }
    #expect(throws: LedgerError.self) {
      try ledger.append([
        EventDraft(
          id: "k-1", occurredOn: CivilDate(parsing: "2011-01-01")!,
          payload: .courseDefined(course: "k1", title: "Tredje", hours: 2.5, area: .uppföljning))
      ])
    }
    #expect(ledger.log.head == first.head)
  }

  @Test func aRepeatedIdWithinOneBatchWhoseFingerprintCollidesIsAConflict() throws {
    let dir = LedgerTests.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    LedgerTests.write(Array(LedgerTests.base.prefix(3)), to: dir + "/a.jsonl")
    let ledger = try Self.collidingLedger(dir)
    let first = try ledger.importEvents(from: dir + "/a.jsonl")
    // Near: the first is still staged when the second comes.
    LedgerTests.write(
      [
        Self.course(id: "k-2", title: "Ett", course: "k2"),
        Self.course(id: "k-2", title: "Två", course: "k2"),
      ],
      to: dir + "/b.jsonl")
    #expect {
      try ledger.importEvents(from: dir + "/b.jsonl")
    } throws: { "\($0)".contains("annat innehåll") }
    // Far apart: the first has been handed to the writer long before the second comes.
    let far =
      [Self.course(id: "k-3", title: "Ett", course: "k3")] + (1...3000).map(Self.person)
      + [Self.course(id: "k-3", title: "Två", course: "k3")]
    LedgerTests.write(far, to: dir + "/c.jsonl")
    #expect {
      try ledger.importEvents(from: dir + "/c.jsonl")
    } throws: { "\($0)".contains("annat innehåll") }
    // The same content far apart is one event.
    let same =
      [Self.course(id: "k-4", title: "Ett", course: "k4")] + (1...3000).map(Self.person)
      + [Self.course(id: "k-4", title: "Ett", course: "k4")]
    LedgerTests.write(same, to: dir + "/d.jsonl")
    #expect(ledger.log.head == first.head)
    let outcome = try ledger.importEvents(from: dir + "/d.jsonl")
    #expect(outcome.appended == 3001 && outcome.alreadyPresent == 1)
  }
}
