import Foundation
import LiggareBasics
import LiggareKit
import LiggareServer
import Testing

@testable import LiggareQueries

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

  /// The persons a search finds, as it found them before the corpus and the byte search: every
  /// registered person whose lowercased id or name contains the lowercased text (Foundation's
  /// `contains`), all sorted by (rank, name or id, id), the first `limit` kept.
  static func reference(_ q: String, limit: Int, state: ServerState, date: CivilDate) -> [SearchQuery.Person]
  {
    let needle = q.lowercased()
    guard q.count >= SearchQuery.minimumLength else { return [] }
    let s = state.snapshot.state(asOf: date)
    var hits: [(Int, SearchQuery.Person)] = []
    for id in s.knownPersonIDs where s.isRegistered(id) {
      let name = state.register.name(of: id)
      let rank: Int
      if id.lowercased() == needle {
        rank = 0
      } else if id.lowercased().contains(needle) {
        rank = 1
      } else if let name, name.lowercased().contains(needle) {
        rank = 2
      } else {
        continue
      }
      let placement = s.placement(of: id)
      hits.append(
        (
          rank,
          SearchQuery.Person(
            id: id, name: name, unitID: placement?.unitID,
            unitName: placement.flatMap { s.unit($0.unitID)?.name })
        ))
    }
    return hits.sorted { ($0.0, $0.1.name ?? $0.1.id, $0.1.id) < ($1.0, $1.1.name ?? $1.1.id, $1.1.id) }
      .prefix(limit).map(\.1)
  }

  @Test func personHitsAreThoseOfAFullSortWithAccentsAndCombiningMarks() throws {
    let f = try ServerFixture()
    let people = [
      ("p-c1", "Åsa Öberg"), ("p-c2", "Rene\u{301} Berg"), ("p-c3", "René Bergström"), ("p-c4", "ERIK BERG"),
      ("p-c5", "Berit Bergh"), ("p-c6", "Ömer Ek"), ("p-c7", "Zoë Ekberg"), ("p-c8", "Ana Bergé"),
    ]
    let lines = people.map { id, name in
      #"{"type":"PersonRegistered","occurredOn":"2025-06-01","data":{"person":"\#(id)","name":"\#(name)"}}"#
    }
    let r = try f.call(
      "POST", "/api/v1/events", as: "citycoord", body: Array(lines.joined(separator: "\n").utf8))
    #expect(r.status.code == 201, "\(ServerFixture.text(r))")
    let state = f.app.service.current()
    let date = CivilDate(parsing: "2026-01-15")!
    let corpus = SearchQuery.Corpus(snapshot: state.snapshot, register: state.register)
    var found = 0
    for q in [
      "berg", "BERG", "né", "ne\u{301}", "rene", "ren", "ås", "Öb", "oë", "p-c", "p-", "ek", "berg ", "gé",
      "ö",
    ] {
      for limit in [1, 2, 3, 25] {
        let expected = Self.reference(q, limit: limit, state: state, date: date)
        let got = SearchQuery(q, asOf: date, limit: limit).run(
          snapshot: state.snapshot, register: state.register, corpus: corpus)
        #expect(got.persons == expected, "\(q) limit \(limit)")
        found += expected.count
      }
    }
    #expect(found > 40)
  }
}
