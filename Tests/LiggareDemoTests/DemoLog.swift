import LiggareBasics
import LiggareDemo
import LiggareDomain

/// Appends demo drafts the way the ledger does: seq = lastSeq + 1, the rulebook's check, then the
/// fold; plus the envelope rules the log itself enforces (ids unique, recorded time never going back).
struct DemoLog {
  var chronicle = Chronicle()
  var drafts: [EventDraft] = []
  var ids: Set<String> = []
  var latest = Timestamp.distantPast

  static let latestAllowed = Timestamp(parsing: "2026-03-01T00:00:00Z")!

  /// What went wrong with the draft at `index`.
  struct Failure: Error, CustomStringConvertible {
    var index: Int
    var draft: EventDraft
    var reason: String
    var description: String { "draft \(index) \(draft.id ?? "-") \(draft.payload): \(reason)" }
  }

  mutating func append(_ draft: EventDraft) throws(Failure) {
    let index = drafts.count
    func fail(_ reason: String) -> Failure { Failure(index: index, draft: draft, reason: reason) }
    guard let id = draft.id, let recordedAt = draft.recordedAt, let actor = draft.actor, !actor.isEmpty else {
      throw fail("id, recordedAt and actor must be explicit")
    }
    guard ids.insert(id).inserted else { throw fail("duplicate id") }
    guard recordedAt >= latest else { throw fail("recordedAt \(recordedAt) before \(latest)") }
    guard recordedAt <= Self.latestAllowed else { throw fail("recordedAt \(recordedAt) after 2026-03-01") }
    latest = recordedAt
    let event = Event(
      seq: chronicle.lastSeq + 1, id: id, occurredOn: draft.occurredOn, recordedAt: recordedAt, actor: actor,
      payload: draft.payload)
    do {
      try Rulebook.check(event, against: chronicle)
    } catch {
      throw fail("\(error)")
    }
    chronicle.record(event)
    drafts.append(draft)
  }

  /// The whole small city of `seed`, appended.
  static func small(seed: UInt64) throws(Failure) -> DemoLog {
    var log = DemoLog()
    for draft in DemoCity(scale: .small, seed: seed).allDrafts() { try log.append(draft) }
    return log
  }

  func state(asOf date: String) -> CityState {
    CityState(
      chronicle: chronicle, position: .endOf(CivilDate(parsing: date)!), knownAtSeq: chronicle.lastSeq)
  }
}
