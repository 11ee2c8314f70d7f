import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareReports

/// Part 2 in the views: the fixture city (ViewsFixture) with DigCompEdu, one requirement for
/// preschool staff, assessments at Solrosen, a follow-up of 2012 recorded in January 2013 and two
/// measures.
@Suite struct CompetenceViewTests {
  let log: ViewsFixture

  init() throws {
    var log = try ViewsFixture.city()
    try log.append(
      .frameworkDefined(framework: "dce", title: "DigCompEdu", levels: ["A1", "A2", "B1", "B2", "C1", "C2"]),
      on: "2013-01-01")
    try log.append(
      .competenceDefined(
        competence: "k1", framework: "dce", title: "Digitala resurser", area: .digitaltInnehåll),
      on: "2013-01-01")
    try log.append(
      .requirementSet(
        requirement: "r1", competence: "k1", minLevel: "B1", scope: "stad", roles: nil,
        schoolForms: [.förskola]),
      on: "2013-01-15")
    try log.append(
      .competenceAssessed(person: "p-1", competence: "k1", level: "A2", method: .self, assessor: nil),
      on: "2013-02-01")
    try log.append(
      .competenceAssessed(person: "p-1", competence: "k1", level: "B2", method: .head, assessor: "p-4"),
      on: "2013-03-01")
    try log.append(
      .competenceAssessed(person: "p-3", competence: "k1", level: "A1", method: .self, assessor: nil),
      on: "2013-02-01")
    var ratings = Dictionary(uniqueKeysWithValues: StrategyArea.allCases.map { ($0, 3) })
    ratings[.uppföljning] = 1
    try log.append(.unitFollowUp(unit: "f-sol", year: 2012, ratings: AreaRatings(ratings)), on: "2013-01-20")
    try log.append(
      .measurePlanned(
        measure: "m1", scope: "f-sol", area: .infrastruktur, title: "Surfplattor till alla avdelningar",
        due: CivilDate(parsing: "2013-06-30")!, responsible: "IT-samordnare"),
      on: "2013-01-10")
    try log.append(.measureStatus(measure: "m1", status: .pågår), on: "2013-02-01")
    try log.append(
      .measurePlanned(
        measure: "m2", scope: "n-syd", area: .uppföljning, title: "Enkät till rektorer",
        due: CivilDate(parsing: "2014-01-31")!, responsible: nil),
      on: "2013-01-10")
    self.log = log
  }

