import Foundation
import LiggareBasics
import LiggareDemo
import LiggareDomain
import Testing

@Suite struct DemoCityTests {
  @Test(arguments: [UInt64(2011), 7, 424_242])
  func everySmallDraftPassesTheRulebook(seed: UInt64) throws {
    let log = try DemoLog.small(seed: seed)
    #expect(log.drafts.count > 10_000)
    #expect(log.chronicle.lastSeq == UInt64(log.drafts.count))
  }

  @Test func sameSeedSameStreamOtherSeedOtherStream() {
    let a = DemoCity(scale: .small, seed: 2011).allDrafts()
    let b = DemoCity(scale: .small, seed: 2011).allDrafts()
    let c = DemoCity(scale: .small, seed: 2012).allDrafts()
    #expect(a == b)
    #expect(a != c)
    #expect(!a.isEmpty)
  }

  @Test func batchesAreWeeksInAppendOrder() {
    var batches: [[EventDraft]] = []
    let summary = DemoCity(scale: .small).generate { batches.append($0) }
    #expect(batches.count == summary.batchCount)
    #expect(batches.count > 700)  // about one per week, 2011–2025, and the late weeks of 2026
    #expect(batches.allSatisfy { !$0.isEmpty && $0.count <= DemoCity.maxBatchSize })
    #expect(batches.flatMap { $0 } == DemoCity(scale: .small).allDrafts())
    #expect(summary.eventCount == batches.reduce(0) { $0 + $1.count })
    #expect(summary.countsByType[.courseCompleted, default: 0] > summary.eventCount / 2)
    #expect(summary.description.hasPrefix("Norrvik stad: "))
    #expect(summary.description.contains(" personer"))
  }

