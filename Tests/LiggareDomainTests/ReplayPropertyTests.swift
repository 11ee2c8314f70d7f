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
      switch Int.random(in: 0..<140, using: &rng) {
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
      case 100..<136: payload = part2(&rng, date: d, person: p, unit: u, board: b, persons: persons)
      default:
        guard !log.events.isEmpty else { continue }
        payload = .eventRetracted(event: log.events.randomElement(using: &rng)!.id, reason: "fel")
      }
      _ = try? log.append(payload, on: d)
    }
    return log
  }

  /// Part 2 events: frameworks relabelled (and a refused change of the number of levels),
  /// competences, requirements set, replaced and ended, assessments by both methods, follow-ups
  /// and measures with statuses.
  static func part2(
    _ rng: inout SplitMix64, date d: CivilDate, person p: String, unit u: String, board b: String,
    persons: [String]
  ) -> Payload {
    let labels = ["a", "b", "c", "A", "B", "C", "x", "y"]
    let competences = ["c1", "c2", "c3"]
    switch Int.random(in: 0..<36, using: &rng) {
    case 0..<2:
      let scales = [["a", "b", "c"], ["A", "B", "C"], ["a", "b", "c", "d"]]
      return .frameworkDefined(framework: "f1", title: "Ram 1", levels: scales.randomElement(using: &rng)!)
    case 2: return .frameworkDefined(framework: "f2", title: "Ram 2", levels: ["x", "y"])
    case 3..<5:
      return .competenceDefined(
        competence: competences.randomElement(using: &rng)!,
        framework: ["f1", "f2"].randomElement(using: &rng)!,
        title: "Kompetens", area: StrategyArea.allCases.randomElement(using: &rng)!)
    case 5..<8:
      return .requirementSet(
        requirement: ["r1", "r2"].randomElement(using: &rng)!,
        competence: competences.randomElement(using: &rng)!,
        minLevel: labels.randomElement(using: &rng)!, scope: [u, b, "stad"].randomElement(using: &rng)!,
        roles: Bool.random(using: &rng) ? nil : [.lärare, .rektor],
        schoolForms: Bool.random(using: &rng) ? nil : [.grundskola])
    case 8..<10: return .requirementEnded(requirement: ["r1", "r2"].randomElement(using: &rng)!)
    case 10..<26:
      let head = Bool.random(using: &rng)
      return .competenceAssessed(
        person: p, competence: competences.randomElement(using: &rng)!,
        level: labels.randomElement(using: &rng)!,
        method: head ? .head : .self, assessor: head ? persons.randomElement(using: &rng)! : nil)
    case 26..<29:
      var ratings: [StrategyArea: Int] = [:]
      for area in StrategyArea.allCases { ratings[area] = Int.random(in: 1...4, using: &rng) }
      return .unitFollowUp(
        unit: u, year: d.year - Int.random(in: 0...1, using: &rng), ratings: AreaRatings(ratings))
    case 29..<32:
      return .measurePlanned(
        measure: ["m1", "m2", "m3"].randomElement(using: &rng)!,
        scope: [u, b, "stad"].randomElement(using: &rng)!,
        area: StrategyArea.allCases.randomElement(using: &rng)!, title: "Åtgärd",
        due: d.adding(days: Int.random(in: -100...400, using: &rng)),
        responsible: Bool.random(using: &rng) ? nil : "IT-strateg")
    default:
      return .measureStatus(
        measure: ["m1", "m2", "m3"].randomElement(using: &rng)!,
        status: MeasureState.recordable.randomElement(using: &rng)!)
    }
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
      #expect(
        fast.frameworks == reference.frameworks, "frameworks differ at \(date) known at \(k), seed \(seed)")
      #expect(fast.competences == reference.competences, "competences differ at \(date) known at \(k)")
      #expect(fast.requirements == reference.requirements, "requirements differ at \(date) known at \(k)")
      #expect(
        fast.assessed == reference.assessed, "assessments differ at \(date) known at \(k), seed \(seed)")
      #expect(fast.followUps == reference.followUps, "follow-ups differ at \(date) known at \(k)")
      #expect(fast.measures == reference.measures, "measures differ at \(date) known at \(k), seed \(seed)")
      let state = CityState(chronicle: log.chronicle, position: .endOf(date), knownAtSeq: k)
      for (key, levels) in reference.assessed.prefix(6) {
        let parts = key.split(separator: "/").map(String.init)
        #expect(state.competenceLevels(of: parts[0], in: parts[1]) == levels)
      }
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

@Suite struct RandomLogPart2Tests {
  /// The generator must actually produce Part 2 events that pass the rules, or the property
  /// tests above would prove nothing about them.
  @Test func theRandomLogsHoldEveryPart2Type() {
    var types: [EventType: Int] = [:]
    var retractedPart2 = 0
    for seed: UInt64 in 1...4 {
      let log = RandomLog.make(seed: seed, attempts: 3000)
      for e in log.events { types[e.payload.type, default: 0] += 1 }
      for e in log.events
      where log.chronicle.retraction(ofSeq: e.seq) != nil && e.payload.type.rawValue.count > 0 {
        if [.competenceAssessed, .requirementSet, .measurePlanned, .frameworkDefined].contains(e.payload.type)
        {
          retractedPart2 += 1
        }
      }
    }
    for type in [
      EventType.frameworkDefined, .competenceDefined, .requirementSet, .requirementEnded, .competenceAssessed,
      .unitFollowUp, .measurePlanned, .measureStatus,
    ] {
      #expect((types[type] ?? 0) >= 3, "only \(types[type] ?? 0) \(type.rawValue)")
    }
    #expect(retractedPart2 > 0)
  }
}
