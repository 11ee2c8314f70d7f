public import LiggareBasics

/// One event about a person, as a timeline shows it: every one the log knew at a moment, in valid
/// time, retracted ones included with the seq of their retraction.
public struct PersonTimelineItem: Sendable, Hashable {
  /// What happened.
  public enum Change: Sendable, Hashable {
    case registered
    case assigned(unitID: String, role: StaffRole)
    case left
    case levelAttained(level: Int, examinerID: String)
    case courseCompleted(courseID: String, hours: Double?)
    case examinerAppointed(unitID: String, maxLevel: Int)
    case examinerEnded
    /// A competence assessment of the person (contract Part 2); `assessorID` for a head's.
    case assessed(competenceID: String, level: String, method: AssessmentMethod, assessorID: String?)
  }

  public var date: CivilDate
  public var seq: UInt64
  public var eventID: String
  public var change: Change
  /// The seq of the retraction, when it was known by then; nil when the event stands.
  public var retractedBySeq: UInt64?
}

extension Chronicle {
  /// Every event about `person` known at `knownAtSeq`, retracted or not, in valid time (date, then
  /// seq). Completions are found by one pass over the completion array.
  public func timeline(ofPerson person: String, knownAtSeq k: UInt64) -> [PersonTimelineItem] {
    guard let p = personSymbols.symbol(for: person), Int(p) < persons.count else { return [] }
    let history = persons[Int(p)]
    var items: [PersonTimelineItem] = []
    func add<V>(_ v: Version<V>, _ change: PersonTimelineItem.Change) {
      guard v.seq <= k else { return }
      items.append(
        PersonTimelineItem(
          date: CivilDate(daysSinceEpoch: v.date), seq: v.seq, eventID: eventID(atSeq: v.seq), change: change,
          retractedBySeq: v.retractedBy <= k ? v.retractedBy : nil))
    }
    for v in history.registrations { add(v, .registered) }
    for v in history.placements {
      switch v.value {
      case .assigned(let unit, let role): add(v, .assigned(unitID: unitSymbols.name(unit), role: role))
      case .left: add(v, .left)
      }
    }
    for v in history.levels {
      add(v, .levelAttained(level: Int(v.value.level), examinerID: personSymbols.name(v.value.examiner)))
    }
    for v in history.examinerRoles {
      switch v.value {
      case .appointed(let unit, let maxLevel):
        add(v, .examinerAppointed(unitID: unitSymbols.name(unit), maxLevel: Int(maxLevel)))
      case .ended: add(v, .examinerEnded)
      }
    }
    for v in completions where v.value.person == p {
      add(v, .courseCompleted(courseID: courseSymbols.name(v.value.course), hours: v.value.hours))
    }
    for v in assessments where v.value.person == p {
      let a = v.value
      add(
        v,
        .assessed(
          competenceID: competenceSymbols.name(a.competence), level: labelSymbols.name(a.label),
          method: a.method,
          assessorID: a.assessor >= 0 ? personSymbols.name(a.assessor) : nil))
    }
    items.sort { ($0.date, $0.seq) < ($1.date, $1.seq) }
    return items
  }
}
