public import LiggareDomain

/// A realistic fictional Swedish city, Norrvik stad, as a stream of events from 2011 to 2025.
///
/// The city has district boards running preschools, an education administration running the
/// schools, and a central PIM office. Over the years staff are hired, move and leave, take courses
/// in the IT strategy's five areas, and rise in PIM level, examined by examiners at the units; the
/// city sets a goal of all staff at level 3 by 2013-12-31 (not quite met), districts merge in 2020,
/// units are renamed, merged and closed, a few mistaken completions are retracted, and December
/// attendance lists are logged in February.
///
/// Generation is deterministic: the same scale and seed give the same drafts, byte for byte, on
/// every machine (the generator has its own random numbers and never reads the clock). Every draft
/// carries its `id`, `occurredOn`, `recordedAt` and `actor`; `recordedAt` never decreases, is on a
/// working day after `occurredOn` (in February for the late lists) and at most 2026-03-01.
/// Appended in order, every draft passes the contract's rules.
public struct DemoCity: Sendable {
  /// How big the city is.
  public var scale: DemoScale
  /// The seed of the generator's random numbers.
  public var seed: UInt64

  /// Most drafts handed to the caller at once (the first weeks, when every unit is staffed, are large).
  public static let maxBatchSize = 50_000

  /// Describes a city; nothing is generated until `generate`.
  public init(scale: DemoScale, seed: UInt64 = 2011) {
    self.scale = scale
    self.seed = seed
  }

  /// The city's name.
  public var cityName: String { CitySimulation.cityName }

  /// Calls `body` with the drafts in append order, one batch per simulated week (split into batches
  /// of at most `maxBatchSize`), so that the caller can append a batch durably at a time.
  ///
  /// Memory follows the number of people and units, not of events: only one week's drafts are held.
  /// - Returns: counts of what was generated.
  @discardableResult
  public func generate(_ body: ([EventDraft]) throws -> Void) rethrows -> DemoSummary {
    var simulation = CitySimulation(profile: scale.profile, seed: seed)
    var summary = DemoSummary(cityName: cityName)
    var week = 0
    while true {
      let monday = CitySimulation.origin + Int32(week) * 7
      if monday > CitySimulation.lastDay, !simulation.hasLateRecords(from: week) { break }
      for day in monday..<(monday + 7) where day >= CitySimulation.firstDay && day <= CitySimulation.lastDay {
        simulation.simulate(day: day)
      }
      let drafts = simulation.drainWeek(week)
      if drafts.count <= Self.maxBatchSize {
        if !drafts.isEmpty {
          summary.add(drafts)
          try body(drafts)
        }
        week += 1
        continue
      }
      var start = 0
      while start < drafts.count {
        let end = min(drafts.count, start + Self.maxBatchSize)
        let batch = Array(drafts[start..<end])
        summary.add(batch)
        try body(batch)
        start = end
      }
      week += 1
    }
    return summary
  }

  /// Every draft in one array: for the small scale (tests, the README); larger scales should stream.
  public func allDrafts() -> [EventDraft] {
    var all: [EventDraft] = []
    generate { all.append(contentsOf: $0) }
    return all
  }
}
