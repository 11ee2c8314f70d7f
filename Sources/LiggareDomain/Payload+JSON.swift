public import LiggareBasics

extension Payload {
  /// Reads a payload from the contract's `type` and `data`.
  ///
  /// - Parameters:
  ///   - type: the `type` name.
  ///   - data: the `data` object.
  ///   - personalDataAllowed: true for import (a `PersonRegistered` then needs `name`); false for
  ///     the log's own records, which never hold personal data.
  /// - Returns: the payload and, for an imported `PersonRegistered`, the personal data.
  /// - Throws: `EventDecodingError` naming the unknown type or the field.
  public static func decode(
    type: String, data: JSONValue, personalDataAllowed: Bool
  ) throws(EventDecodingError) -> (Payload, PersonalData?) {
    guard case .object(let members) = data else { throw .dataNotAnObject }
    return try decode(
      type: type, fields: members.map { ($0.key, $0.value) }, personalDataAllowed: personalDataAllowed)
  }

  /// Reads a payload from `data`'s members in a flat list (the log's codec avoids dictionaries).
  ///
  /// - Throws: `EventDecodingError` naming the unknown type or the field.
  public static func decode(
    type: String, fields: [(String, JSONValue)], personalDataAllowed: Bool
  ) throws(EventDecodingError) -> (Payload, PersonalData?) {
    guard let eventType = EventType(rawValue: type) else { throw .unknownType(type) }
    return try decode(eventType: eventType, fields: fields, personalDataAllowed: personalDataAllowed)
  }