  @Test func personShowsSelfHeadCountingAndGap() throws {
    let state = log.state(asOf: "2013-12-31")
    let p1 = try PersonView(state: state, person: "p-1", names: ViewsFixture.names)
    #expect(p1.requirements.count == 1)
    #expect(p1.requirements.first?.levels.counting?.label == "B2")
    #expect(p1.text.contains("r1    Digitala resurser  B1     A2 2013-02-01  B2 2013-03-01  B2      uppnått"))
    let row = try #require(p1.json["requirements"]?.viewsArray.first)
    #expect(row["counting"]?["level"]?.stringValue == "B2")
    #expect(row["head"]?["assessor"]?["id"]?.stringValue == "p-4")
    #expect(row["met"] == .bool(true))
    let p3 = try PersonView(state: state, person: "p-3", names: ViewsFixture.names)
    #expect(p3.requirements.first?.gap == 2)
    let p2 = try PersonView(state: state, person: "p-2", names: ViewsFixture.names)
    #expect(p2.text.contains("ej bedömd"))
    #expect(p2.json["requirements"]?.viewsArray.first?["gap"] == .null)
    // p-5 teaches at a school: the requirement is for preschools.
    #expect(try PersonView(state: state, person: "p-5", names: [:]).requirements.isEmpty)
    // Before the requirement was set, nothing applies.
    #expect(
      try PersonView(state: log.state(asOf: "2013-01-14"), person: "p-1", names: [:]).requirements.isEmpty)
  }

  @Test func unitShowsFulfilmentWhoIsBelowFollowUpAndMeasures() throws {
    let v = try UnitView(state: log.state(asOf: "2013-12-31"), unit: "f-sol", names: ViewsFixture.names)
    let f = try #require(v.competence.fulfilments.first)
    #expect((f.applies, f.met, f.notAssessed) == (5, 1, 3))
    #expect(f.below.map(\.personID) == ["p-3"])
    #expect(f.notAssessedIDs == ["e-1", "p-2", "p-4"])
    let text = v.text
    #expect(text.contains("r1    Digitala resurser  B1          5       1           3  20,0 %"))
    #expect(text.contains("p-3     Ärla Svensson"))
    #expect(text.contains("Uppföljning 2012"))
    #expect(text.contains("uppföljning                      1"))
    #expect(text.contains("pågår (försenad)"))
    let json = v.json
    #expect(json["requirements"]?.viewsArray.first?["shareMet"]?.numberValue == 0.2)
    #expect(json["followUp"]?["own"]?["ratings"]?.viewsArray.first?["rating"]?.viewsInt == 3)
    #expect(json["followUp"]?["own"]?["ratings"]?.viewsArray.first?["area"]?.stringValue == "infrastruktur")
    #expect(json["measures"]?.viewsArray.first?["overdue"] == .bool(true))
    // The board: mean over its units with a follow-up.
    let board = try UnitView(state: log.state(asOf: "2013-12-31"), unit: "n-norr", names: [:])
    #expect(board.competence.followUp.unitsWithFollowUp == 1)
    #expect(board.competence.followUp.meanByArea[.infrastruktur] == 3)
    #expect(board.competence.measures.map(\.id) == ["m1"])
    // As known before the follow-up was recorded, there is none.
    let early = try UnitView(
      state: log.state(asOf: "2013-12-31", knownAtSeq: log.chronicle.lastSeq - 4), unit: "f-sol", names: [:])
    #expect(early.competence.followUp.own == nil)
  }

  @Test func gapsByRequirementAndFramework() throws {
    let state = log.state(asOf: "2013-12-31")
    let v = try RequirementGapList(state: state, unit: "stad", requirement: "r1", names: ViewsFixture.names)
    #expect(v.fulfilments.count == 1)
    #expect(v.text.contains("p-3     Ärla Svensson"))
    #expect(v.json["requirements"]?.viewsArray.first?["notAssessedPeople"]?.viewsArray.count == 3)
    let byFramework = try RequirementGapList(state: state, unit: "n-syd", framework: "dce", names: [:])
    #expect(byFramework.fulfilments.first?.applies == 0)
    #expect(throws: ViewError.requirementNotInForce("r1", on: CivilDate(parsing: "2013-01-14")!)) {
      try RequirementGapList(
        state: log.state(asOf: "2013-01-14"), unit: "stad", requirement: "r1", names: [:])
    }
    #expect(throws: ViewError.unknownFramework("x", on: CivilDate(parsing: "2013-12-31")!)) {
      try RequirementGapList(state: state, unit: "stad", framework: "x", names: [:])
    }
  }

  @Test func cityShowsRequirementsMeasuresAndFollowUpPerBoard() throws {
    let v = CityView(state: log.state(asOf: "2013-12-31"), names: [:])
    let json = v.json
    let byBoard = json["requirements"]?.viewsArray.first?["byBoard"]?.viewsArray ?? []
    #expect(byBoard.map { $0["board"]?["id"]?.stringValue } == ["n-norr", "n-syd"])
    #expect(byBoard.first?["applies"]?.viewsInt == 5)
    let measures = json["measuresByBoard"]?.viewsArray ?? []
    #expect(measures.first?["byStatus"]?.viewsArray[1]["count"]?.viewsInt == 1)
    #expect(measures.first?["overdue"]?.viewsArray.count == 1)
    #expect(measures.dropFirst().first?["byStatus"]?.viewsArray[0]["count"]?.viewsInt == 1)
    #expect(v.text.contains("Åtgärder per nämnd"))
    #expect(v.text.contains("Uppföljning 2012"))
  }
}
