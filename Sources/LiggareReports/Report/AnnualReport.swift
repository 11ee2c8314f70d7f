public import LiggareBasics
public import LiggareDomain

/// The annual report (årsredovisning) for year Y: every figure of the report, computed once from
/// the chronicle as known at `request.knownAt`, ready for any of the four renderers.
///
/// It is a pure function of (events known at knownAt, request, head): events appended later, even
/// backdated ones or retractions, do not change it, which is what `--verify` relies on.
public struct AnnualReport: Sendable {
  /// What was asked for.
  public internal(set) var request: ReportRequest
  /// The log head as of knownAt.
  public let head: LogHeadInfo
  /// Y-12-31.
  public let asOf: CivilDate
  /// Y-1-12-31.
  public let previousAsOf: CivilDate
  /// The city's id.
  public let cityID: String
  /// The city's name at Y-12-31.
  public let cityName: String
  /// The top node of the report: the city, or the `--scope` node.
  public let root: NodeFigures
  /// Boards at or under the root, open at Y-12-31 or closed during Y, by name then id.
  public let boards: [NodeFigures]
  /// Units at or under the root, open at Y-12-31 or closed during Y, by name then id.
  public let units: [NodeFigures]
  /// Goals in force at Y-12-31 whose scope is the root or under it, by deadline then id.
  public let goals: [GoalFigures]
  /// The goal levels shown as shares in the node tables: the minLevels of goals for the root, its
  /// ancestors or nodes under it; level 3 (the typical goal) when there are none.
  public let goalLevels: [Int]
  /// The goal the headline figures follow (nil when no goal applies), and its level.
  public let referenceGoal: GoalSnapshot?
  /// The level of `referenceGoal`, or 3.
  public let referenceLevel: Int
  /// Open units with a school form and no examiner at Y-12-31, by name then id.
  public let unitsWithoutExaminer: [ExaminerlessUnit]
  /// Units with staff below the reference level, furthest first (at most ten).
  public let furthestFromGoal: [UnitGap]
  /// The root's share at the reference level at each year end, from the log's first year (at
  /// most 15 years) to Y.
  public let shareByYear: [YearShare]
  /// Work during Y by people who were not staff on the day (decision 8); only in reports of the
  /// whole city, since it belongs to no node.
  public let unattributed: NodeActivity?
  /// Requirements, assessments, follow-up and measures (contract Part 2).
  public let part2: ReportPart2

  /// At most this many units in "furthest from the goal".
  public static let furthestLimit = 10
  /// At most this many years in the goal-share line.
  public static let yearLimit = 15

