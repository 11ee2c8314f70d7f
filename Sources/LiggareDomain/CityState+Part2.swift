import LiggareBasics

/// Contract Part 2 read from the chronicle: frameworks, competences, requirements in force,
/// assessed levels, unit follow-ups and measures, as of the state's position and knowledge.
extension CityState {
  // MARK: Frameworks and competences

  func frameworkVersion(_ f: Int32, at p: Position) -> Version<FrameworkDefinition>? {
    chronicle.frameworks[Int(f)].latest(atOrBefore: p, knownAt: knownAtSeq)
  }

  func competenceVersion(_ c: Int32, at p: Position) -> Version<CompetenceDefinition>? {
    chronicle.competences[Int(c)].latest(atOrBefore: p, knownAt: knownAtSeq)
  }

  /// The position of `label` in the scale of competence `c`'s framework as it stood at (date,
  /// seq) in fold order: a relabelling later in fold order keeps the meaning of older events
  /// (Part 2, decision 2). nil when the competence, its framework or the label is not there.
  @inline(__always)
  func labelPosition(_ label: Int32, competence c: Int32, date: Int32, seq: UInt64) -> Int? {
    guard c >= 0 else { return nil }
    let p = Position(date: CivilDate(daysSinceEpoch: date), seq: seq)
    guard let cv = competenceVersion(c, at: p), let fv = frameworkVersion(cv.value.framework, at: p) else {
      return nil
    }
    return fv.value.labels.firstIndex(of: label)
  }

  /// The framework `id` as it stood, if defined by then.
  public func framework(_ id: String) -> FrameworkSnapshot? {
    guard let f = chronicle.frameworkSymbols.symbol(for: id), let v = frameworkVersion(f, at: position) else {
      return nil
    }
    return FrameworkSnapshot(
      id: id, title: v.value.title, levels: v.value.labels.map { chronicle.labelSymbols.name($0) },
      definedOn: CivilDate(daysSinceEpoch: v.date))
  }

  /// Every framework defined by then, in id order.
  public var frameworks: [FrameworkSnapshot] {
    chronicle.frameworkSymbols.names.sorted().compactMap { framework($0) }
  }

  /// The competence `id` as it stood, if defined by then.
  public func competence(_ id: String) -> CompetenceSnapshot? {
    guard let c = chronicle.competenceSymbols.symbol(for: id), let v = competenceVersion(c, at: position)
    else {
      return nil
    }
    return CompetenceSnapshot(
      id: id, frameworkID: chronicle.frameworkSymbols.name(v.value.framework), title: v.value.title,
      area: v.value.area, definedOn: CivilDate(daysSinceEpoch: v.date))
  }

  /// Every competence defined by then, in id order.
  public var competences: [CompetenceSnapshot] {
    chronicle.competenceSymbols.names.sorted().compactMap { competence($0) }
  }

  // MARK: Requirements

  func requirementSnapshot(_ r: Int32, _ v: Version<RequirementChange>) -> RequirementSnapshot {
    let c = v.value
    return RequirementSnapshot(
      id: chronicle.requirementSymbols.name(r), competenceID: chronicle.competenceSymbols.name(c.competence),
      minLevel: chronicle.labelSymbols.name(c.minLevel),
      minPosition: labelPosition(c.minLevel, competence: c.competence, date: v.date, seq: v.seq),
      scopeID: chronicle.unitSymbols.name(c.scope), roles: RequirementChange.set(c.roles),
      schoolForms: RequirementChange.set(c.schoolForms), setOn: CivilDate(daysSinceEpoch: v.date))
  }

  /// The requirement `id` if in force: its latest `RequirementSet` by then, not ended after it.
  public func requirement(_ id: String) -> RequirementSnapshot? {
    guard let r = chronicle.requirementSymbols.symbol(for: id),
      let v = chronicle.requirements[Int(r)].latest(atOrBefore: position, knownAt: knownAtSeq), !v.value.isEnd
    else { return nil }
    return requirementSnapshot(r, v)
  }

  /// Whether a `RequirementSet` for `id` exists at all by then (in force or ended).
  public func requirementWasSet(_ id: String) -> Bool {
    guard let r = chronicle.requirementSymbols.symbol(for: id) else { return false }
    let history = chronicle.requirements[Int(r)]
    return history[..<history.endIndex(atOrBefore: position)].contains {
      !$0.value.isEnd && $0.isVisible(knownAt: knownAtSeq)
    }
  }

  /// Requirements in force, in id order.
  public var requirementsInForce: [RequirementSnapshot] {
    chronicle.requirementSymbols.names.sorted().compactMap { requirement($0) }
  }

  // MARK: Assessments

