/// Which non-retracted events name what an event registers, defines, establishes or appoints
/// (contract decision 5: retract the dependants first).
enum Dependants {
  static func of(seq t: UInt64, in chronicle: Chronicle) -> [String] {
    let locator = chronicle.locators[Int(t - 1)]
    let k = chronicle.lastSeq
    var seqs: [UInt64] = []
    func add<V>(_ versions: [Version<V>], where matches: (V) -> Bool) {
      for v in versions where v.seq != t && v.isVisible(knownAt: k) && matches(v.value) { seqs.append(v.seq) }
    }
    let e = locator.entity
    switch locator.type {
    case .unitEstablished:
      add(chronicle.units[Int(e)]) {
        if case .established = $0 { false } else { true }
      }
      for (u, history) in chronicle.units.enumerated() where u != Int(e) {
        add(history) {
          switch $0 {
          case .established(_, _, let parent, _): parent == e
          case .moved(let parent): parent == e
          case .merged(let into): into == e
          default: false
          }
        }
      }
      for person in chronicle.persons {
        add(person.placements) {
          if case .assigned(let unit, _) = $0 { unit == e } else { false }
        }
        add(person.examinerRoles) {
          if case .appointed(let unit, _) = $0 { unit == e } else { false }
        }
      }
      for goal in chronicle.goals { add(goal) { $0.scope == e } }
      for r in chronicle.requirements { add(r) { !$0.isEnd && $0.scope == e } }
      add(chronicle.followUps) { $0.unit == e }
      for m in chronicle.measurePlans { add(m) { $0.scope == e } }
    case .personRegistered:
      let own = chronicle.persons[Int(e)]
      add(own.placements) { _ in true }
      add(own.levels) { _ in true }
      add(own.examinerRoles) { _ in true }
      add(chronicle.completions) { $0.person == e }
      for person in chronicle.persons { add(person.levels) { $0.examiner == e } }
      add(chronicle.assessments) { $0.person == e || $0.assessor == e }
    case .courseDefined:
      add(chronicle.completions) { $0.course == e }
    case .examinerAppointed:
      // A level depends on the appointment that was in force for its examiner when it was examined.
      for person in chronicle.persons {
        for v in person.levels where v.isVisible(knownAt: k) && v.value.examiner == e {
          let roleInForce = chronicle.persons[Int(e)].examinerRoles.latest(
            atOrBefore: Position(date: .init(daysSinceEpoch: v.date), seq: v.seq), knownAt: k)
          if roleInForce?.seq == t { seqs.append(v.seq) }
        }
      }
    case .frameworkDefined:
      // A competence depends on the framework's definitions only if no other one, dated on or
      // before it, still defines the framework (Part 2, decision 5).
      let others = chronicle.frameworks[Int(e)]
      for competence in chronicle.competences {
        for v in competence where v.seq != t && v.isVisible(knownAt: k) && v.value.framework == e {
          if !stillDefined(others, excluding: t, onOrBefore: v.date, knownAt: k) { seqs.append(v.seq) }
        }
      }
    case .competenceDefined:
      let others = chronicle.competences[Int(e)]
      for history in chronicle.requirements {
        for v in history where v.isVisible(knownAt: k) && !v.value.isEnd && v.value.competence == e {
          if !stillDefined(others, excluding: t, onOrBefore: v.date, knownAt: k) { seqs.append(v.seq) }
        }
      }
      for v in chronicle.assessments where v.isVisible(knownAt: k) && v.value.competence == e {
        if !stillDefined(others, excluding: t, onOrBefore: v.date, knownAt: k) { seqs.append(v.seq) }
      }
    case .requirementSet:
      let history = chronicle.requirements[Int(e)]
      let sets = history.filter { !$0.value.isEnd }
      for v in history where v.isVisible(knownAt: k) && v.value.isEnd {
        if !stillDefined(sets, excluding: t, onOrBefore: v.date, knownAt: k) { seqs.append(v.seq) }
      }
    case .measurePlanned:
      let plans = chronicle.measurePlans[Int(e)]
      for v in chronicle.measureStatuses[Int(e)] where v.isVisible(knownAt: k) {
        if !stillDefined(plans, excluding: t, onOrBefore: v.date, knownAt: k) { seqs.append(v.seq) }
      }
    default:
      break
    }
    return seqs.sorted().map { chronicle.eventID(atSeq: $0) }
  }

  /// Whether a definition other than the one at seq `t`, visible at `k`, is dated on or before `date`.
  static func stillDefined<V>(
    _ versions: [Version<V>], excluding t: UInt64, onOrBefore date: Int32, knownAt k: UInt64
  )
    -> Bool
  {
    versions.contains { $0.seq != t && $0.date <= date && $0.isVisible(knownAt: k) }
  }
}
