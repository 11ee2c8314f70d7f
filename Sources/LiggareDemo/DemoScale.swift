/// How big a demo city to generate.
public enum DemoScale: String, CaseIterable, Sendable {
  /// A few hundred staff in about twenty units under two district boards and the education
  /// board: for tests and the README; generated in a fraction of a second.
  case small
  /// A large Swedish city: 14 district boards, about 700 units, about 30,000 staff at a time and
  /// 2–3 million events over 2011–2025.
  case city
  /// Ten times the city (about 7,000 units and 300,000 staff): for load tests; only streamed.
  case national

  /// The numbers the generator works from.
  var profile: DemoProfile {
    switch self {
    case .small:
      DemoProfile(
        districts: 2, unitsPerForm: [10, 6, 2, 1, 1], staffPerForm: [12, 25, 30, 12, 12],
        boardMergers: [.init(from: 1, into: 0, year: 2020)], closures: 1, unitMergers: 1, newUnits: 1,
        renames: 1, mistakesPerSession: 0.0025)
    case .city:
      DemoProfile(
        districts: 14, unitsPerForm: [380, 220, 50, 25, 25], staffPerForm: [30, 60, 80, 25, 30],
        boardMergers: [.init(from: 11, into: 10, year: 2020), .init(from: 1, into: 0, year: 2023)],
        closures: 6, unitMergers: 4, newUnits: 12, renames: 2, mistakesPerSession: 0.0004)
    case .national:
      DemoProfile(
        districts: 140, unitsPerForm: [3800, 2200, 500, 250, 250], staffPerForm: [30, 60, 80, 25, 30],
        boardMergers: Self.nationalMergers,
        closures: 60, unitMergers: 40, newUnits: 120, renames: 20, mistakesPerSession: 0.0004)
    }
  }

  /// The city's two mergers, repeated in each group of fourteen districts.
  private static var nationalMergers: [DemoProfile.BoardMerger] {
    var result: [DemoProfile.BoardMerger] = []
    for group in 0..<10 {
      let first = group * 14
      result.append(DemoProfile.BoardMerger(from: first + 11, into: first + 10, year: 2020))
      result.append(DemoProfile.BoardMerger(from: first + 1, into: first, year: 2023))
    }
    return result
  }
}
