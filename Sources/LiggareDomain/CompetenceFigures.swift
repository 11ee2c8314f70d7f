public import LiggareBasics

/// How one person stands against one requirement that applies to them.
public struct PersonRequirementStatus: Sendable, Hashable {
  public var requirement: RequirementSnapshot
  public var levels: CompetenceLevels
  /// Whether the level that counts is at or above `minLevel` (by position in the scale).
  public var isMet: Bool
  /// Positions from the level that counts up to `minLevel` when positive; nil when not assessed
  /// (or when `minLevel` cannot be placed in the scale); 0 when met.
  public var gap: Int?
  /// No assessment by either method.
  public var isNotAssessed: Bool { levels.counting == nil }

  /// Evaluates `levels` against `requirement` (contract Part 2: met, competence gap).
  public init(requirement: RequirementSnapshot, levels: CompetenceLevels) {
    self.requirement = requirement
    self.levels = levels
    if let counting = levels.counting, let min = requirement.minPosition {
      isMet = counting.position >= min
      gap = max(0, min - counting.position)
    } else {
      isMet = false
      gap = nil
    }
  }
}

/// A requirement's fulfilment at one node: staff to whom it applies, met, not assessed.
public struct RequirementFulfilment: Sendable, Hashable {
  public var requirement: RequirementSnapshot
  public var nodeID: String
  public var applies: Int
  public var met: Int
  public var notAssessed: Int
  /// People assessed below `minLevel`, with their gap, in person id order.
  public var below: [PersonGap]
  /// People to whom it applies with no assessment, in id order.
  public var notAssessedIDs: [String]

  /// met / applies; nil when it applies to nobody.
  public var shareMet: Double? { applies == 0 ? nil : Double(met) / Double(applies) }
}

/// A person below a requirement and by how many positions (nil when `minLevel` has no position).
public struct PersonGap: Sendable, Hashable {
  public var personID: String
  public var unitID: String
  public var gap: Int?
  public var counting: AssessedLevel?
}

/// Requirements, assessments and staff at one state: who each requirement applies to and how
/// they stand (contract Part 2, "What the numbers mean").
public struct CompetenceCensus: Sendable {
  public let state: CityState
  public let census: Census
  /// The latest assessments of the requirements' competences (only those).
  let index: AssessmentIndex
  /// Requirements in force, in id order.
  public let requirements: [RequirementSnapshot]
  /// Per requirement (same order), per member of `census.members`: -1 not applying, 0 met, 1 below,
  /// 2 not assessed.
  let standing: [[Int8]]

  /// Evaluates every requirement in force in `state` (whose census may be given when already made).
  public init(_ state: CityState, census: Census? = nil) {
    self.state = state
    let census = census ?? Census(state)
    self.census = census
    let requirements = state.requirementsInForce
    self.requirements = requirements
    let competences = requirements.map {
      state.chronicle.competenceSymbols.symbol(for: $0.competenceID) ?? -1
    }
    // Only the census's members and the requirements' competences are ever looked up: a census
    // of one node (a unit's view) reads only its people's assessments when the state has the
    // chronicle's index.
    self.index = AssessmentIndex(state, persons: census.symbols.map(\.person), competences: competences)
    // Who a requirement covers depends on role and school form only: per requirement a table by
    // (role, form) ordinals, and per member its ordinals (the form read once per unit with staff).
    let roles = StaffRole.allCases
    let forms: [SchoolForm?] = SchoolForm.allCases + [nil]
    var formOrdinal = [Int](repeating: -1, count: state.chronicle.unitSymbols.count)
    var ordinals = [Int](repeating: 0, count: census.members.count)
    for (i, (_, u)) in census.symbols.enumerated() {
      if formOrdinal[Int(u)] < 0 {
        let form = state.facts(u)?.schoolForm
        formOrdinal[Int(u)] = forms.firstIndex { $0 == form } ?? forms.count - 1
      }
      let role = census.members[i].role
      ordinals[i] = (roles.firstIndex { $0 == role } ?? 0) * forms.count + formOrdinal[Int(u)]
    }
    var standing: [[Int8]] = []
    let index = self.index
    for (r, requirement) in requirements.enumerated() {
      var marks = [Int8](repeating: -1, count: census.members.count)
      let c = competences[r]
      let covers = roles.flatMap { role in forms.map { requirement.covers(role: role, schoolForm: $0) } }
      for i in census.staffIndexesByNode[requirement.scopeID] ?? [] {
        let p = census.symbols[i].person
        if covers[ordinals[i]] {
          // As `PersonRequirementStatus`: met at or above minLevel's position, not assessed
          // without a level that counts, below otherwise (also when minLevel has no position).
          if let counting = index.countingPosition(p, c) {
            marks[i] = (requirement.minPosition.map { counting >= $0 } ?? false) ? 0 : 1
          } else {
            marks[i] = 2
          }
        }
      }
      standing.append(marks)
    }
    self.standing = standing
  }

