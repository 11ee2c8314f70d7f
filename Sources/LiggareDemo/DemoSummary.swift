public import LiggareBasics
public import LiggareDomain

/// What a generation produced, for the CLI and the README to print.
public struct DemoSummary: Sendable, Hashable {
  /// The city's name.
  public var cityName: String
  /// Events emitted, in all.
  public var eventCount = 0
  /// Events emitted per type.
  public var countsByType: [EventType: Int] = [:]
  /// People registered.
  public var personCount = 0
  /// Batches the caller received.
  public var batchCount = 0
  /// `recordedAt` of the first and the last event.
  public var firstRecordedAt: Timestamp?
  public var lastRecordedAt: Timestamp?

  /// Creates an empty summary.
  public init(cityName: String) {
    self.cityName = cityName
  }

  /// Counts one batch.
  mutating func add(_ batch: [EventDraft]) {
    batchCount += 1
    eventCount += batch.count
    for draft in batch {
      countsByType[draft.payload.type, default: 0] += 1
    }
    personCount = countsByType[.personRegistered] ?? 0
    if firstRecordedAt == nil { firstRecordedAt = batch.first?.recordedAt }
    if let last = batch.last?.recordedAt { lastRecordedAt = last }
  }
}
