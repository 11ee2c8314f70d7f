public import LiggareBasics

/// An organisational node as it stood at a position.
public struct UnitSnapshot: Sendable, Hashable {
  public var id: String
  public var name: String
  public var kind: UnitKind
  public var parentID: String?
  public var schoolForm: SchoolForm?
  public var isOpen: Bool
  public var establishedOn: CivilDate
  public var closedOn: CivilDate?
  public var mergedIntoID: String?
}

/// Where a person works: the unit after following merges, the role and since when.
public struct Placement: Sendable, Hashable {
  public var unitID: String
  public var role: StaffRole
  /// The date of the assignment.
  public var since: CivilDate
}

/// A PIM level passed.
public struct LevelRecord: Sendable, Hashable {
  public var level: Int
  public var date: CivilDate
  public var examinerID: String
  public var eventID: String
}

/// An examiner role held.
public struct ExaminerRole: Sendable, Hashable {
  public var personID: String
  /// The unit after following merges.
  public var unitID: String
  public var maxLevel: Int
  public var since: CivilDate
}

/// A change of examiner role, for "appointed and ended during the year".
public struct ExaminerChangeRecord: Sendable, Hashable {
  public enum Change: Sendable, Hashable {
    case appointed(unitID: String, maxLevel: Int)
    case ended
  }
  public var personID: String
  public var date: CivilDate
  public var change: Change
}

/// A completed course with its resolved hours and area.
public struct CompletionRecord: Sendable, Hashable {
  public var date: CivilDate
  public var courseID: String
  public var courseTitle: String
  public var hours: Double
  public var area: StrategyArea
  public var eventID: String
}

/// A course in the catalogue.
public struct CourseSnapshot: Sendable, Hashable {
  public var id: String
  public var title: String
  public var hours: Double
  public var area: StrategyArea
  public var definedOn: CivilDate
}

/// A goal in force, from the latest `GoalSet` for its id.
public struct GoalSnapshot: Sendable, Hashable {
  public var id: String
  public var scopeID: String
  public var minLevel: Int
  public var targetShare: Double
  public var deadline: CivilDate
  public var setOn: CivilDate
}

/// A person counted as staff at a position.
public struct StaffMember: Sendable, Hashable {
  public var personID: String
  public var unitID: String
  public var role: StaffRole
  public var level: Int
}
