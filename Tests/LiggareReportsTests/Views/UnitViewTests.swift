import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareReports

@Suite struct UnitViewTests {
  let log: ViewsFixture
  init() throws { log = try ViewsFixture.city() }

  func view(_ unit: String, _ date: String = "2012-12-31", seq: UInt64? = nil) throws -> UnitView {
    try UnitView(state: log.state(asOf: date, knownAtSeq: seq), unit: unit, names: ViewsFixture.names)
  }

  @Test func unitFiguresAfterMerger() throws {
    let v = try view("f-sol")
    // e-1, p-1, p-2 and, merged in from f-ek, p-3 and p-4.
    #expect(v.own.staff == 5)
    #expect(v.own.levels == [2, 0, 1, 1, 1, 0])
    #expect(v.own.goals.map(\.goal.id) == ["g-norr", "g-stad"])
    let norr = try #require(v.own.goals.first)
    #expect((norr.atLevel, norr.staff, norr.isMet) == (1, 5, false))
    #expect(norr.evaluatedOn == CivilDate(parsing: "2012-12-31")!)
    // The replaced g-stad (level 2 by 2012-06-30) is evaluated on its deadline.
    let stad = try #require(v.own.goals.last)
    #expect(stad.goal.minLevel == 2 && stad.goal.targetShare == 0.8)
    #expect((stad.atLevel, stad.staff) == (3, 5))
    #expect(stad.evaluatedOn == CivilDate(parsing: "2012-06-30")!)
    #expect(v.examinerRoles.map(\.personID) == ["e-1"])
    #expect(v.own.hours == 7)
    let text = v.text
    #expect(text.contains("Enhet: Solrosens förskola (f-sol)"))
    #expect(text.contains("Förskola, under Norra nämnden (n-norr)"))
    #expect(text.contains("digital kompetens                 7"))
    #expect(
      text.contains(
        "M1  g-norr  Norra nämnden    ≥4    25,0 %  2014-06-30  2012-12-31  1 av 5  20,0 %  nej\n"))
    #expect(
      text.contains(
        "M2  g-stad  Exempelstad      ≥2    80,0 %  2012-06-30  2012-06-30  3 av 5  60,0 %  nej\n"))
  }

  @Test func unitGapListInActionOrder() throws {
    let v = try view("f-sol")
    let rows = v.gaps.map { "\($0.goalID) \($0.personID) \($0.gap)" }
    // Per goal in the text; overall largest gap first, then name (Å before Ä in Swedish), key if no name.
    #expect(
      rows == [
        "g-norr e-1 4", "g-norr p-3 4", "g-norr p-2 2", "g-stad e-1 2", "g-stad p-3 2", "g-norr p-1 1",
      ])
    #expect(v.gapSummary.map { "\($0.goal.id) \($0.below) \($0.missing)" } == ["g-norr 4 11", "g-stad 2 4"])
    // A goal is named by what it asks, as the annual report words it (issue 13, item 10).
    #expect(v.text.contains("M1 nivå 4 för 25 % senast 2014-06-30 (g-norr): 4 under målnivån"))
    // The rows are the gaps view's (one list, one place); the unit view's JSON has the summary.
    let json = v.json
    #expect(json["gaps"] == nil)
    #expect(json["gapSummary"]?.viewsArray.map { $0["missingLevels"]?.viewsInt } == [11, 4])
    let list = try GapList(state: log.state(asOf: "2012-12-31"), unit: "f-sol", names: ViewsFixture.names)
      .json
    #expect(list["gaps"]?.viewsArray.count == 6)
    #expect(list["gaps"]?.viewsArray.first?["person"]?["name"]?.stringValue == "Åke Examinator")
  }

  @Test func boardAggregatesWithChildRows() throws {
    let v = try view("n-norr")
    #expect(v.own.staff == 5)
    #expect(v.own.hours == 17)
    // The merged f-ek keeps a row for its 5 hours before the merger; g-dal has moved to n-syd.
    #expect(v.children.map(\.id) == ["f-ek", "f-sol"])
    #expect(v.children.map(\.hours) == [5, 7])
    #expect(v.children.map(\.staff) == [0, 5])
    #expect(v.own.unitsWithoutExaminer.isEmpty)
    let south = try view("n-syd")
    #expect(south.children.map(\.id) == ["g-berg", "g-dal", "pim"])
    #expect(south.own.staff == 4)
    #expect(south.own.levels == [1, 1, 1, 0, 0, 1])
    #expect(south.own.hours == 3)
    #expect(south.own.unitsWithoutExaminer == ["g-berg", "g-dal"])
    #expect(south.examinerRoles.isEmpty)
    // Only the city goal applies to n-syd: 2 of 5 on 2012-06-30 (p-9 had not left yet).
    #expect(south.own.goals.map { "\($0.goal.id) \($0.atLevel)/\($0.staff)" } == ["g-stad 2/5"])
    #expect(south.gaps.map(\.personID) == ["e-2", "p-6"])
    #expect(south.json["gapSummary"]?.viewsArray.map { $0["below"]?.viewsInt } == [2])
    #expect(south.text.contains("Hela listan: liggare gaps --unit n-syd"))
  }

  @Test func pastDateGivesEarlierAnswer() throws {
    let v = try view("n-norr", "2012-01-31")
    // g-dal is still under n-norr and f-ek is open; the original g-stad (level 3, 50 %) is in force.
    #expect(v.children.map(\.id) == ["g-dal", "f-ek", "f-sol"])
    #expect(v.own.staff == 6)
    let stad = try #require(v.own.goals.first { $0.goal.id == "g-stad" })
    #expect(stad.goal.minLevel == 3 && stad.goal.targetShare == 0.5)
    #expect((stad.atLevel, stad.staff) == (1, 6))
    #expect(v.text.contains("16,7 %"))
  }

  @Test func earlierKnowledgeGivesEarlierAnswer() throws {
    let before = try view("g-berg", seq: log.beforeCorrections)
    // Before the corrections: p-6 had no level and the wrong completion still counted.
    #expect(before.own.levels == [2, 0, 0, 0, 0, 0])
    #expect(before.own.hours == 5)
    #expect(before.text.contains("händelse \(log.beforeCorrections)"))
    let after = try view("g-berg")
    #expect(after.own.levels == [1, 1, 0, 0, 0, 0])
    #expect(after.own.hours == 0)
  }

  @Test func cityAsUnit() throws {
    let v = try view("stad")
    #expect(v.children.map(\.id) == ["n-norr", "n-syd"])
    #expect(v.own.staff == 9)
    #expect(v.text.hasPrefix("Stad: Exempelstad (stad)\n"))
  }

  @Test(arguments: [
    ("x", "2012-12-31", "okänd enhet \"x\""),
    ("g-ny", "2012-05-01", "\"g-ny\" är inte en enhet den 2012-05-01"),
  ])
  func unknownUnits(id: String, date: String, message: String) throws {
    #expect(throws: ViewError.self) { try self.view(id, date) }
    do {
      _ = try view(id, date)
    } catch let error as ViewError {
      #expect(error.description == message)
    }
  }

  @Test func jsonShape() throws {
    let json = try view("f-sol").json
    #expect(
      json.viewsKeys == [
        "apiVersion", "asOf", "children", "examinerRoles", "examiners", "followUp", "gapSummary", "goals",
        "hoursPeriod", "hoursThisYear", "knownAt", "knownAtSeq", "levels", "measures", "node", "requirements",
        "staff", "standings", "unitsWithoutExaminer", "view",
      ])
    #expect(json["view"]?.stringValue == "unit")
    #expect(json["asOf"]?.stringValue == "2012-12-31")
    #expect(json["knownAtSeq"]?.viewsInt == Int(log.chronicle.lastSeq))
    #expect(json["knownAt"] == .null)
    #expect(json["apiVersion"]?.viewsInt == 1)
    #expect(json["levels"] == [2, 0, 1, 1, 1, 0])
    #expect(json["examiners"]?.viewsInt == 1)
    #expect(json["examinerRoles"]?.viewsArray.count == 1)
    #expect(json["node"]?["open"] == true)
    #expect(json["node"]?["parent"] == ["id": "n-norr", "name": "Norra nämnden"])
    let goal = try #require(json["goals"]?.viewsArray.last)
    #expect(goal.viewsKeys == ["deadline", "id", "minLevel", "scope", "setOn", "targetShare"])
    let standing = try #require(json["standings"]?.viewsArray.last)
    #expect(
      standing.viewsKeys == [
        "atLevel", "deadlinePassed", "evaluatedOn", "goal", "met", "share", "staff", "status",
      ])
    #expect(standing["share"]?.numberValue == 0.6)
    #expect(standing["status"]?.stringValue == "ej uppnått")
    let hours = try #require(json["hoursThisYear"])
    #expect(hours.viewsKeys == ["byArea", "total"])
    #expect(hours["total"]?.numberValue == 7)
    #expect(hours["byArea"]?.viewsArray.count == 5)
    #expect(json["hoursPeriod"]?["from"]?.stringValue == "2012-01-01")
    // Stable: the same view gives the same bytes.
    #expect(try view("f-sol").json.canonicalText == json.canonicalText)
  }
}
