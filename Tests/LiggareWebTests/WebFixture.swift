import LiggareBasics
import LiggareDomain

/// A small city for the page tests, built through the rulebook: stad → n-norr (f-sol, f-ek) and
/// n-syd (g-berg, whose name is hostile markup); p-1 and e-1 at f-sol, p-2 at g-berg, p-3 left.
struct WebFixture {
  var chronicle = Chronicle()
  var clock = Timestamp(parsing: "2030-01-01T00:00:00Z") ?? Timestamp(microseconds: 0)

  static let hostile = "<script>alert(\"x\")</script>&'\u{0}"

  mutating func append(_ payload: Payload, on date: String, id: String? = nil) throws {
    clock.microseconds += 1_000_000
    let seq = chronicle.lastSeq + 1
    guard let day = CivilDate(parsing: date) else { throw WebFixtureError.badDate(date) }
    let event = Event(
      seq: seq, id: id ?? "e\(seq)", occurredOn: day, recordedAt: clock, actor: "test", payload: payload)
    try Rulebook.check(event, against: chronicle)
    chronicle.record(event)
  }

  func state(_ date: String) -> CityState {
    CityState(
      chronicle: chronicle, position: .endOf(CivilDate(parsing: date) ?? CivilDate(daysSinceEpoch: 0)),
      knownAtSeq: chronicle.lastSeq)
  }

  static func city() throws -> WebFixture {
    var log = WebFixture()
    let start = "2010-01-01"
    try log.append(
      .unitEstablished(unit: "stad", name: "Exempelstad", kind: .city, parent: nil, schoolForm: nil),
      on: start)
    try log.append(
      .unitEstablished(unit: "n-norr", name: "Norra nämnden", kind: .board, parent: "stad", schoolForm: nil),
      on: start)
    try log.append(
      .unitEstablished(unit: "n-syd", name: "Södra nämnden", kind: .board, parent: "stad", schoolForm: nil),
      on: start)
    try log.append(
      .unitEstablished(
        unit: "f-sol", name: "Solrosens förskola", kind: .unit, parent: "n-norr", schoolForm: .förskola),
      on: start)
    try log.append(
      .unitEstablished(
        unit: "f-ek", name: "Ekens förskola", kind: .unit, parent: "n-norr", schoolForm: .förskola), on: start
    )
    try log.append(
      .unitEstablished(unit: "g-berg", name: hostile, kind: .unit, parent: "n-syd", schoolForm: .grundskola),
      on: start)
    try log.append(
      .courseDefined(course: "kurs-a", title: "Digitala <b>verktyg</b>", hours: 3, area: .digitalKompetens),
      on: start)
    for (person, unit) in [("e-1", "f-sol"), ("p-1", "f-sol"), ("p-2", "g-berg"), ("p-3", "f-ek")] {
      try log.append(.personRegistered(person: person), on: start)
      try log.append(.staffAssigned(person: person, unit: unit, role: .lärare), on: start)
    }
    try log.append(.examinerAppointed(person: "e-1", unit: "f-sol", maxLevel: 3), on: "2011-01-01")
    try log.append(
      .goalSet(
        goal: "g-stad", scope: "stad", minLevel: 2, targetShare: 0.8,
        deadline: CivilDate(parsing: "2014-06-30") ?? CivilDate(daysSinceEpoch: 0)), on: "2011-01-01")
    try log.append(.pimLevelAttained(person: "p-1", level: 2, examiner: "e-1"), on: "2011-03-01")
    try log.append(.courseCompleted(person: "p-1", course: "kurs-a", hours: nil), on: "2012-03-10")
    try log.append(.staffLeft(person: "p-3"), on: "2012-09-01")
    try log.append(
      .courseCompleted(person: "p-2", course: "kurs-a", hours: 2), on: "2012-10-01", id: "c-wrong")
    try log.append(.eventRetracted(event: "c-wrong", reason: "fel person"), on: "2012-10-02")
    return log
  }

  static let names: [String: String] = [
    "e-1": "Åke Examinator", "p-1": "Anna \"<i>\" Andersson", "p-2": hostile,
  ]
}

enum WebFixtureError: Error { case badDate(String) }
