public import LiggareBasics

/// One fact in the log: what happened (`payload`), when it became true and when the log learnt it.
public struct Event: Sendable, Hashable {
  /// Position in the log: 1, 2, 3, … without gaps.
  public var seq: UInt64
  /// The idempotency key, unique in the log.
  public var id: String
  /// Valid time: the date on which the fact became true (Europe/Stockholm).
  public var occurredOn: CivilDate
  /// Recorded time: when the log learnt it.
  public var recordedAt: Timestamp
  /// Who logged it.
  public var actor: String
  /// What happened.
  public var payload: Payload

  /// Creates an event.
  public init(
    seq: UInt64, id: String, occurredOn: CivilDate, recordedAt: Timestamp, actor: String, payload: Payload
  ) {
    self.seq = seq
    self.id = id
    self.occurredOn = occurredOn
    self.recordedAt = recordedAt
    self.actor = actor
    self.payload = payload
  }

  /// Whether `other` says the same thing: same type, `occurredOn` and data (contract decision 6),
  /// byte for byte in the canonical form (issue 10, item 13: `Café` with U+00E9 and with `e` and
  /// U+0301 are different content, though Swift's `String ==` calls them equal).
  public func hasSameContent(as other: Event) -> Bool {
    occurredOn == other.occurredOn && payload.type == other.payload.type
      && payload.canonicalData == other.payload.canonicalData
  }
}
