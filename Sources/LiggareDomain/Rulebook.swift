import LiggareBasics

/// The contract's rules for appending: each event is checked against the state as of its own
/// `occurredOn`, as known at the append (everything already in the log).
public enum Rulebook {
  /// Checks that `event` may be appended to the log folded into `chronicle`.
  ///
  /// The envelope's own rule (`occurredOn` not after the Stockholm date of `recordedAt`) is
  /// checked too. Idempotency (a re-sent id) is the caller's concern, before this.
  /// - Throws: `RuleViolation` naming the first rule broken.
  public static func check(_ event: Event, against chronicle: Chronicle) throws(RuleViolation) {
    let recordedOn = event.recordedAt.stockholmDate
    if event.occurredOn > recordedOn {
      throw .occurredAfterRecorded(occurredOn: event.occurredOn, recordedOn: recordedOn)
    }
    let state = CityState(
      chronicle: chronicle, position: .endOf(event.occurredOn), knownAtSeq: chronicle.lastSeq)
    try check(event.payload, date: event.occurredOn, in: state, newIDsMustBeNew: true)
  }

  /// Events that no longer pass their rules against what is known now (contract decision 4):
  /// each is checked against the state just before it in fold order. The log is not changed.
  /// - Parameters:
  ///   - events: the log's events in seq order (streamed; the chronicle does not keep payloads).
  ///   - chronicle: the log folded, through the last of `events`.
  public static func findings(in events: some Sequence<Event>, chronicle: Chronicle) -> [Finding] {
    var result: [Finding] = []
    for event in events {
      guard chronicle.retraction(ofSeq: event.seq) == nil else { continue }
      if case .eventRetracted = event.payload { continue }
      let state = CityState(
        chronicle: chronicle, position: Position(date: event.occurredOn, seq: event.seq - 1),
        knownAtSeq: chronicle.lastSeq)
      do {
        try check(event.payload, date: event.occurredOn, in: state, newIDsMustBeNew: false)
      } catch {
        result.append(Finding(seq: event.seq, eventID: event.id, violation: error))
      }
    }
    return result
  }

  static func check(
    _ payload: Payload, date: CivilDate, in state: CityState, newIDsMustBeNew: Bool
  ) throws(RuleViolation) {
    let chronicle = state.chronicle
    switch payload {
    case .unitEstablished(let unit, let name, let kind, let parent, let schoolForm):
      try nonEmpty(unit, "unit")
      try nonEmpty(name, "name")
      if newIDsMustBeNew, let u = chronicle.unitSymbols.symbol(for: unit),
        chronicle.units[Int(u)].contains(where: {
          if case .established = $0.value { $0.isVisible(knownAt: state.knownAtSeq) } else { false }
        })
      {
        throw .alreadyExists(what: "enheten", id: unit)
      }
      switch kind {
      case .city:
        if parent != nil { throw .parentNotAllowed(unit) }
        if let other = state.at(.endOf(CivilDate(daysSinceEpoch: .max))).allUnits.first(where: {
          $0.kind == .city && $0.id != unit
        }) {
          throw .cityAlreadyExists(other.id)
        }
      case .board, .unit:
        guard let parent else { throw .parentRequired(unit) }
        let p = try openUnit(parent, on: date, in: state)
        let wanted: UnitKind = kind == .board ? .city : .board
        if p.kind != wanted {
          throw .wrongParentKind(unit: unit, kind: kind, parent: parent, parentKind: p.kind)
        }
      }
      if kind != .unit, schoolForm != nil { throw .schoolFormNotAllowed(unit, kind: kind) }
    case .unitRenamed(let unit, let name):
      try nonEmpty(name, "name")
      _ = try openUnit(unit, on: date, in: state)
    case .unitMoved(let unit, let parent):
      let u = try openUnit(unit, on: date, in: state)
      let p = try openUnit(parent, on: date, in: state)
      if u.kind == .city { throw .cannotChangeCity(unit) }
      let wanted: UnitKind = u.kind == .board ? .city : .board
      if p.kind != wanted {
        throw .wrongParentKind(unit: unit, kind: u.kind, parent: parent, parentKind: p.kind)
      }
    case .unitMerged(let unit, let into):
      if unit == into { throw .mergeIntoItself(unit) }
      let u = try openUnit(unit, on: date, in: state)
      let i = try openUnit(into, on: date, in: state)
      if u.kind == .city { throw .cannotChangeCity(unit) }
      if u.kind != i.kind { throw .mergeKindMismatch(unit: unit, kind: u.kind, into: into, intoKind: i.kind) }
      try noOpenChildren(unit, on: date, in: state)
    case .unitClosed(let unit):
      let u = try openUnit(unit, on: date, in: state)
      if u.kind == .city { throw .cannotChangeCity(unit) }
      try noOpenChildren(unit, on: date, in: state)
      let people = peopleHeld(by: unit, in: state)
      if !people.isEmpty { throw .hasPeople(unit, people: people, on: date) }
    case .personRegistered(let person):
      try nonEmpty(person, "person")
      if newIDsMustBeNew, let p = state.personSymbol(person),
        chronicle.persons[Int(p)].registrations.contains(where: { $0.isVisible(knownAt: state.knownAtSeq) })
      {
        throw .alreadyExists(what: "personen", id: person)
      }
    case .staffAssigned(let person, let unit, _):
      try registered(person, on: date, in: state)
      let u = try openUnit(unit, on: date, in: state)
      if u.kind != .unit { throw .notAUnit(unit, kind: u.kind) }
    case .staffLeft(let person):
      try registered(person, on: date, in: state)
      if state.placement(of: person) == nil { throw .notAssigned(person, on: date) }
    case .courseDefined(let course, let title, let hours, _):
      try nonEmpty(course, "course")
      try nonEmpty(title, "title")
      if !(hours > 0) || !hours.isFinite {
        throw .outOfRange(field: "hours", value: "\(hours)", allowed: "> 0")
      }
      if newIDsMustBeNew, let c = chronicle.courseSymbols.symbol(for: course),
        chronicle.courses[Int(c)].contains(where: { $0.isVisible(knownAt: state.knownAtSeq) })
      {
        throw .alreadyExists(what: "kursen", id: course)
      }
    case .courseCompleted(let person, let course, let hours):
      try registered(person, on: date, in: state)
      if state.course(course) == nil { throw unknownCourse(course, on: date, in: state) }
      if let hours, !(hours > 0) || !hours.isFinite {
        throw .outOfRange(field: "hours", value: "\(hours)", allowed: "> 0")
      }
    case .pimLevelAttained(let person, let level, let examiner):
      guard (1...5).contains(level) else {
        throw .outOfRange(field: "level", value: "\(level)", allowed: "1–5")
      }
      try registered(person, on: date, in: state)
      if person == examiner { throw .examinerIsCandidate(person) }
      try registered(examiner, on: date, in: state)
      guard let role = state.examinerRole(of: examiner) else { throw .notAnExaminer(examiner, on: date) }
      if role.maxLevel < level {
        throw .examinerLevelTooLow(examiner, maxLevel: role.maxLevel, level: level, on: date)
      }
    case .examinerAppointed(let person, let unit, let maxLevel):
      guard (1...5).contains(maxLevel) else {
        throw .outOfRange(field: "maxLevel", value: "\(maxLevel)", allowed: "1–5")
      }
      try registered(person, on: date, in: state)
      let u = try openUnit(unit, on: date, in: state)
      if u.kind != .unit { throw .notAUnit(unit, kind: u.kind) }
    case .examinerRoleEnded(let person):
      try registered(person, on: date, in: state)
      if state.examinerRole(of: person) == nil { throw .noExaminerRole(person, on: date) }
    case .goalSet(let goal, let scope, let minLevel, let targetShare, _):
      try nonEmpty(goal, "goal")
      guard (1...5).contains(minLevel) else {
        throw .outOfRange(field: "minLevel", value: "\(minLevel)", allowed: "1–5")
      }
      guard targetShare >= 0, targetShare <= 1 else {
        throw .outOfRange(field: "targetShare", value: "\(targetShare)", allowed: "0–1")
      }
      _ = try openUnit(scope, on: date, in: state)
    case .eventRetracted(let target, let reason):
      try nonEmpty(reason, "reason")
      guard newIDsMustBeNew else { return }
      guard let t = chronicle.seq(ofEvent: target) else { throw .unknownEvent(target) }
      if chronicle.eventType(atSeq: t) == .eventRetracted { throw .retractsRetraction(target) }
      if let r = chronicle.retraction(ofSeq: t), r <= state.knownAtSeq {
        throw .alreadyRetracted(target, by: chronicle.eventID(atSeq: r))
      }
      let dependants = Dependants.of(seq: t, in: chronicle)
      if !dependants.isEmpty { throw .hasDependants(target, dependants: dependants) }
    default:
      try checkPart2(payload, date: date, in: state, newIDsMustBeNew: newIDsMustBeNew)
    }
  }

