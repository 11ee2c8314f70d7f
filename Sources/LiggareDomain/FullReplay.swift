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
  }
}
