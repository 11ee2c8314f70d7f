import LiggareBasics
public import LiggareDomain

/// The annual report's sections from contract Part 2: each requirement's fulfilment per board and
/// unit at Y-12-31 beside Y-1, assessments dated in Y by method, unit follow-up for Y per area, and
/// measures per board by status with the overdue ones.
public struct ReportPart2: Sendable {
  /// A requirement's fulfilment at one node, at Y-12-31 and at Y-1-12-31 (nil when it was not in
  /// force then).
  public struct Fulfilment: Sendable, Hashable {
    public var nodeID: String
    public var name: String
    public var kind: UnitKind
    public var applies: Int
    public var met: Int
    public var notAssessed: Int
    public var previous: Counts?

    /// Applies, met and not assessed at one year end.
    public struct Counts: Sendable, Hashable {
      public var applies: Int
      public var met: Int
      public var notAssessed: Int
      public var share: Double? { applies == 0 ? nil : Double(met) / Double(applies) }
    }

    public var share: Double? { applies == 0 ? nil : Double(met) / Double(applies) }
  }

  /// One requirement in force at Y-12-31 and its fulfilment at the root, each board and each unit
  /// where it applies to someone (at Y-12-31 or at Y-1-12-31).
  public struct Requirement: Sendable, Hashable {
    public var requirement: RequirementSnapshot
    public var competenceTitle: String
    public var frameworkID: String
    public var nodes: [Fulfilment]
  }

  /// Assessments dated in Y at one node, by method.
  public struct AssessmentCount: Sendable, Hashable {
    public var nodeID: String
    public var name: String
    public var kind: UnitKind
    public var selfAssessments: Int
    public var headAssessments: Int
  }

  /// Follow-up for Y at the root or a board.
  public struct FollowUpRow: Sendable, Hashable {
    public var nodeID: String
    public var name: String
    public var meanByArea: [StrategyArea: Double]
    public var unitsWithFollowUp: Int
    public var missing: Int
  }

  /// An open unit with a school form that has no follow-up for Y.
  public struct MissingFollowUp: Sendable, Hashable {
    public var unitID: String
    public var name: String
    public var boardName: String
  }

  /// Measures of the root or a board at Y-12-31 by status.
  public struct MeasureRow: Sendable, Hashable {
    public var nodeID: String
    public var name: String
    /// By status, in `MeasureState.allCases` order.
    public var byStatus: [Int]
    public var overdue: Int
  }

  /// An overdue measure at Y-12-31.
  public struct OverdueMeasure: Sendable, Hashable {
    public var measure: MeasureSnapshot
    public var scopeName: String
    public var boardName: String
  }

  public var requirements: [Requirement] = []
  public var assessments: [AssessmentCount] = []
  public var followUps: [FollowUpRow] = []
  public var unitsWithoutFollowUp: [MissingFollowUp] = []
  public var measures: [MeasureRow] = []
  public var overdueMeasures: [OverdueMeasure] = []

  /// The costly figures, which need only the two year ends' states and censuses (so the annual
  /// report computes them on a second core while it counts the rest).
  struct Figures: Sendable {
    /// Requirements and assessments at Y-12-31 and Y-1-12-31.
    var now: CompetenceCensus
    var before: CompetenceCensus
    /// Assessments dated in Y.
    var activity: AssessmentActivity

    init(state: CityState, previousState: CityState, census: Census, previousCensus: Census, year: Int) {
      now = CompetenceCensus(state, census: census)
      before = CompetenceCensus(previousState, census: previousCensus)
      activity = AssessmentActivity(state, in: CivilDate.startOfYear(year)...CivilDate.endOfYear(year))
    }
  }

  /// Computes the sections for the root, its boards and units (as the report lists them).
  init(
    state: CityState, figures: Figures, tree: OrgTree, root: NodeFigures, boards: [NodeFigures],
    units: [NodeFigures], year: Int
  ) {
    let nodes = [root] + boards.filter { $0.id != root.id }
    let now = figures.now
    let before = figures.before
    for r in now.requirements {
      var rows: [Fulfilment] = []
      for n in nodes + units {
        guard let c = now.counts(of: r.id, at: n.id) else { continue }
        let p = before.counts(of: r.id, at: n.id).map {
          Fulfilment.Counts(applies: $0.applies, met: $0.met, notAssessed: $0.notAssessed)
        }
        if n.kind == .unit && c.applies == 0 && (p?.applies ?? 0) == 0 { continue }
        rows.append(
          Fulfilment(
            nodeID: n.id, name: n.name, kind: n.kind, applies: c.applies, met: c.met,
            notAssessed: c.notAssessed,
            previous: p))
      }
      let competence = state.competence(r.competenceID)
      requirements.append(
        Requirement(
          requirement: r, competenceTitle: competence?.title ?? r.competenceID,
          frameworkID: competence?.frameworkID ?? "", nodes: rows))
    }

    let activity = figures.activity
    for n in nodes + units {
      let counts = n.kind == .city ? activity.city : activity.byNode[n.id] ?? [:]
      if n.kind == .unit && counts.isEmpty { continue }
      assessments.append(
        AssessmentCount(
          nodeID: n.id, name: n.name, kind: n.kind, selfAssessments: counts[.self] ?? 0,
          headAssessments: counts[.head] ?? 0))
    }

    let summaries = FollowUpSummary.all(year: year, chronicle: state.chronicle, knownAtSeq: state.knownAtSeq)
    for n in nodes {
      let f = summaries[n.id]
      followUps.append(
        FollowUpRow(
          nodeID: n.id, name: n.name, meanByArea: f?.meanByArea ?? [:],
          unitsWithFollowUp: f?.unitsWithFollowUp ?? 0,
          missing: f?.missing.count ?? 0))
    }
    for id in summaries[root.id]?.missing ?? [] {
      unitsWithoutFollowUp.append(
        MissingFollowUp(unitID: id, name: tree.name(id), boardName: tree.board(of: id)?.name ?? ""))
    }
    unitsWithoutFollowUp.sort { ($0.boardName, $0.name, $0.unitID) < ($1.boardName, $1.name, $1.unitID) }

    let asOf = state.asOf
    for n in nodes {
      let ms = state.measures(of: n.id)
      measures.append(
        MeasureRow(
          nodeID: n.id, name: n.name,
          byStatus: MeasureState.allCases.map { s in ms.filter { $0.status == s }.count },
          overdue: ms.filter { $0.isOverdue(on: asOf) }.count))
    }
    overdueMeasures = state.measures(of: root.id).filter { $0.isOverdue(on: asOf) }.map {
      OverdueMeasure(
        measure: $0, scopeName: tree.name($0.scopeID),
        boardName: tree.nodes[$0.scopeID]?.kind == .board
          ? tree.name($0.scopeID) : tree.board(of: $0.scopeID)?.name ?? "")
    }
    overdueMeasures.sort { ($0.measure.due, $0.measure.id) < ($1.measure.due, $1.measure.id) }
  }
}
