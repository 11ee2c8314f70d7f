import LiggareBasics
import Testing

@testable import LiggareDomain

extension LogBuilder {
  static let dce = ["A1", "A2", "B1", "B2", "C1", "C2"]

  /// The small city plus a school with two heads and a teacher, a framework and a competence.
  static func part2City() throws -> LogBuilder {
    var log = try LogBuilder.smallCity()
    try log.append(
      .unitEstablished(unit: "s-ek", name: "Ekskolan", kind: .unit, parent: "n-1", schoolForm: .grundskola),
      on: "2010-01-01", id: "est-s-ek")
    try log.append(
      .unitEstablished(unit: "s-ask", name: "Askskolan", kind: .unit, parent: "n-2", schoolForm: .grundskola),
      on: "2010-01-01")
    for (p, unit, role) in [
      ("p-r1", "s-ek", StaffRole.rektor), ("p-r2", "s-ek", .rektor), ("p-t1", "s-ek", .lärare),
      ("p-r3", "s-ask", .rektor), ("p-fc", "f-sol", .förskolechef), ("p-x", "s-ek", .annan),
    ] {
      try log.append(.personRegistered(person: p), on: "2010-01-01", id: "reg-\(p)")
      try log.append(.staffAssigned(person: p, unit: unit, role: role), on: "2010-01-01")
    }
    try log.append(
      .frameworkDefined(framework: "dce", title: "DigCompEdu", levels: dce), on: "2019-01-01", id: "fw-1")
    try log.append(
      .competenceDefined(
        competence: "k1", framework: "dce", title: "Digitala resurser", area: .digitaltInnehåll),
      on: "2019-01-01", id: "comp-1")
    return log
  }

  mutating func assess(
    _ person: String, _ level: String, on date: String, head: String? = nil, competence: String = "k1",
    id: String? = nil
  ) throws(RuleViolation) {
    try append(
      .competenceAssessed(
        person: person, competence: competence, level: level, method: head == nil ? .self : .head,
        assessor: head),
      on: date, id: id)
  }
}

@Suite struct Part2RulebookTests {
  static func day(_ s: String) -> CivilDate { LogBuilder.day(s) }