  static func nonEmpty(_ value: String, _ field: String) throws(RuleViolation) {
    if value.allSatisfy(\.isWhitespace) { throw .emptyField(field) }
  }

  static func registered(_ person: String, on date: CivilDate, in state: CityState) throws(RuleViolation) {
    if !state.isRegistered(person) {
      throw .unknownPerson(person, on: date, registeredOn: state.laterRegistration(of: person))
    }
  }

  /// A course missing on `date`: defined later, or spelt nearly like courses that exist.
  static func unknownCourse(_ course: String, on date: CivilDate, in state: CityState) -> RuleViolation {
    let catalogue = state.at(.endOf(CivilDate(daysSinceEpoch: .max))).courses
    if let later = catalogue.first(where: { $0.id == course }) {
      return .unknownCourse(course, on: date, definedOn: later.definedOn)
    }
    return .unknownCourse(course, on: date, near: Suggestions.nearest(course, among: catalogue.map(\.id)))
  }

  static func openUnit(_ id: String, on date: CivilDate, in state: CityState) throws(RuleViolation)
    -> UnitSnapshot
  {
    guard let u = state.unit(id) else { throw .unknownUnit(id, on: date) }
    if !u.isOpen { throw .unitNotOpen(id, on: date) }
    return u
  }

  static func noOpenChildren(_ unit: String, on date: CivilDate, in state: CityState) throws(RuleViolation) {
    let open = state.children(of: unit).filter(\.isOpen).map(\.id)
    if !open.isEmpty { throw .hasOpenChildren(unit, children: open, on: date) }
  }

  /// Everyone assigned to the unit (any role) or holding an examiner role for it.
  static func peopleHeld(by unit: String, in state: CityState) -> [String] {
    guard let u = state.chronicle.unitSymbols.symbol(for: unit) else { return [] }
    var people: [String] = []
    for p in 0..<Int32(state.chronicle.personSymbols.count) {
      if state.placement(p)?.unit == u || state.examinerRole(p)?.unit == u {
        people.append(state.chronicle.personSymbols.name(p))
      }
    }
    return people.sorted()
  }
}

/// An event that no longer passes the rules it passed when appended.
public struct Finding: Sendable, Hashable {
  public var seq: UInt64
  public var eventID: String
  public var violation: RuleViolation
}
