public import LiggareBasics

/// The contract's definition of state, written out plainly: fold the events with `seq ≤ K` and
/// `occurredOn ≤ D` in (`occurredOn`, `seq`) order, leaving out every event retracted by a
/// retraction with `seq ≤ K`.
///
/// Slow and obviously right; it is the reference the `Chronicle` is tested against.
public struct FullReplay: Sendable, Equatable {
  public var units: [String: UnitSnapshot] = [:]
  public var registered: Set<String> = []
  public var placements: [String: Placement] = [:]
  public var levels: [String: Int] = [:]
  public var examiners: [String: ExaminerRole] = [:]
  public var goals: [String: GoalSnapshot] = [:]
  public var courses: [String: CourseSnapshot] = [:]
  public var frameworks: [String: FrameworkSnapshot] = [:]
  public var competences: [String: CompetenceSnapshot] = [:]
  /// Requirements in force.
  public var requirements: [String: RequirementSnapshot] = [:]
  /// Levels by "person/competence".
  public var assessed: [String: CompetenceLevels] = [:]
  /// Follow-ups dated by then, by "unit/year".
  public var followUps: [String: FollowUpSnapshot] = [:]
  public var measures: [String: MeasureSnapshot] = [:]
  /// Plans and statuses of measures, kept apart as the events come.
  var measurePlans: [String: MeasureSnapshot] = [:]
  var measureStatuses: [String: (MeasureState, CivilDate)] = [:]

  /// Folds `events` (all of the log, any order) as of `date`, as known at `knownAtSeq`.
  public init(_ events: [Event], asOf date: CivilDate, knownAtSeq: UInt64) {
    var retracted: Set<String> = []
    for e in events where e.seq <= knownAtSeq {
      if case .eventRetracted(let target, _) = e.payload { retracted.insert(target) }
    }
    let folded =
      events
      .filter { $0.seq <= knownAtSeq && $0.occurredOn <= date && !retracted.contains($0.id) }
      .sorted { ($0.occurredOn, $0.seq) < ($1.occurredOn, $1.seq) }
    for e in folded { apply(e) }
    finishMeasures()
  }

  mutating func finishMeasures() {
    measures = [:]
    for (id, var m) in measurePlans {
      if let (status, since) = measureStatuses[id] {
        m.status = status
        m.statusSince = since
      }
      measures[id] = m
    }
  }

  /// The position of `label` in `competence`'s framework as the fold stands now.
  func position(of label: String, competence: String) -> Int? {
    guard let c = competences[competence], let f = frameworks[c.frameworkID] else { return nil }
    return f.levels.firstIndex(of: label)
  }

