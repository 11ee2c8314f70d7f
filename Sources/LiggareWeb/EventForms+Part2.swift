import LiggareDomain

/// The forms of contract Part 2: frameworks, competences, requirements, assessments, the units'
/// yearly follow-up and the action plans' measures. A `select` without options is filled from the
/// ledger on the form's date (frameworks, competences, level labels, units, requirements, measures).
extension EventForm {
  static func choose(_ key: String, _ label: String, hint: String? = nil, required: Bool = true) -> Field {
    Field(key: key, label: label, hint: hint, input: .select([]), number: false, required: required)
  }

  static let areaField = Field(
    key: "area", label: "Strategiområde", hint: nil,
    input: .select([("", "Välj område")] + StrategyArea.allCases.map { ($0.rawValue, $0.rawValue) }),
    number: false, required: true)

  /// The forms of contract Part 2.
  static let part2: [EventForm] = [
    EventForm(
      name: "framework", type: .frameworkDefined, title: "Kompetensramverk",
      fields: [
        text("framework", "Ramverkets id", hint: "T.ex. digcompedu; samma id igen ändrar titel och nivånamn"),
        text("title", "Titel"),
        Field(
          key: "levels", label: "Nivåer",
          hint: "Lägsta först, 2–10 namn åtskilda med komma, t.ex. A1, A2, B1, B2, C1, C2", input: .text,
          number: false, required: true, shape: .list),
      ]),
    EventForm(
      name: "competence", type: .competenceDefined, title: "Kompetens i ett ramverk",
      fields: [
        text("competence", "Kompetensens id", hint: "T.ex. dce-2-1; samma id igen ändrar titel och område"),
        choose("framework", "Ramverk"), text("title", "Titel"), areaField,
      ]),
    EventForm(
      name: "requirement", type: .requirementSet, title: "Kompetenskrav",
      fields: [
        text(
          "requirement", "Kravets id", hint: "T.ex. krav-office; samma id igen ersätter kravet från datumet"),
        choose("competence", "Kompetens"),
        choose(
          "minLevel", "Lägsta nivå",
          hint: "Nivån ska finnas i kompetensens ramverk (ramverket står inom parentes)"),
        choose("scope", "Omfattning", hint: "Staden, en nämnd eller en enhet"),
        Field(
          key: "roles", label: "Roller (valfritt)", hint: "Inga ikryssade: all personal",
          input: .checkboxes(StaffRole.allCases.filter(\.countsAsStaff).map { ($0.rawValue, $0.rawValue) }),
          number: false, required: false, shape: .checked),
        Field(
          key: "schoolForms", label: "Skolformer (valfritt)", hint: "Inga ikryssade: alla enheter",
          input: .checkboxes(SchoolForm.allCases.map { ($0.rawValue, $0.rawValue) }), number: false,
          required: false, shape: .checked),
      ]),
    EventForm(
      name: "requirement-ended", type: .requirementEnded, title: "Kompetenskrav upphör",
      fields: [choose("requirement", "Krav", hint: "Kraven som gäller på datumet")]),
    EventForm(
      name: "assessment", type: .competenceAssessed, title: "Bedömning av en kompetens",
      fields: [
        text("person", "Person", hint: "Personens id, t.ex. p-1042"),
        choose("competence", "Kompetens"),
        choose(
          "level", "Nivå", hint: "Nivån ska finnas i kompetensens ramverk (ramverket står inom parentes)"),
        Field(
          key: "method", label: "Metod", hint: nil,
          input: .select([("", "Välj metod"), ("self", "självskattning"), ("head", "chefens bedömning")]),
          number: false, required: true),
        Field(
          key: "assessor", label: "Bedömare (vid chefens bedömning)",
          hint: "Personens id för rektorn eller förskolechefen på personens enhet; tomt vid självskattning",
          input: .text, number: false, required: false),
      ]),
    EventForm(
      name: "follow-up", type: .unitFollowUp, title: "Enhetens uppföljning",
      fields: [
        choose("unit", "Enhet"),
        Field(
          key: "year", label: "År", hint: "Året som följs upp, t.ex. förra året i januari", input: .number,
          number: true, required: true),
        Field(
          key: "ratings", label: "Betyg per strategiområde",
          hint: "1 ej påbörjat, 2 påbörjat, 3 etablerat, 4 en del av vardagen", input: .ratings,
          number: false,
          required: true, shape: .ratings),
      ]),
    EventForm(
      name: "measure", type: .measurePlanned, title: "Åtgärd i handlingsplanen",
      fields: [
        text(
          "measure", "Åtgärdens id", hint: "T.ex. hp-2026-1; samma id igen ersätter åtgärden från datumet"),
        choose("scope", "Omfattning", hint: "Staden, en nämnd eller en enhet"), areaField,
        text("title", "Titel"),
        Field(
          key: "due", label: "Klar senast", hint: "ÅÅÅÅ-MM-DD", input: .date, number: false, required: true),
        Field(
          key: "responsible", label: "Ansvarig funktion (valfritt)",
          hint: "En funktion, t.ex. IT-strateg, aldrig en person", input: .text, number: false,
          required: false),
      ]),
    EventForm(
      name: "measure-status", type: .measureStatus, title: "Åtgärdens status",
      fields: [
        choose("measure", "Åtgärd"),
        Field(
          key: "status", label: "Status", hint: "Genomförd och inställd går inte att ändra sedan",
          input: .select([("", "Välj status")] + MeasureState.recordable.map { ($0.rawValue, $0.rawValue) }),
          number: false, required: true),
      ]),
  ]

  /// The names of the forms a head's account may use (heads record their own assessments and their
  /// units' follow-up, and retract those; `Scope.firstRefusal` in the server enforces the same).
  public static let headForms: Set<String> = ["assessment", "follow-up", "retract"]

  /// Whether `viewer` may use this form.
  public func isAvailable(to viewer: Viewer) -> Bool {
    viewer.has(.coordinator) || (viewer.has(.head) && Self.headForms.contains(name))
  }
}
