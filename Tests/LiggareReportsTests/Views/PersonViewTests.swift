import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareReports

@Suite struct PersonViewTests {
  let log: ViewsFixture
  init() throws { log = try ViewsFixture.city() }

  func view(
    _ person: String, _ date: String = "2012-12-31", seq: UInt64? = nil,
    names: [String: String] = ViewsFixture.names
  ) throws -> PersonView {
    try PersonView(
      state: log.state(asOf: date, knownAtSeq: seq), person: person, names: names,
      knownAt: Timestamp(parsing: "2013-02-14T09:00:00Z"))
  }

  @Test func personWithLevelsCoursesAndGoals() throws {
    let v = try view("p-1")
    #expect(v.placement?.unitID == "f-sol")
    #expect(v.level == 3)
    #expect(v.levelRecord?.date == CivilDate(parsing: "2012-04-01")!)
    #expect(v.history.map(\.level) == [1, 3])
    #expect(v.goals.map { "\($0.goal.id) \($0.gap)" } == ["g-norr 1", "g-stad 0"])
    #expect(v.hoursByYear.map { "\($0.year) \($0.byArea.values.reduce(0, +))" } == ["2011 5.0", "2012 3.0"])
    let text = v.text
    #expect(text.hasPrefix("Person: Anna Andersson (p-1)\n"))
    #expect(
      text.contains("Per 2012-12-31, enligt loggen till och med händelse 60 (2013-02-14T09:00:00Z)\n"))
    #expect(text.contains("Enhet:       Solrosens förskola (f-sol)\nNämnd:       Norra nämnden (n-norr)\n"))
    #expect(text.contains("Roll:        förskollärare, sedan 2010-01-01\n"))
    #expect(text.contains("PIM-nivå:    3, uppnådd 2012-04-01, examinator Åke Examinator (e-1)\n"))
    #expect(text.contains("Examinator:  nej\n"))
    #expect(text.contains("g-stad  Exempelstad      ≥2    80,0 %  2012-06-30  uppnått\n"))
    #expect(text.contains("2011  digitalt innehåll       5\n"))
  }

  @Test func mergedPersonFollowsTheMerger() throws {
    #expect(try view("p-3").placement?.unitID == "f-sol")
    #expect(try view("p-3", "2012-05-31").placement?.unitID == "f-ek")
  }

  @Test func examinerRoleAndChanges() throws {
    let v = try view("e-2", "2012-06-30")
    #expect(v.examinerRole?.unitID == "g-berg")
    #expect(v.text.contains("Examinator:  upp till nivå 3 sedan 2011-01-01, för Bergsskolans grundskola"))
    // The long unit name is cut, its id kept.
    #expect(v.text.contains("… (g-berg)\n"))
    let later = try view("e-2")
    #expect(later.examinerRole == nil)
    #expect(later.examinerChanges.count == 2)
    let json = later.json
    #expect(json["examinerChanges"]?.viewsArray.map { $0["change"]?.stringValue } == ["appointed", "ended"])
    #expect(json["examinerRole"] == .null)
  }

  @Test func notStaffHasNoGoals() throws {
    let other = try view("p-7")
    #expect(other.placement?.role == .annan)
    #expect(other.goals.isEmpty)
    #expect(other.text.contains("Roll:        annan (räknas inte som personal), sedan 2010-01-01"))
    let left = try view("p-9")
    #expect(left.placement == nil)
    #expect(left.text.contains("ingen placering"))
    #expect(left.text.hasPrefix("Person: p-9\n"))
  }

  @Test func earlierKnowledge() throws {
    #expect(try view("p-6", seq: log.beforeCorrections).level == 0)
    #expect(try view("p-6", seq: log.beforeCorrections).completions.count == 1)
    #expect(try view("p-6").level == 1)
    #expect(try view("p-6").completions.isEmpty)
  }

  @Test func namesFallBackToKeys() throws {
    let v = try view("p-1", names: [:])
    #expect(v.text.hasPrefix("Person: p-1\n"))
    #expect(v.text.contains("examinator e-1\n"))
    #expect(v.json["person"] == ["id": "p-1", "name": nil])
  }

  @Test(arguments: [
    ("p-99", "2012-12-31", "okänd person \"p-99\""),
    ("p-10", "2012-12-31", "\"p-10\" är inte registrerad den 2012-12-31"),
  ])
  func unknownPeople(id: String, date: String, message: String) throws {
    let error = #expect(throws: ViewError.self) { try self.view(id, date) }
    #expect(error?.description == message)
  }

  @Test func jsonShape() throws {
    let json = try view("p-1").json
    #expect(
      json.viewsKeys == [
        "apiVersion", "asOf", "courses", "examinerChanges", "examinerRole", "gaps", "goals", "hoursByYear",
        "knownAt", "knownAtSeq", "level", "levelAttained", "levelHistory", "person", "placement",
        "requirements",
        "view",
      ])
    #expect(json["knownAt"]?.stringValue == "2013-02-14T09:00:00Z")
    #expect(json["placement"]?["board"]?["id"]?.stringValue == "n-norr")
    #expect(json["levelAttained"]?["examiner"] == ["id": "e-1", "name": "Åke Examinator"])
    #expect(json["goals"]?.viewsArray.map { $0["id"]?.stringValue } == ["g-norr", "g-stad"])
    // Only the goal not reached has a gap row, in the gaps view's shape.
    let gaps = try #require(json["gaps"]?.viewsArray)
    #expect(gaps.map { $0["goal"]?.stringValue } == ["g-norr"])
    #expect(gaps.first?["gap"]?.viewsInt == 1)
    #expect(gaps.first?["unit"] == ["id": "f-sol", "name": "Solrosens förskola"])
    #expect(json["courses"]?.viewsArray.first?["course"] == ["id": "kurs-b", "title": "Källkritik online"])
    #expect(json["hoursByYear"]?.viewsArray.first?.viewsKeys == ["byArea", "total", "year"])
    #expect(json["hoursByYear"]?.viewsArray.first?["year"]?.viewsInt == 2011)
  }
}