  @Test func smallCityHasTheStoriesOfARealOne() throws {
    let log = try DemoLog.small(seed: 2011)
    let drafts = log.drafts
    // A district board merged into another in 2020, after its units moved.
    let boardMergers2020 = drafts.filter {
      if case .unitMerged(let unit, let into) = $0.payload {
        return $0.occurredOn.year == 2020 && unit.hasPrefix("n-") && into.hasPrefix("n-")
      }
      return false
    }
    #expect(boardMergers2020.count == 1)
    #expect(drafts.contains { if case .unitMoved = $0.payload { $0.occurredOn.year == 2020 } else { false } })
    #expect(drafts.contains { if case .unitRenamed = $0.payload { true } else { false } })
    #expect(drafts.contains { if case .unitClosed = $0.payload { true } else { false } })
    // Retractions of mistaken completions, with a Swedish reason.
    let retractions = drafts.compactMap { d -> (String, String)? in
      if case .eventRetracted(let event, let reason) = d.payload { (event, reason) } else { nil }
    }
    #expect(retractions.count >= 2)
    for (event, reason) in retractions {
      let target = try #require(log.chronicle.seq(ofEvent: event))
      #expect(log.chronicle.eventType(atSeq: target) == .courseCompleted)
      #expect(reason.contains("registrer") || reason.contains("Registrer"))
    }
    // December attendance lists logged in February of the next year.
    let late = drafts.filter {
      $0.occurredOn.components.month == 12
        && $0.recordedAt!.stockholmDate >= CivilDate(year: $0.occurredOn.year + 1, month: 2, day: 1)!
    }
    #expect(late.count >= 20)
    #expect(late.allSatisfy { if case .courseCompleted = $0.payload { true } else { false } })
    // The city goal, replaced later under the same id, and board goals.
    let goals = drafts.compactMap { d -> (String, String, CivilDate)? in
      if case .goalSet(let goal, let scope, _, _, let deadline) = d.payload {
        (goal, scope, deadline)
      } else {
        nil
      }
    }
    #expect(goals.contains { $0 == ("pim-niva3", "stad", CivilDate(parsing: "2013-12-31")!) })
    #expect(goals.filter { $0.0 == "pim-niva3" }.count == 2)
    #expect(goals.contains { $0.1.hasPrefix("n-") })
    // recordedAt never goes back and is on or after the day the fact became true.
    for (a, b) in zip(drafts, drafts.dropFirst()) { #expect(a.recordedAt! <= b.recordedAt!) }
    #expect(drafts.allSatisfy { $0.recordedAt!.stockholmDate >= $0.occurredOn })
    // Most units with a school form have an examiner, year after year.
    for year in 2011...2025 where year != 2011 {
      let state = log.state(asOf: "\(year)-06-30")
      let schools = state.allUnits.filter { $0.kind == .unit && $0.isOpen && $0.schoolForm != nil }
      let roles = state.examinerRolesByUnit
      let covered = schools.filter { roles[$0.id] != nil }.count
      #expect(Double(covered) >= 0.7 * Double(schools.count), "year \(year): \(covered) of \(schools.count)")
    }
  }

  @Test(arguments: [UInt64(2011), 7, 424_242])
  func cityGoalIsAlmostMetOnItsDeadline(seed: UInt64) throws {
    let log = try DemoLog.small(seed: seed)
    let census = Census(log.state(asOf: "2013-12-31"))
    let (atLevel, staff) = census.share(of: "stad", atLeast: 3)
    let share = Double(atLevel) / Double(staff)
    #expect(staff > 250)
    #expect(share > 0.7 && share < 0.99, "share \(share)")
    // Levels keep rising afterwards.
    let later = Census(log.state(asOf: "2020-12-31")).levelDistribution(of: "stad")
    #expect(later[4] + later[5] > 0)
  }

  @Test func personalDataOnlyInThePersonRegister() {
    let drafts = DemoCity(scale: .small).allDrafts()
    var secrets: Set<String> = []
    for d in drafts {
      if case .personRegistered(let person) = d.payload {
        #expect(person.hasPrefix("p-") && person.dropFirst(2).allSatisfy(\.isNumber))
        guard let data = d.personalData else {
          Issue.record("PersonRegistered \(person) without personal data")
          continue
        }
        #expect(data.name.contains(" "))
        secrets.insert(data.name)
        if let email = data.email {
          #expect(email.hasSuffix("@skola.norrvik.example"))
          secrets.insert(email)
          secrets.insert(String(email.prefix { $0 != "@" }))
        }
      } else {
        #expect(d.personalData == nil)
      }
    }
    #expect(secrets.count > 300)
    for d in drafts {
      for text in d.payload.strings + [d.id ?? "", d.actor ?? ""] {
        #expect(!secrets.contains(text), "\(text) in \(d.payload)")
        // A full name is two words; check that none hides in a longer text (a reason, a title).
        if text.contains(" ") {
          #expect(!secrets.contains { text.contains($0) }, "\(text) in \(d.payload)")
        }
      }
    }
  }

  @Test(.enabled(if: ProcessInfo.processInfo.environment["LIGGARE_SLOW_TESTS"] == "1"))
  func cityScaleStreamsMillionsOfValidEvents() throws {
    let clock = ContinuousClock()
    var count = 0
    var previous = Timestamp.distantPast
    let generation = clock.measure {
      DemoCity(scale: .city).generate { batch in
        count += batch.count
        for d in batch {
          precondition(d.recordedAt! >= previous)
          previous = d.recordedAt!
        }
      }
    }
    print("city scale: \(count) events generated in \(generation)")
    let summary = DemoCity(scale: .city).generate { _ in }
    for type in EventType.allCases { print("  \(type.rawValue): \(summary.countsByType[type, default: 0])") }
    #expect(count > 2_000_000 && count < 3_000_000)
    var log = DemoLog()
    let appending = try clock.measure {
      try DemoCity(scale: .city).generate { batch in
        for d in batch { try log.append(d) }
      }
    }
    print("city scale: \(count) events generated and checked by the rulebook in \(appending)")
    let census = Census(log.state(asOf: "2013-12-31"))
    let (atLevel, staff) = census.share(of: "stad", atLeast: 3)
    print("city scale: \(staff) staff on 2013-12-31, share at level 3: \(Double(atLevel) / Double(staff))")
    let state = log.state(asOf: "2018-06-30")
    let schools = state.allUnits.filter { $0.kind == .unit && $0.isOpen && $0.schoolForm != nil }
    let roles = state.examinerRolesByUnit
    let covered = schools.filter { roles[$0.id] != nil }.count
    print(
      "city scale: \(covered) of \(schools.count) units with a school form have an examiner on 2018-06-30")
    #expect(Double(covered) >= 0.8 * Double(schools.count))
    var smallSummary = DemoSummary(cityName: "")
    let small = clock.measure { smallSummary = DemoCity(scale: .small).generate { _ in } }
    print("small scale: \(smallSummary.eventCount) events generated in \(small)")
    print(summary)
    #expect(staff > 25_000 && staff < 35_000)
  }

  /// Generates the national scale (only streamed: 25 million events are too many to check here).
  @Test(.enabled(if: ProcessInfo.processInfo.environment["LIGGARE_SLOW_TESTS"] == "1"))
  func nationalScaleStreams() {
    let clock = ContinuousClock()
    var count = 0
    var largest = 0
    var previous = Timestamp.distantPast
    var ordered = true
    let time = clock.measure {
      DemoCity(scale: .national).generate { batch in
        count += batch.count
        largest = max(largest, batch.count)
        for d in batch {
          if d.recordedAt! < previous { ordered = false }
          previous = d.recordedAt!
        }
      }
    }
    print("national scale: \(count) events in \(time), largest batch \(largest)")
    #expect(ordered)
    #expect(count > 20_000_000)
  }
}

extension Payload {
  /// Every string field of the payload.
  var strings: [String] {
    switch self {
    case .unitEstablished(let unit, let name, _, let parent, _): [unit, name] + (parent.map { [$0] } ?? [])
    case .unitRenamed(let unit, let name): [unit, name]
    case .unitMoved(let unit, let parent): [unit, parent]
    case .unitMerged(let unit, let into): [unit, into]
    case .unitClosed(let unit): [unit]
    case .personRegistered(let person): [person]
    case .staffAssigned(let person, let unit, _): [person, unit]
    case .staffLeft(let person): [person]
    case .courseDefined(let course, let title, _, _): [course, title]
    case .courseCompleted(let person, let course, _): [person, course]
    case .pimLevelAttained(let person, _, let examiner): [person, examiner]
    case .examinerAppointed(let person, let unit, _): [person, unit]
    case .examinerRoleEnded(let person): [person]
    case .goalSet(let goal, let scope, _, _, _): [goal, scope]
    case .eventRetracted(let event, let reason): [event, reason]
    case .frameworkDefined(let framework, let title, let levels): [framework, title] + levels
    case .competenceDefined(let competence, let framework, let title, _): [competence, framework, title]
    case .requirementSet(let requirement, let competence, let minLevel, let scope, _, _):
      [requirement, competence, minLevel, scope]
    case .requirementEnded(let requirement): [requirement]
    case .competenceAssessed(let person, let competence, let level, _, let assessor):
      [person, competence, level] + (assessor.map { [$0] } ?? [])
    case .unitFollowUp(let unit, _, _): [unit]
    case .measurePlanned(let measure, let scope, _, let title, _, let responsible):
      [measure, scope, title] + (responsible.map { [$0] } ?? [])
    case .measureStatus(let measure, _): [measure]
    }
  }
}
