public import LiggareBasics

/// What happened in one node during a period: levels attained and course hours by area.
public struct NodeActivity: Sendable, Hashable {
  /// Levels attained, index 0 = level 1 … index 4 = level 5.
  public var levelsAttained: [Int] = [0, 0, 0, 0, 0]
  /// Course hours by strategy area.
  public var courseHours: [StrategyArea: Double] = [:]

  public init() {}

  /// All course hours.
  public var totalHours: Double { courseHours.values.reduce(0, +) }
}

/// Levels attained and course hours during a period, attributed as contract decision 8 says:
/// to the unit the person was staff of on the event's date (after that day's events), and to that
/// unit's board and the city in the tree as of that date.
public struct PeriodActivity: Sendable {
  /// By node id (units, boards and the city).
  public var byNode: [String: NodeActivity] = [:]
  /// Work by people who were not staff on the date (role `annan` or no assignment).
  public var unattributed = NodeActivity()
  /// Every level attained in the period, staff or not (the city's count).
  public var allLevelsAttained: [Int] = [0, 0, 0, 0, 0]
  /// Course hours per person id.
  public var hoursByPerson: [String: Double] = [:]

  /// Collects the activity dated in `range` (and at or before the state's position).
  public init(_ state: CityState, in range: ClosedRange<CivilDate>) {
    self.init(state, in: range, within: nil)
  }

  /// Collects the activity dated in `range`; with the state's index and a `nodeID`, only of the
  /// people who may count at the node or under it, so that `byNode` is right for those nodes (the
  /// same sums, added in the same order) and the rest (other nodes, `unattributed`, the city's
  /// `allLevelsAttained`, `hoursByPerson`) covers only those people.
  public init(_ state: CityState, in range: ClosedRange<CivilDate>, within nodeID: String?) {
    let chronicle = state.chronicle
    let people = state.persons(under: nodeID)
    var parentsByDate: [Int32: [Int32?]] = [:]
    var parentByDateAndNode: [Int64: Int32?] = [:]
    // One buffer for every event's path up the tree: the year holds hundreds of thousands.
    var path: [Int32] = []
    func nodes(for p: Int32, on date: Int32) -> [Int32] {
      path.removeAll(keepingCapacity: true)
      let end = Position.endOf(CivilDate(daysSinceEpoch: date))
      guard let pl = state.placement(p, at: end), pl.role.countsAsStaff else { return path }
      if people != nil {
        // A few people: walk up from their units only, remembering each (date, node)'s parent,
        // rather than resolving the whole tree for every date.
        let limit = chronicle.unitSymbols.count
        var node: Int32? = pl.unit
        while let n = node, path.count <= limit {
          path.append(n)
          let key = Int64(date) << 32 | Int64(n)
          if let known = parentByDateAndNode[key] {
            node = known
          } else {
            let parent = state.at(end).facts(n)?.parent
            parentByDateAndNode[key] = .some(parent)
            node = parent
          }
        }
        return path
      }
      let parents: [Int32?]
      if let known = parentsByDate[date] {
        parents = known
      } else {
        parents = state.at(end).parentTable()
        parentsByDate[date] = parents
      }
      var node: Int32? = pl.unit
      while let n = node, path.count <= parents.count {
        path.append(n)
        node = parents[Int(n)]
      }
      return path
    }
    for p in people ?? Array(0..<Int32(chronicle.personSymbols.count)) {
      // As `state.visible(_:)` lists them (at or before the position, in fold order, known and
      // not retracted), without making a filtered copy for each of the city's people.
      for v in chronicle.persons[Int(p)].levels
      where state.isVisibleHere(v) && range.contains(CivilDate(daysSinceEpoch: v.date)) {
        let slot = Int(v.value.level) - 1
        guard (0..<5).contains(slot) else { continue }
        allLevelsAttained[slot] += 1
        let targets = nodes(for: p, on: v.date)
        if targets.isEmpty { unattributed.levelsAttained[slot] += 1 }
        for n in targets {
          byNode[chronicle.unitSymbols.name(n), default: NodeActivity()].levelsAttained[slot] += 1
        }
      }
    }
    // Completions are most of the log: accumulate in arrays indexed by symbol and area, and turn
    // them into the dictionaries keyed by id once at the end.
    let areas = StrategyArea.allCases
    let definitions: [CourseDefinition?] = (0..<Int32(chronicle.courseSymbols.count)).map {
      state.courseDefinition($0)
    }
    var nodeHours = [Double](repeating: 0, count: chronicle.unitSymbols.count * areas.count)
    var personHours = [Double](repeating: 0, count: chronicle.personSymbols.count)
    var unattributedHours = [Double](repeating: 0, count: areas.count)
    var touchedNodes = [Bool](repeating: false, count: chronicle.unitSymbols.count)
    let first = range.lowerBound.daysSinceEpoch
    let last = range.upperBound.daysSinceEpoch
    func add(_ v: Version<CourseCompletion>) {
      guard v.date >= first && v.date <= last && state.isVisibleHere(v) else { return }
      let c = Int(v.value.course)
      guard c < definitions.count, let definition = definitions[c] else { return }
      let hours = v.value.hours ?? definition.hours
      let area = areas.firstIndex(of: definition.area) ?? 0
      let p = v.value.person
      personHours[Int(p)] += hours
      let targets = nodes(for: p, on: v.date)
      if targets.isEmpty { unattributedHours[area] += hours }
      for n in targets {
        nodeHours[Int(n) * areas.count + area] += hours
        touchedNodes[Int(n)] = true
      }
    }
    if let people, let index = state.index, index.hasCompletionLists {
      // Seq order, as the full scan adds them: the same sums to the last bit.
      // Only those dated in the range (most of a person's are in other years), then sorted.
      var own: [Int32] = []
      for p in people {
        for i in index.completions(of: p) {
          let date = chronicle.completions[Int(i)].date
          if date >= first && date <= last { own.append(i) }
        }
      }
      own.sort()
      for i in own { add(chronicle.completions[Int(i)]) }
    } else if let people {
      // The same completions in the same order, picked out of one scan (no per-person lists).
      var wanted = [Bool](repeating: false, count: chronicle.personSymbols.count)
      for p in people where p >= 0 && Int(p) < wanted.count { wanted[Int(p)] = true }
      for v in chronicle.completions
      where v.value.person >= 0 && Int(v.value.person) < wanted.count && wanted[Int(v.value.person)] {
        add(v)
      }
    } else {
      for v in chronicle.completions { add(v) }
    }
    for (p, hours) in personHours.enumerated() where hours != 0 {
      hoursByPerson[chronicle.personSymbols.name(Int32(p)), default: 0] += hours
    }
    for (i, area) in areas.enumerated() where unattributedHours[i] != 0 {
      unattributed.courseHours[area, default: 0] += unattributedHours[i]
    }
    for (n, touched) in touchedNodes.enumerated() where touched {
      var activity = byNode[chronicle.unitSymbols.name(Int32(n)), default: NodeActivity()]
      for (i, area) in areas.enumerated() where nodeHours[n * areas.count + i] != 0 {
        activity.courseHours[area, default: 0] += nodeHours[n * areas.count + i]
      }
      byNode[chronicle.unitSymbols.name(Int32(n))] = activity
    }
  }
}
