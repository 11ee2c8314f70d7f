public import LiggareBasics

/// A competence framework as it stood: the latest `FrameworkDefined` for its id.
public struct FrameworkSnapshot: Sendable, Hashable {
  public var id: String
  public var title: String
  /// Level labels, lowest first.
  public var levels: [String]
  /// The date of the definition in force.
  public var definedOn: CivilDate
}

/// A competence as it stood: the latest `CompetenceDefined` for its id.
public struct CompetenceSnapshot: Sendable, Hashable {
  public var id: String
  public var frameworkID: String
  public var title: String
  public var area: StrategyArea
  public var definedOn: CivilDate
}

/// A requirement in force: the latest `RequirementSet` for its id, not ended after it.
public struct RequirementSnapshot: Sendable, Hashable {
  public var id: String
  public var competenceID: String
  /// The label as the event gave it.
  public var minLevel: String
  /// Its position in the framework's scale as of the event (0 = lowest); nil when the label
  /// cannot be found there (only possible after a backdated redefinition).
  public var minPosition: Int?
  public var scopeID: String
  /// nil: all roles but `annan`.
  public var roles: Set<StaffRole>?
  /// nil: units of every school form (and none).
  public var schoolForms: Set<SchoolForm>?
  public var setOn: CivilDate

  /// Whether it covers a staff member with `role` at a unit of `schoolForm` (scope aside).
  public func covers(role: StaffRole, schoolForm: SchoolForm?) -> Bool {
    guard role.countsAsStaff else { return false }
    if let roles, !roles.contains(role) { return false }
    if let schoolForms {
      guard let schoolForm, schoolForms.contains(schoolForm) else { return false }
    }
    return true
  }
}

/// One assessment that counts: the label, its position in the scale, when and by whom.
public struct AssessedLevel: Sendable, Hashable {
  public var label: String
  /// Position in the framework's scale as of the assessment (0 = lowest).
  public var position: Int
  public var date: CivilDate
  public var method: AssessmentMethod
  public var assessorID: String?
}

/// A person's latest self- and head assessment of one competence.
public struct CompetenceLevels: Sendable, Hashable {
  public var selfAssessed: AssessedLevel?
  public var headAssessed: AssessedLevel?

  public init(selfAssessed: AssessedLevel? = nil, headAssessed: AssessedLevel? = nil) {
    self.selfAssessed = selfAssessed
    self.headAssessed = headAssessed
  }

  /// The level that counts: the head's when there is one, else the self-assessment.
  public var counting: AssessedLevel? { headAssessed ?? selfAssessed }
}

/// A unit's follow-up of one year.
public struct FollowUpSnapshot: Sendable, Hashable {
  public var unitID: String
  public var year: Int
  public var ratings: AreaRatings
  /// The `occurredOn` of the follow-up that counts.
  public var recordedOn: CivilDate
}

/// A measure of an action plan with its status at a date.
public struct MeasureSnapshot: Sendable, Hashable {
  public var id: String
  public var scopeID: String
  public var area: StrategyArea
  public var title: String
  public var due: CivilDate
  public var responsible: String?
  public var plannedOn: CivilDate
  public var status: MeasureState
  /// The date of the latest status; nil while `planerad`.
  public var statusSince: CivilDate?

  /// Overdue on `date`: due before it and still `planerad` or `pågår`.
  public func isOverdue(on date: CivilDate) -> Bool {
    due < date && (status == .planerad || status == .pågår)
  }
}
