import LiggareBasics
import LiggareDomain

/// Builds a log in tests the way the append path does: every event is checked by the rulebook.
struct LogBuilder {
  var chronicle = Chronicle()
  var events: [Event] = []
  var clock = Timestamp(parsing: "2030-01-01T00:00:00Z")!

  static func day(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

  /// Appends, or throws the rule it breaks.
  @discardableResult
  mutating func append(_ payload: Payload, on date: String, id: String? = nil) throws(RuleViolation) -> Event
  {
    try append(payload, on: LogBuilder.day(date), id: id)
  }

  @discardableResult
  mutating func append(_ payload: Payload, on date: CivilDate, id: String? = nil) throws(RuleViolation)
    -> Event
  {
    clock.microseconds += 1_000_000
    let seq = chronicle.lastSeq + 1
    let event = Event(
      seq: seq, id: id ?? "e\(seq)", occurredOn: date, recordedAt: clock, actor: "test", payload: payload)
    try Rulebook.check(event, against: chronicle)
    chronicle.record(event)
    events.append(event)
    return event
  }

  func state(asOf date: String, knownAtSeq: UInt64? = nil) -> CityState {
    CityState(
      chronicle: chronicle, position: .endOf(LogBuilder.day(date)),
      knownAtSeq: knownAtSeq ?? chronicle.lastSeq)
  }

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