  @Test func frameworkLevelsAreTwoToTenDistinctNonEmptyLabels() throws {
    var log = try LogBuilder.part2City()
    #expect(throws: RuleViolation.outOfRange(field: "levels", value: "1 nivåer", allowed: "2–10 nivåer")) {
      try log.append(.frameworkDefined(framework: "f", title: "F", levels: ["a"]), on: "2019-01-01")
    }
    #expect(throws: RuleViolation.outOfRange(field: "levels", value: "11 nivåer", allowed: "2–10 nivåer")) {
      try log.append(
        .frameworkDefined(framework: "f", title: "F", levels: (1...11).map { "n\($0)" }), on: "2019-01-01")
    }
    #expect(throws: RuleViolation.emptyField("levels")) {
      try log.append(.frameworkDefined(framework: "f", title: "F", levels: ["a", " "]), on: "2019-01-01")
    }
    #expect(
      throws: RuleViolation.outOfRange(field: "levels", value: "a, a", allowed: "olika namn på varje nivå")
    ) {
      try log.append(.frameworkDefined(framework: "f", title: "F", levels: ["a", "a"]), on: "2019-01-01")
    }
    try log.append(
      .frameworkDefined(framework: "f", title: "F", levels: (1...10).map { "n\($0)" }), on: "2019-01-01")
    try log.append(.frameworkDefined(framework: "g", title: "G", levels: ["ja", "nej"]), on: "2019-01-01")
  }

  @Test func aRedefinitionMayRelabelButNotChangeTheNumberOfLevelsAgainstAnyDefinition() throws {
    var log = try LogBuilder.part2City()
    try log.assess("p-t1", "B1", on: "2019-03-01")
    // Relabel from 2020: the older assessment keeps its meaning (position 2, "B1").
    let numbered = ["1", "2", "3", "4", "5", "6"]
    try log.append(
      .frameworkDefined(framework: "dce", title: "DigCompEdu sv", levels: numbered), on: "2020-01-01")
    #expect(
      throws: RuleViolation.unknownLevel(
        field: "level", label: "B1", framework: "dce", allowed: numbered, on: Self.day("2020-02-01"))
    ) { try log.assess("p-t1", "B1", on: "2020-02-01") }
    let levels = log.state(asOf: "2020-06-30").competenceLevels(of: "p-t1", in: "k1")
    #expect(levels.selfAssessed?.label == "B1")
    #expect(levels.selfAssessed?.position == 2)
    #expect(log.state(asOf: "2020-06-30").framework("dce")?.levels == numbered)
    #expect(log.state(asOf: "2019-06-30").framework("dce")?.levels == LogBuilder.dce)
    // Changing the number of levels is checked against every definition, also a backdated one.
    #expect(throws: RuleViolation.levelCountChanged(framework: "dce", count: 5, existing: 6)) {
      try log.append(
        .frameworkDefined(framework: "dce", title: "X", levels: ["a", "b", "c", "d", "e"]), on: "2018-01-01")
    }
  }

  @Test func aCompetenceNeedsItsFrameworkAndKeepsIt() throws {
    var log = try LogBuilder.part2City()
    #expect(throws: RuleViolation.unknownFramework("dce", on: Self.day("2018-12-31"))) {
      try log.append(
        .competenceDefined(competence: "k2", framework: "dce", title: "T", area: .infrastruktur),
        on: "2018-12-31")
    }
    try log.append(
      .frameworkDefined(framework: "egen", title: "Egen lista", levels: ["nej", "ja"]), on: "2019-01-01")
    #expect(
      throws: RuleViolation.competenceFrameworkChanged(competence: "k1", framework: "egen", existing: "dce")
    ) {
      try log.append(
        .competenceDefined(competence: "k1", framework: "egen", title: "T", area: .infrastruktur),
        on: "2021-01-01")
    }
    try log.append(
      .competenceDefined(competence: "k1", framework: "dce", title: "Nytt namn", area: .uppföljning),
      on: "2021-01-01")
    #expect(log.state(asOf: "2020-12-31").competence("k1")?.title == "Digitala resurser")
    #expect(log.state(asOf: "2021-01-01").competence("k1")?.area == .uppföljning)
  }

  @Test func requirementValuesAreChecked() throws {
    var log = try LogBuilder.part2City()
    func set(
      minLevel: String = "B1", scope: String = "stad", roles: [StaffRole]? = nil, forms: [SchoolForm]? = nil
    )
      -> Payload
    {
      .requirementSet(
        requirement: "r", competence: "k1", minLevel: minLevel, scope: scope, roles: roles, schoolForms: forms
      )
    }
    #expect(
      throws: RuleViolation.unknownLevel(
        field: "minLevel", label: "B3", framework: "dce", allowed: LogBuilder.dce, on: Self.day("2019-02-01"))
    ) { try log.append(set(minLevel: "B3"), on: "2019-02-01") }
    #expect(throws: RuleViolation.unknownCompetence("k9", on: Self.day("2019-02-01"))) {
      try log.append(
        .requirementSet(
          requirement: "r", competence: "k9", minLevel: "B1", scope: "stad", roles: nil, schoolForms: nil),
        on: "2019-02-01")
    }
    #expect(throws: RuleViolation.self) { try log.append(set(roles: [.lärare, .annan]), on: "2019-02-01") }
    #expect(throws: RuleViolation.self) { try log.append(set(roles: []), on: "2019-02-01") }
    #expect(throws: RuleViolation.self) {
      try log.append(set(forms: [.förskola, .förskola]), on: "2019-02-01")
    }
    #expect(throws: RuleViolation.unknownUnit("nope", on: Self.day("2019-02-01"))) {
      try log.append(set(scope: "nope"), on: "2019-02-01")
    }
    try log.append(.unitClosed(unit: "f-ek"), on: "2019-01-15")
    #expect(throws: RuleViolation.unitNotOpen("f-ek", on: Self.day("2019-02-01"))) {
      try log.append(set(scope: "f-ek"), on: "2019-02-01")
    }
    try log.append(set(roles: [.lärare], forms: [.grundskola]), on: "2019-02-01")
  }

  @Test func aRequirementReplacedAndThenEnded() throws {
    var log = try LogBuilder.part2City()
    try log.append(
      .requirementSet(
        requirement: "r", competence: "k1", minLevel: "A2", scope: "stad", roles: nil, schoolForms: nil),
      on: "2019-02-01")
    try log.append(
      .requirementSet(
        requirement: "r", competence: "k1", minLevel: "B2", scope: "n-1", roles: nil, schoolForms: nil),
      on: "2020-02-01")
    #expect(log.state(asOf: "2019-12-31").requirement("r")?.minLevel == "A2")
    #expect(log.state(asOf: "2020-02-01").requirement("r")?.minLevel == "B2")
    #expect(log.state(asOf: "2020-02-01").requirement("r")?.minPosition == 3)
    #expect(log.state(asOf: "2020-02-01").requirement("r")?.scopeID == "n-1")
    try log.append(.requirementEnded(requirement: "r"), on: "2021-01-01")
    #expect(log.state(asOf: "2020-12-31").requirement("r") != nil)
    #expect(log.state(asOf: "2021-01-01").requirement("r") == nil)
    #expect(log.state(asOf: "2021-01-01").requirementsInForce.isEmpty)
    // A second end with nothing in force between is rejected.
    #expect(throws: RuleViolation.requirementNotInForce("r", on: Self.day("2021-06-01"))) {
      try log.append(.requirementEnded(requirement: "r"), on: "2021-06-01")
    }
    #expect(throws: RuleViolation.unknownRequirement("q", on: Self.day("2021-06-01"))) {
      try log.append(.requirementEnded(requirement: "q"), on: "2021-06-01")
    }
    // A later set puts it back in force; an end of the same date ends the set folded before it.
    try log.append(
      .requirementSet(
        requirement: "r", competence: "k1", minLevel: "C1", scope: "stad", roles: nil, schoolForms: nil),
      on: "2022-01-01")
    #expect(log.state(asOf: "2022-01-01").requirement("r")?.minLevel == "C1")
    try log.append(.requirementEnded(requirement: "r"), on: "2022-01-01")
    #expect(log.state(asOf: "2022-01-01").requirement("r") == nil)
    #expect(log.state(asOf: "2021-12-31").requirement("r") == nil)
  }

  @Test func aHeadAssessmentComesFromAHeadOfThePersonsUnitThatDay() throws {
    var log = try LogBuilder.part2City()
    // p-r3 heads another unit: rejected.
    #expect(
      throws: RuleViolation.notHeadOfUnit(
        assessor: "p-r3", person: "p-t1", unit: "s-ek", on: Self.day("2019-03-01"))
    ) { try log.assess("p-t1", "B1", on: "2019-03-01", head: "p-r3") }
    // p-r3 moves to s-ek from 2019-04-01: then (and only then) p-r3 may assess.
    try log.append(.staffAssigned(person: "p-r3", unit: "s-ek", role: .rektor), on: "2019-04-01")
    #expect(throws: RuleViolation.self) { try log.assess("p-t1", "B1", on: "2019-03-31", head: "p-r3") }
    try log.assess("p-t1", "B1", on: "2019-04-01", head: "p-r3")
    // A teacher is not a head.
    #expect(throws: RuleViolation.self) { try log.assess("p-r1", "B1", on: "2019-04-01", head: "p-t1") }
    // Heads: another head of the same unit may assess; nobody assesses themself as head.
    try log.assess("p-r1", "B2", on: "2019-04-02", head: "p-r2")
    #expect(throws: RuleViolation.assessorIsPerson("p-fc")) {
      try log.assess("p-fc", "B2", on: "2019-04-02", head: "p-fc")
    }
    try log.assess("p-fc", "B2", on: "2019-04-02")
    // Self with an assessor, head without one.
    #expect(throws: RuleViolation.assessorNotAllowed("p-r1")) {
      try log.append(
        .competenceAssessed(person: "p-t1", competence: "k1", level: "A1", method: .self, assessor: "p-r1"),
        on: "2019-05-01")
    }
    #expect(throws: RuleViolation.assessorMissing) {
      try log.append(
        .competenceAssessed(person: "p-t1", competence: "k1", level: "A1", method: .head, assessor: nil),
        on: "2019-05-01")
    }
    // Only staff are assessed: not `annan`, not someone who left.
    #expect(throws: RuleViolation.notStaff("p-x", on: Self.day("2019-05-01"))) {
      try log.assess("p-x", "A1", on: "2019-05-01")
    }
    try log.append(.staffLeft(person: "p-t1"), on: "2019-06-01")
    #expect(throws: RuleViolation.notStaff("p-t1", on: Self.day("2019-06-01"))) {
      try log.assess("p-t1", "A1", on: "2019-06-01")
    }
  }

  @Test func aLaterLowerAssessmentReplacesAHigherOneAndTheHeadsCounts() throws {
    var log = try LogBuilder.part2City()
    try log.assess("p-t1", "C1", on: "2019-03-01")
    try log.assess("p-t1", "A2", on: "2020-03-01")
    #expect(log.state(asOf: "2019-12-31").competenceLevels(of: "p-t1", in: "k1").counting?.label == "C1")
    #expect(log.state(asOf: "2020-12-31").competenceLevels(of: "p-t1", in: "k1").counting?.label == "A2")
    try log.assess("p-t1", "B1", on: "2020-04-01", head: "p-r1")
    try log.assess("p-t1", "C2", on: "2020-05-01")
    let levels = log.state(asOf: "2020-12-31").competenceLevels(of: "p-t1", in: "k1")
    #expect(levels.selfAssessed?.label == "C2")
    #expect(levels.headAssessed?.label == "B1")
    #expect(levels.counting?.label == "B1")
    #expect(levels.counting?.assessorID == "p-r1")
    // A backdated lower head assessment does not replace a later one.
    try log.assess("p-t1", "A1", on: "2020-03-15", head: "p-r2")
    #expect(log.state(asOf: "2020-12-31").competenceLevels(of: "p-t1", in: "k1").counting?.label == "B1")
    #expect(log.state(asOf: "2020-03-31").competenceLevels(of: "p-t1", in: "k1").counting?.label == "A1")
    #expect(log.state(asOf: "2018-12-31").competenceLevels(of: "p-t1", in: "k1").counting == nil)
  }

  @Test func fulfilmentGapsAndNotAssessed() throws {
    var log = try LogBuilder.part2City()
    try log.append(
      .requirementSet(
        requirement: "r", competence: "k1", minLevel: "B1", scope: "n-1", roles: [.lärare, .rektor],
        schoolForms: [.grundskola]),
      on: "2019-02-01")
    try log.assess("p-t1", "A1", on: "2019-03-01")
    try log.assess("p-r1", "B2", on: "2019-03-01")
    let state = log.state(asOf: "2019-12-31")
    let figures = CompetenceCensus(state)
    // Applies to p-r1, p-r2, p-t1 at s-ek (grundskola under n-1); not p-fc (förskola), p-r3 (n-2), p-x (annan).
    let f = try #require(figures.fulfilment(of: "r", at: "n-1"))
    #expect(f.applies == 3)
    #expect(f.met == 1)
    #expect(f.notAssessed == 1)
    #expect(f.notAssessedIDs == ["p-r2"])
    #expect(f.below.map(\.personID) == ["p-t1"])
    #expect(f.below.first?.gap == 2)
    #expect(f.shareMet == 1.0 / 3.0)
    #expect(figures.fulfilment(of: "r", at: "n-2")?.applies == 0)
    #expect(figures.fulfilment(of: "r", at: "n-2")?.shareMet == nil)
    #expect(figures.fulfilment(of: "r", at: "stad")?.applies == 3)
    #expect(figures.statuses(of: "p-fc").isEmpty)
    let t1 = figures.statuses(of: "p-t1")
    #expect(t1.count == 1)
    #expect(t1.first?.gap == 2)
    #expect(figures.statuses(of: "p-r2").first?.isNotAssessed == true)
    #expect(figures.statuses(of: "p-r2").first?.gap == nil)
    // Moving the school to n-2 moves the requirement's reach (tree as of D).
    try log.append(.unitMoved(unit: "s-ek", parent: "n-2"), on: "2020-01-01")
    #expect(CompetenceCensus(log.state(asOf: "2020-01-01")).fulfilment(of: "r", at: "stad")?.applies == 0)
  }

  @Test func aFollowUpForAYearRecordedTheNextJanuaryCountsForThatYear() throws {
    var log = try LogBuilder.part2City()
    let all3 = AreaRatings(Dictionary(uniqueKeysWithValues: StrategyArea.allCases.map { ($0, 3) }))
    let all1 = AreaRatings(Dictionary(uniqueKeysWithValues: StrategyArea.allCases.map { ($0, 1) }))
    try log.append(.unitFollowUp(unit: "s-ek", year: 2019, ratings: all3), on: "2020-01-20")
    let known = log.chronicle.lastSeq
    #expect(log.state(asOf: "2020-12-31").followUps(forYear: 2019)["s-ek"]?.ratings == all3)
    let summary = FollowUpSummary.of("n-1", year: 2019, chronicle: log.chronicle, knownAtSeq: known)
    #expect(summary.unitsWithFollowUp == 1)
    #expect(summary.meanByArea[.infrastruktur] == 3)
    #expect(summary.missing == ["f-ek", "f-sol"])
    // Not known before it was recorded.
    #expect(
      FollowUpSummary.of("n-1", year: 2019, chronicle: log.chronicle, knownAtSeq: known - 1).unitsWithFollowUp
        == 0)
    // A later follow-up of the same year replaces it; the mean is over the units that have one.
    try log.append(.unitFollowUp(unit: "s-ek", year: 2019, ratings: all1), on: "2020-02-01")
    try log.append(.unitFollowUp(unit: "f-sol", year: 2019, ratings: all3), on: "2020-02-01")
    let later = FollowUpSummary.of(
      "n-1", year: 2019, chronicle: log.chronicle, knownAtSeq: log.chronicle.lastSeq)
    #expect(later.meanByArea[.uppföljning] == 2)
    #expect(later.missing == ["f-ek"])
    #expect(
      FollowUpSummary.of("s-ek", year: 2019, chronicle: log.chronicle, knownAtSeq: log.chronicle.lastSeq).own?
        .ratings == all1)
    // Year rules, ratings, the node.
    #expect(throws: RuleViolation.self) {
      try log.append(.unitFollowUp(unit: "s-ek", year: 2021, ratings: all3), on: "2020-12-31")
    }
    #expect(throws: RuleViolation.self) {
      try log.append(.unitFollowUp(unit: "s-ek", year: 2005, ratings: all3), on: "2020-12-31")
    }
    var five = all3.byArea
    five[.infrastruktur] = 5
    #expect(throws: RuleViolation.outOfRange(field: "ratings.infrastruktur", value: "5", allowed: "1–4")) {
      try log.append(.unitFollowUp(unit: "s-ek", year: 2020, ratings: AreaRatings(five)), on: "2020-12-31")
    }
    five[.infrastruktur] = nil
    #expect(throws: RuleViolation.emptyField("ratings.infrastruktur")) {
      try log.append(.unitFollowUp(unit: "s-ek", year: 2020, ratings: AreaRatings(five)), on: "2020-12-31")
    }
    #expect(throws: RuleViolation.notAUnit("n-1", kind: .board)) {
      try log.append(.unitFollowUp(unit: "n-1", year: 2020, ratings: all3), on: "2020-12-31")
    }
    try log.append(.unitClosed(unit: "f-ek"), on: "2020-06-01")
    #expect(throws: RuleViolation.unitNotOpen("f-ek", on: Self.day("2020-12-31"))) {
      try log.append(.unitFollowUp(unit: "f-ek", year: 2020, ratings: all3), on: "2020-12-31")
    }
    // A unit closed during the year is not among the units followed up for it.
    let closed = FollowUpSummary.of(
      "n-1", year: 2020, chronicle: log.chronicle, knownAtSeq: log.chronicle.lastSeq)
    #expect(closed.missing == ["f-sol", "s-ek"])
  }

  @Test func measureStatusesOverdueAndAMeasureOfABoardWhoseUnitsMoved() throws {
    var log = try LogBuilder.part2City()
    try log.append(
      .measurePlanned(
        measure: "m1", scope: "s-ek", area: .infrastruktur, title: "Trådlöst nät",
        due: Self.day("2020-06-30"),
        responsible: "IT-strateg"),
      on: "2019-09-01", id: "plan-m1")
    try log.append(
      .measurePlanned(
        measure: "m2", scope: "n-1", area: .uppföljning, title: "Enkät", due: Self.day("2019-12-31"),
        responsible: nil),
      on: "2019-09-01")
    #expect(throws: RuleViolation.responsibleIsPerson("p-r1")) {
      try log.append(
        .measurePlanned(
          measure: "m3", scope: "n-1", area: .uppföljning, title: "X", due: Self.day("2019-12-31"),
          responsible: "p-r1"),
        on: "2019-09-01")
    }
    #expect(throws: RuleViolation.unknownMeasure("m9", on: Self.day("2019-10-01"))) {
      try log.append(.measureStatus(measure: "m9", status: .pågår), on: "2019-10-01")
    }
    try log.append(.measureStatus(measure: "m1", status: .pågår), on: "2019-10-01", id: "st-m1")
    let early = log.state(asOf: "2019-09-30")
    #expect(early.measure("m1")?.status == .planerad)
    let late = log.state(asOf: "2020-07-01")
    #expect(late.measure("m1")?.status == .pågår)
    #expect(late.measure("m1")?.isOverdue(on: Self.day("2020-07-01")) == true)
    #expect(late.measure("m1")?.isOverdue(on: Self.day("2020-06-30")) == false)
    #expect(late.measure("m2")?.isOverdue(on: Self.day("2020-07-01")) == true)
    try log.append(.measureStatus(measure: "m1", status: .genomförd), on: "2020-08-01")
    #expect(log.state(asOf: "2020-08-01").measure("m1")?.isOverdue(on: Self.day("2020-08-01")) == false)
    #expect(throws: RuleViolation.measureFinished("m1", status: .genomförd, on: Self.day("2020-09-01"))) {
      try log.append(.measureStatus(measure: "m1", status: .pågår), on: "2020-09-01")
    }
    // Measures of n-1: its own and its units'; after s-ek moves to n-2, m1 counts for n-2.
    #expect(log.state(asOf: "2020-08-01").measures(of: "n-1").map(\.id) == ["m1", "m2"])
    try log.append(.unitMoved(unit: "s-ek", parent: "n-2"), on: "2021-01-01")
    #expect(log.state(asOf: "2021-01-01").measures(of: "n-1").map(\.id) == ["m2"])
    #expect(log.state(asOf: "2021-01-01").measures(of: "n-2").map(\.id) == ["m1"])
    #expect(log.state(asOf: "2020-12-31").measures(of: "n-2").isEmpty)
    #expect(log.state(asOf: "2021-01-01").measures(of: "stad").count == 2)
    // A measure's statuses are its dependants.
    #expect(throws: RuleViolation.self) {
      try log.append(.eventRetracted(event: "plan-m1", reason: "fel"), on: "2021-02-01")
    }
  }

  @Test func aRetractedCompetenceWithAssessmentsIsRejectedUntilTheyAreRetracted() throws {
    var log = try LogBuilder.part2City()
    try log.assess("p-t1", "B1", on: "2019-03-01", id: "a-1")
    try log.append(
      .requirementSet(
        requirement: "r", competence: "k1", minLevel: "A2", scope: "stad", roles: nil, schoolForms: nil),
      on: "2019-02-01", id: "req-1")
    #expect(throws: RuleViolation.hasDependants("comp-1", dependants: ["a-1", "req-1"])) {
      try log.append(.eventRetracted(event: "comp-1", reason: "fel"), on: "2019-04-01")
    }
    #expect(throws: RuleViolation.hasDependants("fw-1", dependants: ["comp-1"])) {
      try log.append(.eventRetracted(event: "fw-1", reason: "fel"), on: "2019-04-01")
    }
    do {
      try log.append(.eventRetracted(event: "reg-p-t1", reason: "fel"), on: "2019-04-01")
      Issue.record("a person with an assessment was retracted")
    } catch .hasDependants(_, let dependants) {
      #expect(dependants.contains("a-1"))
    } catch {
      Issue.record("unexpected \(error)")
    }
    try log.append(.eventRetracted(event: "a-1", reason: "fel"), on: "2019-04-01")
    try log.append(.eventRetracted(event: "req-1", reason: "fel"), on: "2019-04-01")
    try log.append(.eventRetracted(event: "comp-1", reason: "fel"), on: "2019-04-01")
    #expect(log.state(asOf: "2019-12-31").competence("k1") == nil)
    #expect(log.state(asOf: "2019-12-31").competenceLevels(of: "p-t1", in: "k1") == CompetenceLevels())
  }

  @Test func aMistakenRedefinitionMayBeRetractedWhenDependantsKeepADefinition() throws {
    var log = try LogBuilder.part2City()
    try log.append(
      .competenceDefined(competence: "k1", framework: "dce", title: "Stavfel", area: .digitaltInnehåll),
      on: "2019-02-01", id: "comp-2")
    try log.assess("p-t1", "B1", on: "2019-03-01", id: "a-1")
    // comp-1 (2019-01-01) still defines k1 for the assessment: comp-2 may go.
    try log.append(.eventRetracted(event: "comp-2", reason: "stavfel"), on: "2019-04-01")
    #expect(log.state(asOf: "2019-12-31").competence("k1")?.title == "Digitala resurser")
    // The original may not: the assessment finds no other definition dated before it.
    #expect(throws: RuleViolation.hasDependants("comp-1", dependants: ["a-1"])) {
      try log.append(.eventRetracted(event: "comp-1", reason: "fel"), on: "2019-04-01")
    }
  }

  @Test func aUnitWithRequirementsFollowUpsOrMeasuresCannotBeRetracted() throws {
    var log = try LogBuilder.part2City()
    let all2 = AreaRatings(Dictionary(uniqueKeysWithValues: StrategyArea.allCases.map { ($0, 2) }))
    try log.append(.unitFollowUp(unit: "s-ek", year: 2019, ratings: all2), on: "2019-12-01", id: "fu-1")
    #expect(throws: RuleViolation.self) {
      try log.append(.eventRetracted(event: "est-s-ek", reason: "fel"), on: "2020-01-01")
    }
    do {
      try log.append(.eventRetracted(event: "est-s-ek", reason: "fel"), on: "2020-01-01")
    } catch .hasDependants(_, let dependants) {
      #expect(dependants.contains("fu-1"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func part2DataIsReadWithErrorsNamingTheField() throws {
    func decode(_ type: String, _ data: String) -> EventDecodingError? {
      guard let json = try? JSONValue.parse(Array(data.utf8)) else { return .notAnObject }
      do {
        _ = try Payload.decode(type: type, data: json, personalDataAllowed: false)
        return nil
      } catch {
        return error
      }
    }
    #expect(
      decode("FrameworkDefined", #"{"framework":"f","title":"T","levels":"A1"}"#)
        == .wrongKind(field: "levels", expected: "en lista av strängar"))
    #expect(
      decode("FrameworkDefined", #"{"framework":"f","title":"T","levels":["A1",2]}"#)
        == .wrongKind(field: "levels", expected: "en lista av strängar"))
    #expect(decode("FrameworkDefined", #"{"framework":"f","title":"T","levels":["A1","A2"]}"#) == nil)
    #expect(
      decode(
        "RequirementSet",
        #"{"requirement":"r","competence":"c","minLevel":"B1","scope":"s","roles":["lärare","vaktmästare"]}"#)
        == .invalidValue(
          field: "roles", value: "vaktmästare",
          allowed: StaffRole.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")))
    #expect(
      decode("RequirementSet", #"{"requirement":"r","competence":"c","minLevel":"B1","scope":"s","extra":1}"#)
        == .unknownFields(["extra"], type: "RequirementSet"))
    #expect(
      decode("CompetenceAssessed", #"{"person":"p","competence":"c","level":"B1","method":"boss"}"#) != nil)
    #expect(
      decode("UnitFollowUp", #"{"unit":"u","year":2019,"ratings":{"ekonomi":2}}"#)?.description.contains(
        "data.ratings") == true)
    #expect(
      decode("UnitFollowUp", #"{"unit":"u","year":2019,"ratings":{"infrastruktur":2.5}}"#)
        == .wrongKind(field: "ratings.infrastruktur", expected: "ett heltal 1–4"))
    #expect(
      decode("UnitFollowUp", #"{"unit":"u","year":2019.5,"ratings":{}}"#)
        == .wrongKind(field: "year", expected: "ett heltal"))
    #expect(
      decode("MeasureStatus", #"{"measure":"m","status":"planerad"}"#)?.description.contains("data.status")
        == true)
    #expect(
      decode(
        "MeasurePlanned",
        #"{"measure":"m","scope":"s","area":"infrastruktur","title":"T","due":"2019-13-01"}"#)
        == .invalidValue(field: "due", value: "2019-13-01", allowed: "ett datum ÅÅÅÅ-MM-DD"))
  }
}
