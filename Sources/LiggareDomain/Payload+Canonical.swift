import LiggareBasics

extension Payload {
  /// Appends the canonical `data` object (keys in byte order, as `JSONWriter` would sort them)
  /// without building a dictionary: this runs once per event on import.
  ///
  /// - Parameters:
  ///   - personal: name and e-mail of a `PersonRegistered`, only for export.
  ///   - out: the buffer.
  public func writeCanonicalData(with personal: PersonalData? = nil, to out: inout [UInt8]) {
    var w = MemberWriter(out: out)
    out = []
    switch self {
    case .unitEstablished(let unit, let name, let kind, let parent, let schoolForm):
      w.string("kind", kind.rawValue)
      w.string("name", name)
      if let parent { w.string("parent", parent) }
      if let schoolForm { w.string("schoolForm", schoolForm.rawValue) }
      w.string("unit", unit)
    case .unitRenamed(let unit, let name):
      w.string("name", name)
      w.string("unit", unit)
    case .unitMoved(let unit, let parent):
      w.string("parent", parent)
      w.string("unit", unit)
    case .unitMerged(let unit, let into):
      w.string("into", into)
      w.string("unit", unit)
    case .unitClosed(let unit): w.string("unit", unit)
    case .personRegistered(let person):
      if let personal {
        if let email = personal.email { w.string("email", email) }
        w.string("name", personal.name)
      }
      w.string("person", person)
    case .staffAssigned(let person, let unit, let role):
      w.string("person", person)
      w.string("role", role.rawValue)
      w.string("unit", unit)
    case .staffLeft(let person): w.string("person", person)
    case .courseDefined(let course, let title, let hours, let area):
      w.string("area", area.rawValue)
      w.string("course", course)
      w.number("hours", hours)
      w.string("title", title)
    case .courseCompleted(let person, let course, let hours):
      w.string("course", course)
      if let hours { w.number("hours", hours) }
      w.string("person", person)
    case .pimLevelAttained(let person, let level, let examiner):
      w.string("examiner", examiner)
      w.number("level", Double(level))
      w.string("person", person)
    case .examinerAppointed(let person, let unit, let maxLevel):
      w.number("maxLevel", Double(maxLevel))
      w.string("person", person)
      w.string("unit", unit)
    case .examinerRoleEnded(let person): w.string("person", person)
    case .goalSet(let goal, let scope, let minLevel, let targetShare, let deadline):
      w.string("deadline", deadline.description)
      w.string("goal", goal)
      w.number("minLevel", Double(minLevel))
      w.string("scope", scope)
      w.number("targetShare", targetShare)
    case .eventRetracted(let event, let reason):
      w.string("event", event)
      w.string("reason", reason)
    }
    w.out.append(UInt8(ascii: "}"))
    out = w.out
  }
}

/// Writes `"key":value` members of one object, commas between.
private struct MemberWriter {
  var out: [UInt8]
  var first = true

  init(out: [UInt8]) {
    self.out = out
    self.out.append(UInt8(ascii: "{"))
  }

  mutating func key(_ key: StaticString) {
    if !first { out.append(UInt8(ascii: ",")) }
    first = false
    out.append(UInt8(ascii: "\""))
    out.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
  }

  mutating func string(_ k: StaticString, _ value: String) {
    key(k)
    JSONWriter.writeString(value, to: &out)
  }

  mutating func number(_ k: StaticString, _ value: Double) {
    key(k)
    JSONWriter.writeNumber(value, to: &out)
  }
}
