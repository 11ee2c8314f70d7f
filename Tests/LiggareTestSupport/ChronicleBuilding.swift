import LiggareBasics
import LiggareDomain

/// A log built in a test the way the append path builds one: every event is checked by the
/// rulebook and recorded a second after the one before.
///
/// The fixtures of the domain, view, report and page tests conform and keep only their own data
/// (their city, names and marks); appending and reading a state are written once, here.
public protocol ChronicleBuilding {
  var chronicle: Chronicle { get set }
  /// The recording time of the last appended event.
  var clock: Timestamp { get set }
  /// Called after each appended event; a fixture that keeps the events implements it.
  mutating func didAppend(_ event: Event)
}

/// The recording time fixtures start from: after every date they use.
public let fixtureStartClock = Timestamp(microseconds: 1_893_456_000_000_000)  // 2030-01-01T00:00:00Z

extension ChronicleBuilding {
  public mutating func didAppend(_ event: Event) {}

  /// The date `text` (ÅÅÅÅ-MM-DD); a mistyped date in a test stops it at once.
  public static func day(_ text: String) -> CivilDate {
    guard let day = CivilDate(parsing: text) else { preconditionFailure("ogiltigt datum i testet: \(text)") }
    return day
  }

  /// Appends an event valid on `date`, or throws the rule it breaks (nothing is recorded then).
  @discardableResult
  public mutating func append(_ payload: Payload, on date: CivilDate, id: String? = nil) throws(RuleViolation)
    -> Event
  {
    clock.microseconds += 1_000_000
    let seq = chronicle.lastSeq + 1
    let event = Event(
      seq: seq, id: id ?? "e\(seq)", occurredOn: date, recordedAt: clock, actor: "test", payload: payload)
    try Rulebook.check(event, against: chronicle)
    chronicle.record(event)
    didAppend(event)
    return event
  }

  /// Appends an event valid on `date` (ÅÅÅÅ-MM-DD).
  @discardableResult
  public mutating func append(_ payload: Payload, on date: String, id: String? = nil) throws(RuleViolation)
    -> Event
  {
    try append(payload, on: Self.day(date), id: id)
  }

  /// The state at the end of `date` as known at `knownAtSeq` (everything appended when nil).
  public func state(asOf date: String, knownAtSeq: UInt64? = nil) -> CityState {
    CityState(
      chronicle: chronicle, position: .endOf(Self.day(date)), knownAtSeq: knownAtSeq ?? chronicle.lastSeq)
  }

  /// The start the fixture cities share, on `date`: the city "Exempelstad" with the boards
  /// n-norr "Norra nämnden" (the preschools f-sol "Solrosens förskola" and f-ek "Ekens förskola")
  /// and n-syd "Södra nämnden".
  public mutating func establishExampleCity(on date: String) throws(RuleViolation) {
    try append(
      .unitEstablished(unit: "stad", name: "Exempelstad", kind: .city, parent: nil, schoolForm: nil),
      on: date)
    for (board, name) in [("n-norr", "Norra nämnden"), ("n-syd", "Södra nämnden")] {
      try append(
        .unitEstablished(unit: board, name: name, kind: .board, parent: "stad", schoolForm: nil), on: date)
    }
    for (unit, name) in [("f-sol", "Solrosens förskola"), ("f-ek", "Ekens förskola")] {
      try append(
        .unitEstablished(unit: unit, name: name, kind: .unit, parent: "n-norr", schoolForm: .förskola),
        on: date)
    }
  }
}
