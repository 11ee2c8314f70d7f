public import LiggareBasics
public import LiggareDomain

/// What a generation produced, for the CLI and the README to print.
public struct DemoSummary: Sendable, Hashable, CustomStringConvertible {
  /// The city's name.
  public var cityName: String
  /// Events emitted, in all.
  public var eventCount = 0
  /// Events emitted per type.
  public var countsByType: [EventType: Int] {
    var result: [EventType: Int] = [:]
    for (i, type) in EventType.allCases.enumerated() where counts[i] > 0 { result[type] = counts[i] }
    return result
  }
  /// Counts in `EventType.allCases` order (an array: a dictionary per event would be slow).
  private var counts = [Int](repeating: 0, count: EventType.allCases.count)
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

  /// In Swedish, for the CLI: "Norrvik stad: 2 278 601 händelser (…)".
  public var description: String {
    func n(_ type: EventType) -> String { Self.grouped(counts[Self.slot(type)]) }
    let first = firstRecordedAt.map { "\($0.stockholmDate)" } ?? "–"
    let last = lastRecordedAt.map { "\($0.stockholmDate)" } ?? "–"
    return "\(cityName): \(Self.grouped(eventCount)) händelser registrerade \(first) – \(last); "
      + "\(n(.unitEstablished)) enheter och nämnder, \(n(.personRegistered)) personer, "
      + "\(n(.courseCompleted)) genomförda kurser, \(n(.pimLevelAttained)) PIM-nivåer, "
      + "\(n(.examinerAppointed)) examinatorsförordnanden, \(n(.eventRetracted)) återkallelser"
  }

  /// Thousands separated by spaces, the Swedish way ("2 278 601").
  static func grouped(_ value: Int) -> String {
    SwedishNumber.integer(value, style: .terminal)
  }

  /// Counts one batch.
  mutating func add(_ batch: [EventDraft]) {
    batchCount += 1
    eventCount += batch.count
    for draft in batch {
      counts[Self.slot(draft.payload.type)] += 1
    }
    personCount = counts[Self.slot(.personRegistered)]
    if firstRecordedAt == nil { firstRecordedAt = batch.first?.recordedAt }
    if let last = batch.last?.recordedAt { lastRecordedAt = last }
  }

  /// The position of `type` in `EventType.allCases`.
  static func slot(_ type: EventType) -> Int {
    switch type {
    case .unitEstablished: 0
    case .unitRenamed: 1
    case .unitMoved: 2
    case .unitMerged: 3
    case .unitClosed: 4
    case .personRegistered: 5
    case .staffAssigned: 6
    case .staffLeft: 7
    case .courseDefined: 8
    case .courseCompleted: 9
    case .pimLevelAttained: 10
    case .examinerAppointed: 11
    case .examinerRoleEnded: 12
    case .goalSet: 13
    case .eventRetracted: 14
    case .frameworkDefined: 15
    case .competenceDefined: 16
    case .requirementSet: 17
    case .requirementEnded: 18
    case .competenceAssessed: 19
    case .unitFollowUp: 20
    case .measurePlanned: 21
    case .measureStatus: 22
    }
  }
}
