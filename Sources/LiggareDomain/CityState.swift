public import LiggareBasics

/// The state of the city at a position in valid time, as known at a seq in recorded time.
///
/// A read-only lens over a `Chronicle`: every question is answered from the entities' histories,
/// counting the changes at or before `position` that were recorded by `knownAtSeq` and not
/// retracted by then.
public struct CityState: Sendable {
  /// The projection read.
  public internal(set) var chronicle: Chronicle
  /// Valid time: what counts is at or before this position in fold order.
  public internal(set) var position: Position
  /// Recorded time: what counts was recorded at or before this seq.
  public internal(set) var knownAtSeq: UInt64
  /// Look-ups over `chronicle` that let views read only what they show (nil: scan everything).
  /// The answers are the same either way.
  public let index: ChronicleIndex?
  /// Placements and levels laid out flat for this knowledge (`withPersonTimelines()`); nil: read
  /// from the chronicle. The answers are the same either way.
  var timelines: PersonTimelines?

  /// Creates the lens; `index`, when given, must have been made from `chronicle`.
  public init(chronicle: Chronicle, position: Position, knownAtSeq: UInt64, index: ChronicleIndex? = nil) {
    self.chronicle = chronicle
    self.position = position
    self.knownAtSeq = knownAtSeq
    self.index = index
  }

  /// The date the state is as of.
  public var asOf: CivilDate { position.date }

  /// The same knowledge at another position (for example a goal's deadline).
  public func at(_ other: Position) -> CityState {
    var state = CityState(chronicle: chronicle, position: other, knownAtSeq: knownAtSeq, index: index)
    state.timelines = timelines
    return state
  }

  /// Person symbols to look at for something at or under `nodeID`: those the index says may
  /// count there, or everyone (in symbol order either way).
  func persons(under nodeID: String?) -> [Int32]? {
    guard let nodeID, let index, let n = chronicle.unitSymbols.symbol(for: nodeID) else { return nil }
    return index.candidates(under: n)
  }

  // MARK: Units

  struct UnitFacts {
    var name = ""
    var kind = UnitKind.unit
    var parent: Int32?
    var schoolForm: SchoolForm?
    var isOpen = false
    var establishedOn: Int32 = 0
    var closedOn: Int32?
    var mergedInto: Int32?
  }

  func facts(_ u: Int32) -> UnitFacts? {
    var facts: UnitFacts?
    for v in chronicle.units[Int(u)] {
      guard v.isAtOrBefore(position) else { break }
      guard v.isVisible(knownAt: knownAtSeq) else { continue }
      switch v.value {
      case .established(let name, let kind, let parent, let schoolForm):
        facts = UnitFacts(
          name: name, kind: kind, parent: parent, schoolForm: schoolForm, isOpen: true, establishedOn: v.date)
      case .renamed(let name): facts?.name = name
      case .moved(let parent): facts?.parent = parent
      case .merged(let into):
        facts?.isOpen = false
        facts?.closedOn = v.date
        facts?.mergedInto = into
      case .closed:
        facts?.isOpen = false
        facts?.closedOn = v.date
      }
    }
    return facts
  }

  func snapshot(_ u: Int32, _ f: UnitFacts) -> UnitSnapshot {
    let names = chronicle.unitSymbols
    return UnitSnapshot(
      id: names.name(u), name: f.name, kind: f.kind, parentID: f.parent.map { names.name($0) },
      schoolForm: f.schoolForm, isOpen: f.isOpen, establishedOn: CivilDate(daysSinceEpoch: f.establishedOn),
      closedOn: f.closedOn.map { CivilDate(daysSinceEpoch: $0) },
      mergedIntoID: f.mergedInto.map { names.name($0) })
  }

  /// The node `id` as it stood, or nil if it was not established by then.
  public func unit(_ id: String) -> UnitSnapshot? {
    guard let u = chronicle.unitSymbols.symbol(for: id), let f = facts(u) else { return nil }
    return snapshot(u, f)
  }

  /// Every node established by then, open or closed, in id order.
  public var allUnits: [UnitSnapshot] {
    var result: [UnitSnapshot] = []
    for u in 0..<Int32(chronicle.unitSymbols.count) {
      if let f = facts(u) { result.append(snapshot(u, f)) }
    }
    return result.sorted { $0.id < $1.id }
  }

  /// The city node, if established.
  public var city: UnitSnapshot? {
    allUnits.first { $0.kind == .city }
  }

  /// The node's children in the tree as it stood (open and closed), in id order.
  public func children(of id: String) -> [UnitSnapshot] {
    allUnits.filter { $0.parentID == id }
  }

