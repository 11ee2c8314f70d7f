import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareReports

@Suite struct GapListTests {
  let log: ViewsFixture
  init() throws { log = try ViewsFixture.city() }

  func gaps(_ unit: String, goal: String? = nil, _ date: String = "2012-12-31", seq: UInt64? = nil) throws
    -> GapList
  {
    try GapList(
      state: log.state(asOf: date, knownAtSeq: seq), unit: unit, goal: goal, names: ViewsFixture.names)
  }

  @Test func cityOrderLargestGapThenUnitThenName() throws {
    let list = try gaps("stad")
    // Gap 4 first; within gap 2 the long-named Bergsskolan comes before Solrosens förskola; within a
    // unit "p-2" (no name, key shown) before "Åke" before "Ärla" (Swedish order, not code points).
    #expect(
      list.rows.map { "\($0.gap) \($0.unitID) \($0.personID) \($0.goalID)" } == [
        "4 f-sol e-1 g-norr", "4 f-sol p-3 g-norr",
        "2 g-berg e-2 g-stad", "2 f-sol p-2 g-norr", "2 f-sol e-1 g-stad", "2 f-sol p-3 g-stad",
        "1 g-berg p-6 g-stad", "1 f-sol p-1 g-norr",
      ])
    #expect(list.staff == 9)
    #expect(list.text.contains("6 av 9 i personalen under målnivån (8 rader, en per person och mål)."))
    // The table names goals by id; what each asks follows it (issue 13, item 10).
    #expect(
      list.text.hasSuffix(
        "\ng-norr: nivå 4 för 25 % senast 2014-06-30\ng-stad: nivå 2 för 80 % senast 2012-06-30\n"))
  }

  @Test func fastSortAgreesWithTheComparator() throws {
    let rows = try gaps("stad").rows
    let shuffled = rows.reversed() + rows.shuffled()
    #expect(GapRow.sortedForAction(Array(shuffled)) == shuffled.sorted(by: GapRow.precedes))
  }

  @Test func oneGoalOnly() throws {
    let list = try gaps("stad", goal: "g-stad")
    #expect(list.rows.map(\.personID) == ["e-2", "e-1", "p-3", "p-6"])
    #expect(list.rows.allSatisfy { $0.goalLevel == 2 })
    #expect(
      list.text.hasPrefix("Luckor: Exempelstad (stad)\nMål: nivå 2 för 80 % senast 2012-06-30 (g-stad)\n"))
  }

  @Test func goalOfAnotherBoardGivesNoRows() throws {
    let list = try gaps("n-syd", goal: "g-norr")
    #expect(list.rows.isEmpty)
    #expect(list.text.contains("0 av 4 i personalen under målnivån."))
  }

  @Test func earlierKnowledgeAndDate() throws {
    // Before the backdated level p-6 lacked two levels of g-stad.
    let before = try gaps("g-berg", seq: log.beforeCorrections)
    #expect(before.rows.map { "\($0.personID) \($0.gap)" } == ["p-6 2", "e-2 2"])
    // On 2012-01-31 the original g-stad (level 3) was in force and p-9 had not left.
    let early = try gaps("g-berg", "2012-01-31")
    #expect(early.rows.map { "\($0.personID) \($0.gap)" } == ["e-2 3", "p-9 3", "p-6 2"])
  }

  @Test func namesFromLookupAndKeyWhenMissing() throws {
    let list = try gaps("f-sol")
    let text = list.text
    #expect(text.contains("p-2     p-2 "))
    #expect(text.contains("e-1     Åke Examinator"))
    let withoutNames = try GapList(state: log.state(asOf: "2012-12-31"), unit: "f-sol", names: [:])
    #expect(withoutNames.rows.allSatisfy { $0.name == nil })
    #expect(withoutNames.json["gaps"]?.viewsArray.first?["person"]?["name"] == .null)
    #expect(list.json["gaps"]?.viewsArray.first?["person"]?["name"]?.stringValue == "Åke Examinator")
  }

  @Test(
    arguments: [
      ("stad", "g-x", "2012-12-31", "okänt mål \"g-x\""),
      ("stad", "g-2014", "2012-12-31", "målet \"g-2014\" är inte satt den 2012-12-31"),
      ("nope", nil, "2012-12-31", "okänd enhet \"nope\""),
    ] as [(String, String?, String, String)])
  func errors(unit: String, goal: String?, date: String, message: String) throws {
    let error = #expect(throws: ViewError.self) { try self.gaps(unit, goal: goal, date) }
    #expect(error?.description == message)
  }

  @Test func jsonShape() throws {
    let json = try gaps("stad").json
    #expect(
      json.viewsKeys == [
        "apiVersion", "asOf", "gaps", "goal", "goals", "knownAt", "knownAtSeq", "staff", "unit", "view",
      ])
    #expect(json["goal"] == .null)
    #expect(json["goals"]?.viewsArray.map { $0["id"]?.stringValue } == ["g-norr", "g-stad"])
    let row = try #require(json["gaps"]?.viewsArray.first)
    #expect(row.viewsKeys == ["gap", "goal", "goalLevel", "level", "person", "role", "unit"])
    #expect(row["unit"] == ["id": "f-sol", "name": "Solrosens förskola"])
    #expect(row["role"]?.stringValue == "förskollärare")
    #expect(row["gap"]?.viewsInt == 4)
  }
}
