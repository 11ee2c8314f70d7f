public import LiggareBasics
public import LiggareDomain

/// The registration form for each event type of the contract: which fields it has, their Swedish
/// labels, and how a refusal is placed at the field it concerns.
public struct EventForm: Sendable, Hashable {
  /// One field; `key` is the contract's `data` key and the form field's name.
  public struct Field: Sendable, Hashable {
    public var key: String
    public var label: String
    public var hint: String?
    public var input: Forms.Input
    public var number: Bool
    public var required: Bool
    /// How the submitted text becomes the `data` value.
    public var shape: Shape = .scalar

    /// Whether the field is a choice (select or check boxes) rather than typed.
    var isChoice: Bool {
      switch input {
      case .select, .checkboxes, .ratings: true
      default: false
      }
    }
  }

  /// How a field's submitted text becomes its `data` value.
  public enum Shape: Sendable, Hashable {
    /// A string, or a number when `number`.
    case scalar
    /// A list of strings typed with commas or line breaks between (a framework's levels).
    case list
    /// A list of the ticked boxes' values; left out when none is ticked.
    case checked
    /// One rating 1–4 per strategy area, from the fields `ratings-1` … `ratings-5`.
    case ratings
  }

  /// The route segment (`pim-level`, `course-completed`, …).
  public var name: String
  public var type: EventType
  public var title: String
  public var fields: [Field]

  /// Every form, in the order the register page lists them: Part 1's, then Part 2's.
  public static let all: [EventForm] = part1 + part2

  /// The forms of contract Part 1.
  static let part1: [EventForm] = [
    EventForm(
      name: "course-completed", type: .courseCompleted, title: "Kurs genomförd",
      fields: [
        text(
          "person", "Person", hint: "Personens id, t.ex. p-1042; flera åtskilda med komma eller radbrytning"),
        text("course", "Kurs", hint: "Kursens id, t.ex. pim-intro"),
        Field(
          key: "hours", label: "Timmar (valfritt)", hint: "Tom: kursens egna timmar", input: .number,
          number: true, required: false),
      ]),
    EventForm(
      name: "pim-level", type: .pimLevelAttained, title: "PIM-nivå uppnådd",
      fields: [
        text("person", "Person", hint: "Personens id, t.ex. p-1042"),
        Field(
          key: "level", label: "Nivå", hint: nil,
          input: .select([("", "Välj nivå")] + (1...5).map { ("\($0)", "Nivå \($0)") }), number: true,
          required: true),
        Field(
          key: "examiner", label: "Examinator",
          hint: "De som är förordnade på datumet; ändrar du datumet visas de som gäller då",
          input: .select([]), number: false, required: true),
      ]),
    EventForm(
      name: "examiner", type: .examinerAppointed, title: "Examinator förordnad",
      fields: [
        text("person", "Person"), text("unit", "Enhet", hint: "Enhetens id"),
        Field(
          key: "maxLevel", label: "Högsta nivå", hint: nil,
          input: .select([("", "Välj nivå")] + (1...5).map { ("\($0)", "Nivå \($0)") }), number: true,
          required: true),
      ]),
    EventForm(
      name: "examiner-ended", type: .examinerRoleEnded, title: "Examinatorsförordnande upphör",
      fields: [text("person", "Person")]),
    EventForm(
      name: "staff-assigned", type: .staffAssigned, title: "Personal placerad",
      fields: [
        text("person", "Person"), text("unit", "Enhet", hint: "Enhetens id"),
        Field(
          key: "role", label: "Roll", hint: nil,
          input: .select([("", "Välj roll")] + StaffRole.allCases.map { ($0.rawValue, $0.rawValue) }),
          number: false, required: true),
      ]),
    EventForm(
      name: "staff-left", type: .staffLeft, title: "Personal slutar", fields: [text("person", "Person")]),
    EventForm(
      name: "person-registered", type: .personRegistered, title: "Ny person",
      fields: [
        text("person", "Personens id", hint: "Ett nytt id, t.ex. p-20417"),
        text("name", "Namn", hint: "Sparas i personregistret, aldrig i loggen"),
        Field(
          key: "email", label: "E-post (valfritt)", hint: nil, input: .text, number: false, required: false),
      ]),
    EventForm(
      name: "unit-established", type: .unitEstablished, title: "Ny enhet eller nämnd",
      fields: [
        text("unit", "Id", hint: "Ett nytt id, t.ex. f-solrosen"), text("name", "Namn"),
        Field(
          key: "kind", label: "Slag", hint: nil,
          input: .select([("", "Välj slag"), ("unit", "enhet"), ("board", "nämnd"), ("city", "stad")]),
          number: false, required: true),
        Field(
          key: "parent", label: "Överordnad (valfritt för staden)",
          hint: "Nämndens id för en enhet, stadens för en nämnd", input: .text, number: false, required: false
        ),
        Field(
          key: "schoolForm", label: "Skolform (endast enhet)", hint: nil,
          input: .select([("", "Ingen")] + SchoolForm.allCases.map { ($0.rawValue, $0.rawValue) }),
          number: false, required: false),
      ]),
    EventForm(
      name: "unit-renamed", type: .unitRenamed, title: "Enhet byter namn",
      fields: [text("unit", "Enhet"), text("name", "Nytt namn")]),
    EventForm(
      name: "unit-moved", type: .unitMoved, title: "Enhet flyttas",
      fields: [text("unit", "Enhet"), text("parent", "Ny överordnad")]),
    EventForm(
      name: "unit-merged", type: .unitMerged, title: "Enheter slås ihop",
      fields: [text("unit", "Enhet som upphör"), text("into", "Slås ihop med")]),
    EventForm(
      name: "unit-closed", type: .unitClosed, title: "Enhet läggs ned", fields: [text("unit", "Enhet")]),
    EventForm(
      name: "course-defined", type: .courseDefined, title: "Kurs i katalogen",
      fields: [
        text("course", "Kursens id"), text("title", "Titel"),
        Field(key: "hours", label: "Timmar", hint: nil, input: .number, number: true, required: true),
        Field(
          key: "area", label: "Strategiområde", hint: nil,
          input: .select([("", "Välj område")] + StrategyArea.allCases.map { ($0.rawValue, $0.rawValue) }),
          number: false, required: true),
      ]),
    EventForm(
      name: "goal", type: .goalSet, title: "Mål",
      fields: [
        text("goal", "Målets id"), text("scope", "Omfattning", hint: "Stadens, en nämnds eller en enhets id"),
        Field(
          key: "minLevel", label: "Lägsta nivå", hint: nil,
          input: .select([("", "Välj nivå")] + (1...5).map { ("\($0)", "Nivå \($0)") }), number: true,
          required: true),
        Field(
          key: "targetShare", label: "Andel", hint: "Mellan 0 och 1, t.ex. 0,8 för 80 %", input: .number,
          number: true, required: true),
        Field(
          key: "deadline", label: "Senast", hint: "ÅÅÅÅ-MM-DD", input: .date, number: false, required: true),
      ]),
    EventForm(
      name: "retract", type: .eventRetracted, title: "Dra tillbaka en händelse",
      fields: [
        text("event", "Händelsens id"),
        Field(
          key: "reason", label: "Skäl", hint: "Varför händelsen aldrig borde ha registrerats",
          input: .textarea, number: false, required: true),
      ]),
  ]

