import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareReports

@Suite struct CityViewTests {
  let log: ViewsFixture
  init() throws { log = try ViewsFixture.city() }

  @Test func boardsAndTotal() throws {
    let v = CityView(state: log.state(asOf: "2012-12-31"), names: ViewsFixture.names)
    #expect(v.boards.map(\.id) == ["n-norr", "n-syd"])
    let (norr, syd) = (v.boards[0], v.boards[1])
    #expect((norr.staff, syd.staff) == (5, 4))
    #expect(norr.levels == [2, 0, 1, 1, 1, 0])
    #expect(syd.levels == [1, 1, 1, 0, 0, 1])
    // g-stad is measured on its deadline 2012-06-30: 3 of 5 and 2 of 5 (p-9 still there).
    #expect(norr.goals.map { "\($0.atLevel)/\($0.staff)" } == ["3/5"])
    #expect(syd.goals.map { "\($0.atLevel)/\($0.staff)" } == ["2/5"])
    #expect((norr.examiners, syd.examiners) == (1, 0))
    #expect(syd.unitsWithoutExaminer == ["g-berg", "g-dal"])
    // Hours follow where the work was done: p-5's February course counts for n-norr.
    #expect((norr.hours, syd.hours) == (17, 3))
    let total = try #require(v.total)
    #expect(total.staff == 9 && total.levels == [3, 1, 2, 1, 1, 1])
    #expect(total.goals.map { "\($0.atLevel)/\($0.staff) \($0.isMet)" } == ["5/10 false"])
    #expect(total.hours == 20)
    let text = v.text
    #expect(
      text.contains("Norra nämnden         5   2   0   1   1   1   0  60,0 %      1           0      17\n"))
    #expect(
      text.contains("Hela staden           9   3   1   2   1   1   1  50,0 %      1           2      20\n"))
    #expect(text.contains("Kurstimmar av personer som inte var personal på kursdagen: 3\n"))
    #expect(text.contains("Södra nämnden  Dalskolan  "))
    #expect(text.contains("g-dal   grundskola\n"))
  }

  @Test func pastDateAndEarlierKnowledge() throws {
    let early = CityView(state: log.state(asOf: "2012-01-31"), names: [:])
    #expect(early.boards.map(\.staff) == [6, 4])
    #expect(early.boards.map { $0.goals.map(\.atLevel) } == [[1], [1]])
    #expect(early.total?.goals.first?.goal.minLevel == 3)
    #expect(early.text.contains("16,7 %"))
    let before = CityView(state: log.state(asOf: "2012-12-31", knownAtSeq: log.beforeCorrections), names: [:])
    #expect(before.boards.map(\.hours) == [17, 8])
    #expect(before.total?.hours == 25)
  }

  @Test func emptyLog() {
    let v = CityView(
      state: CityState(
        chronicle: Chronicle(), position: .endOf(CivilDate(parsing: "2012-01-01")!), knownAtSeq: 0),
      names: [:])
    #expect(v.text == "Per 2012-01-01, enligt loggen före första händelsen\nIngen stad är upprättad.\n")
    #expect(v.json["city"] == .null)
    #expect(
      v.json.viewsKeys == [
        "apiVersion", "asOf", "boards", "city", "followUpByBoard", "goals", "goalsBelow", "hoursPeriod",
        "knownAt",
        "knownAtSeq",
        "measuresByBoard", "requirements", "total", "unattributed", "view",
      ])
    #expect(v.json["unattributed"] == .null)
  }

  @Test func jsonShape() throws {
    let json = CityView(state: log.state(asOf: "2012-12-31"), names: [:]).json
    #expect(
      json.viewsKeys == [
        "apiVersion", "asOf", "boards", "city", "followUpByBoard", "goals", "goalsBelow", "hoursPeriod",
        "knownAt",
        "knownAtSeq",
        "measuresByBoard", "requirements", "total", "unattributed", "view",
      ])
    let board = try #require(json["boards"]?.viewsArray.last)
    #expect(
      board.viewsKeys == [
        "examiners", "hoursThisYear", "levels", "node", "staff", "standings", "unitsWithoutExaminer",
      ])
    #expect(board["node"]?["kind"]?.stringValue == "board")
    let examinerless = try #require(board["unitsWithoutExaminer"]?.viewsArray)
    #expect(examinerless.map { $0["unit"]?["id"]?.stringValue } == ["g-berg", "g-dal"])
    #expect(examinerless.map { $0["board"]?["id"]?.stringValue } == ["n-syd", "n-syd"])
    #expect(board["standings"]?.viewsArray.first?["share"]?.numberValue == 0.4)
    #expect(json["unattributed"]?["hoursThisYear"]?["total"]?.numberValue == 3)
    #expect(json["unattributed"]?["levelsAttained"]?.viewsArray.count == 6)
    #expect(json["total"]?["hoursThisYear"]?["total"]?.numberValue == 20)
    #expect(json["total"]?["examiners"]?.viewsInt == 1)
  }
}
