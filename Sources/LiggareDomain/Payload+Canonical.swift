import LiggareBasics

extension Payload {
  /// The canonical `data` object's bytes (UTF-8 as given, never normalised): what "the same
  /// content" compares.
  public var canonicalData: [UInt8] {
    var out: [UInt8] = []
    writeCanonicalData(to: &out)
    return out
  }

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
    case .frameworkDefined(let framework, let title, let levels):
      w.string("framework", framework)
      w.strings("levels", levels)
      w.string("title", title)
    case .competenceDefined(let competence, let framework, let title, let area):
      w.string("area", area.rawValue)
      w.string("competence", competence)
      w.string("framework", framework)
      w.string("title", title)
    case .requirementSet(let requirement, let competence, let minLevel, let scope, let roles, let forms):
      w.string("competence", competence)
      w.string("minLevel", minLevel)
      w.string("requirement", requirement)
      if let roles { w.strings("roles", roles.map(\.rawValue)) }
      if let forms { w.strings("schoolForms", forms.map(\.rawValue)) }
      w.string("scope", scope)
    case .requirementEnded(let requirement): w.string("requirement", requirement)
    case .competenceAssessed(let person, let competence, let level, let method, let assessor):
      if let assessor { w.string("assessor", assessor) }
      w.string("competence", competence)
      w.string("level", level)
      w.string("method", method.rawValue)
      w.string("person", person)
    case .unitFollowUp(let unit, let year, let ratings):
      w.ratings("ratings", ratings)
      w.string("unit", unit)
      w.number("year", Double(year))
    case .measurePlanned(let measure, let scope, let area, let title, let due, let responsible):
      w.string("area", area.rawValue)
      w.string("due", due.description)
      w.string("measure", measure)
      if let responsible { w.string("responsible", responsible) }
      w.string("scope", scope)
      w.string("title", title)
    case .measureStatus(let measure, let status):
      w.string("measure", measure)
      w.string("status", status.rawValue)
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

  /// An array of strings, in the given order.
  mutating func strings(_ k: StaticString, _ values: [String]) {
    key(k)
    out.append(UInt8(ascii: "["))
    for (i, v) in values.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      JSONWriter.writeString(v, to: &out)
    }
    out.append(UInt8(ascii: "]"))
  }

  /// Ratings as an object keyed by area, keys in byte order.
  mutating func ratings(_ k: StaticString, _ ratings: AreaRatings) {
    key(k)
    out.append(UInt8(ascii: "{"))
    let sorted = ratings.byArea.sorted {
      $0.key.rawValue.utf8.lexicographicallyPrecedes($1.key.rawValue.utf8)
    }
    for (i, (area, value)) in sorted.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      JSONWriter.writeString(area.rawValue, to: &out)
      out.append(UInt8(ascii: ":"))
      JSONWriter.writeNumber(Double(value), to: &out)
    }
    out.append(UInt8(ascii: "}"))
  }
}