  /// Each requirement that applies to `personID` and how they stand, in requirement id order
  /// (empty when the person is not staff).
  public func statuses(of personID: String) -> [PersonRequirementStatus] {
    guard let i = census.members.firstIndex(where: { $0.personID == personID }) else { return [] }
    return requirements.indices.filter { standing[$0][i] >= 0 }.map {
      let r = requirements[$0]
      return PersonRequirementStatus(requirement: r, levels: index.levels(of: personID, in: r.competenceID))
    }
  }

  /// The fulfilment of every requirement in force at `nodeID` (also those applying to nobody there).
  public func fulfilments(at nodeID: String) -> [RequirementFulfilment] {
    requirements.indices.map { fulfilment(ofIndex: $0, at: nodeID) }
  }

  /// The fulfilment of requirement `id` at `nodeID`, if in force.
  public func fulfilment(of id: String, at nodeID: String) -> RequirementFulfilment? {
    requirements.firstIndex { $0.id == id }.map { fulfilment(ofIndex: $0, at: nodeID) }
  }

  /// Applies, met and not assessed for requirement `id` at `nodeID` without the lists of people
  /// (the annual report asks for every board and unit); nil when not in force.
  public func counts(of id: String, at nodeID: String) -> (applies: Int, met: Int, notAssessed: Int)? {
    guard let r = requirements.firstIndex(where: { $0.id == id }) else { return nil }
    var result = (applies: 0, met: 0, notAssessed: 0)
    let marks = standing[r]
    for i in census.staffIndexesByNode[nodeID] ?? [] where marks[i] >= 0 {
      result.applies += 1
      if marks[i] == 0 { result.met += 1 } else if marks[i] == 2 { result.notAssessed += 1 }
    }
    return result
  }

  func fulfilment(ofIndex r: Int, at nodeID: String) -> RequirementFulfilment {
    let requirement = requirements[r]
    var result = RequirementFulfilment(
      requirement: requirement, nodeID: nodeID, applies: 0, met: 0, notAssessed: 0, below: [],
      notAssessedIDs: [])
    for i in census.staffIndexesByNode[nodeID] ?? [] where standing[r][i] >= 0 {
      let m = census.members[i]
      let status = PersonRequirementStatus(
        requirement: requirement, levels: index.levels(of: m.personID, in: requirement.competenceID))
      result.applies += 1
      if status.isMet {
        result.met += 1
      } else if status.isNotAssessed {
        result.notAssessed += 1
        result.notAssessedIDs.append(m.personID)
      } else {
        result.below.append(
          PersonGap(personID: m.personID, unitID: m.unitID, gap: status.gap, counting: status.levels.counting)
        )
      }
    }
    result.below.sort { $0.personID < $1.personID }
    result.notAssessedIDs.sort()
    return result
  }
}

/// A node's follow-up of a year: its own (a unit), or the mean per area over the units under it.
public struct FollowUpSummary: Sendable, Hashable {
  public var nodeID: String
  public var year: Int
  /// A unit's own follow-up.
  public var own: FollowUpSnapshot?
  /// Mean rating per area over the open units under the node with a follow-up (empty when none).
  public var meanByArea: [StrategyArea: Double]
  /// Open units under the node (on Y-12-31) with a follow-up.
  public var unitsWithFollowUp: Int
  /// Open units with a school form that have none, in id order.
  public var missing: [String]

  /// The follow-up of `nodeID` for `year` as known at `knownAtSeq` (tree as of Y-12-31).
  public static func of(
    _ nodeID: String, year: Int, chronicle: Chronicle, knownAtSeq: UInt64
  ) -> FollowUpSummary {
    all(year: year, chronicle: chronicle, knownAtSeq: knownAtSeq)[nodeID]
      ?? FollowUpSummary(
        nodeID: nodeID, year: year, own: nil, meanByArea: [:], unitsWithFollowUp: 0, missing: [])
  }

  /// `of(_:year:chronicle:knownAtSeq:)` for `state`'s chronicle and knowledge, through the state's
  /// index when it has one (which keeps the whole city's summaries per year and seq: a unit's
  /// view then looks one up instead of summing every unit of the city).
  public static func of(_ nodeID: String, year: Int, in state: CityState) -> FollowUpSummary {
    all(year: year, in: state)[nodeID]
      ?? FollowUpSummary(
        nodeID: nodeID, year: year, own: nil, meanByArea: [:], unitsWithFollowUp: 0, missing: [])
  }