  /// Reads a payload of a known type from `data`'s members.
  ///
  /// - Throws: `EventDecodingError` naming the field.
  public static func decode(
    eventType: EventType, fields: [(String, JSONValue)], personalDataAllowed: Bool
  ) throws(EventDecodingError) -> (Payload, PersonalData?) {
    let type = eventType.rawValue
    var r = DataReader(fields: fields)
    let payload: Payload
    var personal: PersonalData?
    switch eventType {
    case .unitEstablished:
      payload = .unitEstablished(
        unit: try r.string("unit"), name: try r.string("name"), kind: try r.enumeration("kind"),
        parent: try r.optionalString("parent"), schoolForm: try r.optionalEnumeration("schoolForm"))
    case .unitRenamed: payload = .unitRenamed(unit: try r.string("unit"), name: try r.string("name"))
    case .unitMoved: payload = .unitMoved(unit: try r.string("unit"), parent: try r.string("parent"))
    case .unitMerged: payload = .unitMerged(unit: try r.string("unit"), into: try r.string("into"))
    case .unitClosed: payload = .unitClosed(unit: try r.string("unit"))
    case .personRegistered:
      payload = .personRegistered(person: try r.string("person"))
      if personalDataAllowed {
        personal = PersonalData(name: try r.string("name"), email: try r.optionalString("email"))
      }
    case .staffAssigned:
      payload = .staffAssigned(
        person: try r.string("person"), unit: try r.string("unit"), role: try r.enumeration("role"))
    case .staffLeft: payload = .staffLeft(person: try r.string("person"))
    case .courseDefined:
      payload = .courseDefined(
        course: try r.string("course"), title: try r.string("title"), hours: try r.number("hours"),
        area: try r.enumeration("area"))
    case .courseCompleted:
      payload = .courseCompleted(
        person: try r.string("person"), course: try r.string("course"), hours: try r.optionalNumber("hours"))
    case .pimLevelAttained:
      payload = .pimLevelAttained(
        person: try r.string("person"), level: try r.integer("level"), examiner: try r.string("examiner"))
    case .examinerAppointed:
      payload = .examinerAppointed(
        person: try r.string("person"), unit: try r.string("unit"), maxLevel: try r.integer("maxLevel"))
    case .examinerRoleEnded: payload = .examinerRoleEnded(person: try r.string("person"))
    case .goalSet:
      let deadlineText = try r.string("deadline")
      guard let deadline = CivilDate(parsing: deadlineText) else {
        throw .invalidValue(field: "deadline", value: deadlineText, allowed: "ett datum ÅÅÅÅ-MM-DD")
      }
      payload = .goalSet(
        goal: try r.string("goal"), scope: try r.string("scope"), minLevel: try r.integer("minLevel"),
        targetShare: try r.number("targetShare"), deadline: deadline)
    case .eventRetracted:
      payload = .eventRetracted(event: try r.string("event"), reason: try r.string("reason"))
    case .frameworkDefined:
      payload = .frameworkDefined(
        framework: try r.string("framework"), title: try r.string("title"), levels: try r.strings("levels"))
    case .competenceDefined:
      payload = .competenceDefined(
        competence: try r.string("competence"), framework: try r.string("framework"),
        title: try r.string("title"), area: try r.enumeration("area"))
    case .requirementSet:
      payload = .requirementSet(
        requirement: try r.string("requirement"), competence: try r.string("competence"),
        minLevel: try r.string("minLevel"), scope: try r.string("scope"),
        roles: try r.optionalEnumerations("roles"), schoolForms: try r.optionalEnumerations("schoolForms"))
    case .requirementEnded: payload = .requirementEnded(requirement: try r.string("requirement"))
    case .competenceAssessed:
      payload = .competenceAssessed(
        person: try r.string("person"), competence: try r.string("competence"), level: try r.string("level"),
        method: try r.enumeration("method"), assessor: try r.optionalString("assessor"))
    case .unitFollowUp:
      payload = .unitFollowUp(
        unit: try r.string("unit"), year: try r.integer("year"), ratings: try r.ratings("ratings"))
    case .measurePlanned:
      payload = .measurePlanned(
        measure: try r.string("measure"), scope: try r.string("scope"), area: try r.enumeration("area"),
        title: try r.string("title"), due: try r.date("due"), responsible: try r.optionalString("responsible")
      )
    case .measureStatus:
      let status: MeasureState = try r.enumeration("status")
      guard status != .planerad else {
        throw .invalidValue(
          field: "status", value: status.rawValue,
          allowed: MeasureState.recordable.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
      }
      payload = .measureStatus(measure: try r.string("measure"), status: status)
    }
    let unknown = r.unusedKeys
    if !unknown.isEmpty { throw .unknownFields(unknown, type: type) }
    return (payload, personal)
  }

  /// The `data` object as the log stores it (no personal data), or with it for export.
  public func data(with personal: PersonalData? = nil) -> JSONValue {
    .object(Dictionary(fields(with: personal), uniquingKeysWith: { a, _ in a }))
  }

  /// The `data` members sorted by key, as the canonical form writes them.
  public func fields(with personal: PersonalData? = nil) -> [(String, JSONValue)] {
    var d: [String: JSONValue] = [:]
    switch self {
    case .unitEstablished(let unit, let name, let kind, let parent, let schoolForm):
      d = ["unit": .string(unit), "name": .string(name), "kind": .string(kind.rawValue)]
      if let parent { d["parent"] = .string(parent) }
      if let schoolForm { d["schoolForm"] = .string(schoolForm.rawValue) }
    case .unitRenamed(let unit, let name): d = ["unit": .string(unit), "name": .string(name)]
    case .unitMoved(let unit, let parent): d = ["unit": .string(unit), "parent": .string(parent)]
    case .unitMerged(let unit, let into): d = ["unit": .string(unit), "into": .string(into)]
    case .unitClosed(let unit): d = ["unit": .string(unit)]
    case .personRegistered(let person):
      d = ["person": .string(person)]
      if let personal {
        d["name"] = .string(personal.name)
        if let email = personal.email { d["email"] = .string(email) }
      }
    case .staffAssigned(let person, let unit, let role):
      d = ["person": .string(person), "unit": .string(unit), "role": .string(role.rawValue)]
    case .staffLeft(let person): d = ["person": .string(person)]
    case .courseDefined(let course, let title, let hours, let area):
      d = [
        "course": .string(course), "title": .string(title), "hours": .number(hours),
        "area": .string(area.rawValue),
      ]
    case .courseCompleted(let person, let course, let hours):
      d = ["person": .string(person), "course": .string(course)]
      if let hours { d["hours"] = .number(hours) }
    case .pimLevelAttained(let person, let level, let examiner):
      d = ["person": .string(person), "level": .number(Double(level)), "examiner": .string(examiner)]
    case .examinerAppointed(let person, let unit, let maxLevel):
      d = ["person": .string(person), "unit": .string(unit), "maxLevel": .number(Double(maxLevel))]
    case .examinerRoleEnded(let person): d = ["person": .string(person)]
    case .goalSet(let goal, let scope, let minLevel, let targetShare, let deadline):
      d = [
        "goal": .string(goal), "scope": .string(scope), "minLevel": .number(Double(minLevel)),
        "targetShare": .number(targetShare), "deadline": .string(deadline.description),
      ]
    case .eventRetracted(let event, let reason): d = ["event": .string(event), "reason": .string(reason)]
    case .frameworkDefined(let framework, let title, let levels):
      d = [
        "framework": .string(framework), "title": .string(title),
        "levels": .array(levels.map { .string($0) }),
      ]
    case .competenceDefined(let competence, let framework, let title, let area):
      d = [
        "competence": .string(competence), "framework": .string(framework), "title": .string(title),
        "area": .string(area.rawValue),
      ]
    case .requirementSet(let requirement, let competence, let minLevel, let scope, let roles, let forms):
      d = [
        "requirement": .string(requirement), "competence": .string(competence), "minLevel": .string(minLevel),
        "scope": .string(scope),
      ]
      if let roles { d["roles"] = .array(roles.map { .string($0.rawValue) }) }
      if let forms { d["schoolForms"] = .array(forms.map { .string($0.rawValue) }) }
    case .requirementEnded(let requirement): d = ["requirement": .string(requirement)]
    case .competenceAssessed(let person, let competence, let level, let method, let assessor):
      d = [
        "person": .string(person), "competence": .string(competence), "level": .string(level),
        "method": .string(method.rawValue),
      ]
      if let assessor { d["assessor"] = .string(assessor) }
    case .unitFollowUp(let unit, let year, let ratings):
      d = [
        "unit": .string(unit), "year": .number(Double(year)),
        "ratings": .object(
          Dictionary(
            uniqueKeysWithValues: ratings.byArea.map { ($0.key.rawValue, JSONValue.number(Double($0.value))) }
          )),
      ]
    case .measurePlanned(let measure, let scope, let area, let title, let due, let responsible):
      d = [
        "measure": .string(measure), "scope": .string(scope), "area": .string(area.rawValue),
        "title": .string(title), "due": .string(due.description),
      ]
      if let responsible { d["responsible"] = .string(responsible) }
    case .measureStatus(let measure, let status):
      d = ["measure": .string(measure), "status": .string(status.rawValue)]
    }
    return d.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, $0.value) }
  }
}

