import LiggareBasics
import Testing

@testable import LiggareDomain

@Suite struct RulebookTests {
  @Test func levelExaminedOnTheDayTheRoleEndedIsRejected() throws {
    var log = try LogBuilder.smallCity()
    try log.append(.personRegistered(person: "p-1"), on: "2012-01-01")
    try log.append(.examinerRoleEnded(person: "p-77"), on: "2012-05-02")
    #expect(throws: RuleViolation.notAnExaminer("p-77", on: LogBuilder.day("2012-05-02"))) {
      try log.append(.pimLevelAttained(person: "p-1", level: 2, examiner: "p-77"), on: "2012-05-02")
    }
    // The day before, the role still held.
    try log.append(.pimLevelAttained(person: "p-1", level: 2, examiner: "p-77"), on: "2012-05-01")
    #expect(log.state(asOf: "2012-12-31").level(of: "p-1") == 2)
  }

  @Test func examinerMustBeSomeoneElseAndHighEnough() throws {
    var log = try LogBuilder.smallCity()
    #expect(throws: RuleViolation.examinerIsCandidate("p-77")) {
      try log.append(.pimLevelAttained(person: "p-77", level: 1, examiner: "p-77"), on: "2012-05-02")
    }
    try log.append(.personRegistered(person: "p-1"), on: "2012-01-01")
    #expect(
      throws: RuleViolation.examinerLevelTooLow(
        "p-77", maxLevel: 3, level: 4, on: LogBuilder.day("2012-05-02"))
    ) {
      try log.append(.pimLevelAttained(person: "p-1", level: 4, examiner: "p-77"), on: "2012-05-02")
    }
    #expect(throws: RuleViolation.notAnExaminer("p-77", on: LogBuilder.day("2012-01-09"))) {
      try log.append(.pimLevelAttained(person: "p-1", level: 1, examiner: "p-77"), on: "2012-01-09")
    }
  }

  @Test func retractionRules() throws {
    var log = try LogBuilder.smallCity()
    try log.append(.personRegistered(person: "p-1"), on: "2012-01-01", id: "reg-1")
    try log.append(
      .courseCompleted(person: "p-1", course: "pim-intro", hours: nil), on: "2012-04-13", id: "c-1")
    #expect(throws: RuleViolation.hasDependants("reg-1", dependants: ["c-1"])) {
      try log.append(.eventRetracted(event: "reg-1", reason: "fel"), on: "2012-05-01")
    }
    try log.append(.eventRetracted(event: "c-1", reason: "fel person"), on: "2012-05-01", id: "r-1")
    #expect(throws: RuleViolation.alreadyRetracted("c-1", by: "r-1")) {
      try log.append(.eventRetracted(event: "c-1", reason: "igen"), on: "2012-05-01")
    }
    #expect(throws: RuleViolation.retractsRetraction("r-1")) {
      try log.append(.eventRetracted(event: "r-1", reason: "ångra"), on: "2012-05-01")
    }
    #expect(throws: RuleViolation.unknownEvent("nope")) {
      try log.append(.eventRetracted(event: "nope", reason: "x"), on: "2012-05-01")
    }
    // With its dependant retracted, the registration may go.
    try log.append(.eventRetracted(event: "reg-1", reason: "fel"), on: "2012-05-01")
    #expect(!log.state(asOf: "2012-12-31").isRegistered("p-1"))
    // As known before the retractions, the course and the person were there.
    let before = log.state(asOf: "2012-12-31", knownAtSeq: log.chronicle.seq(ofEvent: "c-1"))
    #expect(before.isRegistered("p-1"))
    #expect(before.completions(of: "p-1").count == 1)
  }

  @Test func mergeAndMoveOnTheSameDate() throws {
    var log = try LogBuilder.smallCity()
    try log.append(.personRegistered(person: "p-1"), on: "2019-01-01")
    try log.append(.staffAssigned(person: "p-1", unit: "f-ek", role: .barnskötare), on: "2019-01-01")
    // Move Eken to board 2, then merge Solrosen into Eken, both on 2020-01-01.
    try log.append(.unitMoved(unit: "f-ek", parent: "n-2"), on: "2020-01-01")
    try log.append(.unitMerged(unit: "f-sol", into: "f-ek"), on: "2020-01-01")
    let after = log.state(asOf: "2020-01-01")
    #expect(after.placement(of: "p-77")?.unitID == "f-ek")
    #expect(after.examinerRole(of: "p-77")?.unitID == "f-ek")
    #expect(after.unit("f-sol")?.isOpen == false)
    let census = Census(after)
    #expect(census.staff(of: "n-2").map(\.personID) == ["p-1", "p-77"])
    #expect(census.staff(of: "n-1").isEmpty)
    let before = Census(log.state(asOf: "2019-12-31"))
    #expect(before.staff(of: "n-1").count == 2)
    #expect(throws: RuleViolation.unitNotOpen("f-sol", on: LogBuilder.day("2020-02-01"))) {
      try log.append(.staffAssigned(person: "p-1", unit: "f-sol", role: .lärare), on: "2020-02-01")
    }
  }

  @Test func assignmentBackdatedBeforeAMergeFollowsTheMerge() throws {
    var log = try LogBuilder.smallCity()
    try log.append(.unitMerged(unit: "f-sol", into: "f-ek"), on: "2020-01-01")
    try log.append(.personRegistered(person: "p-2"), on: "2019-01-01")
    // Logged after the merge, dated before it: valid then, and moves with the merge.
    try log.append(.staffAssigned(person: "p-2", unit: "f-sol", role: .lärare), on: "2019-06-01")
    #expect(log.state(asOf: "2019-12-31").placement(of: "p-2")?.unitID == "f-sol")
    #expect(log.state(asOf: "2020-01-01").placement(of: "p-2")?.unitID == "f-ek")
  }

  @Test func closingRequiresNoPeopleAndNoOpenChildren() throws {
    var log = try LogBuilder.smallCity()
    #expect(throws: RuleViolation.hasPeople("f-sol", people: ["p-77"], on: LogBuilder.day("2013-01-01"))) {
      try log.append(.unitClosed(unit: "f-sol"), on: "2013-01-01")
    }
    #expect(
      throws: RuleViolation.hasOpenChildren(
        "n-1", children: ["f-ek", "f-sol"], on: LogBuilder.day("2013-01-01"))
    ) {
      try log.append(.unitClosed(unit: "n-1"), on: "2013-01-01")
    }
    try log.append(.unitClosed(unit: "f-ek"), on: "2013-01-01")
    #expect(throws: RuleViolation.unitNotOpen("f-ek", on: LogBuilder.day("2013-02-01"))) {
      try log.append(.unitClosed(unit: "f-ek"), on: "2013-02-01")
    }
    #expect(throws: RuleViolation.unitNotOpen("f-ek", on: LogBuilder.day("2013-02-01"))) {
      try log.append(
        .goalSet(
          goal: "g", scope: "f-ek", minLevel: 3, targetShare: 1, deadline: LogBuilder.day("2013-12-31")),
        on: "2013-02-01")
    }
  }

  @Test func shapeOfTheTree() throws {
    var log = try LogBuilder.smallCity()
    #expect(throws: RuleViolation.cityAlreadyExists("stad")) {
      try log.append(
        .unitEstablished(unit: "stad2", name: "X", kind: .city, parent: nil, schoolForm: nil),
        on: "2011-01-01")
    }
    #expect(
      throws: RuleViolation.wrongParentKind(unit: "f-x", kind: .unit, parent: "stad", parentKind: .city)
    ) {
      try log.append(
        .unitEstablished(unit: "f-x", name: "X", kind: .unit, parent: "stad", schoolForm: nil),
        on: "2011-01-01")
    }
    #expect(
      throws: RuleViolation.wrongParentKind(unit: "f-sol", kind: .unit, parent: "f-ek", parentKind: .unit)
    ) {
      try log.append(.unitMoved(unit: "f-sol", parent: "f-ek"), on: "2011-01-01")
    }
    #expect(throws: RuleViolation.alreadyExists(what: "enheten", id: "f-sol")) {
      try log.append(
        .unitEstablished(unit: "f-sol", name: "X", kind: .unit, parent: "n-1", schoolForm: nil),
        on: "2011-01-01")
    }
    #expect(throws: RuleViolation.notAUnit("n-1", kind: .board)) {
      try log.append(.staffAssigned(person: "p-77", unit: "n-1", role: .rektor), on: "2011-01-01")
    }
    try log.append(.personRegistered(person: "p-8"), on: "2009-06-01")
    #expect(throws: RuleViolation.unknownUnit("f-sol", on: LogBuilder.day("2009-12-31"))) {
      try log.append(.staffAssigned(person: "p-8", unit: "f-sol", role: .rektor), on: "2009-12-31")
    }
  }

  @Test func goalsReplacedByALaterGoalSet() throws {
    var log = try LogBuilder.smallCity()
    try log.append(
      .goalSet(goal: "g", scope: "stad", minLevel: 3, targetShare: 1, deadline: LogBuilder.day("2013-12-31")),
      on: "2011-06-01")
    try log.append(
      .goalSet(
        goal: "g", scope: "stad", minLevel: 2, targetShare: 0.8, deadline: LogBuilder.day("2014-12-31")),
      on: "2013-06-01")
    #expect(log.state(asOf: "2012-12-31").goals.map(\.minLevel) == [3])
    #expect(log.state(asOf: "2013-12-31").goals.map(\.minLevel) == [2])
    let status = try #require(GoalStatus.evaluateAll(in: log.state(asOf: "2013-12-31")).first)
    #expect(status.staff == 1)
    #expect(status.atLevel == 0)
    #expect(!status.isMet)
    #expect(status.evaluatedOn == LogBuilder.day("2013-12-31"))
  }

  @Test func staffLeftAndExaminerEndNeedSomethingToEnd() throws {
    var log = try LogBuilder.smallCity()
    try log.append(.personRegistered(person: "p-3"), on: "2011-01-01")
    #expect(throws: RuleViolation.notAssigned("p-3", on: LogBuilder.day("2011-02-01"))) {
      try log.append(.staffLeft(person: "p-3"), on: "2011-02-01")
    }
    #expect(throws: RuleViolation.noExaminerRole("p-3", on: LogBuilder.day("2011-02-01"))) {
      try log.append(.examinerRoleEnded(person: "p-3"), on: "2011-02-01")
    }
  }

  @Test func doubtfulEventsAreFindings() throws {
    var log = try LogBuilder.smallCity()
    try log.append(.personRegistered(person: "p-1"), on: "2012-01-01")
    try log.append(.pimLevelAttained(person: "p-1", level: 2, examiner: "p-77"), on: "2012-05-02", id: "lvl")
    #expect(Rulebook.findings(in: log.events, chronicle: log.chronicle).isEmpty)
    // Backdated: the role ended before the exam already logged.
    try log.append(.examinerRoleEnded(person: "p-77"), on: "2012-04-01")
    let findings = Rulebook.findings(in: log.events, chronicle: log.chronicle)
    #expect(findings.map(\.eventID) == ["lvl"])
    #expect(log.state(asOf: "2012-12-31").level(of: "p-1") == 2)
  }

  @Test func eventsMayNotBeDatedAfterTheyAreRecorded() throws {
    var log = try LogBuilder.smallCity()
    #expect(throws: RuleViolation.self) {
      try log.append(.personRegistered(person: "p-9"), on: "2031-01-01")
    }
  }
}

