import LiggareBasics
import Testing

@testable import LiggareDomain

/// The fast reader of canonical records must agree with the general decoder whenever it answers,
/// and must answer for the records the log writes.
@Suite struct CanonicalRecordDecoderTests {
  /// The general decoder's reading of a record body, or nil when it rejects it.
  static func general(_ body: [UInt8], seq: UInt64) -> Event? {
    body.withUnsafeBytes { bytes -> Event? in
      guard
        let draft = try? EventCodec.decodeEnvelope(bytes, personalDataAllowed: false, isRecordPrefix: true),
        let id = draft.id, let recordedAt = draft.recordedAt, let actor = draft.actor
      else { return nil }
      return Event(
        seq: seq, id: id, occurredOn: draft.occurredOn, recordedAt: recordedAt, actor: actor,
        payload: draft.payload)
    }
  }

  /// The body as a log record holds it: the object without its closing brace (the log's own
  /// fields follow there).
  static func recordBody(_ event: Event) -> [UInt8] {
    Array(EventCodec.body(of: event).dropLast())
  }

  static func fast(_ body: [UInt8], seq: UInt64) -> Event? {
    body.withUnsafeBytes { CanonicalRecordDecoder.decode($0, seq: seq) }
  }

  static let awkwardTexts = [
    "Åsa Öberg-Ängel", "emoji 🎓📚", "citat \"så\" och \\ snedstreck", "rad\nbrytning\toch\u{1}kontroll",
    "", "x", String(repeating: "lång ", count: 40),
  ]

  static func sampleEvents() -> [Event] {
    var events = RandomLog.make(seed: 99, attempts: 2500).events
    let day = CivilDate(parsing: "2020-02-29")!
    let at = Timestamp(parsing: "2020-03-01T12:34:56.789Z")!
    var seq = UInt64(events.count)
    func add(_ payload: Payload, id: String = "extra", actor: String = "samordnare") {
      seq += 1
      events.append(Event(seq: seq, id: id, occurredOn: day, recordedAt: at, actor: actor, payload: payload))
    }
    for text in awkwardTexts {
      add(.unitRenamed(unit: "u-1", name: text), id: text.isEmpty ? "tom" : text, actor: text)
      add(.eventRetracted(event: text, reason: text))
    }
    for hours in [0, 1, 1.5, 2.5, 0.1, 2.675, 123_456.789, 1e-7, 1e20, 0.30000000000000004, 7.25e3] {
      add(.courseCompleted(person: "p-1", course: "k-1", hours: hours))
      add(.courseDefined(course: "k-2", title: "Kurs", hours: hours, area: .infrastruktur))
    }
    add(.goalSet(goal: "g", scope: "stad", minLevel: 3, targetShare: 0.8, deadline: day))
    add(.unitEstablished(unit: "u", name: "U", kind: .unit, parent: "n", schoolForm: .förskola))
    add(.unitEstablished(unit: "stad", name: "Stad", kind: .city, parent: nil, schoolForm: nil))
    add(.pimLevelAttained(person: "p-1", level: 4, examiner: "p-2"))
    add(.examinerAppointed(person: "p-1", unit: "u", maxLevel: 5))
    add(
      .frameworkDefined(framework: "dce", title: "DigCompEdu", levels: ["A1", "A2", "B1", "B2", "C1", "C2"]))
    add(
      .competenceDefined(
        competence: "dce-1.1", framework: "dce", title: "Åsa \"kommunikation\"", area: .uppföljning))
    add(
      .competenceDefined(
        competence: "dce-1.2", framework: "dce", title: "Samarbete", area: .samarbeteOchKommunikation))
    add(
      .requirementSet(
        requirement: "k-1", competence: "dce-1.1", minLevel: "B1", scope: "stad", roles: [.lärare, .rektor],
        schoolForms: [.anpassadSkola]))
    add(
      .requirementSet(
        requirement: "k-2", competence: "dce-1.1", minLevel: "B1", scope: "stad", roles: nil, schoolForms: nil
      ))
    add(.requirementEnded(requirement: "k-1"))
    add(.competenceAssessed(person: "p-1", competence: "dce-1.1", level: "A2", method: .self, assessor: nil))
    add(
      .competenceAssessed(person: "p-1", competence: "dce-1.1", level: "B2", method: .head, assessor: "p-2"))
    add(
      .unitFollowUp(
        unit: "u", year: 2019,
        ratings: AreaRatings([
          .infrastruktur: 1, .digitalKompetens: 2, .digitaltInnehåll: 3, .samarbeteOchKommunikation: 4,
          .uppföljning: 2,
        ])))
    add(
      .measurePlanned(
        measure: "å-1", scope: "n", area: .infrastruktur, title: "Wifi i alla förskolor", due: day,
        responsible: "IT-strateg"))
    add(
      .measurePlanned(
        measure: "å-2", scope: "n", area: .uppföljning, title: "Enkät", due: day, responsible: nil))
    add(.measureStatus(measure: "å-1", status: .pågår))
    add(.measureStatus(measure: "å-1", status: .inställd))
    return events
  }

