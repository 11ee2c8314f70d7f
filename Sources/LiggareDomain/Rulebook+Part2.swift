import LiggareBasics

/// The rules of contract Part 2 (frameworks, competences, requirements, assessments, follow-up
/// and measures), checked like Part 1's against the state as of the event's date.
extension Rulebook {
  static func checkPart2(
    _ payload: Payload, date: CivilDate, in state: CityState, newIDsMustBeNew: Bool
  ) throws(RuleViolation) {
    let chronicle = state.chronicle
    switch payload {
    case .frameworkDefined(let framework, let title, let levels):
      try nonEmpty(framework, "framework")
      try nonEmpty(title, "title")
      guard (2...10).contains(levels.count) else {
        throw .outOfRange(field: "levels", value: "\(levels.count) nivåer", allowed: "2–10 nivåer")
      }
      for label in levels where label.allSatisfy(\.isWhitespace) { throw .emptyField("levels") }
      if Set(levels).count != levels.count {
        throw .outOfRange(
          field: "levels", value: levels.joined(separator: ", "), allowed: "olika namn på varje nivå")
      }
      if let f = chronicle.frameworkSymbols.symbol(for: framework) {
        for v in chronicle.frameworks[Int(f)]
        where v.isVisible(knownAt: state.knownAtSeq) && v.value.labels.count != levels.count {
          throw .levelCountChanged(framework: framework, count: levels.count, existing: v.value.labels.count)
        }
      }
    case .competenceDefined(let competence, let framework, let title, _):
      try nonEmpty(competence, "competence")
      try nonEmpty(title, "title")
      if state.framework(framework) == nil { throw .unknownFramework(framework, on: date) }
      if let c = chronicle.competenceSymbols.symbol(for: competence) {
        for v in chronicle.competences[Int(c)] where v.isVisible(knownAt: state.knownAtSeq) {
          let existing = chronicle.frameworkSymbols.name(v.value.framework)
          if existing != framework {
            throw .competenceFrameworkChanged(
              competence: competence, framework: framework, existing: existing)
          }
        }
      }
    case .requirementSet(let requirement, let competence, let minLevel, let scope, let roles, let forms):
      try nonEmpty(requirement, "requirement")
      try label(minLevel, field: "minLevel", competence: competence, on: date, in: state)
      _ = try openUnit(scope, on: date, in: state)
      if let roles {
        try distinctList(roles.map(\.rawValue), field: "roles")
        if roles.contains(.annan) {
          throw .outOfRange(
            field: "roles", value: "annan", allowed: "personalroller (annan räknas inte som personal)")
        }
      }
      if let forms { try distinctList(forms.map(\.rawValue), field: "schoolForms") }
    case .requirementEnded(let requirement):
      if state.requirement(requirement) == nil {
        if state.requirementWasSet(requirement) { throw .requirementNotInForce(requirement, on: date) }
        throw .unknownRequirement(requirement, on: date)
      }
    case .competenceAssessed(let person, let competence, let level, let method, let assessor):
      try registered(person, on: date, in: state)
      try label(level, field: "level", competence: competence, on: date, in: state)
      guard let placement = state.placement(of: person), placement.role.countsAsStaff else {
        throw .notStaff(person, on: date)
      }
      switch method {
      case .self:
        if let assessor { throw .assessorNotAllowed(assessor) }
      case .head:
        guard let assessor else { throw .assessorMissing }
        if assessor == person { throw .assessorIsPerson(person) }
        try registered(assessor, on: date, in: state)
        guard let head = state.placement(of: assessor), head.unitID == placement.unitID,
          head.role == .rektor || head.role == .förskolechef
        else {
          throw .notHeadOfUnit(assessor: assessor, person: person, unit: placement.unitID, on: date)
        }
      }
    case .unitFollowUp(let unit, let year, let ratings):
      let u = try openUnit(unit, on: date, in: state)
      if u.kind != .unit { throw .notAUnit(unit, kind: u.kind) }
      guard year <= date.year else {
        throw .outOfRange(
          field: "year", value: "\(year)", allowed: "senast \(date.year) (året för händelsens datum)")
      }
      guard year >= u.establishedOn.year else {
        throw .outOfRange(
          field: "year", value: "\(year)",
          allowed: "\(u.establishedOn.year)–\(date.year) (enheten inrättades \(u.establishedOn))")
      }
      for area in StrategyArea.allCases {
        guard let r = ratings[area] else { throw .emptyField("ratings.\(area.rawValue)") }
        guard (1...4).contains(r) else {
          throw .outOfRange(field: "ratings.\(area.rawValue)", value: "\(r)", allowed: "1–4")
        }
      }
    case .measurePlanned(let measure, let scope, _, let title, _, let responsible):
      try nonEmpty(measure, "measure")
      try nonEmpty(title, "title")
      _ = try openUnit(scope, on: date, in: state)
      if let responsible {
        try nonEmpty(responsible, "responsible")
        if let p = state.personSymbol(responsible),
          chronicle.persons[Int(p)].registrations.contains(where: { $0.isVisible(knownAt: state.knownAtSeq) })
        {
          throw .responsibleIsPerson(responsible)
        }
      }
    case .measureStatus(let measure, let status):
      guard let m = state.measure(measure) else { throw .unknownMeasure(measure, on: date) }
      if m.status.isFinal { throw .measureFinished(measure, status: m.status, on: date) }
      if status == .planerad {
        throw .outOfRange(field: "status", value: "planerad", allowed: "pågår, genomförd, inställd")
      }
    default:
      break
    }
  }

  /// `label` must be a level of `competence`'s framework as of the date (decision 2).
  static func label(
    _ label: String, field: String, competence: String, on date: CivilDate, in state: CityState
  ) throws(RuleViolation) {
    guard let c = state.competence(competence) else { throw .unknownCompetence(competence, on: date) }
    guard let f = state.framework(c.frameworkID) else { throw .unknownFramework(c.frameworkID, on: date) }
    if !f.levels.contains(label) {
      throw .unknownLevel(field: field, label: label, framework: f.id, allowed: f.levels, on: date)
    }
  }

  /// A list given must be non-empty with distinct values (decision 6).
  static func distinctList(_ values: [String], field: String) throws(RuleViolation) {
    if values.isEmpty {
      throw .outOfRange(field: field, value: "[]", allowed: "minst ett värde, eller utelämna fältet")
    }
    if Set(values).count != values.count {
      throw .outOfRange(field: field, value: values.joined(separator: ", "), allowed: "olika värden")
    }
  }
}