  /// One step of the fold.
  public mutating func apply(_ e: Event) {
    let d = e.occurredOn
    switch e.payload {
    case .unitEstablished(let unit, let name, let kind, let parent, let schoolForm):
      units[unit] = UnitSnapshot(
        id: unit, name: name, kind: kind, parentID: parent, schoolForm: schoolForm, isOpen: true,
        establishedOn: d, closedOn: nil, mergedIntoID: nil)
    case .unitRenamed(let unit, let name): units[unit]?.name = name
    case .unitMoved(let unit, let parent): units[unit]?.parentID = parent
    case .unitMerged(let unit, let into):
      guard units[unit] != nil else { return }
      units[unit]?.isOpen = false
      units[unit]?.closedOn = d
      units[unit]?.mergedIntoID = into
      for (p, placement) in placements where placement.unitID == unit { placements[p]?.unitID = into }
      for (p, role) in examiners where role.unitID == unit { examiners[p]?.unitID = into }
    case .unitClosed(let unit):
      guard units[unit] != nil else { return }
      units[unit]?.isOpen = false
      units[unit]?.closedOn = d
    case .personRegistered(let person): registered.insert(person)
    case .staffAssigned(let person, let unit, let role):
      placements[person] = Placement(unitID: unit, role: role, since: d)
    case .staffLeft(let person): placements[person] = nil
    case .courseDefined(let course, let title, let hours, let area):
      courses[course] = CourseSnapshot(id: course, title: title, hours: hours, area: area, definedOn: d)
    case .courseCompleted: break
    case .pimLevelAttained(let person, let level, _): levels[person] = max(levels[person] ?? 0, level)
    case .examinerAppointed(let person, let unit, let maxLevel):
      examiners[person] = ExaminerRole(personID: person, unitID: unit, maxLevel: maxLevel, since: d)
    case .examinerRoleEnded(let person): examiners[person] = nil
    case .goalSet(let goal, let scope, let minLevel, let targetShare, let deadline):
      goals[goal] = GoalSnapshot(
        id: goal, scopeID: scope, minLevel: minLevel, targetShare: targetShare, deadline: deadline, setOn: d)
    case .eventRetracted: break
    case .frameworkDefined(let framework, let title, let levels):
      frameworks[framework] = FrameworkSnapshot(id: framework, title: title, levels: levels, definedOn: d)
    case .competenceDefined(let competence, let framework, let title, let area):
      competences[competence] = CompetenceSnapshot(
        id: competence, frameworkID: framework, title: title, area: area, definedOn: d)
    case .requirementSet(let requirement, let competence, let minLevel, let scope, let roles, let forms):
      requirements[requirement] = RequirementSnapshot(
        id: requirement, competenceID: competence, minLevel: minLevel,
        minPosition: position(of: minLevel, competence: competence), scopeID: scope,
        roles: roles.map(Set.init),
        schoolForms: forms.map(Set.init), setOn: d)
    case .requirementEnded(let requirement): requirements[requirement] = nil
    case .competenceAssessed(let person, let competence, let level, let method, let assessor):
      guard let position = position(of: level, competence: competence) else { return }
      let a = AssessedLevel(label: level, position: position, date: d, method: method, assessorID: assessor)
      switch method {
      case .self: assessed["\(person)/\(competence)", default: CompetenceLevels()].selfAssessed = a
      case .head: assessed["\(person)/\(competence)", default: CompetenceLevels()].headAssessed = a
      }
    case .unitFollowUp(let unit, let year, let ratings):
      followUps["\(unit)/\(year)"] = FollowUpSnapshot(
        unitID: unit, year: year, ratings: ratings, recordedOn: d)
    case .measurePlanned(let measure, let scope, let area, let title, let due, let responsible):
      measurePlans[measure] = MeasureSnapshot(
        id: measure, scopeID: scope, area: area, title: title, due: due, responsible: responsible,
        plannedOn: d, status: .planerad, statusSince: nil)
    case .measureStatus(let measure, let status): measureStatuses[measure] = (status, d)
    }
  }

  /// The same facts read from a `CityState`, for comparison.
  public init(reading state: CityState) {
    for u in state.allUnits { units[u.id] = u }
    for person in state.knownPersonIDs {
      if state.isRegistered(person) { registered.insert(person) }
      if let p = state.placement(of: person) { placements[person] = p }
      let level = state.level(of: person)
      if level > 0 { levels[person] = level }
      if let r = state.examinerRole(of: person) { examiners[person] = r }
    }
    for g in state.goals { goals[g.id] = g }
    for c in state.courses { courses[c.id] = c }
    for f in state.frameworks { frameworks[f.id] = f }
    for c in state.competences { competences[c.id] = c }
    for r in state.requirementsInForce { requirements[r.id] = r }
    let index = state.assessmentIndex()
    for person in state.knownPersonIDs {
      for c in state.chronicle.competenceSymbols.names {
        let levels = index.levels(of: person, in: c)
        if levels != CompetenceLevels() { assessed["\(person)/\(c)"] = levels }
      }
    }
    followUps = state.followUpsDatedByPosition()
    for m in state.measures { measures[m.id] = m }
  }

  public static func == (a: FullReplay, b: FullReplay) -> Bool {
    a.units == b.units && a.registered == b.registered && a.placements == b.placements && a.levels == b.levels
      && a.examiners == b.examiners && a.goals == b.goals && a.courses == b.courses
      && a.frameworks == b.frameworks && a.competences == b.competences && a.requirements == b.requirements
      && a.assessed == b.assessed && a.followUps == b.followUps && a.measures == b.measures
  }
}
