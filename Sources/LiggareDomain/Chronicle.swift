public import LiggareBasics

/// The bitemporal projection of the whole log: every entity's dated history, with when each
/// change was learnt and retracted, so that any state as of date D as known at seq K can be read
/// without replaying.
///
/// It is built by a pure fold in log order (`recording(_:)`), one event at a time. Reading it at
/// (D, K) gives exactly what folding the events with `seq ≤ K` and `occurredOn ≤ D` in
/// (`occurredOn`, `seq`) order, minus those retracted by K, would give; `FullReplay` is that
/// definition written out, and the property tests hold the two to each other.
public struct Chronicle: Sendable {
  /// The seq of the last event folded in; 0 for an empty log.
  public internal(set) var lastSeq: UInt64 = 0

  var unitSymbols = SymbolTable()
  var personSymbols = SymbolTable()
  var courseSymbols = SymbolTable()
  var goalSymbols = SymbolTable()
  var frameworkSymbols = SymbolTable()
  var competenceSymbols = SymbolTable()
  var requirementSymbols = SymbolTable()
  var measureSymbols = SymbolTable()
  /// Level labels of frameworks (`A1`, `B2`, …), shared by all frameworks.
  var labelSymbols = SymbolTable()

  var units: [[Version<UnitChange>]] = []
  var persons: [PersonHistory] = []
  var courses: [[Version<CourseDefinition>]] = []
  var goals: [[Version<GoalDefinition>]] = []
  /// Every course completion, in seq order.
  var completions: [Version<CourseCompletion>] = []
  var frameworks: [[Version<FrameworkDefinition>]] = []
  var competences: [[Version<CompetenceDefinition>]] = []
  var requirements: [[Version<RequirementChange>]] = []
  /// Every competence assessment, in seq order (like completions, the bulk of Part 2).
  var assessments: [Version<Assessment>] = []
  /// Every unit follow-up, in seq order.
  var followUps: [Version<FollowUp>] = []
  var measurePlans: [[Version<MeasurePlan>]] = []
  var measureStatuses: [[Version<MeasureState>]] = []

  /// Per seq (index seq - 1): what the event touched, for retractions and look-ups by id.
  var storedLocators: [EventLocator] = []
  /// Recorded time per seq, to turn a `knownAt` instant into a seq (recorded time never goes back).
  var recordedTimes: [Int64] = []
  var storedEventIDs = EventIDTable()
  /// Locators and ids left in a checkpoint file until something asks for them (views never do).
  var deferredIndex: DeferredEventIndex?
  /// True while the ids are out on a reading thread (`detachEventIDs()`).
  var eventIDsDetached = false
  /// The course interned last, for runs of completions of one course.
  var lastCourse: (id: String, symbol: Int32)?
  /// Retractions folded while the ids were detached, resolved when they come back.
  var pendingRetractions: [(seq: UInt64, target: String)] = []

  /// What each seq touched.
  var locators: [EventLocator] { deferredIndex?.locators ?? storedLocators }
  /// The event ids by seq.
  var eventIDs: EventIDTable { deferredIndex?.eventIDs ?? storedEventIDs }

  /// Brings deferred locators and ids into this value before it is changed (or so that it no
  /// longer needs the checkpoint it was read from: the mapping is let go with the last value
  /// that defers to it).
  public mutating func materializeIndex() {
    guard let deferred = deferredIndex else { return }
    storedLocators = deferred.locators
    storedEventIDs = deferred.eventIDs
    deferredIndex = nil
  }

  /// Creates an empty chronicle.
  public init() {}

  /// Number of events folded in.
  public var eventCount: Int { recordedTimes.count }

  /// The seq of the event with `id`, if it is in the log.
  public func seq(ofEvent id: String) -> UInt64? {
    eventIDs.seq(of: id)
  }

  /// The id of the event at `seq`.
  public func eventID(atSeq seq: UInt64) -> String {
    eventIDs.id(atSeq: seq)
  }

  /// The type of the event at `seq`.
  public func eventType(atSeq seq: UInt64) -> EventType {
    locators[Int(seq - 1)].type
  }

  /// The valid date of the event at `seq`.
  public func occurredOn(atSeq seq: UInt64) -> CivilDate {
    CivilDate(daysSinceEpoch: locators[Int(seq - 1)].date)
  }

