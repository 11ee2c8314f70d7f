public import LiggareBasics
public import LiggareDomain

/// The figures of one node (the city, a board or a unit) in the annual report for year Y.
public struct NodeFigures: Sendable, Hashable {
  /// The node's id.
  public var id: String
  /// Its name at Y-12-31 (or when it closed).
  public var name: String
  /// City, board or unit.
  public var kind: UnitKind
  /// The parent at Y-12-31 (for a node closed during Y, its parent when it closed).
  public var parentID: String?
  /// The parent's name at Y-12-31 (nil when there is no parent).
  public var parentName: String? = nil
  /// The school form of a unit, if it has one.
  public var schoolForm: SchoolForm?
  /// Whether the node was open at Y-12-31 (closed nodes appear when they closed during Y).
  public var isOpen: Bool
  /// When a closed node closed.
  public var closedOn: CivilDate?
  /// The node a merged node was merged into.
  public var mergedIntoID: String?
  /// The name of the node it was merged into, as it stood at Y-12-31.
  public var mergedIntoName: String? = nil

  /// Staff at Y-12-31.
  public var staff: Int
  /// Staff at each PIM level 0–5 at Y-12-31.
  public var pimLevels: [Int]
  /// Staff at Y-1-12-31 (with the tree as it stood then; 0 if the node did not exist).
  public var previousStaff: Int
  /// Staff at each PIM level 0–5 at Y-1-12-31.
  public var previousPimLevels: [Int]

  /// PIM levels attained during Y by level (index 0 = level 1), attributed as decision 8 says.
  /// For the city: every level attained in the year, staff or not.
  public var levelsAttained: [Int]
  /// Course hours during Y by strategy area (decision 8 attribution).
  public var courseHours: [StrategyArea: Double]

  /// Examiner roles held for the node (or units under it) at Y-12-31.
  public var examiners: Int
  /// Examiner roles held at Y-1-12-31.
  public var previousExaminers: Int
  /// Examiner appointments dated in Y, counted where the role was held.
  public var examinersAppointed: Int
  /// Examiner roles ended during Y, counted where the ended role was held.
  public var examinersEnded: Int

  /// Staff at `minLevel` or higher at Y-12-31.
  public func atLeast(_ minLevel: Int) -> Int {
    pimLevels.indices.reduce(0) { $0 + ($1 >= minLevel ? pimLevels[$1] : 0) }
  }

  /// Staff at `minLevel` or higher at Y-1-12-31.
  public func previousAtLeast(_ minLevel: Int) -> Int {
    previousPimLevels.indices.reduce(0) { $0 + ($1 >= minLevel ? previousPimLevels[$1] : 0) }
  }

  /// Share of staff at `minLevel` or higher at Y-12-31; nil without staff.
  public func share(atLeast minLevel: Int) -> Double? {
    staff == 0 ? nil : Double(atLeast(minLevel)) / Double(staff)
  }

  /// Share of staff at `minLevel` or higher at Y-1-12-31; nil without staff.
  public func previousShare(atLeast minLevel: Int) -> Double? {
    previousStaff == 0 ? nil : Double(previousAtLeast(minLevel)) / Double(previousStaff)
  }

  /// Levels attained during Y, all levels.
  public var totalLevelsAttained: Int { levelsAttained.reduce(0, +) }

  /// Course hours during Y, all areas, summed in area order so the total is the same every time.
  public var totalHours: Double {
    StrategyArea.allCases.reduce(0) { $0 + (courseHours[$1] ?? 0) }
  }

  /// Course hours per staff member at Y-12-31; nil without staff.
  public var hoursPerStaff: Double? {
    staff == 0 ? nil : totalHours / Double(staff)
  }
}
