import LiggareBasics

/// How many events the log holds, by type and by the year they occurred, and how many are retracted.
public struct EventTally: Sendable, Equatable {
  /// Events per type; types without events are absent.
  public var byType: [EventType: Int] = [:]
  /// Events per calendar year of `occurredOn`.
  public var byYear: [Int: Int] = [:]
  /// Events retracted by a later `EventRetracted`.
  public var retracted = 0
}

extension Chronicle {
  /// Counts every event folded in, in one pass over the per-seq locators.
  public func tally() -> EventTally {
    let all = locators
    var perType = [Int](repeating: 0, count: EventType.allCases.count)
    var perYear: [Int: Int] = [:]
    var retracted = 0
    var lastDate = Int32.min
    var yearCount = 0
    var year = 0
    let types = EventType.allCases
    for locator in all {
      perType[types.firstIndex(of: locator.type)!] += 1
      if locator.retractedBy != .max { retracted += 1 }
      // Dates come in runs (the log is mostly in time order), so convert only when one changes.
      if locator.date != lastDate {
        if yearCount > 0 { perYear[year, default: 0] += yearCount }
        lastDate = locator.date
        year = CivilDate(daysSinceEpoch: locator.date).year
        yearCount = 0
      }
      yearCount += 1
    }
    if yearCount > 0 { perYear[year, default: 0] += yearCount }
    var tally = EventTally(byYear: perYear, retracted: retracted)
    for (type, n) in zip(types, perType) where n > 0 { tally.byType[type] = n }
    return tally
  }
}
