import LiggareBasics

/// The fold of contract Part 2's events: frameworks, competences, requirements, assessments,
/// unit follow-ups and action-plan measures.
extension Chronicle {
  /// Folds one Part 2 event; returns the locator's entity (symbol, or index in a flat array).
  mutating func foldPart2(_ payload: Payload, date: Int32, seq: UInt64) -> Int32 {
    switch payload {
    case .frameworkDefined(let framework, let title, let levels):
      let f = frameworkSymbol(framework)
      let labels = levels.map { labelSymbols.intern($0) }
      frameworks[Int(f)].insertInFoldOrder(
        Version(date: date, seq: seq, value: FrameworkDefinition(title: title, labels: labels)))
      return f
    case .competenceDefined(let competence, let framework, let title, let area):
      let c = competenceSymbol(competence)
      let f = frameworkSymbol(framework)
      competences[Int(c)].insertInFoldOrder(
        Version(date: date, seq: seq, value: CompetenceDefinition(framework: f, title: title, area: area)))
      return c
    case .requirementSet(let requirement, let competence, let minLevel, let scope, let roles, let forms):
      let r = requirementSymbol(requirement)
      let change = RequirementChange(
        isEnd: false, competence: competenceSymbol(competence), minLevel: labelSymbols.intern(minLevel),
        scope: unitSymbol(scope), roles: RequirementChange.mask(roles),
        schoolForms: RequirementChange.mask(forms))
      requirements[Int(r)].insertInFoldOrder(Version(date: date, seq: seq, value: change))
      return r
    case .requirementEnded(let requirement):
      let r = requirementSymbol(requirement)
      let change = RequirementChange(
        isEnd: true, competence: -1, minLevel: -1, scope: -1, roles: 0, schoolForms: 0)
      requirements[Int(r)].insertInFoldOrder(Version(date: date, seq: seq, value: change))
      return r
    case .competenceAssessed(let person, let competence, let level, let method, let assessor):
      let a = Assessment(
        person: personSymbol(person), competence: competenceSymbol(competence),
        label: labelSymbols.intern(level),
        assessor: assessor.map { personSymbol($0) } ?? -1, method: method)
      assessments.append(Version(date: date, seq: seq, value: a))
      return Int32(truncatingIfNeeded: assessments.count - 1)
    case .unitFollowUp(let unit, let year, let ratings):
      let f = FollowUp(unit: unitSymbol(unit), year: Int32(clamping: year), ratings: ratings)
      followUps.append(Version(date: date, seq: seq, value: f))
      return Int32(truncatingIfNeeded: followUps.count - 1)
    case .measurePlanned(let measure, let scope, let area, let title, let due, let responsible):
      let m = measureSymbol(measure)
      let plan = MeasurePlan(
        scope: unitSymbol(scope), area: area, title: title, due: due.daysSinceEpoch, responsible: responsible)
      measurePlans[Int(m)].insertInFoldOrder(Version(date: date, seq: seq, value: plan))
      return m
    case .measureStatus(let measure, let status):
      let m = measureSymbol(measure)
      measureStatuses[Int(m)].insertInFoldOrder(Version(date: date, seq: seq, value: status))
      return m
    default:
      return -1
    }
  }

  mutating func frameworkSymbol(_ id: String) -> Int32 {
    let s = frameworkSymbols.intern(id)
    if Int(s) == frameworks.count { frameworks.append([]) }
    return s
  }

  mutating func competenceSymbol(_ id: String) -> Int32 {
    let s = competenceSymbols.intern(id)
    if Int(s) == competences.count { competences.append([]) }
    return s
  }

  mutating func requirementSymbol(_ id: String) -> Int32 {
    let s = requirementSymbols.intern(id)
    if Int(s) == requirements.count { requirements.append([]) }
    return s
  }

  mutating func measureSymbol(_ id: String) -> Int32 {
    let s = measureSymbols.intern(id)
    if Int(s) == measurePlans.count {
      measurePlans.append([])
      measureStatuses.append([])
    }
    return s
  }
}