  @Test func readsWhatTheLogWritesExactlyAsTheGeneralDecoder() throws {
    var answered = 0
    for event in CanonicalRecordDecoderTests.sampleEvents() {
      let body = CanonicalRecordDecoderTests.recordBody(event)
      let expected = try #require(CanonicalRecordDecoderTests.general(body, seq: event.seq))
      #expect(expected == event)
      let fast = CanonicalRecordDecoderTests.fast(body, seq: event.seq)
      if let fast {
        answered += 1
        #expect(fast == expected, "\(String(decoding: body, as: UTF8.self))")
      } else {
        // Only escapes or numbers it cannot read exactly (an exponent, more than 15 digits) may
        // send a record to the general decoder.
        let text = String(decoding: body, as: UTF8.self)
        let longNumber = text.contains("0000000000") || text.contains("e-") || text.contains("e+")
        // Types with a list or an object in `data` always take the general path.
        let nested = [.frameworkDefined, .requirementSet, .unitFollowUp].contains(event.payload.type)
        #expect(text.contains("\\") || longNumber || nested, "fast path refused \(text)")
      }
    }
    #expect(answered > 150)
  }

  /// Random damage to canonical bodies: whatever the fast reader still accepts, the general
  /// decoder must read the same way.
  @Test(arguments: 1...4)
  func damagedBodiesAreNeverReadDifferently(seed: UInt64) {
    var rng = SplitMix64(state: seed)
    let events = CanonicalRecordDecoderTests.sampleEvents()
    let alphabet = Array(#"{}[]",:0123456789.-eE \nabcdefghijklmnopqrstuvwxyzÅ"#.utf8) + [0x00, 0xFF, 0xC3]
    var accepted = 0
    for _ in 0..<6000 {
      let event = events.randomElement(using: &rng)!
      var body = CanonicalRecordDecoderTests.recordBody(event)
      for _ in 0..<Int.random(in: 1...3, using: &rng) {
        let at = Int.random(in: 0..<body.count, using: &rng)
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: body[at] = alphabet.randomElement(using: &rng)!
        case 1: body.insert(alphabet.randomElement(using: &rng)!, at: at)
        default: body.remove(at: at)
        }
      }
      guard let fast = CanonicalRecordDecoderTests.fast(body, seq: 1) else { continue }
      accepted += 1
      let general = CanonicalRecordDecoderTests.general(body, seq: 1)
      #expect(fast == general, "\(String(decoding: body, as: UTF8.self))")
    }
    #expect(accepted > 100, "some damage (inside ids, say) leaves a record readable")
  }

  @Test(arguments: EventType.allCases)
  func namesEveryType(type: EventType) {
    let bytes = Array(type.rawValue.utf8)
    #expect(bytes.withUnsafeBufferPointer { CanonicalRecordDecoder.eventType($0) } == type)
    let lower = Array(type.rawValue.lowercased().utf8)
    #expect(lower.withUnsafeBufferPointer { CanonicalRecordDecoder.eventType($0) } == nil)
  }
}
