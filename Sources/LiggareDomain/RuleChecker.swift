import LiggareBasics

/// Checks events one by one against a chronicle the caller goes on extending (a transaction's
/// working chronicle), as `Rulebook.check(_:against:)` does.
///
/// `Rulebook.check(_:against:)` builds a `CityState` holding a copy of the chronicle, and a copy
/// retains and releases every buffer of it: on an import, once per event. The checker keeps one
/// state and swaps the chronicle into it for the check and back out (a move, no copy).
public struct RuleChecker: Sendable {
  var state: CityState

  /// A checker; its state holds an empty chronicle between checks.
  public init() {
    state = CityState(chronicle: Chronicle(), position: .endOf(CivilDate(daysSinceEpoch: 0)), knownAtSeq: 0)
  }

  /// Checks `event` against `chronicle` (everything in it known, as of the event's date).
  /// - Throws: the rule the event breaks.
  public mutating func check(_ event: Event, against chronicle: inout Chronicle) throws(RuleViolation) {
    let recordedOn = event.recordedAt.stockholmDate
    if event.occurredOn > recordedOn {
      throw .occurredAfterRecorded(occurredOn: event.occurredOn, recordedOn: recordedOn)
    }
    swap(&state.chronicle, &chronicle)
    defer { swap(&state.chronicle, &chronicle) }
    state.position = .endOf(event.occurredOn)
    state.knownAtSeq = state.chronicle.lastSeq
    try Rulebook.check(event.payload, date: event.occurredOn, in: state, newIDsMustBeNew: true)
  }
}
