public import LiggareBasics

/// What an event says: one case per event type of the contract, with its `data` fields.
public enum Payload: Sendable, Hashable {
  case unitEstablished(unit: String, name: String, kind: UnitKind, parent: String?, schoolForm: SchoolForm?)
  case unitRenamed(unit: String, name: String)
  case unitMoved(unit: String, parent: String)
  case unitMerged(unit: String, into: String)
  case unitClosed(unit: String)
  /// Name and e-mail never reach the log; the log keeps only the key.
  case personRegistered(person: String)
  case staffAssigned(person: String, unit: String, role: StaffRole)
  case staffLeft(person: String)
  case courseDefined(course: String, title: String, hours: Double, area: StrategyArea)
  case courseCompleted(person: String, course: String, hours: Double?)
  case pimLevelAttained(person: String, level: Int, examiner: String)
  case examinerAppointed(person: String, unit: String, maxLevel: Int)
  case examinerRoleEnded(person: String)
  case goalSet(goal: String, scope: String, minLevel: Int, targetShare: Double, deadline: CivilDate)
  case eventRetracted(event: String, reason: String)
  /// A competence framework and its level scale, lowest first (contract Part 2).
  case frameworkDefined(framework: String, title: String, levels: [String])
  case competenceDefined(competence: String, framework: String, title: String, area: StrategyArea)
  /// `roles` and `schoolForms` nil mean all roles but `annan` and all units.
  case requirementSet(
    requirement: String, competence: String, minLevel: String, scope: String, roles: [StaffRole]?,
    schoolForms: [SchoolForm]?)
  case requirementEnded(requirement: String)
  case competenceAssessed(
    person: String, competence: String, level: String, method: AssessmentMethod, assessor: String?)
  case unitFollowUp(unit: String, year: Int, ratings: AreaRatings)
  case measurePlanned(
    measure: String, scope: String, area: StrategyArea, title: String, due: CivilDate, responsible: String?)
  case measureStatus(measure: String, status: MeasureState)

  /// The contract's `type` name of this payload.
  public var type: EventType {
    switch self {
    case .unitEstablished: .unitEstablished
    case .unitRenamed: .unitRenamed
    case .unitMoved: .unitMoved
    case .unitMerged: .unitMerged
    case .unitClosed: .unitClosed
    case .personRegistered: .personRegistered
    case .staffAssigned: .staffAssigned
    case .staffLeft: .staffLeft
    case .courseDefined: .courseDefined
    case .courseCompleted: .courseCompleted
    case .pimLevelAttained: .pimLevelAttained
    case .examinerAppointed: .examinerAppointed
    case .examinerRoleEnded: .examinerRoleEnded
    case .goalSet: .goalSet
    case .eventRetracted: .eventRetracted
    case .frameworkDefined: .frameworkDefined
    case .competenceDefined: .competenceDefined
    case .requirementSet: .requirementSet
    case .requirementEnded: .requirementEnded
    case .competenceAssessed: .competenceAssessed
    case .unitFollowUp: .unitFollowUp
    case .measurePlanned: .measurePlanned
    case .measureStatus: .measureStatus
    }
  }
}

/// The event types of the contract, by their `type` names.
public enum EventType: String, Sendable, Hashable, CaseIterable {
  case unitEstablished = "UnitEstablished"
  case unitRenamed = "UnitRenamed"
  case unitMoved = "UnitMoved"
  case unitMerged = "UnitMerged"
  case unitClosed = "UnitClosed"
  case personRegistered = "PersonRegistered"
  case staffAssigned = "StaffAssigned"
  case staffLeft = "StaffLeft"
  case courseDefined = "CourseDefined"
  case courseCompleted = "CourseCompleted"
  case pimLevelAttained = "PimLevelAttained"
  case examinerAppointed = "ExaminerAppointed"
  case examinerRoleEnded = "ExaminerRoleEnded"
  case goalSet = "GoalSet"
  case eventRetracted = "EventRetracted"
  case frameworkDefined = "FrameworkDefined"
  case competenceDefined = "CompetenceDefined"
  case requirementSet = "RequirementSet"
  case requirementEnded = "RequirementEnded"
  case competenceAssessed = "CompetenceAssessed"
  case unitFollowUp = "UnitFollowUp"
  case measurePlanned = "MeasurePlanned"
  case measureStatus = "MeasureStatus"
}