  /// Computes the report.
  ///
  /// - Parameters:
  ///   - chronicle: the whole log folded (events after knownAt are ignored).
  ///   - request: year, knownAt, scope, format.
  ///   - head: the log head as of knownAt; its seq must be the last seq recorded at or before knownAt.
  ///   - index: look-ups over `chronicle` (a server's, already built); one is made when nil.
  /// - Throws: `ReportError` for an unknown scope, a year without data or a head that does not match.
  public init(chronicle: Chronicle, request: ReportRequest, head: LogHeadInfo, index: ChronicleIndex? = nil)
    throws(ReportError)
  {
    let year = request.year
    guard (1001...9999).contains(year) else { throw .invalidYear(year) }
    let knownAtSeq = chronicle.lastSeq(knownAt: request.knownAt)
    guard head.seq == knownAtSeq else { throw .headMismatch(expectedSeq: knownAtSeq, givenSeq: head.seq) }
    self.request = request
    self.head = head
    let asOf = CivilDate.endOfYear(year)
    let previousAsOf = CivilDate.endOfYear(year - 1)
    self.asOf = asOf
    self.previousAsOf = previousAsOf

    // An index for the censuses of up to 15 year ends (the person order is sorted once) and the
    // examiner roles (only those who ever held one are looked at): the same figures, less work.
    // Placements and levels laid out flat once: the censuses and the year's activity ask them
    // about a million times.
    let state = CityState(
      chronicle: chronicle, position: .endOf(asOf), knownAtSeq: knownAtSeq,
      index: index ?? ChronicleIndex(chronicle)
    ).withPersonTimelines()
    let previousState = state.at(.endOf(previousAsOf))
    let tree = OrgTree(state.allUnits)
    let previousTree = OrgTree(previousState.allUnits)
    guard let city = tree.nodes.values.filter({ $0.kind == .city }).min(by: { $0.id < $1.id }) else {
      throw .noData(year: year)
    }
    cityID = city.id
    cityName = city.name
    let rootID = request.scope ?? city.id
    guard let rootNode = tree.nodes[rootID] else { throw .unknownScope(rootID) }

    let census = Census(state)
    let previousCensus = Census(previousState)
    // Part 2's costly figures need only these two states and censuses: on a second core while
    // this one counts the rest (the same figures either way; both are pure).
    let part2Figures = InBackground {
      ReportPart2.Figures(
        state: state, previousState: previousState, census: census, previousCensus: previousCensus, year: year
      )
    }
    let activity = PeriodActivity(state, in: CivilDate.startOfYear(year)...asOf)

    // Examiner roles at both year ends, counted at the unit and every node above it.
    func examinerCounts(_ s: CityState, _ t: OrgTree) -> [String: Int] {
      var counts: [String: Int] = [:]
      for (unitID, roles) in s.examinerRolesByUnit {
        for node in t.selfAndAncestors(unitID) { counts[node, default: 0] += roles.count }
      }
      return counts
    }
    let examiners = examinerCounts(state, tree)
    let previousExaminers = examinerCounts(previousState, previousTree)
    let (appointed, ended) = AnnualReport.examinerChanges(state, year: year)

    // Nodes that belong in the report: under the root, and open at some time during Y.
    let startOfYear = CivilDate.startOfYear(year)
    let selected = tree.nodes.values.filter { node in
      tree.isInSubtree(node.id, of: rootID)
        && (node.isOpen || (node.closedOn.map { $0 >= startOfYear } ?? false) || node.id == rootID)
    }
    func figures(_ node: UnitSnapshot) -> NodeFigures {
      let activityHere = activity.byNode[node.id] ?? NodeActivity()
      let isCity = node.kind == .city
      return NodeFigures(
        id: node.id, name: node.name, kind: node.kind, parentID: node.parentID,
        parentName: node.parentID.map(tree.name), schoolForm: node.schoolForm, isOpen: node.isOpen,
        closedOn: node.closedOn, mergedIntoID: node.mergedIntoID,
        mergedIntoName: node.mergedIntoID.map(tree.name),
        staff: census.staffIndexesByNode[node.id]?.count ?? 0,
        pimLevels: census.levelDistribution(of: node.id),
        previousStaff: previousCensus.staffIndexesByNode[node.id]?.count ?? 0,
        previousPimLevels: previousCensus.levelDistribution(of: node.id),
        levelsAttained: isCity ? activity.allLevelsAttained : activityHere.levelsAttained,
        courseHours: activityHere.courseHours, examiners: examiners[node.id] ?? 0,
        previousExaminers: previousExaminers[node.id] ?? 0, examinersAppointed: appointed[node.id] ?? 0,
        examinersEnded: ended[node.id] ?? 0)
    }
    func byName(_ a: NodeFigures, _ b: NodeFigures) -> Bool { (a.name, a.id) < (b.name, b.id) }
    let root = figures(rootNode)
    self.root = root
    boards = selected.filter { $0.kind == .board }.map(figures).sorted(by: byName)
    units = selected.filter { $0.kind == .unit }.map(figures).sorted(by: byName)

    // Goals: those for the subtree are reported; those above it only lend their level.
    let rootAncestors = tree.selfAndAncestors(rootID)
    let statuses = GoalStatus.evaluateAll(in: state, census: census)
    var goals: [GoalFigures] = []
    var levelGoals: [(rank: Int, goal: GoalSnapshot)] = []
    for status in statuses {
      let scope = status.goal.scopeID
      if let distance = rootAncestors.firstIndex(of: scope) {
        levelGoals.append((distance, status.goal))
      } else if tree.isInSubtree(scope, of: rootID) {
        levelGoals.append((rootAncestors.count, status.goal))
      } else {
        continue
      }
      guard tree.isInSubtree(scope, of: rootID) else { continue }
      let previous = previousCensus.share(of: scope, atLeast: status.goal.minLevel)
      goals.append(
        GoalFigures(
          status: status, scopeName: tree.name(scope), previousStaff: previous.staff,
          previousAtLevel: previous.atLevel))
    }
    self.goals = goals.sorted { ($0.goal.deadline, $0.goal.id) < ($1.goal.deadline, $1.goal.id) }
    // The headline goal: the nearest scope (the root itself first), then the latest deadline.
    let reference = levelGoals.min { a, b in
      if a.rank != b.rank { return a.rank < b.rank }
      if a.goal.deadline != b.goal.deadline { return a.goal.deadline > b.goal.deadline }
      return a.goal.id < b.goal.id
    }?.goal
    referenceGoal = reference
    let referenceLevel = reference?.minLevel ?? 3
    self.referenceLevel = referenceLevel
    let levels = Set(levelGoals.map(\.goal.minLevel))
    goalLevels = levels.isEmpty ? [3] : levels.sorted()

    unitsWithoutExaminer =
      units.filter { $0.isOpen && $0.schoolForm != nil && $0.examiners == 0 }.map { u in
        let board = tree.board(of: u.id)
        return ExaminerlessUnit(
          unitID: u.id, name: u.name, boardID: board?.id, boardName: board?.name ?? "",
          schoolForm: u.schoolForm!, staff: u.staff)
      }

    // Gaps come from one pass over the staff, so the cost is linear in staff, not staff × units.
    var gaps: [String: UnitGap] = [:]
    let unitIDs = Set(units.filter(\.isOpen).map(\.id))
    for member in census.members where unitIDs.contains(member.unitID) {
      if gaps[member.unitID] == nil {
        let board = tree.board(of: member.unitID)
        gaps[member.unitID] = UnitGap(
          unitID: member.unitID, name: tree.name(member.unitID), boardID: board?.id,
          boardName: board?.name ?? "", staff: 0, below: 0, totalGap: 0)
      }
      gaps[member.unitID]!.staff += 1
      if member.level < referenceLevel {
        gaps[member.unitID]!.below += 1
        gaps[member.unitID]!.totalGap += referenceLevel - member.level
      }
    }
    furthestFromGoal = Array(
      gaps.values.filter { $0.totalGap > 0 }.sorted { a, b in
        if a.averageGap != b.averageGap { return a.averageGap > b.averageGap }
        if a.shareAtLevel != b.shareAtLevel { return a.shareAtLevel < b.shareAtLevel }
        return (a.name, a.unitID) < (b.name, b.unitID)
      }.prefix(AnnualReport.furthestLimit))

    // The line over the years: one census per year end from the first year of the log.
    var firstYear = year
    if let first = chronicle.earliestOccurredOn(throughSeq: knownAtSeq) {
      firstYear = min(firstYear, first.year)
    }
    firstYear = max(firstYear, year - AnnualReport.yearLimit + 1)
    shareByYear = (firstYear...year).map { y in
      let s =
        y == year
        ? census.share(of: rootID, atLeast: referenceLevel)
        : y == year - 1
          ? previousCensus.share(of: rootID, atLeast: referenceLevel)
          : Census.share(in: state.at(.endOf(CivilDate.endOfYear(y))), of: rootID, atLeast: referenceLevel)
      return YearShare(year: y, staff: s.staff, atLevel: s.atLevel)
    }

    unattributed = rootNode.kind == .city ? activity.unattributed : nil
    part2 = ReportPart2(
      state: state, figures: part2Figures.value(), tree: tree, root: root, boards: boards, units: units,
      year: year)
  }

  /// Examiner appointments and endings dated in Y, counted at the unit the role was held for (as it
  /// stood on the day) and every node above it in the tree of that day.
  static func examinerChanges(_ state: CityState, year: Int) -> (
    appointed: [String: Int], ended: [String: Int]
  ) {
    var appointed: [String: Int] = [:]
    var ended: [String: Int] = [:]
    for change in state.examinerChanges(in: CivilDate.startOfYear(year)...CivilDate.endOfYear(year)) {
      let day = state.at(.endOf(change.date))
      let unitID: String?
      switch change.change {
      case .appointed(let unit, _):
        unitID = day.examinerRole(of: change.personID)?.unitID ?? unit
      case .ended:
        // The role that ended is the one held before the day's events.
        unitID = state.at(Position(date: change.date, seq: 0)).examinerRole(of: change.personID)?.unitID
      }
      guard let unitID else { continue }
      // The tree of the day, walked up from the unit only (not resolved whole for every date).
      for node in day.selfAndAncestors(of: unitID) {
        switch change.change {
        case .appointed: appointed[node, default: 0] += 1
        case .ended: ended[node, default: 0] += 1
        }
      }
    }
    return (appointed, ended)
  }
}
