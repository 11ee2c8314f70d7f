import Foundation
import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareKit

/// Issue 10, item 13: "the same content" is the same bytes (canonical UTF-8), not the same text
/// under Unicode canonical equivalence ("é" U+00E9 and "e" + U+0301 are different content).
@Suite struct ByteContentTests {
  static let composed = "Caf\u{00E9}"
  static let decomposed = "Cafe\u{0301}"

  @Test func item13_keysThatDifferInBytesAreNoDuplicate() {
    // Same text, same bytes: a duplicate, as before.
    #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(Array(#"{"\u00e9":1,"\u00e9":2}"#.utf8)) }
    for text in [#"{"\u00e9":1,"e\u0301":2}"#, "{\"\u{00E9}\":1,\"e\u{0301}\":2}"] {
      do {
        _ = try JSONValue.parse(Array(text.utf8))
      } catch {
        if case .duplicateKey = error.reason { Issue.record("\(text) taken for a duplicate: \(error)") }
      }
    }
    // In an event's data the two keys are two keys: the first is named as unknown, not as a duplicate.
    let line =
      #"{"id":"x","type":"StaffLeft","occurredOn":"2011-02-01","data":{"person":"p-1","\u00e9":1,"e\u0301":2}}"#
    #expect {
      _ = try Array(line.utf8).withUnsafeBytes { bytes throws(EventDecodingError) in
        try EventCodec.decodeEnvelope(bytes, personalDataAllowed: true)
      }
    } throws: { !"\($0)".contains("två gånger") }
  }

  static func course(id: String, title: String, course: String = "k") -> String {
    #"{"id":"\#(id)","type":"CourseDefined","occurredOn":"2011-01-01","recordedAt":"2011-01-02T08:00:00Z","data":{"course":"\#(course)","title":"\#(title)","hours":2.5,"area":"uppföljning"}}"#
  }

  @Test func item13_aResentIdWithOtherBytesIsAConflictNotNothingNew() throws {
    let dir = LedgerTests.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let base = Array(LedgerTests.base.prefix(3))
    LedgerTests.write(base + [Self.course(id: "k-cafe", title: Self.composed)], to: dir + "/a.jsonl")
    let ledger = try LedgerTests.open(dir)
    let first = try ledger.importEvents(from: dir + "/a.jsonl")
    // The same bytes again: nothing new.
    #expect(try ledger.importEvents(from: dir + "/a.jsonl").appended == 0)
    // The same id, the title in another normal form: a conflict with the log…
    LedgerTests.write([Self.course(id: "k-cafe", title: Self.decomposed)], to: dir + "/b.jsonl")
    #expect {
      try ledger.importEvents(from: dir + "/b.jsonl")
    } throws: { "\($0)".contains("finns redan i loggen (seq 4) med annat innehåll") }
    // …and within one file.
    LedgerTests.write(
      [
        Self.course(id: "k-2", title: Self.composed, course: "k2"),
        Self.course(id: "k-2", title: Self.decomposed, course: "k2"),
      ],
      to: dir + "/c.jsonl")
    #expect {
      try ledger.importEvents(from: dir + "/c.jsonl")
    } throws: { "\($0)".contains("annat innehåll") }
    #expect(ledger.log.head == first.head)
  }

  @Test func item13_eventsCompareTheirContentByBytes() {
    let date = CivilDate(parsing: "2011-01-01")!
    func event(_ title: String) -> Event {
      Event(
        seq: 1, id: "k", occurredOn: date, recordedAt: Timestamp(parsing: "2011-01-02T08:00:00Z")!,
        actor: "a",
        payload: .courseDefined(course: "k", title: title, hours: 1, area: .infrastruktur))
    }
    #expect(event(Self.composed).hasSameContent(as: event(Self.composed)))
    #expect(!event(Self.composed).hasSameContent(as: event(Self.decomposed)))
  }
}
