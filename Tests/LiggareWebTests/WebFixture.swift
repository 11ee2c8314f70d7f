import LiggareBasics
import LiggareDomain
import LiggareTestSupport

/// A small city for the page tests, built through the rulebook: stad → n-norr (f-sol, f-ek) and
/// n-syd (g-berg, whose name is hostile markup); p-1 and e-1 at f-sol, p-2 at g-berg, p-3 left.
struct WebFixture: ChronicleBuilding {
  var chronicle = Chronicle()
  var clock = fixtureStartClock

  static let hostile = "<script>alert(\"x\")</script>&'\u{0}"

  static func city() throws -> WebFixture {
    var log = WebFixture()
    let start = "2010-01-01"
    try log.establishExampleCity(on: start)
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