  /// The earliest valid date of the events 1 through `seq` (nil for none), read without bringing a
  /// checkpoint's deferred locators into memory.
  public func earliestOccurredOn(throughSeq seq: UInt64) -> CivilDate? {
    let n = Int(min(seq, lastSeq))
    guard n > 0 else { return nil }
    if let deferred = deferredIndex { return CivilDate(daysSinceEpoch: deferred.minimumDate(count: n)) }
    var m = Int32.max
    for i in 0..<n { m = min(m, storedLocators[i].date) }
    return CivilDate(daysSinceEpoch: m)
  }

  /// The seq of the retraction that retracted the event at `seq`, if any.
  public func retraction(ofSeq seq: UInt64) -> UInt64? {
    let r = locators[Int(seq - 1)].retractedBy
    return r == .max ? nil : r
  }

  /// The last seq whose `recordedAt` is at or before `instant` (0 when none is).
  public func lastSeq(knownAt instant: Timestamp) -> UInt64 {
    var lo = 0
    var hi = recordedTimes.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if recordedTimes[mid] <= instant.microseconds { lo = mid + 1 } else { hi = mid }
    }
    return UInt64(lo)
  }

  /// The `recordedAt` of the event at `seq`, or nil for 0 or a seq not yet recorded.
  public func recordedAt(atSeq seq: UInt64) -> Timestamp? {
    seq >= 1 && seq <= UInt64(recordedTimes.count)
      ? Timestamp(microseconds: recordedTimes[Int(seq - 1)]) : nil
  }

  /// The `recordedAt` of the last event, if any.
  public var latestRecordedAt: Timestamp? {
    recordedTimes.last.map { Timestamp(microseconds: $0) }
  }

  /// This chronicle with `event` folded in.
  public func recording(_ event: Event) -> Chronicle {
    var copy = self
    copy.record(event)
    return copy
  }

  /// Folds `event` in; events must come in log order (seq = lastSeq + 1).
  ///
  /// The fold is lenient: it never rejects. Rules are checked before an append (`Rulebook`);
  /// later retractions and backdated events can leave odd states that the fold must still read.
  public mutating func record(_ event: Event) {
    precondition(!eventIDsDetached, "the event ids are detached")
    materializeIndex()
    var target: UInt64?
    if case .eventRetracted(let id, _) = event.payload { target = storedEventIDs.seq(of: id) }
    fold(event, retracting: target)
    storedEventIDs.append(event.id)
  }

  /// Folds `event` in while the ids are out on another thread (`detachEventIDs()`).
  ///
  /// Replay reads and decodes records on one thread and folds them on another; the reading thread
  /// keeps the ids. A retraction's target is resolved when the ids come back
  /// (`attachEventIDs(_:)`), in seq order, which gives the same chronicle: whether a retraction
  /// takes effect depends only on earlier retractions of the same target.
  public mutating func recordDetached(_ event: Event) {
    precondition(eventIDsDetached, "detach the event ids first")
    if case .eventRetracted(let id, _) = event.payload {
      pendingRetractions.append((seq: event.seq, target: id))
    }
    fold(event, retracting: nil)
  }

  private mutating func fold(_ event: Event, retracting target: UInt64?) {
    precondition(event.seq == lastSeq + 1, "events must be folded in log order")
    materializeIndex()
    lastSeq = event.seq
    let date = event.occurredOn.daysSinceEpoch
    let seq = event.seq
    var locator = EventLocator(type: event.payload.type, date: date, entity: -1)
    switch event.payload {
    case .unitEstablished(let unit, let name, let kind, let parent, let schoolForm):
      let u = unitSymbol(unit)
      let p = parent.map { unitSymbol($0) }
      units[Int(u)].insertInFoldOrder(
        Version(
          date: date, seq: seq,
          value: .established(name: name, kind: kind, parent: p, schoolForm: schoolForm)))
      locator.entity = u
    case .unitRenamed(let unit, let name):
      let u = unitSymbol(unit)
      units[Int(u)].insertInFoldOrder(Version(date: date, seq: seq, value: .renamed(name)))
      locator.entity = u
    case .unitMoved(let unit, let parent):
      let u = unitSymbol(unit)
      let p = unitSymbol(parent)
      units[Int(u)].insertInFoldOrder(Version(date: date, seq: seq, value: .moved(parent: p)))
      locator.entity = u
    case .unitMerged(let unit, let into):
      let u = unitSymbol(unit)
      let i = unitSymbol(into)
      units[Int(u)].insertInFoldOrder(Version(date: date, seq: seq, value: .merged(into: i)))
      locator.entity = u
    case .unitClosed(let unit):
      let u = unitSymbol(unit)
      units[Int(u)].insertInFoldOrder(Version(date: date, seq: seq, value: .closed))
      locator.entity = u
    case .personRegistered(let person):
      let p = personSymbol(person)
      persons[Int(p)].registrations.insertInFoldOrder(Version(date: date, seq: seq, value: true))
      locator.entity = p
    case .staffAssigned(let person, let unit, let role):
      let p = personSymbol(person)
      let u = unitSymbol(unit)
      persons[Int(p)].placements.insertInFoldOrder(
        Version(date: date, seq: seq, value: .assigned(unit: u, role: role)))
      locator.entity = p
    case .staffLeft(let person):
      let p = personSymbol(person)
      persons[Int(p)].placements.insertInFoldOrder(Version(date: date, seq: seq, value: .left))
      locator.entity = p
    case .courseDefined(let course, let title, let hours, let area):
      let c = courseSymbol(course)
      courses[Int(c)].insertInFoldOrder(
        Version(date: date, seq: seq, value: CourseDefinition(title: title, hours: hours, area: area)))
      locator.entity = c
    case .courseCompleted(let person, let course, let hours):
      let p = personSymbol(person)
      let c = courseSymbol(course)
      completions.append(
        Version(date: date, seq: seq, value: CourseCompletion(person: p, course: c, hours: hours)))
      locator.entity = Int32(truncatingIfNeeded: completions.count - 1)
    case .pimLevelAttained(let person, let level, let examiner):
      let p = personSymbol(person)
      let e = personSymbol(examiner)
      persons[Int(p)].levels.insertInFoldOrder(
        Version(date: date, seq: seq, value: LevelAttainment(level: Int8(clamping: level), examiner: e)))
      locator.entity = p
    case .examinerAppointed(let person, let unit, let maxLevel):
      let p = personSymbol(person)
      let u = unitSymbol(unit)
      persons[Int(p)].examinerRoles.insertInFoldOrder(
        Version(date: date, seq: seq, value: .appointed(unit: u, maxLevel: Int8(clamping: maxLevel))))
      locator.entity = p
    case .examinerRoleEnded(let person):
      let p = personSymbol(person)
      persons[Int(p)].examinerRoles.insertInFoldOrder(Version(date: date, seq: seq, value: .ended))
      locator.entity = p
    case .goalSet(let goal, let scope, let minLevel, let targetShare, let deadline):
      let g = goalSymbol(goal)
      let s = unitSymbol(scope)
      goals[Int(g)].insertInFoldOrder(
        Version(
          date: date, seq: seq,
          value: GoalDefinition(
            scope: s, minLevel: Int8(clamping: minLevel), targetShare: targetShare, deadline: deadline)))
      locator.entity = g
    case .eventRetracted: break
    default: locator.entity = foldPart2(event.payload, date: date, seq: seq)
    }
    storedLocators.append(locator)
    recordedTimes.append(event.recordedAt.microseconds)
    if let t = target, t < seq { applyRetraction(of: t, by: seq) }
  }

  /// Applies the retraction at seq `r` of the event at seq `t`, unless `t` is already retracted
  /// or is itself a retraction.
  private mutating func applyRetraction(of t: UInt64, by r: UInt64) {
    let target = storedLocators[Int(t - 1)]
    guard target.retractedBy == .max, target.type != .eventRetracted else { return }
    markRetracted(seq: t, by: r)
    storedLocators[Int(r - 1)].entity = Int32(truncatingIfNeeded: t)
  }

  /// Takes the event-id table out, so that a reading thread can append the ids of the events it
  /// hands to `recordDetached(_:)`; `attachEventIDs(_:)` puts it back.
  public mutating func detachEventIDs() -> EventIDTable {
    materializeIndex()
    eventIDsDetached = true
    let ids = storedEventIDs
    storedEventIDs = EventIDTable()
    return ids
  }

  /// Puts back the table from `detachEventIDs()`, now holding an id for every folded event, and
  /// applies the retractions folded meanwhile.
  public mutating func attachEventIDs(_ ids: EventIDTable) {
    precondition(ids.count == Int(lastSeq), "the id table must cover every folded event")
    storedEventIDs = ids
    eventIDsDetached = false
    let pending = pendingRetractions
    pendingRetractions = []
    let targets = storedEventIDs.seqs(of: pending.map(\.target))
    for (retraction, target) in zip(pending, targets) {
      guard let t = target, t < retraction.seq else { continue }
      applyRetraction(of: t, by: retraction.seq)
    }
  }

  /// Indexes every event id, so that appends can look ids up quickly.
  public mutating func indexEventIDs() {
    materializeIndex()
    storedEventIDs.indexAll()
  }

  /// Makes room for `additional` more events, so that folding a long log does not copy its
  /// growing arrays again and again.
  public mutating func reserveCapacity(forAdditionalEvents additional: Int) {
    materializeIndex()
    storedLocators.reserveCapacity(storedLocators.count + additional)
    recordedTimes.reserveCapacity(recordedTimes.count + additional)
    completions.reserveCapacity(completions.count + additional)
    storedEventIDs.reserveCapacity(forAdditional: additional)
  }

  private mutating func markRetracted(seq t: UInt64, by r: UInt64) {
    let target = storedLocators[Int(t - 1)]
    storedLocators[Int(t - 1)].retractedBy = r
    let e = Int(target.entity)
    guard e >= 0 else { return }
    switch target.type {
    case .unitEstablished, .unitRenamed, .unitMoved, .unitMerged, .unitClosed:
      units[e].markRetracted(seq: t, by: r)
    case .personRegistered: persons[e].registrations.markRetracted(seq: t, by: r)
    case .staffAssigned, .staffLeft: persons[e].placements.markRetracted(seq: t, by: r)
    case .courseDefined: courses[e].markRetracted(seq: t, by: r)
    case .courseCompleted: completions[e].retractedBy = r
    case .pimLevelAttained: persons[e].levels.markRetracted(seq: t, by: r)
    case .examinerAppointed, .examinerRoleEnded: persons[e].examinerRoles.markRetracted(seq: t, by: r)
    case .goalSet: goals[e].markRetracted(seq: t, by: r)
    case .eventRetracted: break
    case .frameworkDefined: frameworks[e].markRetracted(seq: t, by: r)
    case .competenceDefined: competences[e].markRetracted(seq: t, by: r)
    case .requirementSet, .requirementEnded: requirements[e].markRetracted(seq: t, by: r)
    case .competenceAssessed: assessments[e].retractedBy = r
    case .unitFollowUp: followUps[e].retractedBy = r
    case .measurePlanned: measurePlans[e].markRetracted(seq: t, by: r)
    case .measureStatus: measureStatuses[e].markRetracted(seq: t, by: r)
    }
  }

  mutating func unitSymbol(_ id: String) -> Int32 {
    let s = unitSymbols.intern(id)
    if Int(s) == units.count { units.append([]) }
    return s
  }

  mutating func personSymbol(_ id: String) -> Int32 {
    let s = personSymbols.intern(id)
    if Int(s) == persons.count { persons.append(PersonHistory()) }
    return s
  }

  private mutating func courseSymbol(_ id: String) -> Int32 {
    // Completions come in runs of one course (a session's participants): skip the hash look-up.
    if let last = lastCourse, last.id == id { return last.symbol }
    let s = courseSymbols.intern(id)
    lastCourse = (id, s)
    if Int(s) == courses.count { courses.append([]) }
    return s
  }

  private mutating func goalSymbol(_ id: String) -> Int32 {
    let s = goalSymbols.intern(id)
    if Int(s) == goals.count { goals.append([]) }
    return s
  }
}

/// What one event touched: enough to retract it and to find it by id.
struct EventLocator: Sendable {
  var type: EventType
  var date: Int32
  /// The symbol of the unit, person, course or goal the event is about (-1 when none).
  var entity: Int32
  var retractedBy: UInt64 = .max
}