  /// `make()`, shared with every state of the same chronicle index and knowledge whose position is
  /// the end of a day with the same unit versions at or before it: `make` must depend on nothing
  /// but the units as they stood (`allUnits`, `unit(_:)`), which are then the same. Without an
  /// index, or at a position inside a day, `make()` itself.
  /// `tag` names what is made (values of one type and tag are taken for each other).
  public func sharedPerUnitTree<T: Sendable>(_ tag: String, _ make: () -> T) -> T {
    guard let index, position.seq == .max else { return make() }
    return index.perUnitTree(tag, endOf: position.date.daysSinceEpoch, knownAtSeq: knownAtSeq, make)
  }

  /// Parent links of every node, resolved once for tree walks (and shared by the states of the
  /// same unit versions, `sharedPerUnitTree`).
  func parentTable() -> [Int32?] {
    sharedPerUnitTree("parents") { (0..<Int32(chronicle.unitSymbols.count)).map { facts($0)?.parent } }
  }

  /// The node `id` and its ancestors as the tree stood, nearest first: the walk stops at a node not
  /// established by then (so an unknown `id` gives none), as `OrgTree.selfAndAncestors` of
  /// `allUnits` does, without resolving every node.
  public func selfAndAncestors(of id: String) -> [String] {
    var result: [String] = []
    var node = chronicle.unitSymbols.symbol(for: id)
    while let n = node, let f = facts(n), result.count <= chronicle.unitSymbols.count {
      result.append(chronicle.unitSymbols.name(n))
      node = f.parent
    }
    return result
  }

  /// Whether `u` is `ancestor` or lies under it in the tree as it stood.
  func isUnder(_ u: Int32, _ ancestor: Int32, parents: [Int32?]) -> Bool {
    var current: Int32? = u
    var steps = 0
    while let c = current, steps <= parents.count {
      if c == ancestor { return true }
      current = parents[Int(c)]
      steps += 1
    }
    return false
  }

  /// The first visible merge of `u` after (date, seq) and at or before the position.
  func mergeTarget(of u: Int32, afterDate d: Int32, seq s: UInt64, until end: Position? = nil)
    -> Version<UnitChange>?
  {
    let end = end ?? position
    for v in chronicle.units[Int(u)] where v.isAfter(date: d, seq: s) {
      guard v.isAtOrBefore(end) else { return nil }
      if v.isVisible(knownAt: knownAtSeq), case .merged = v.value { return v }
    }
    return nil
  }

  /// Follows merges from a unit as it was at (date, seq): staff and examiners move with them.
  func resolve(_ u0: Int32, fromDate d0: Int32, seq s0: UInt64, until end: Position? = nil) -> Int32 {
    var (u, d, s) = (u0, d0, s0)
    for _ in 0...chronicle.units.count {
      guard let m = mergeTarget(of: u, afterDate: d, seq: s, until: end), case .merged(let into) = m.value
      else {
        return u
      }
      (u, d, s) = (into, m.date, m.seq)
    }
    return u
  }

  // MARK: People

  func personSymbol(_ id: String) -> Int32? {
    chronicle.personSymbols.symbol(for: id)
  }

  func isRegistered(_ p: Int32) -> Bool {
    chronicle.persons[Int(p)].registrations.latest(atOrBefore: position, knownAt: knownAtSeq) != nil
  }

  /// Whether `person` was registered by then.
  public func isRegistered(_ person: String) -> Bool {
    personSymbol(person).map(isRegistered) ?? false
  }

  /// The earliest registration of `person` dated after this state's date (known then), if the
  /// person is not registered yet but will be.
  public func laterRegistration(of person: String) -> CivilDate? {
    guard let p = personSymbol(person) else { return nil }
    return chronicle.persons[Int(p)].registrations
      .filter { $0.isVisible(knownAt: knownAtSeq) && $0.date > position.date.daysSinceEpoch }
      .map(\.date).min().map(CivilDate.init(daysSinceEpoch:))
  }

  func placement(_ p: Int32) -> (unit: Int32, role: StaffRole, since: Int32)? {
    placement(p, at: position)
  }

  /// The placement as it stood at another position of the same knowledge, without building a
  /// state for it (period activity asks once per event).
  func placement(_ p: Int32, at end: Position) -> (unit: Int32, role: StaffRole, since: Int32)? {
    if let t = timelines, t.serves(self) {
      guard let found = t.placement(p, at: end) else { return nil }
      let unit =
        Int(found.unit) < t.unitMerges.count && !t.unitMerges[Int(found.unit)]
        ? found.unit : resolve(found.unit, fromDate: found.date, seq: found.seq, until: end)
      return (unit, found.role, found.date)
    }
    guard let v = chronicle.persons[Int(p)].placements.latest(atOrBefore: end, knownAt: knownAtSeq),
      case .assigned(let unit, let role) = v.value
    else { return nil }
    return (resolve(unit, fromDate: v.date, seq: v.seq, until: end), role, v.date)
  }

