import LiggareBasics
import LiggareKit
import LiggareQueries
import LiggareServer
import Testing

/// The server searches through a corpus of lowercased ids and names made once per published state:
/// the same hits as a search without it, and a person registered after the corpus was made is
/// found at once (the corpus is made again for the new state).
@Suite struct SearchCorpusTests {
  @Test func theCorpusGivesTheSameHitsAndFollowsNewStates() throws {
    let f = try ServerFixture()
    let date = CivilDate(parsing: "2026-01-15")!
    func compare(_ state: ServerState) {
      let corpus = SearchQuery.Corpus(snapshot: state.snapshot, register: state.register)
      for q in ["Ek", "p-a", "P-A1", "förskolan", "BJÖRK", "Cecilia", "zz", "a1"] {
        let plain = SearchQuery(q, asOf: date).run(snapshot: state.snapshot, register: state.register)
        let fast = SearchQuery(q, asOf: date).run(
          snapshot: state.snapshot, register: state.register, corpus: corpus)
        #expect(plain == fast, "\(q)")
      }
    }
    compare(f.app.service.current())
    var r = try f.call("GET", "/api/v1/search?q=ek", as: "office")
    #expect(r.status.code == 200 && ServerFixture.text(r).contains("p-a1"))
    #expect(!ServerFixture.text(r).contains("p-c1"))
    let line =
      #"{"type":"PersonRegistered","occurredOn":"2025-06-01","data":{"person":"p-c1","name":"Cecilia Ekholm"}}"#
    r = try f.call("POST", "/api/v1/events", as: "citycoord", body: Array(line.utf8))
    #expect(r.status.code == 201, "\(ServerFixture.text(r))")
    r = try f.call("GET", "/api/v1/search?q=ek", as: "office")
    #expect(ServerFixture.text(r).contains("p-c1") && ServerFixture.text(r).contains("Cecilia Ekholm"))
    compare(f.app.service.current())
  }
}
