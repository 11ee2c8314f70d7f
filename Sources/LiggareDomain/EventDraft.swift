public import LiggareBasics

/// An event as a user, an import or the demo generator proposes it, before the log gives it a `seq`.
///
/// `id`, `recordedAt` and `actor` may be left out; the ledger then assigns them (a content id, the
/// injected clock, the OS user).
public struct EventDraft: Sendable, Hashable {
  public var id: String?
  public var occurredOn: CivilDate
  public var recordedAt: Timestamp?
  public var actor: String?
  public var payload: Payload
  /// Name and e-mail of a `PersonRegistered`; they go to the person register, never into the log.
  public var personalData: PersonalData?

  /// Creates a draft.
  public init(
    id: String? = nil, occurredOn: CivilDate, recordedAt: Timestamp? = nil, actor: String? = nil,
    payload: Payload, personalData: PersonalData? = nil
  ) {
    self.id = id
    self.occurredOn = occurredOn
    self.recordedAt = recordedAt
    self.actor = actor
    self.payload = payload
    self.personalData = personalData
  }
}