  static func text(_ key: String, _ label: String, hint: String? = nil) -> Field {
    Field(key: key, label: label, hint: hint, input: .text, number: false, required: true)
  }

  /// The form named `name`.
  public static func named(_ name: String) -> EventForm? {
    all.first { $0.name == name }
  }

  /// The `data` fields from the submitted values: numbers read with a comma or a point, empty
  /// optional fields left out; a value that is not a number is returned as a field error.
  public func data(from values: [String: String]) -> (fields: [(String, JSONValue)], errors: [FieldError]) {
    var out: [(String, JSONValue)] = []
    var errors: [FieldError] = []
    for f in fields {
      if f.shape == .ratings {
        var ratings: [String: JSONValue] = [:]
        for (i, area) in StrategyArea.allCases.enumerated() {
          let raw = (values["ratings-\(i + 1)"] ?? "").trimmingWhitespace
          if let n = Int(raw) { ratings[area.rawValue] = .number(Double(n)) }
        }
        if !ratings.isEmpty { out.append((f.key, .object(ratings))) }
        continue
      }
      let raw = (values[f.key] ?? "").trimmingWhitespace
      if raw.isEmpty { continue }
      if f.shape == .list || f.shape == .checked {
        let items = raw.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == "\r" })
          .map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
        if !items.isEmpty { out.append((f.key, .array(items.map { .string($0) }))) }
      } else if f.number {
        guard let n = PlainDecimal.parse(raw) else {
          errors.append(
            FieldError(field: f.key, message: "\(f.label): ”\(raw)” är inget tal; skriv t.ex. 3 eller 7,5"))
          continue
        }
        out.append((f.key, .number(n)))
      } else {
        out.append((f.key, .string(raw)))
      }
    }
    return (out, errors)
  }

  /// Every required field left empty, as field errors.
  public func missing(in values: [String: String]) -> [FieldError] {
    fields.filter { f in
      guard f.required else { return false }
      if f.shape == .ratings {
        return (1...StrategyArea.allCases.count).contains {
          (values["ratings-\($0)"] ?? "").trimmingWhitespace.isEmpty
        }
      }
      return (values[f.key] ?? "").trimmingWhitespace.isEmpty
    }.map {
      FieldError(
        field: $0.key,
        message: $0.shape == .ratings
          ? "Välj ett betyg för varje strategiområde"
          : "\($0.isChoice ? "Välj" : "Fyll i") \($0.label.lowercased())")
    }
  }

  /// A decoding refusal at the field it names.
  public func error(for decoding: EventDecodingError) -> FieldError {
    switch decoding {
    case .missingField(let key): FieldError(field: key, message: "Fyll i \(label(key).lowercased())")
    case .wrongKind(let key, let expected):
      FieldError(field: key, message: "\(label(key)) måste vara \(expected)")
    case .invalidValue(let key, let value, let allowed):
      FieldError(field: key, message: "\(label(key)): ”\(value)” går inte; tillåtet är \(allowed)")
    default: FieldError(field: fields.first?.key ?? "date", message: "\(decoding)")
    }
  }

  /// A rule's refusal at the field it concerns, with the rule's own Swedish wording.
  ///
  /// - Parameter values: the submitted values, to find which of several unit fields named the unit.
  public func error(for violation: RuleViolation, values: [String: String] = [:]) -> FieldError {
    let text = Self.sentence("\(violation)", ids: Array(values.values))
    let key: String
    switch violation {
    case .unknownFramework: key = "framework"
    case .unknownCompetence, .competenceFrameworkChanged: key = has("competence") ? "competence" : "framework"
    case .unknownRequirement, .requirementNotInForce: key = "requirement"
    case .unknownMeasure, .measureFinished: key = has("status") ? "status" : "measure"
    case .unknownLevel(let field, _, _, _, _): key = has(field) ? field : has("level") ? "level" : "minLevel"
    case .levelCountChanged: key = "levels"
    case .notStaff: key = "person"
    case .assessorMissing, .assessorNotAllowed, .assessorIsPerson, .notHeadOfUnit:
      key = has("assessor") ? "assessor" : "person"
    case .responsibleIsPerson: key = "responsible"
    case .examinerIsCandidate, .notAnExaminer, .examinerLevelTooLow:
      key = has("examiner") ? "examiner" : "person"
    case .unknownUnit(let u, _), .unitNotOpen(let u, _), .notAUnit(let u, _):
      key =
        fields.first {
          ["unit", "parent", "into", "scope"].contains($0.key) && values[$0.key]?.trimmingWhitespace == u
        }?
        .key ?? (has("unit") ? "unit" : has("scope") ? "scope" : "parent")
    case .unknownPerson, .notAssigned, .noExaminerRole: key = "person"
    case .unknownCourse: key = "course"
    case .unknownEvent, .alreadyRetracted, .retractsRetraction, .hasDependants: key = "event"
    case .alreadyExists, .cityAlreadyExists, .conflictingDuplicate: key = fields.first?.key ?? "date"
    case .parentNotAllowed, .parentRequired, .wrongParentKind: key = "parent"
    case .schoolFormNotAllowed: key = "schoolForm"
    case .cannotChangeCity, .mergeIntoItself, .mergeKindMismatch, .hasOpenChildren, .hasPeople:
      key = has("into") ? "into" : "unit"
    case .outOfRange(let field, _, _), .emptyField(let field): key = has(field) ? field : "date"
    case .occurredAfterRecorded: key = "date"
    default: key = fields.first?.key ?? "date"
    }
    return FieldError(field: has(key) || key == "date" ? key : (fields.first?.key ?? "date"), message: text)
  }

  /// Whether the form has a field `key`.
  public func has(_ key: String) -> Bool { fields.contains { $0.key == key } }

  func label(_ key: String) -> String {
    key == "date" ? "Datum" : fields.first { $0.key == key }?.label ?? key
  }

  /// `s` with its first letter capitalised, as a sentence starts.
  public static func capitalized(_ s: String) -> String {
    sentence(s, ids: [])
  }

  /// `s` as a sentence: the first letter capitalised, unless the text starts with an id, which is
  /// shown exactly as written (`p-103 kan inte …`, not `P-103 kan inte …`). The first word is taken
  /// for an id when it is one of `ids` (the values typed in the form) or is not an ordinary
  /// lower-case word (it holds a digit, a hyphen, a point, an underscore or a capital).
  public static func sentence(_ s: String, ids: [String]) -> String {
    guard let first = s.first else { return s }
    let word = s.prefix { !$0.isWhitespace && $0 != "," && $0 != ";" && $0 != ":" }
    let ordinary = !word.isEmpty && word.allSatisfy { $0.isLetter && $0.isLowercase }
    if !ordinary || ids.contains(where: { $0.trimmingWhitespace == String(word) }) { return s }
    return first.uppercased() + s.dropFirst()
  }
}

extension String {
  /// The string with a decimal comma turned into a point.
  var replacingComma: String {
    String(map { $0 == "," ? "." : $0 })
  }
}