/// Reads typed fields from a `data` object and remembers which keys were read.
struct DataReader {
  let fields: [(String, JSONValue)]
  var used: [String] = []

  init(fields: [(String, JSONValue)]) {
    self.fields = fields
  }

  var unusedKeys: [String] { fields.map(\.0).filter { !used.contains($0) }.sorted() }

  func value(_ key: String) -> JSONValue? {
    for (k, v) in fields where k.utf8.elementsEqual(key.utf8) { return v }
    return nil
  }

  mutating func optionalString(_ key: String) throws(EventDecodingError) -> String? {
    used.append(key)
    switch value(key) {
    case nil, .null?: return nil
    case .string(let s)?: return s
    default: throw .wrongKind(field: key, expected: "en sträng")
    }
  }

  mutating func string(_ key: String) throws(EventDecodingError) -> String {
    guard let s = try optionalString(key) else { throw .missingField(key) }
    return s
  }

  mutating func optionalNumber(_ key: String) throws(EventDecodingError) -> Double? {
    used.append(key)
    switch value(key) {
    case nil, .null?: return nil
    case .number(let n)?: return n
    default: throw .wrongKind(field: key, expected: "ett tal")
    }
  }

  mutating func number(_ key: String) throws(EventDecodingError) -> Double {
    guard let n = try optionalNumber(key) else { throw .missingField(key) }
    return n
  }