@Suite struct CanonicalDataTests {
  static let samples: [Payload] = [
    .unitEstablished(unit: "u", name: "Å \"x\"", kind: .unit, parent: "n", schoolForm: .anpassadSkola),
    .unitEstablished(unit: "stad", name: "Staden", kind: .city, parent: nil, schoolForm: nil),
    .unitRenamed(unit: "u", name: "Ny"), .unitMoved(unit: "u", parent: "n"),
    .unitMerged(unit: "u", into: "v"),
    .unitClosed(unit: "u"), .personRegistered(person: "p"),
    .staffAssigned(person: "p", unit: "u", role: .förskollärare), .staffLeft(person: "p"),
    .courseDefined(course: "c", title: "T\n", hours: 2.5, area: .samarbeteOchKommunikation),
    .courseCompleted(person: "p", course: "c", hours: nil),
    .courseCompleted(person: "p", course: "c", hours: 1.25),
    .pimLevelAttained(person: "p", level: 3, examiner: "e"),
    .examinerAppointed(person: "e", unit: "u", maxLevel: 5),
    .examinerRoleEnded(person: "e"),
    .goalSet(
      goal: "g", scope: "stad", minLevel: 3, targetShare: 0.95, deadline: CivilDate(parsing: "2013-12-31")!),
    .eventRetracted(event: "x", reason: "fel person"),
  ]

  /// The hand-ordered writer must produce exactly what sorting the dictionary produces.
  @Test(arguments: samples)
  func handWrittenOrderEqualsSortedDictionary(_ payload: Payload) {
    var fast: [UInt8] = []
    payload.writeCanonicalData(to: &fast)
    var sorted: [UInt8] = []
    JSONWriter.write(payload.data(), to: &sorted)
    #expect(fast == sorted)
    let personal = PersonalData(name: "Åsa", email: "a@b.se")
    var fastPersonal: [UInt8] = []
    payload.writeCanonicalData(with: personal, to: &fastPersonal)
    var sortedPersonal: [UInt8] = []
    JSONWriter.write(payload.data(with: personal), to: &sortedPersonal)
    #expect(fastPersonal == sortedPersonal)
  }
}
