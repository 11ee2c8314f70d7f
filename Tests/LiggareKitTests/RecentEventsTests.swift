import Foundation
import LiggareBasics
import LiggareDomain
import LiggareStorage
import Testing

@testable import LiggareKit

/// "Your recent registrations" read back from the head lists what the forward reading of the
/// last `window` records listed (issue 11: the coordinator's start page).
@Suite struct RecentEventsTests {
  static let actors = [
    "anna", "bo", "Åsa", "A\u{030A}sa", "Kalle \"K\" \\ Ängström", "sällsynt",
  ]

  /// A log of 300 events by the actors above in segments of 4 KiB (some twenty records each);
  /// "sällsynt" records only a few, early.
  static func makeLedger(_ dir: String) throws -> Ledger {
    let log = try EventLog.open(
      directory: dir, access: .write(wait: false), createIfMissing: true, segmentBytes: 4096)
    var bodies: [[UInt8]] = []
    for n in 1...300 {
      let actor = n % 97 == 0 ? "sällsynt" : actors[(n * 7 + n / 11) % 5]
      let event = Event(
        seq: UInt64(n), id: "e\(n)", occurredOn: CivilDate(parsing: "2024-03-01")!,
        recordedAt: Timestamp(microseconds: 1_700_000_000_000_000 + Int64(n) * 1_000_000), actor: actor,
        payload: .courseDefined(course: "k\(n)", title: "Kurs \(n)", hours: 2, area: .infrastruktur))
      var body: [UInt8] = []
      EventCodec.writeBody(of: event, to: &body)
      bodies.append(body)
    }
    for chunk in stride(from: 0, to: bodies.count, by: 25) {
      try log.append(Array(bodies[chunk..<min(chunk + 25, bodies.count)]))
    }
    log.close()
    return try Ledger.open(directory: dir, access: .read, useCheckpoints: false)
  }

  /// The old computation: the last `window` records read forward, the actor's last `limit`, newest
  /// first.
  static func forward(_ snapshot: LedgerSnapshot, actor: String, window: UInt64, limit: Int) throws -> [Event]
  {
    let head = snapshot.head.seq
    var events: [Event] = []
    try snapshot.forEachRecord(from: head > window ? head - window + 1 : 1, through: head) { record in
      let body = record.body
      guard
        let event = try? body.withUnsafeBytes({ raw throws(EventDecodingError) in
          try EventCodec.decodeRecord(raw, seq: record.seq)
        }), event.actor == actor
      else { return }
      events.append(event)
    }
    return Array(events.suffix(limit).reversed())
  }

  @Test func theListEqualsTheForwardComputationForEveryActorWindowAndLimit() throws {
    let folder = LedgerTests.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let dir = folder + "/log"
    let ledger = try Self.makeLedger(dir)
    let segments = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("seg-") }
    #expect(segments.count > 5)
    let snapshot = ledger.snapshot
    #expect(snapshot.head.seq == 300)
    var nonEmpty = 0
    for actor in Self.actors + ["ingen"] {
      for window: UInt64 in [0, 1, 30, 45, 120, 299, 300, 2000] {
        for limit in [0, 1, 5, 15] {
          let old = try Self.forward(snapshot, actor: actor, window: window, limit: limit)
          let new = snapshot.recentEvents(by: actor, within: window, limit: limit)
          #expect(new.map(\.seq) == old.map(\.seq), "\(actor) window \(window) limit \(limit)")
          #expect(new.map(\.id) == old.map(\.id))
          #expect(new.map(\.actor) == old.map(\.actor))
          if !old.isEmpty { nonEmpty += 1 }
        }
      }
    }
    #expect(nonEmpty > 50)
    // A window of 45 reaches back over more than two segments; the page's own numbers (2000, 15).
    #expect(snapshot.recentEvents(by: "anna", within: 2000, limit: 15).count == 15)
    #expect(snapshot.recentEvents(by: "sällsynt", within: 2000, limit: 15).map(\.seq) == [291, 194, 97])
    #expect(snapshot.recentEvents(by: "sällsynt", within: 100, limit: 15).map(\.seq) == [291])
  }

  @Test func theActorReadWithoutDecodingIsTheDecodedOneOrNothing() {
    for actor in Self.actors {
      let event = Event(
        seq: 1, id: "e1", occurredOn: CivilDate(parsing: "2024-03-01")!,
        recordedAt: Timestamp(microseconds: 1_700_000_000_000_000), actor: actor,
        payload: .courseDefined(course: "k", title: "Kurs", hours: 2, area: .infrastruktur))
      var body: [UInt8] = []
      EventCodec.writeBody(of: event, to: &body)
      let peeked = body.withUnsafeBytes { EventCodec.plainActor(in: $0) }
      if actor.contains("\"") {
        #expect(peeked == nil)
      } else {
        #expect(peeked.map { Array($0.utf8) } == Array(actor.utf8))
      }
    }
    for text in [#"{"data":{},"actor":"x"}"#, #"{"actor":"x"#, #"{"actor":x}"#, "", #"{"actor":""}"#] {
      let peeked = Array(text.utf8).withUnsafeBytes { EventCodec.plainActor(in: $0) }
      #expect(peeked == (text == #"{"actor":""}"# ? "" : nil), "\(text)")
    }
    let invalid: [UInt8] = Array(#"{"actor":""#.utf8) + [0xFF, 0x22, 0x7D]
    #expect(invalid.withUnsafeBytes { EventCodec.plainActor(in: $0) } == nil)
  }
}