  /// A person's latest self- and head assessment of a competence by then.
  public func competenceLevels(of person: String, in competence: String) -> CompetenceLevels {
    guard let p = personSymbol(person), let c = chronicle.competenceSymbols.symbol(for: competence) else {
      return CompetenceLevels()
    }
    let scales = LabelScales(self)
    let all = chronicle.assessments
    var best: (selfIndex: Int32, headIndex: Int32) = (-1, -1)
    func consider(_ i: Int, _ v: Version<Assessment>) {
      guard v.value.person == p, v.value.competence == c, isVisibleHere(v),
        scales.position(v.value.label, competence: c, date: v.date, seq: v.seq) != nil
      else { return }
      AssessmentIndex.keepLatest(
        Int32(truncatingIfNeeded: i), v, method: v.value.method, in: all, best: &best)
    }
    if let byPerson = self.index {
      // The same assessments, read from the person's own list.
      for i in byPerson.assessments(of: p) { consider(Int(i), all[Int(i)]) }
    } else {
      for (i, v) in all.enumerated() { consider(i, v) }
    }
    return AssessmentIndex.levels(best, chronicle: chronicle, scales: scales)
  }

  /// Every person's latest self- and head assessment of every competence by then.
  public func assessmentIndex() -> AssessmentIndex {
    AssessmentIndex(self)
  }

  // MARK: Follow-up

  /// The follow-ups that count by (unit, year): the latest in fold order dated at or before `end`.
  func followUpTable(until end: Position) -> [Int64: Version<FollowUp>] {
    var table: [Int64: Version<FollowUp>] = [:]
    for v in chronicle.followUps where v.isAtOrBefore(end) && v.isVisible(knownAt: knownAtSeq) {
      let key = Int64(v.value.unit) << 32 | Int64(UInt32(bitPattern: v.value.year))
      if let old = table[key], !v.isAfter(date: old.date, seq: old.seq) { continue }
      table[key] = v
    }
    return table
  }

  func followUpSnapshot(_ v: Version<FollowUp>) -> FollowUpSnapshot {
    FollowUpSnapshot(
      unitID: chronicle.unitSymbols.name(v.value.unit), year: Int(v.value.year), ratings: v.value.ratings,
      recordedOn: CivilDate(daysSinceEpoch: v.date))
  }

  /// The follow-ups that count for `year`, by unit id: the latest `UnitFollowUp` with that year,
  /// whatever its `occurredOn` (a year's follow-up is often recorded early the next year), as
  /// known at the state's knowledge.
  public func followUps(forYear year: Int) -> [String: FollowUpSnapshot] {
    var result: [String: FollowUpSnapshot] = [:]
    for (_, v) in followUpTable(until: .endOf(CivilDate(daysSinceEpoch: .max)))
    where Int(v.value.year) == year {
      let s = followUpSnapshot(v)
      result[s.unitID] = s
    }
    return result
  }

  /// Follow-ups dated at or before the position, keyed "unit/year" (the property tests compare
  /// this with the contract's fold).
  public func followUpsDatedByPosition() -> [String: FollowUpSnapshot] {
    var result: [String: FollowUpSnapshot] = [:]
    for (_, v) in followUpTable(until: position) {
      let s = followUpSnapshot(v)
      result["\(s.unitID)/\(s.year)"] = s
    }
    return result
  }

  // MARK: Measures

  /// The measure `id` as planned by then, with its status at the position.
  public func measure(_ id: String) -> MeasureSnapshot? {
    guard let m = chronicle.measureSymbols.symbol(for: id),
      let plan = chronicle.measurePlans[Int(m)].latest(atOrBefore: position, knownAt: knownAtSeq)
    else { return nil }
    let status = chronicle.measureStatuses[Int(m)].latest(atOrBefore: position, knownAt: knownAtSeq)
    return MeasureSnapshot(
      id: id, scopeID: chronicle.unitSymbols.name(plan.value.scope), area: plan.value.area,
      title: plan.value.title, due: CivilDate(daysSinceEpoch: plan.value.due),
      responsible: plan.value.responsible, plannedOn: CivilDate(daysSinceEpoch: plan.date),
      status: status?.value ?? .planerad, statusSince: status.map { CivilDate(daysSinceEpoch: $0.date) })
  }

  /// Every measure planned by then, in id order.
  public var measures: [MeasureSnapshot] {
    chronicle.measureSymbols.names.sorted().compactMap { measure($0) }
  }

  /// Whether node `id` is `ancestorID` or under it in the tree as it stood (closed nodes keep
  /// their last parent).
  public func isNode(_ id: String, under ancestorID: String) -> Bool {
    guard let u = chronicle.unitSymbols.symbol(for: id), let a = chronicle.unitSymbols.symbol(for: ancestorID)
    else { return false }
    return isUnder(u, a, parents: parentTable())
  }
}
