public import LiggareBasics

/// Who counted as staff where at one position, with the tree as it stood: the basis of every
/// staff count, level distribution, goal share and gap list.
public struct Census: Sendable {
  /// Everyone counted as staff (role other than `annan`, not left), in person id order.
  public let members: [StaffMember]
  /// Each node's id → indexes into `members` of the staff of the node and everything under it.
  public let staffIndexesByNode: [String: [Int]]
  /// Per member: the person's symbol and the unit's symbol (for look-ups without strings).
  let symbols: [(person: Int32, unit: Int32)]

  /// Counts the staff of every node in `state`.
  public init(_ state: CityState) {
    self.init(state, within: nil)
  }

  /// Counts the staff of `nodeID` and the nodes under it (every node when nil). With the state's
  /// index only the people who may count there are looked at: the figures of `nodeID` and of the
  /// nodes under it are those of the whole census; nodes above it count only its staff.
  public init(_ state: CityState, within nodeID: String?) {
    let chronicle = state.chronicle
    let parents = state.parentTable()
    var members: [StaffMember] = []
    var symbols: [(person: Int32, unit: Int32)] = []
    // By unit symbol: an array, not a dictionary (a city's census appends ~100 000 times).
    var byNode = [[Int]](repeating: [], count: chronicle.unitSymbols.count)
    let order: [Int32]
    if let some = state.persons(under: nodeID) {
      order = some.sorted { chronicle.personSymbols.name($0) < chronicle.personSymbols.name($1) }
    } else if let index = state.index {
      order = index.personsByID
    } else {
      order = (0..<Int32(chronicle.personSymbols.count)).sorted {
        chronicle.personSymbols.name($0) < chronicle.personSymbols.name($1)
      }
    }
    for p in order {
      guard let pl = state.placement(p), pl.role.countsAsStaff else { continue }
      let index = members.count
      symbols.append((p, pl.unit))
      members.append(
        StaffMember(
          personID: chronicle.personSymbols.name(p), unitID: chronicle.unitSymbols.name(pl.unit),
          role: pl.role,
          level: state.level(p)))
      var node: Int32? = pl.unit
      var steps = 0
      while let n = node, steps <= parents.count, Int(n) < byNode.count {
        byNode[Int(n)].append(index)
        node = parents[Int(n)]
        steps += 1
      }
    }
    self.members = members
    self.symbols = symbols
    var named: [String: [Int]] = [:]
    for (node, indexes) in byNode.enumerated() where !indexes.isEmpty {
      named[chronicle.unitSymbols.name(Int32(node))] = indexes
    }
    self.staffIndexesByNode = named
  }

  /// The staff of a unit, or of every unit under a board or the city.
  public func staff(of nodeID: String) -> [StaffMember] {
    (staffIndexesByNode[nodeID] ?? []).map { members[$0] }
  }

  /// Number of staff at each PIM level 0–5 for the node.
  public func levelDistribution(of nodeID: String) -> [Int] {
    var counts = [Int](repeating: 0, count: 6)
    for i in staffIndexesByNode[nodeID] ?? [] { counts[min(max(members[i].level, 0), 5)] += 1 }
    return counts
  }

  /// `Census(state).share(of: nodeID, atLeast: minLevel)` without making the census: one walk over
  /// the people, counting only the node (the annual report's line over 15 year ends asks this).
  public static func share(in state: CityState, of nodeID: String, atLeast minLevel: Int) -> (
    atLevel: Int, staff: Int
  ) {
    guard let target = state.chronicle.unitSymbols.symbol(for: nodeID) else { return (0, 0) }
    let parents = state.parentTable()
    // How often the target lies on a unit's walk up the tree, as the census walks it.
    var occurrences = [Int?](repeating: nil, count: parents.count)
    func count(from unit: Int32) -> Int {
      if Int(unit) < occurrences.count, let known = occurrences[Int(unit)] { return known }
      var n = 0
      var node: Int32? = unit
      var steps = 0
      while let u = node, steps <= parents.count {
        if u == target { n += 1 }
        node = parents[Int(u)]
        steps += 1
      }
      if Int(unit) < occurrences.count { occurrences[Int(unit)] = n }
      return n
    }
    var atLevel = 0
    var staff = 0
    for p in 0..<Int32(state.chronicle.personSymbols.count) {
      guard let pl = state.placement(p), pl.role.countsAsStaff else { continue }
      let n = count(from: pl.unit)
      guard n > 0 else { continue }
      staff += n
      if state.level(p) >= minLevel { atLevel += n }
    }
    return (atLevel, staff)
  }

  /// Staff of the node at `minLevel` or higher, and all staff of the node.
  public func share(of nodeID: String, atLeast minLevel: Int) -> (atLevel: Int, staff: Int) {
    let indexes = staffIndexesByNode[nodeID] ?? []
    return (indexes.reduce(0) { $0 + (members[$1].level >= minLevel ? 1 : 0) }, indexes.count)
  }
}

/// How a goal stood: evaluated on the earlier of its deadline and the as-of date.
public struct GoalStatus: Sendable, Hashable {
  public var goal: GoalSnapshot
  public var evaluatedOn: CivilDate
  public var staff: Int
  public var atLevel: Int
  /// Met when staff at level ≥ targetShare × staff (contract decision 9).
  public var isMet: Bool { Double(atLevel) >= goal.targetShare * Double(staff) }
  /// The share at level, 0 when the scope has no staff.
  public var share: Double { staff == 0 ? 0 : Double(atLevel) / Double(staff) }

  /// Evaluates every goal in force in `state`; `census`, when given, is `Census(state)` (the
  /// goals whose deadline is not before the state's date are measured on it).
  public static func evaluateAll(in state: CityState, census known: Census? = nil) -> [GoalStatus] {
    var censusByDate: [CivilDate: Census] = [:]
    if let known { censusByDate[state.asOf] = known }
    return state.goals.map { goal in
      let date = min(goal.deadline, state.asOf)
      let census =
        censusByDate[date]
        ?? {
          let c = Census(state.at(.endOf(date)))
          censusByDate[date] = c
          return c
        }()
      let (atLevel, staff) = census.share(of: goal.scopeID, atLeast: goal.minLevel)
      return GoalStatus(goal: goal, evaluatedOn: date, staff: staff, atLevel: atLevel)
    }
  }
}
