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
  }

  /// The route segment (`pim-level`, `course-completed`, …).
  public var name: String
  public var type: EventType
  public var title: String
  public var fields: [Field]

  /// Every form, in the order the register page lists them.
  public static let all: [EventForm] = [
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
      let raw = (values[f.key] ?? "").trimmingWhitespace
      if raw.isEmpty { continue }
      if f.number {
        guard let n = Double(raw.replacingComma), n.isFinite else {
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
    fields.filter { $0.required && (values[$0.key] ?? "").trimmingWhitespace.isEmpty }.map {
      FieldError(field: $0.key, message: "Fyll i \($0.label.lowercased())")
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
    let text = Self.capitalized("\(violation)")
    let key: String
    switch violation {
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

  func has(_ key: String) -> Bool { fields.contains { $0.key == key } }

  func label(_ key: String) -> String {
    key == "date" ? "Datum" : fields.first { $0.key == key }?.label ?? key
  }

  public static func capitalized(_ s: String) -> String {
    guard let first = s.first else { return s }
    return first.uppercased() + s.dropFirst()
  }
}

extension String {
  /// The string with a decimal comma turned into a point.
  var replacingComma: String {
    String(map { $0 == "," ? "." : $0 })
  }
}
