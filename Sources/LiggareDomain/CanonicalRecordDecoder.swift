import LiggareBasics

/// Reads a log record's body when it is exactly in the canonical form the log writes, without a
/// general JSON parser: no key strings, no member arrays, no `JSONValue`.
///
/// Replay reads millions of records that the log wrote itself, so they are canonical. Anything
/// this reader does not expect (an escape, a fractional number it cannot read exactly, an unknown
/// or missing key, a value out of range) makes it answer nil, and `EventCodec` falls back to the
/// general decoder, which then accepts the record or names what is wrong with it. Whenever this
/// reader answers, its event equals the general decoder's (the tests hold the two together).
struct CanonicalRecordDecoder {
  private let base: UnsafePointer<UInt8>
  private let end: Int
  private var i = 0

  private init(_ base: UnsafePointer<UInt8>, count: Int) {
    self.base = base
    self.end = count
  }

  /// The event in `body`, or nil if it is not canonical.
  ///
  /// - Parameters:
  ///   - body: a log record up to its integrity fields, or with `closed` a whole object (an
  ///     exported line).
  ///   - seq: the seq to give the event.
  static func decode(_ body: UnsafeRawBufferPointer, seq: UInt64, closed: Bool = false) -> Event? {
    guard let base = body.baseAddress, body.count > 0 else { return nil }
    var r = CanonicalRecordDecoder(
      base.assumingMemoryBound(to: UInt8.self), count: closed ? body.count - 1 : body.count)
    if closed && body[body.count - 1] != UInt8(ascii: "}") { return nil }
    return r.readEvent(seq: seq)
  }