  /// Where `person` worked (after following merges), or nil if nowhere or left.
  public func placement(of person: String) -> Placement? {
    guard let p = personSymbol(person), let pl = placement(p) else { return nil }
    return Placement(
      unitID: chronicle.unitSymbols.name(pl.unit), role: pl.role, since: CivilDate(daysSinceEpoch: pl.since))
  }

  func level(_ p: Int32) -> Int {
    if let t = timelines, t.serves(self) { return t.level(p, at: position) }
    var best: Int8 = 0
    for v in chronicle.persons[Int(p)].levels {
      guard v.isAtOrBefore(position) else { break }
      if v.isVisible(knownAt: knownAtSeq), v.value.level > best { best = v.value.level }
    }
    return Int(best)
  }

  /// The person's PIM level: the highest attained by then, 0 if none.
  public func level(of person: String) -> Int {
    personSymbol(person).map(level) ?? 0
  }

  /// Every level the person passed by then, in fold order (including ones not raising the level).
  public func levelHistory(of person: String) -> [LevelRecord] {
    guard let p = personSymbol(person) else { return [] }
    return visible(chronicle.persons[Int(p)].levels).map {
      LevelRecord(
        level: Int($0.value.level), date: CivilDate(daysSinceEpoch: $0.date),
        examinerID: chronicle.personSymbols.name($0.value.examiner), eventID: chronicle.eventID(atSeq: $0.seq)
      )
    }
  }

  func examinerRole(_ p: Int32) -> (unit: Int32, maxLevel: Int, since: Int32, seq: UInt64)? {
    guard let v = chronicle.persons[Int(p)].examinerRoles.latest(atOrBefore: position, knownAt: knownAtSeq),
      case .appointed(let unit, let maxLevel) = v.value
    else { return nil }
    return (resolve(unit, fromDate: v.date, seq: v.seq), Int(maxLevel), v.date, v.seq)
  }

  /// The examiner role `person` held, if any.
  public func examinerRole(of person: String) -> ExaminerRole? {
    guard let p = personSymbol(person), let r = examinerRole(p) else { return nil }
    return ExaminerRole(
      personID: person, unitID: chronicle.unitSymbols.name(r.unit), maxLevel: r.maxLevel,
      since: CivilDate(daysSinceEpoch: r.since))
  }

  /// Every examiner role held by then, by unit id.
  public var examinerRolesByUnit: [String: [ExaminerRole]] {
    examinerRolesByUnit(under: nil)
  }

  /// The examiner roles held by then, by unit id, for `nodeID` and the units under it as the tree
  /// stood: their lists are those of `examinerRolesByUnit`. Lists of units elsewhere may be
  /// there, and incomplete: with the index only the persons who may ever hold a role under the
  /// node are looked at (without it, or for nil, everyone).
  public func examinerRolesByUnit(under nodeID: String?) -> [String: [ExaminerRole]] {
    var persons = index?.examiners ?? Array(0..<Int32(chronicle.personSymbols.count))
    if let nodeID, let index, let n = chronicle.unitSymbols.symbol(for: nodeID) {
      persons = index.examinerCandidates(under: n)
    }
    var result: [String: [ExaminerRole]] = [:]
    for p in persons {
      guard let r = examinerRole(p) else { continue }
      let role = ExaminerRole(
        personID: chronicle.personSymbols.name(p), unitID: chronicle.unitSymbols.name(r.unit),
        maxLevel: r.maxLevel, since: CivilDate(daysSinceEpoch: r.since))
      result[role.unitID, default: []].append(role)
    }
    return result.mapValues { $0.sorted { $0.personID < $1.personID } }
  }

  /// Examiner appointments and endings dated in `range` (and at or before the position).
  public func examinerChanges(in range: ClosedRange<CivilDate>) -> [ExaminerChangeRecord] {
    examinerChanges(of: index?.examiners ?? Array(0..<Int32(chronicle.personSymbols.count)), in: range)
  }

  /// Examiner appointments and endings of `person` dated in `range` (and at or before the position).
  public func examinerChanges(of person: String, in range: ClosedRange<CivilDate>) -> [ExaminerChangeRecord] {
    guard let p = personSymbol(person) else { return [] }
    return examinerChanges(of: [p], in: range)
  }

