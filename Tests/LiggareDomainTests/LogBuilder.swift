import LiggareBasics
import LiggareDomain
import LiggareTestSupport

/// Builds a log in tests the way the append path does (ChronicleBuilding), and keeps the events.
struct LogBuilder: ChronicleBuilding {
  var chronicle = Chronicle()
  var events: [Event] = []
  var clock = fixtureStartClock

  mutating func didAppend(_ event: Event) { events.append(event) }

  /// A city with one board and two preschool units, and a registered examiner at the first unit.
  static func smallCity() throws -> LogBuilder {
    var log = LogBuilder()
    try log.append(
      .unitEstablished(unit: "stad", name: "Staden", kind: .city, parent: nil, schoolForm: nil),
      on: "2010-01-01")
    try log.append(
      .unitEstablished(unit: "n-1", name: "Nämnd 1", kind: .board, parent: "stad", schoolForm: nil),
      on: "2010-01-01")
    try log.append(
      .unitEstablished(unit: "n-2", name: "Nämnd 2", kind: .board, parent: "stad", schoolForm: nil),
      on: "2010-01-01")
    try log.append(
      .unitEstablished(unit: "f-sol", name: "Solrosen", kind: .unit, parent: "n-1", schoolForm: .förskola),
      on: "2010-01-01")
    try log.append(
      .unitEstablished(unit: "f-ek", name: "Eken", kind: .unit, parent: "n-1", schoolForm: .förskola),
      on: "2010-01-01")
    try log.append(.personRegistered(person: "p-77"), on: "2010-01-01")
    try log.append(.staffAssigned(person: "p-77", unit: "f-sol", role: .förskollärare), on: "2010-01-01")
    try log.append(.examinerAppointed(person: "p-77", unit: "f-sol", maxLevel: 3), on: "2012-01-10")
    try log.append(
      .courseDefined(course: "pim-intro", title: "PIM intro", hours: 3, area: .digitalKompetens),
      on: "2010-01-01")
    return log
  }
}