  private mutating func readEvent(seq: UInt64) -> Event? {
    guard literal(#"{"actor":"#), let actor = string() else { return nil }
    guard literal(#","data":{"#) else { return nil }
    var members = Members()
    if !literal("}") {
      while true {
        guard members.count < Members.capacity, let key = quoted() else { return nil }
        guard literal(":"), let value = value() else { return nil }
        members.append(key: key, value: value)
        if literal(",") { continue }
        guard literal("}") else { return nil }
        break
      }
    }
    guard literal(#","id":"#), let id = string(), !id.isEmpty else { return nil }
    guard literal(#","occurredOn":"#), let dateBytes = quoted(),
      let occurredOn = CivilDate(utf8: dateBytes)
    else { return nil }
    guard literal(#","recordedAt":"#), let timeBytes = quoted(),
      let recordedAt = Timestamp(utf8: timeBytes)
    else { return nil }
    guard literal(#","type":"#), let typeBytes = quoted(),
      let type = CanonicalRecordDecoder.eventType(typeBytes)
    else { return nil }
    // A record body ends after its last member; the log's own fields follow it.
    guard i == end, let payload = members.payload(of: type) else { return nil }
    return Event(
      seq: seq, id: id, occurredOn: occurredOn, recordedAt: recordedAt, actor: actor, payload: payload)
  }

  @inline(__always)
  private mutating func literal(_ text: StaticString) -> Bool {
    let n = text.utf8CodeUnitCount
    guard end - i >= n else { return false }
    let p = text.utf8Start
    for k in 0..<n where base[i + k] != p[k] { return false }
    i += n
    return true
  }

  /// The bytes between quotes of a string without escapes or control characters.
  @inline(__always)
  private mutating func quoted() -> UnsafeBufferPointer<UInt8>? {
    guard i < end, base[i] == UInt8(ascii: "\"") else { return nil }
    var k = i + 1
    while k < end {
      let b = base[k]
      if b == UInt8(ascii: "\"") {
        let bytes = UnsafeBufferPointer(start: base + i + 1, count: k - i - 1)
        i = k + 1
        return bytes
      }
      if b == UInt8(ascii: "\\") || b < 0x20 { return nil }
      k += 1
    }
    return nil
  }

  @inline(__always)
  private mutating func string() -> String? {
    guard let bytes = quoted() else { return nil }
    return CanonicalRecordDecoder.text(bytes)
  }

  /// A string from valid UTF-8; nil for invalid bytes (the general decoder then reports them).
  @inline(__always)
  static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var ascii = true
    for b in bytes where b >= 0x80 {
      ascii = false
      break
    }
    if ascii { return String(decoding: bytes, as: UTF8.self) }
    return String(validating: bytes, as: UTF8.self)
  }

  private mutating func value() -> Member.Value? {
    guard i < end else { return nil }
    if base[i] == UInt8(ascii: "\"") { return quoted().map { .string($0) } }
    return number().map { .number($0) }
  }

  /// A number as the canonical writer writes it, read exactly: an integer, or a decimal with
  /// few enough digits that one division by a power of ten rounds correctly (Clinger's fast path).
  private mutating func number() -> Double? {
    var k = i
    var negative = false
    if k < end, base[k] == UInt8(ascii: "-") {
      negative = true
      k += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    let firstDigit = k
    while k < end, base[k] &- 0x30 < 10 {
      mantissa = mantissa &* 10 &+ UInt64(base[k] &- 0x30)
      digits += 1
      k += 1
    }
    guard digits > 0, !(base[firstDigit] == 0x30 && digits > 1) else { return nil }
    var scale = 0
    if k < end, base[k] == UInt8(ascii: ".") {
      k += 1
      while k < end, base[k] &- 0x30 < 10 {
        mantissa = mantissa &* 10 &+ UInt64(base[k] &- 0x30)
        digits += 1
        scale += 1
        k += 1
      }
      guard scale > 0 else { return nil }
    }
    guard digits <= 15, k < end, base[k] == UInt8(ascii: ",") || base[k] == UInt8(ascii: "}") else {
      return nil
    }
    i = k
    var value = Double(mantissa)
    if scale > 0 { value /= CanonicalRecordDecoder.powersOfTen[scale] }
    return negative ? -value : value
  }

  /// The event type named by `bytes`, compared without building a string.
  static func eventType(_ b: UnsafeBufferPointer<UInt8>) -> EventType? {
    let candidates: [EventType]
    switch b.count {
    case 7: return same(b, "GoalSet") ? .goalSet : nil
    case 9: candidates = [.unitMoved, .staffLeft]
    case 10: candidates = [.unitMerged, .unitClosed]
    case 11: return same(b, "UnitRenamed") ? .unitRenamed : nil
    case 12: return same(b, "UnitFollowUp") ? .unitFollowUp : nil
    case 13: candidates = [.staffAssigned, .courseDefined, .measureStatus]
    case 14: candidates = [.eventRetracted, .requirementSet, .measurePlanned]
    case 15:
      if same(b, "CourseCompleted") { return .courseCompleted }
      return same(b, "UnitEstablished") ? .unitEstablished : nil
    case 16:
      if same(b, "PimLevelAttained") { return .pimLevelAttained }
      candidates = [.personRegistered, .frameworkDefined, .requirementEnded]
    case 17: candidates = [.examinerAppointed, .examinerRoleEnded, .competenceDefined]
    case 18: return same(b, "CompetenceAssessed") ? .competenceAssessed : nil
    default: return nil
    }
    for type in candidates where type.rawValue.utf8.elementsEqual(b) { return type }
    return nil
  }

  @inline(__always)
  private static func same(_ b: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
    guard b.count == text.utf8CodeUnitCount else { return false }
    let p = text.utf8Start
    for k in 0..<b.count where b[k] != p[k] { return false }
    return true
  }

  private static let powersOfTen: [Double] = (0...15).map { (0..<$0).reduce(1.0) { acc, _ in acc * 10 } }

  /// One `data` member: its key's bytes and its value.
  private struct Member {
    enum Value {
      case string(UnsafeBufferPointer<UInt8>)
      case number(Double)
    }

    var key: UnsafeBufferPointer<UInt8>
    var value: Value
  }

  /// Up to six `data` members, inline (no allocation); the contract's types have at most six.
  private struct Members {
    static let capacity = 6
    private var slots: (Member?, Member?, Member?, Member?, Member?, Member?) = (nil, nil, nil, nil, nil, nil)
    private(set) var count = 0
    private var used = 0

    mutating func append(key: UnsafeBufferPointer<UInt8>, value: Member.Value) {
      let member = Member(key: key, value: value)
      switch count {
      case 0: slots.0 = member
      case 1: slots.1 = member
      case 2: slots.2 = member
      case 3: slots.3 = member
      case 4: slots.4 = member
      default: slots.5 = member
      }
      count += 1
    }

    private func member(at index: Int) -> Member? {
      switch index {
      case 0: slots.0
      case 1: slots.1
      case 2: slots.2
      case 3: slots.3
      case 4: slots.4
      default: slots.5
      }
    }

    private mutating func find(_ key: StaticString) -> Member.Value? {
      let n = key.utf8CodeUnitCount
      let p = key.utf8Start
      for index in 0..<count {
        guard let m = member(at: index), m.key.count == n else { continue }
        var same = true
        for k in 0..<n where m.key[k] != p[k] {
          same = false
          break
        }
        if same {
          used += 1
          return m.value
        }
      }
      return nil
    }

    mutating func string(_ key: StaticString) -> String? {
      guard case .string(let bytes)? = find(key) else { return nil }
      return CanonicalRecordDecoder.text(bytes)
    }

    mutating func optionalString(_ key: StaticString) -> String?? {
      switch find(key) {
      case nil: return .some(nil)
      case .string(let bytes)?: return CanonicalRecordDecoder.text(bytes).map { .some($0) }
      case .number?: return nil
      }
    }

    mutating func number(_ key: StaticString) -> Double? {
      guard case .number(let n)? = find(key) else { return nil }
      return n
    }

    mutating func optionalNumber(_ key: StaticString) -> Double?? {
      switch find(key) {
      case nil: return .some(nil)
      case .number(let n)?: return .some(n)
      case .string?: return nil
      }
    }

    mutating func integer(_ key: StaticString) -> Int? {
      guard let n = number(key), n.rounded() == n, abs(n) < 1e9 else { return nil }
      return Int(n)
    }

    mutating func enumeration<E: RawRepresentable>(_ key: StaticString) -> E? where E.RawValue == String {
      string(key).flatMap { E(rawValue: $0) }
    }

    mutating func optionalEnumeration<E: RawRepresentable>(_ key: StaticString) -> E??
    where E.RawValue == String {
      guard let raw = optionalString(key) else { return nil }
      guard let raw else { return .some(nil) }
      return E(rawValue: raw).map { .some($0) }
    }

    /// The payload of `type`, or nil when a field is missing, of the wrong kind, or unknown.
    mutating func payload(of type: EventType) -> Payload? {
      let payload: Payload?
      switch type {
      case .courseCompleted:
        if let person = string("person"), let course = string("course"), let hours = optionalNumber("hours") {
          payload = .courseCompleted(person: person, course: course, hours: hours)
        } else {
          payload = nil
        }
      case .pimLevelAttained:
        if let person = string("person"), let level = integer("level"), let examiner = string("examiner") {
          payload = .pimLevelAttained(person: person, level: level, examiner: examiner)
        } else {
          payload = nil
        }
      case .staffAssigned:
        if let person = string("person"), let unit = string("unit"), let role: StaffRole = enumeration("role")
        {
          payload = .staffAssigned(person: person, unit: unit, role: role)
        } else {
          payload = nil
        }
      case .staffLeft: payload = string("person").map { .staffLeft(person: $0) }
      case .personRegistered: payload = string("person").map { .personRegistered(person: $0) }
      case .examinerAppointed:
        if let person = string("person"), let unit = string("unit"), let maxLevel = integer("maxLevel") {
          payload = .examinerAppointed(person: person, unit: unit, maxLevel: maxLevel)
        } else {
          payload = nil
        }
      case .examinerRoleEnded: payload = string("person").map { .examinerRoleEnded(person: $0) }
      case .unitEstablished:
        if let unit = string("unit"), let name = string("name"), let kind: UnitKind = enumeration("kind"),
          let parent = optionalString("parent"),
          let schoolForm: SchoolForm? = optionalEnumeration("schoolForm")
        {
          payload = .unitEstablished(
            unit: unit, name: name, kind: kind, parent: parent, schoolForm: schoolForm)
        } else {
          payload = nil
        }
      case .unitRenamed:
        if let unit = string("unit"), let name = string("name") {
          payload = .unitRenamed(unit: unit, name: name)
        } else {
          payload = nil
        }
      case .unitMoved:
        if let unit = string("unit"), let parent = string("parent") {
          payload = .unitMoved(unit: unit, parent: parent)
        } else {
          payload = nil
        }
      case .unitMerged:
        if let unit = string("unit"), let into = string("into") {
          payload = .unitMerged(unit: unit, into: into)
        } else {
          payload = nil
        }
      case .unitClosed: payload = string("unit").map { .unitClosed(unit: $0) }
      case .courseDefined:
        if let course = string("course"), let title = string("title"), let hours = number("hours"),
          let area: StrategyArea = enumeration("area")
        {
          payload = .courseDefined(course: course, title: title, hours: hours, area: area)
        } else {
          payload = nil
        }
      case .goalSet:
        if let deadlineText = string("deadline"), let deadline = CivilDate(parsing: deadlineText),
          let goal = string("goal"), let scope = string("scope"), let minLevel = integer("minLevel"),
          let targetShare = number("targetShare")
        {
          payload = .goalSet(
            goal: goal, scope: scope, minLevel: minLevel, targetShare: targetShare, deadline: deadline)
        } else {
          payload = nil
        }
      case .eventRetracted:
        if let event = string("event"), let reason = string("reason") {
          payload = .eventRetracted(event: event, reason: reason)
        } else {
          payload = nil
        }
      case .competenceAssessed:
        if let person = string("person"), let competence = string("competence"), let level = string("level"),
          let method: AssessmentMethod = enumeration("method"), let assessor = optionalString("assessor")
        {
          payload = .competenceAssessed(
            person: person, competence: competence, level: level, method: method, assessor: assessor)
        } else {
          payload = nil
        }
      case .competenceDefined:
        if let competence = string("competence"), let framework = string("framework"),
          let title = string("title"), let area: StrategyArea = enumeration("area")
        {
          payload = .competenceDefined(competence: competence, framework: framework, title: title, area: area)
        } else {
          payload = nil
        }
      case .requirementEnded: payload = string("requirement").map { .requirementEnded(requirement: $0) }
      case .measurePlanned:
        if let measure = string("measure"), let scope = string("scope"),
          let area: StrategyArea = enumeration("area"),
          let title = string("title"), let dueText = string("due"), let due = CivilDate(parsing: dueText),
          let responsible = optionalString("responsible")
        {
          payload = .measurePlanned(
            measure: measure, scope: scope, area: area, title: title, due: due, responsible: responsible)
        } else {
          payload = nil
        }
      case .measureStatus:
        if let measure = string("measure"), let status: MeasureState = enumeration("status"),
          status != .planerad
        {
          payload = .measureStatus(measure: measure, status: status)
        } else {
          payload = nil
        }
      // Lists and objects in `data` (levels, roles, ratings): the general decoder reads these
      // rare types.
      case .frameworkDefined, .requirementSet, .unitFollowUp:
        payload = nil
      }
      // Every member must have been read: an unknown key is the general decoder's to report.
      guard used == count else { return nil }
      return payload
    }
  }
}
