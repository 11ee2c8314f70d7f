import LiggareBasics

/// What can happen to an organisational node.
enum UnitChange: Sendable {
  case established(name: String, kind: UnitKind, parent: Int32?, schoolForm: SchoolForm?)
  case renamed(String)
  case moved(parent: Int32)
  case merged(into: Int32)
  case closed
}

/// What can happen to a person's place in the organisation.
enum PlacementChange: Sendable {
  case assigned(unit: Int32, role: StaffRole)
  case left
}

/// What can happen to a person's examiner role.
enum ExaminerChange: Sendable {
  case appointed(unit: Int32, maxLevel: Int8)
  case ended
}

/// A PIM level passed.
struct LevelAttainment: Sendable {
  var level: Int8
  var examiner: Int32
}

/// A course completed by a person; `hours` nil means the course's own.
///
/// Completions are most of the log, so they live in one array in seq order (appending touches
/// only its end) rather than in per-person histories (one cache miss per event while folding).
struct CourseCompletion: Sendable {
  var person: Int32
  var course: Int32
  var hours: Double?
}

/// A course in the catalogue.
struct CourseDefinition: Sendable {
  var title: String
  var hours: Double
  var area: StrategyArea
}

/// A goal as set by one `GoalSet`.
struct GoalDefinition: Sendable {
  var scope: Int32
  var minLevel: Int8
  var targetShare: Double
  var deadline: CivilDate
}

/// Everything that happened to one person, each list in fold order.
struct PersonHistory: Sendable {
  var registrations: [Version<Bool>] = []
  var placements: [Version<PlacementChange>] = []
  var levels: [Version<LevelAttainment>] = []
  var examinerRoles: [Version<ExaminerChange>] = []
}
