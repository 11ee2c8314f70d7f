import LiggareAccess
import LiggareBasics
import LiggareDomain
import LiggareHTTP
import LiggareKit
import LiggareWeb

/// Contract Part 2 on the register pages: the choices its forms offer from the ledger, the fields
/// a head cannot choose, and the upload of a self-assessment survey (as `liggare
/// import-assessments`).
extension PageRoutes {
  /// The options of the form's fields that come from the ledger as of `date`, by field key.
  ///
  /// **Beslut**: level labels are offered from every framework in force (each label once, with the
  /// frameworks that have it in parentheses); a label outside the chosen competence's framework is
  /// refused by the rules at the level field. Scopes are the open nodes the viewer covers; a head's
  /// form offers only their units and their staff.
  static func formChoices(
    _ c: RequestContext, form: EventForm, on date: CivilDate, principal: Principal
  ) -> [String: [(String, String)]] {
    guard form.type.isPart2 else { return [:] }
    let state = c.state.snapshot.state(asOf: date)
    var out: [String: [(String, String)]] = [:]
    if form.has("framework") {
      out["framework"] = state.frameworks.map { ($0.id, "\($0.title) (\($0.id))") }
    }
    if form.has("competence") {
      let frameworks = Dictionary(
        state.frameworks.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
      out["competence"] = state.competences.map {
        ($0.id, "\($0.title) (\($0.id), \(frameworks[$0.frameworkID] ?? $0.frameworkID))")
      }
    }
    if form.has("level") || form.has("minLevel") {
      var order: [String] = []
      var owners: [String: [String]] = [:]
      for f in state.frameworks {
        for label in f.levels {
          if owners[label] == nil { order.append(label) }
          owners[label, default: []].append(f.title)
        }
      }
      let labels = order.map { ($0, "\($0) (\((owners[$0] ?? []).joined(separator: ", ")))") }
      out[form.has("level") ? "level" : "minLevel"] = labels
    }
    if form.has("scope") || form.has("unit") {
      let nodes = state.allUnits.filter { $0.isOpen && Scope.covers(principal, unit: $0.id, in: state) }
      func label(_ u: UnitSnapshot) -> String {
        let kind = u.kind == .city ? "staden" : u.kind == .board ? "nämnd" : "enhet"
        return "\(u.name) (\(kind), \(u.id))"
      }
      let ordered = nodes.sorted { a, b in
        a.kind != b.kind ? a.kind.order < b.kind.order : (a.name, a.id) < (b.name, b.id)
      }
      if form.has("scope") { out["scope"] = ordered.map { ($0.id, label($0)) } }
      if form.has("unit") { out["unit"] = ordered.filter { $0.kind == .unit }.map { ($0.id, label($0)) } }
    }
    if form.has("requirement") && form.type == .requirementEnded {
      out["requirement"] = state.requirementsInForce.map { r in
        (
          r.id,
          "\(r.id): \(state.competence(r.competenceID)?.title ?? r.competenceID), \(r.minLevel) eller högre"
        )
      }
    }
    if form.has("measure") && form.type == .measureStatus {
      out["measure"] = state.measures.filter { !$0.status.isFinal }.map {
        ($0.id, "\($0.title) (\($0.id), \($0.status.rawValue), klar senast \($0.due))")
      }
    }
    if principal.role == .head, form.type == .competenceAssessed {
      // A head chooses among the staff of their units.
      let names = c.state.names
      let census = Census(state)
      var staff: [(String, String)] = []
      for unit in state.allUnits where unit.kind == .unit && Scope.covers(principal, unit: unit.id, in: state)
      {
        for m in census.staff(of: unit.id) where m.personID != principal.person {
          staff.append((m.personID, "\(names[m.personID] ?? m.personID) (\(m.personID)), \(unit.name)"))
        }
      }
      out["person"] = staff.sorted { $0.1 < $1.1 }
    }
    return out
  }

  /// The fields a head cannot choose: a head's assessment is the head's own (method `head`, the
  /// account's person as assessor).
  static func fixedFields(_ c: RequestContext, form: EventForm, principal: Principal) -> [String: (
    value: String, label: String
  )] {
    guard form.type == .competenceAssessed else { return [:] }
    return fixedListFields(c, principal: principal)
  }

  // MARK: - The assessments list

  /// Whether the viewer may upload an assessments list: coordinators (any method), and heads (their
  /// own head assessments of their staff, as `import-assessments --method head --assessor P`).
  static func mayUploadAssessments(_ v: Viewer) -> Bool { v.has(.coordinator) || v.has(.head) }

  /// A head's assessments, one or a list, are the head's own: method `head`, the account's person
  /// as assessor; nothing is fixed for other roles.
  static func fixedListFields(_ c: RequestContext, principal: Principal) -> [String: (
    value: String, label: String
  )] {
    guard principal.role == .head else { return [:] }
    let own = principal.person ?? ""
    let name = c.state.names[own]
    return [
      "method": ("head", "chefens bedömning"),
      "assessor": (
        own,
        own.isEmpty
          ? "saknas – be administratören lägga till ditt person-id på kontot"
          : name.map { "\($0) (\(own)), du själv" } ?? "\(own), du själv"
      ),
    ]
  }

  @Sendable static func assessmentsForm(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let v = try viewer(c)
    guard mayUploadAssessments(v) else { return notFound(c) }
    let principal = try c.caller
    let today = c.now.stockholmDate
    let fixed = fixedListFields(c, principal: principal)
    return html(
      RegisterPages.assessmentsForm(
        viewer: v,
        state: FormState(values: ["date": today.description, "method": fixed["method"]?.value ?? "self"]),
        frameworks: frameworkChoices(c, on: today), fixed: fixed))
  }

  static func frameworkChoices(_ c: RequestContext, on date: CivilDate) -> [(String, String)] {
    c.state.snapshot.state(asOf: date).frameworks.map { ($0.id, "\($0.title) (\($0.id))") }
  }

  @Sendable static func assessmentsPost(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let v = try viewer(c)
    guard mayUploadAssessments(v) else { return notFound(c) }
    let principal = try c.caller
    var (fields, file) = try uploadForm(c, unnamedFile: "listan")
    try c.app.requireCSRF(c, token: fields["csrf"])
    // A head's list is always the head's own assessments, whatever the form sent.
    let fixed = fixedListFields(c, principal: principal)
    for (key, f) in fixed { fields[key] = f.value }
    let framework = (fields["framework"] ?? "").trimmingCharacters(in: [" "])
    let dateText = (fields["date"] ?? "").trimmingCharacters(in: [" "])
    let date = CivilDate(parsing: dateText)
    let methodText = fields["method"] ?? ""
    let method = AssessmentMethod(rawValue: methodText)
    let assessor = (fields["assessor"] ?? "").trimmingCharacters(in: [" "])
    let snapshot = c.state.snapshot
    let state = snapshot.state(asOf: date ?? c.now.stockholmDate)
    var errors: [FieldError] = []
    let scale = state.framework(framework)
    if framework.isEmpty {
      errors.append(FieldError(field: "framework", message: "Välj ramverket som kolumnerna hör till"))
    } else if scale == nil {
      errors.append(
        FieldError(
          field: "framework", message: "Ramverket ”\(framework)” finns inte den dagen; definiera det först"))
    }
    if date == nil {
      errors.append(
        FieldError(
          field: "date",
          message: dateText.isEmpty ? "Fyll i datum" : "”\(dateText)” är inget datum; skriv ÅÅÅÅ-MM-DD"))
    }
    if method == nil {
      errors.append(FieldError(field: "method", message: "Välj självskattning eller chefens bedömning"))
    } else if method == .head && assessor.isEmpty {
      errors.append(
        FieldError(
          field: "assessor",
          message: fixed.isEmpty
            ? "Fyll i bedömaren: rektorns eller förskolechefens person-id"
            : "Kontot saknar ditt person-id, så dina bedömningar kan inte registreras; be administratören lägga till det"
        ))
    } else if method == .self && !assessor.isEmpty {
      errors.append(
        FieldError(field: "assessor", message: "En självskattning har ingen bedömare; töm fältet"))
    }
    let step = fields["step"] ?? "preview"
    var sourceName = fields["file"] ?? "listan"
    var cells: [(line: Int, person: String, competence: String, level: String)] = []
    if let scale, errors.isEmpty {
      if step == "confirm" {
        guard let carried = RegisterPages.carriedAssessments(fields["cells"] ?? ""), !carried.isEmpty else {
          throw .badRequest("raderna från granskningen saknas; ladda upp listan igen")
        }
        cells = carried
      } else if let file {
        sourceName = file.name
        do throws(LedgerError) {
          let list = try AssessmentList.parse(
            file.bytes, name: file.name,
            competences: state.competences.filter { $0.frameworkID == framework },
            levels: scale.levels)
          cells = list.cells.map { ($0.line, $0.person, $0.competence, $0.level) }
        } catch {
          errors.append(FieldError(field: "file", message: EventForm.capitalized("\(error)")))
        }
      } else {
        errors.append(FieldError(field: "file", message: "Välj listan (en CSV-fil)"))
      }
    }
    guard errors.isEmpty, let date, let method else {
      return html(
        RegisterPages.assessmentsForm(
          viewer: v, state: FormState(values: fields, errors: errors),
          frameworks: frameworkChoices(c, on: date ?? c.now.stockholmDate), fixed: fixed),
        status: .unprocessableContent)
    }
    let drafts = cells.map { cell in
      EventDraft(
        occurredOn: date,
        payload: .competenceAssessed(
          person: cell.person, competence: cell.competence, level: cell.level, method: method,
          assessor: method == .head ? assessor : nil))
    }
    let names = c.state.names
    var rows: [AssessmentPreviewRow] = cells.map { cell in
      let placement = state.placement(of: cell.person)
      var problem: String?
      if !state.isRegistered(cell.person) {
        problem = "personen \(cell.person) är inte registrerad den \(date)"
      } else if !Scope.covers(principal, person: cell.person, in: state) {
        problem = "personen är utanför ditt ansvarsområde"
      }
      return AssessmentPreviewRow(
        line: cell.line, person: cell.person, name: names[cell.person],
        unit: placement.map { state.unit($0.unitID)?.name ?? $0.unitID },
        competence: state.competence(cell.competence)?.title ?? cell.competence,
        competenceID: cell.competence,
        level: cell.level, error: problem)
    }
    if rows.allSatisfy({ $0.error == nil }),
      let (index, message) = Scope.firstRefusal(drafts, principal: principal, chronicle: snapshot.chronicle)
    {
      rows[index].error = message
    }
    if rows.allSatisfy({ $0.error == nil }) {
      switch try appendList(
        c, drafts, confirm: step == "confirm", source: sourceName, lines: cells.map(\.line))
      {
      case .saved(let response): return response
      case .refused(let line, let message):
        for i in rows.indices where rows[i].line == line { rows[i].error = message }
      case .checked: break
      }
    }
    return html(
      RegisterPages.assessmentsPreview(
        viewer: v, framework: framework, frameworkTitle: scale?.title, method: method, assessor: assessor,
        date: date.description, file: sourceName, rows: rows))
  }
}

extension EventType {
  /// Whether the type is one of contract Part 2's.
  var isPart2: Bool {
    switch self {
    case .frameworkDefined, .competenceDefined, .requirementSet, .requirementEnded, .competenceAssessed,
      .unitFollowUp, .measurePlanned, .measureStatus:
      true
    default: false
    }
  }
}

extension UnitKind {
  /// City, boards, units: the order choices list them in.
  var order: Int {
    switch self {
    case .city: 0
    case .board: 1
    case .unit: 2
    }
  }
}
