import LiggareBasics
import Testing

@testable import LiggareDomain

/// Deterministic random numbers, so a failing seed can be replayed.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Random valid logs: backdated events, retractions, merges, moves, closures, goals.
enum RandomLog {
  static func make(seed: UInt64, attempts: Int) -> LogBuilder {
    var rng = SplitMix64(state: seed)
    var log = LogBuilder()
    let start = CivilDate(parsing: "2010-01-01")!
    func date(_ rng: inout SplitMix64) -> CivilDate {
      start.adding(days: Int.random(in: 0..<1500, using: &rng))
    }
    _ = try? log.append(
      .unitEstablished(unit: "stad", name: "Stad", kind: .city, parent: nil, schoolForm: nil), on: start)
    let boards = ["n1", "n2", "n3"]
    let units = (1...8).map { "u\($0)" }
    let persons = (1...14).map { "p\($0)" }
    let roles: [StaffRole] = [.lärare, .förskollärare, .annan, .rektor]
    for _ in 0..<attempts {
      let d = date(&rng)
      let p = persons.randomElement(using: &rng)!
      let u = units.randomElement(using: &rng)!
      let b = boards.randomElement(using: &rng)!
      let payload: Payload
      switch Int.random(in: 0..<100, using: &rng) {
      case 0..<6:
        payload = .unitEstablished(unit: b, name: "Nämnd \(b)", kind: .board, parent: "stad", schoolForm: nil)
      case 6..<14:
        payload = .unitEstablished(
          unit: u, name: "Enhet \(u)", kind: .unit, parent: b, schoolForm: .grundskola)
      case 14..<16: payload = .unitRenamed(unit: u, name: "Nya \(u)")
      case 16..<19: payload = .unitMoved(unit: u, parent: b)
      case 19..<21: payload = .unitMerged(unit: u, into: units.randomElement(using: &rng)!)
      case 21..<22: payload = .unitMerged(unit: b, into: boards.randomElement(using: &rng)!)
      case 22..<24: payload = .unitClosed(unit: u)
      case 24..<32: payload = .personRegistered(person: p)
      case 32..<48: payload = .staffAssigned(person: p, unit: u, role: roles.randomElement(using: &rng)!)
      case 48..<52: payload = .staffLeft(person: p)
      case 52..<54: payload = .courseDefined(course: "k1", title: "Kurs", hours: 2.5, area: .infrastruktur)
      case 54..<60:
        payload = .courseCompleted(person: p, course: "k1", hours: Bool.random(using: &rng) ? nil : 4)
      case 60..<72:
        payload = .pimLevelAttained(
          person: p, level: Int.random(in: 1...5, using: &rng), examiner: persons.randomElement(using: &rng)!)
      case 72..<82:
        payload = .examinerAppointed(person: p, unit: u, maxLevel: Int.random(in: 1...5, using: &rng))
      case 82..<85: payload = .examinerRoleEnded(person: p)
      case 85..<88:
        payload = .goalSet(
          goal: ["g1", "g2"].randomElement(using: &rng)!, scope: [u, b, "stad"].randomElement(using: &rng)!,
          minLevel: Int.random(in: 1...5, using: &rng), targetShare: 0.75, deadline: date(&rng))
      default:
        guard !log.events.isEmpty else { continue }
        payload = .eventRetracted(event: log.events.randomElement(using: &rng)!.id, reason: "fel")
      }
      _ = try? log.append(payload, on: d)
    }
    return log
  }
}

@Suite struct ReplayPropertyTests {
  @Test(arguments: 1...12)
  func chronicleEqualsFullReplayForRandomAsOfAndKnownAt(seed: UInt64) throws {
    let log = RandomLog.make(seed: seed, attempts: 3000)
    #expect(log.events.count > 120, "the generator should produce a meaningful log")
    var rng = SplitMix64(state: seed ^ 0xABCDEF)
    for _ in 0..<25 {
      let date = CivilDate(parsing: "2009-12-01")!.adding(days: Int.random(in: 0..<1700, using: &rng))
      let k = UInt64.random(in: 0...UInt64(log.events.count), using: &rng)
      let reference = FullReplay(log.events, asOf: date, knownAtSeq: k)
      let fast = FullReplay(
        reading: CityState(chronicle: log.chronicle, position: .endOf(date), knownAtSeq: k))
      #expect(fast.units == reference.units, "units differ at \(date) known at \(k), seed \(seed)")
      #expect(
        fast.placements == reference.placements, "placements differ at \(date) known at \(k), seed \(seed)")
      #expect(fast.levels == reference.levels, "levels differ at \(date) known at \(k), seed \(seed)")
      #expect(
        fast.examiners == reference.examiners, "examiners differ at \(date) known at \(k), seed \(seed)")
      #expect(fast.goals == reference.goals, "goals differ at \(date) known at \(k), seed \(seed)")
      #expect(fast.registered == reference.registered)
      #expect(fast.courses == reference.courses)
    }
  }

  @Test(arguments: [3, 7])
  func incrementalFoldEqualsFoldOfAPrefixPlusTheRest(seed: UInt64) throws {
    let log = RandomLog.make(seed: seed, attempts: 700)
    let cut = log.events.count / 2
    var resumed = Chronicle()
    for e in log.events[..<cut] { resumed.record(e) }
    let checkpoint = resumed
    for e in log.events[cut...] { resumed = resumed.recording(e) }
    for date in ["2011-06-30", "2012-12-31", "2014-01-15"] {
      let d = CivilDate(parsing: date)!
      let a = FullReplay(
        reading: CityState(chronicle: resumed, position: .endOf(d), knownAtSeq: resumed.lastSeq))
      let b = FullReplay(
        reading: CityState(chronicle: log.chronicle, position: .endOf(d), knownAtSeq: log.chronicle.lastSeq))
      #expect(a == b)
      let k = UInt64(cut)
      let early = FullReplay(reading: CityState(chronicle: checkpoint, position: .endOf(d), knownAtSeq: k))
      let late = FullReplay(reading: CityState(chronicle: log.chronicle, position: .endOf(d), knownAtSeq: k))
      #expect(early == late, "a chronicle read as known at K must not depend on what came after K")
    }
  }

  @Test func knownAtInstantMapsToSeq() throws {
    let log = try LogBuilder.smallCity()
    let third = log.events[2].recordedAt
    #expect(log.chronicle.lastSeq(knownAt: third) == 3)
    #expect(log.chronicle.lastSeq(knownAt: Timestamp(microseconds: third.microseconds - 1)) == 2)
    #expect(log.chronicle.lastSeq(knownAt: .distantPast) == 0)
  }
}
