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

/// A competence framework as defined by one `FrameworkDefined`; labels as symbols.
struct FrameworkDefinition: Sendable {
  var title: String
  var labels: [Int32]
}

/// A competence as defined by one `CompetenceDefined`.
struct CompetenceDefinition: Sendable {
  var framework: Int32
  var title: String
  var area: StrategyArea
}

/// A `RequirementSet` (or, with `isEnd`, a `RequirementEnded`) for one requirement id.
///
/// `roles` and `schoolForms` are bit sets over `StaffRole.allCases` and `SchoolForm.allCases`
/// with bit 7 set when the list was given (0: absent, meaning all).
struct RequirementChange: Sendable {
  var isEnd: Bool
  var competence: Int32
  /// The `minLevel` label's symbol; its position is read from the framework as of the event.
  var minLevel: Int32
  var scope: Int32
  var roles: UInt8
  var schoolForms: UInt8

  static func mask<E: CaseIterable & Equatable>(_ values: [E]?) -> UInt8 {
    guard let values else { return 0 }
    var m: UInt8 = 0x80
    let all = Array(E.allCases)
    for v in values { if let i = all.firstIndex(of: v) { m |= 1 << UInt8(i) } }
    return m
  }

  static func set<E: CaseIterable & Equatable>(_ mask: UInt8) -> Set<E>? {
    guard mask & 0x80 != 0 else { return nil }
    var result = Set<E>()
    for (i, e) in E.allCases.enumerated() where mask & (1 << UInt8(i)) != 0 { result.insert(e) }
    return result
  }
}

/// One `CompetenceAssessed`; the label's position is read from the framework as of the event.
struct Assessment: Sendable {
  var person: Int32
  var competence: Int32
  var label: Int32
  /// -1 for a self-assessment.
  var assessor: Int32
  var method: AssessmentMethod
}

/// One `UnitFollowUp`: ratings per area in `StrategyArea.allCases` order, 0 where not given.
struct FollowUp: Sendable {
  var unit: Int32
  var year: Int32
  var r0: Int8
  var r1: Int8
  var r2: Int8
  var r3: Int8
  var r4: Int8

  init(unit: Int32, year: Int32, ratings: AreaRatings) {
    self.unit = unit
    self.year = year
    let v = StrategyArea.allCases.map { Int8(clamping: ratings[$0] ?? 0) }
    (r0, r1, r2, r3, r4) = (v[0], v[1], v[2], v[3], v[4])
  }

  var ratings: AreaRatings {
    var byArea: [StrategyArea: Int] = [:]
    for (area, r) in zip(StrategyArea.allCases, [r0, r1, r2, r3, r4]) where r != 0 { byArea[area] = Int(r) }
    return AreaRatings(byArea)
  }
}

/// A measure as planned by one `MeasurePlanned`.
struct MeasurePlan: Sendable {
  var scope: Int32
  var area: StrategyArea
  var title: String
  var due: Int32
  var responsible: String?
}