  func examinerChanges(of persons: [Int32], in range: ClosedRange<CivilDate>) -> [ExaminerChangeRecord] {
    var result: [ExaminerChangeRecord] = []
    for p in persons {
      for v in visible(chronicle.persons[Int(p)].examinerRoles)
      where range.contains(CivilDate(daysSinceEpoch: v.date)) {
        let change: ExaminerChangeRecord.Change
        switch v.value {
        case .appointed(let unit, let maxLevel):
          change = .appointed(
            unitID: chronicle.unitSymbols.name(resolve(unit, fromDate: v.date, seq: v.seq)),
            maxLevel: Int(maxLevel))
        case .ended: change = .ended
        }
        result.append(
          ExaminerChangeRecord(
            personID: chronicle.personSymbols.name(p), date: CivilDate(daysSinceEpoch: v.date), change: change
          ))
      }
    }
    return result.sorted { ($0.date, $0.personID) < ($1.date, $1.personID) }
  }

  /// Courses the person completed by then, optionally only those dated in `range`.
  public func completions(of person: String, in range: ClosedRange<CivilDate>? = nil) -> [CompletionRecord] {
    guard let p = personSymbol(person) else { return [] }
    var own: [Version<CourseCompletion>] = []
    func consider(_ v: Version<CourseCompletion>) {
      guard v.value.person == p, isVisibleHere(v) else { return }
      if let range, !range.contains(CivilDate(daysSinceEpoch: v.date)) { return }
      own.append(v)
    }
    if let index {
      for i in index.completions(of: p) { consider(chronicle.completions[Int(i)]) }
    } else {
      for v in chronicle.completions { consider(v) }
    }
    own.sort { ($0.date, $0.seq) < ($1.date, $1.seq) }
    return own.compactMap { completionRecord($0) }
  }

  /// Whether a version counts in this state: dated at or before the position, known and not retracted.
  @inline(__always)
  func isVisibleHere<V>(_ v: Version<V>) -> Bool {
    v.isAtOrBefore(position) && v.isVisible(knownAt: knownAtSeq)
  }

  func completionRecord(_ v: Version<CourseCompletion>) -> CompletionRecord? {
    guard let def = courseDefinition(v.value.course) else { return nil }
    return CompletionRecord(
      date: CivilDate(daysSinceEpoch: v.date), courseID: chronicle.courseSymbols.name(v.value.course),
      courseTitle: def.title, hours: v.value.hours ?? def.hours, area: def.area,
      eventID: chronicle.eventID(atSeq: v.seq))
  }

  func visible<V>(_ versions: [Version<V>]) -> ArraySlice<Version<V>> {
    let end = versions.endIndex(atOrBefore: position)
    return versions[..<end].filter { $0.isVisible(knownAt: knownAtSeq) }[...]
  }

  // MARK: Courses and goals

  func courseDefinition(_ c: Int32) -> CourseDefinition? {
    // A course completed is valued by its definition; the latest visible one at any date serves
    // because a course is defined once (a retracted definition may be replaced).
    chronicle.courses[Int(c)].latest(
      atOrBefore: Position.endOf(CivilDate(daysSinceEpoch: .max)), knownAt: knownAtSeq)?
      .value
  }

  /// The course `id` if it was defined by then.
  public func course(_ id: String) -> CourseSnapshot? {
    guard let c = chronicle.courseSymbols.symbol(for: id),
      let v = chronicle.courses[Int(c)].latest(atOrBefore: position, knownAt: knownAtSeq)
    else { return nil }
    return CourseSnapshot(
      id: id, title: v.value.title, hours: v.value.hours, area: v.value.area,
      definedOn: CivilDate(daysSinceEpoch: v.date))
  }

  /// The whole catalogue as it stood, in id order.
  public var courses: [CourseSnapshot] {
    chronicle.courseSymbols.names.compactMap { course($0) }.sorted { $0.id < $1.id }
  }

  /// Goals in force: for each goal id the latest `GoalSet` dated by then, in id order.
  public var goals: [GoalSnapshot] {
    var result: [GoalSnapshot] = []
    for g in 0..<Int32(chronicle.goalSymbols.count) {
      guard let v = chronicle.goals[Int(g)].latest(atOrBefore: position, knownAt: knownAtSeq) else {
        continue
      }
      result.append(
        GoalSnapshot(
          id: chronicle.goalSymbols.name(g), scopeID: chronicle.unitSymbols.name(v.value.scope),
          minLevel: Int(v.value.minLevel), targetShare: v.value.targetShare, deadline: v.value.deadline,
          setOn: CivilDate(daysSinceEpoch: v.date)))
    }
    return result
  }

  /// Every person id ever named, in id order (registered or not by then).
  public var knownPersonIDs: [String] {
    chronicle.personSymbols.names.sorted()
  }
}
