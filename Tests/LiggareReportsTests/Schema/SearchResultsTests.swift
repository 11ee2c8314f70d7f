import LiggareBasics
import Testing

@testable import LiggareReports

/// `GET /api/v1/search`: what is found, in which order, and how the limit and the caller's scopes cut.
@Suite struct SearchResultsTests {
  let log: ViewsFixture
  init() throws { log = try ViewsFixture.city() }

  func search(_ q: String, limit: Int = 50, person: @escaping (String) -> Bool = { _ in true })
    -> SearchResults
  {
    SearchResults(
      state: log.state("2012-12-31"), names: ViewsFixture.names, query: q, limit: limit, mayShowPerson: person
    )
  }

  @Test func findsPersonsByNameOrIdInSwedishOrder() {
    // "examinator" in two names; Å sorts after G in Swedish.
    #expect(search("examinator").personIDs == ["e-2", "e-1"])
    #expect(search("  ÅKE ").personIDs == ["e-1"])
    // An exact id first, then the rest by name.
    #expect(search("p-1").personIDs.first == "p-1")
    #expect(search("p-1").json["persons"]?.viewsArray.first == ["id": "p-1", "name": "Anna Andersson"])
  }

  @Test func findsUnitsAndCourses() {
    let nämnd = search("nämnden")
    #expect(nämnd.unitIDs == ["n-norr", "n-syd"])
    #expect(nämnd.json["units"]?.viewsArray.first?["kind"]?.stringValue == "board")
    #expect(search("källkritik").courses.map(\.id) == ["kurs-b"])
    #expect(search("kurs").courses.map(\.id) == ["kurs-a", "kurs-b"])
  }

  @Test func emptyQueryFindsNothing() {
    let r = search("   ")
    #expect(r.personIDs.isEmpty && r.unitIDs.isEmpty && r.courses.isEmpty && !r.truncated)
  }

  @Test func limitAndScopesCut() {
    let all = search("e")
    #expect(all.personIDs.count > 2)
    #expect(!all.truncated)
    let cut = search("e", limit: 2)
    #expect(cut.personIDs == Array(all.personIDs.prefix(2)))
    #expect(cut.truncated)
    let scoped = search("examinator") { $0 != "e-2" }
    #expect(scoped.personIDs == ["e-1"])
  }
}