  mutating func integer(_ key: String) throws(EventDecodingError) -> Int {
    let n = try number(key)
    guard n.rounded() == n, abs(n) < 1e9 else { throw .wrongKind(field: key, expected: "ett heltal") }
    return Int(n)
  }

  mutating func optionalEnumeration<E: RawRepresentable & CaseIterable>(
    _ key: String
  ) throws(EventDecodingError) -> E? where E.RawValue == String {
    guard let raw = try optionalString(key) else { return nil }
    guard let value = E(rawValue: raw) else {
      throw .invalidValue(
        field: key, value: raw, allowed: E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
    }
    return value
  }

  /// A date `ÅÅÅÅ-MM-DD`.
  mutating func date(_ key: String) throws(EventDecodingError) -> CivilDate {
    let text = try string(key)
    guard let date = CivilDate(parsing: text) else {
      throw .invalidValue(field: key, value: text, allowed: "ett datum ÅÅÅÅ-MM-DD")
    }
    return date
  }

  /// A list of strings (may be empty; the rules say how long it must be).
  mutating func strings(_ key: String) throws(EventDecodingError) -> [String] {
    used.append(key)
    guard let v = value(key), v != .null else { throw .missingField(key) }
    guard case .array(let items) = v else { throw .wrongKind(field: key, expected: "en lista av strängar") }
    var result: [String] = []
    for item in items {
      guard case .string(let s) = item else { throw .wrongKind(field: key, expected: "en lista av strängar") }
      result.append(s)
    }
    return result
  }

  /// An optional list of known values (`roles`, `schoolForms`).
  mutating func optionalEnumerations<E: RawRepresentable & CaseIterable>(
    _ key: String
  ) throws(EventDecodingError) -> [E]? where E.RawValue == String {
    used.append(key)
    guard let v = value(key), v != .null else { return nil }
    guard case .array(let items) = v else { throw .wrongKind(field: key, expected: "en lista av strängar") }
    var result: [E] = []
    for item in items {
      guard case .string(let raw) = item else {
        throw .wrongKind(field: key, expected: "en lista av strängar")
      }
      guard let e = E(rawValue: raw) else {
        throw .invalidValue(
          field: key, value: raw, allowed: E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
      }
      result.append(e)
    }
    return result
  }

  /// An object with a strategy area as each key and a whole number as each value.
  mutating func ratings(_ key: String) throws(EventDecodingError) -> AreaRatings {
    used.append(key)
    guard let v = value(key), v != .null else { throw .missingField(key) }
    guard case .object(let members) = v else {
      throw .wrongKind(field: key, expected: "ett objekt med ett betyg 1–4 per område")
    }
    var byArea: [StrategyArea: Int] = [:]
    for (name, value) in members.sorted(by: { $0.key < $1.key }) {
      guard let area = StrategyArea(rawValue: name) else {
        throw .invalidValue(
          field: key, value: name,
          allowed: StrategyArea.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
      }
      guard case .number(let n) = value, n.rounded() == n, abs(n) < 1e9 else {
        throw .wrongKind(field: "\(key).\(name)", expected: "ett heltal 1–4")
      }
      byArea[area] = Int(n)
    }
    return AreaRatings(byArea)
  }

  mutating func enumeration<E: RawRepresentable & CaseIterable>(
    _ key: String
  ) throws(EventDecodingError) -> E where E.RawValue == String {
    guard let value: E = try optionalEnumeration(key) else { throw .missingField(key) }
    return value
  }
}