  /// `all(year:chronicle:knownAtSeq:)` for `state`'s chronicle and knowledge, kept by the state's
  /// index when it has one.
  public static func all(year: Int, in state: CityState) -> [String: FollowUpSummary] {
    guard let index = state.index else {
      return all(year: year, chronicle: state.chronicle, knownAtSeq: state.knownAtSeq)
    }
    return index.followUpSummaries(year: year, knownAtSeq: state.knownAtSeq) {
      all(year: year, chronicle: state.chronicle, knownAtSeq: state.knownAtSeq)
    }
  }

  /// Every node's follow-up for `year`, by node id (nodes established by Y-12-31).
  public static func all(year: Int, chronicle: Chronicle, knownAtSeq: UInt64) -> [String: FollowUpSummary] {
    let state = CityState(chronicle: chronicle, position: .endOf(.endOfYear(year)), knownAtSeq: knownAtSeq)
    let followUps = state.followUps(forYear: year)
    let units = state.allUnits
    let byID = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0) })
    var sums: [String: [Double]] = [:]
    var result: [String: FollowUpSummary] = [:]
    for u in units {
      result[u.id] = FollowUpSummary(
        nodeID: u.id, year: year, own: u.kind == .unit ? followUps[u.id] : nil, meanByArea: [:],
        unitsWithFollowUp: 0, missing: [])
    }
    for u in units where u.kind == .unit && u.isOpen {
      let own = followUps[u.id]
      var node: String? = u.id
      var steps = 0
      while let n = node, steps <= units.count {
        if let own {
          result[n]?.unitsWithFollowUp += 1
          var s = sums[n] ?? [Double](repeating: 0, count: StrategyArea.allCases.count)
          for (k, area) in StrategyArea.allCases.enumerated() { s[k] += Double(own.ratings[area] ?? 0) }
          sums[n] = s
        } else if u.schoolForm != nil {
          result[n]?.missing.append(u.id)
        }
        node = byID[n]?.parentID
        steps += 1
      }
    }
    for (n, s) in sums {
      guard let count = result[n]?.unitsWithFollowUp, count > 0 else { continue }
      for (k, area) in StrategyArea.allCases.enumerated() {
        result[n]?.meanByArea[area] = s[k] / Double(count)
      }
    }
    for n in result.keys { result[n]?.missing.sort() }
    return result
  }
}

extension CityState {
  /// Measures of a node on the state's date: scoped to it or to a node under it (tree as it
  /// stood; a closed scope keeps its last parent), in id order.
  public func measures(of nodeID: String) -> [MeasureSnapshot] {
    guard let a = chronicle.unitSymbols.symbol(for: nodeID) else { return [] }
    let parents = parentTable()
    return measures.filter {
      guard let s = chronicle.unitSymbols.symbol(for: $0.scopeID) else { return false }
      return isUnder(s, a, parents: parents)
    }
  }
}

/// Competence assessments dated in a period, by method: city-wide, and per node by the person's
/// unit on the assessment's date (Part 2, decision 7, attributing as Part 1's decision 8 does).
public struct AssessmentActivity: Sendable {
  /// Every non-retracted assessment dated in the period, by method.
  public var city: [AssessmentMethod: Int] = [:]
  /// By node id (units, boards and the city) for people who were staff on the date.
  public var byNode: [String: [AssessmentMethod: Int]] = [:]

  /// Collects the assessments dated in `range` (and at or before the state's position).
  public init(_ state: CityState, in range: ClosedRange<CivilDate>) {
    let chronicle = state.chronicle
    let first = range.lowerBound.daysSinceEpoch
    let last = range.upperBound.daysSinceEpoch
    var parentsByDate: [Int32: [Int32?]] = [:]
    var counts: [Int: [Int]] = [:]
    for v in chronicle.assessments where v.date >= first && v.date <= last && state.isVisibleHere(v) {
      let m = v.value.method == .self ? 0 : 1
      city[v.value.method, default: 0] += 1
      let end = Position.endOf(CivilDate(daysSinceEpoch: v.date))
      guard let pl = state.placement(v.value.person, at: end), pl.role.countsAsStaff else { continue }
      let parents: [Int32?]
      if let known = parentsByDate[v.date] {
        parents = known
      } else {
        parents = state.at(end).parentTable()
        parentsByDate[v.date] = parents
      }
      var node: Int32? = pl.unit
      var steps = 0
      while let n = node, steps <= parents.count {
        counts[Int(n), default: [0, 0]][m] += 1
        node = parents[Int(n)]
        steps += 1
      }
    }
    for (n, c) in counts {
      var d: [AssessmentMethod: Int] = [:]
      if c[0] > 0 { d[.self] = c[0] }
      if c[1] > 0 { d[.head] = c[1] }
      byNode[chronicle.unitSymbols.name(Int32(n))] = d
    }
  }
}
