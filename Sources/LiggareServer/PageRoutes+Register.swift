import LiggareAccess
import LiggareBasics
import LiggareDomain
import LiggareHTTP
import LiggareKit
import LiggareReports
import LiggareWeb

/// The coordinator's pages: every event type's form with a preview before saving, the attendance
/// list with its preview, retractions and the recent registrations.
extension PageRoutes {
  /// How far back in the log "your recent registrations" looks.
  static let recentWindow: UInt64 = 2000
  /// How many recent registrations are listed.
  static let recentLimit = 15

  @Sendable static func registerIndex(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let v = try viewer(c)
    let snapshot = c.state.snapshot
    let events = snapshot.recentEvents(by: v.name, within: recentWindow, limit: recentLimit)
    let names = c.state.names
    let recent = events.map { e in
      RecentRegistration(
        eventID: e.id, date: e.occurredOn,
        what: EventSentence.describe(e.payload, on: e.occurredOn, names: names),
        isRetracted: snapshot.chronicle.retraction(ofSeq: e.seq) != nil || e.payload.type == .eventRetracted)
    }
    let notice: String? =
      switch c.query("saved") {
      case nil: nil
      case "0": "Inget nytt sparades: allt fanns redan i loggen."
      case let n?: "Sparat: \(n) \(n == "1" ? "händelse" : "händelser")."
      }
    return html(RegisterPages.index(viewer: v, recent: Array(recent), notice: notice))
  }

  /// The examiners valid on `date` (id, label), for the PIM level form.
  static func examiners(_ c: RequestContext, on date: CivilDate) -> [(id: String, label: String)] {
    let state = c.state.snapshot.state(asOf: date)
    let names = c.state.names
    return state.examinerRolesByUnit.values.flatMap { $0 }.sorted { a, b in
      let (na, nb) = (names[a.personID] ?? a.personID, names[b.personID] ?? b.personID)
      return na != nb ? na < nb : a.personID < b.personID
    }.map { r in
      let unit = state.unit(r.unitID)?.name ?? r.unitID
      return (
        r.personID, "\(names[r.personID] ?? r.personID) (\(r.personID)), upp till nivå \(r.maxLevel), \(unit)"
      )
    }
  }

  @Sendable static func eventForm(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let v = try viewer(c)
    guard let form = EventForm.named(try c.parameter("form")), form.isAvailable(to: v) else {
      return notFound(c)
    }
    let today = c.now.stockholmDate
    var values = ["date": today.description]
    if form.name == "retract", let event = c.query("event") { values["event"] = event }
    if form.name == "follow-up" { values["year"] = "\(today.year - 1)" }
    for key in ["unit", "person", "competence", "requirement", "measure"] {
      if let given = c.query(key), form.has(key) { values[key] = String(given.prefix(200)) }
    }
    let principal = try c.caller
    return html(
      RegisterPages.form(
        viewer: v, form: form, state: FormState(values: values),
        examiners: form.name == "pim-level" ? examiners(c, on: today) : [],
        choices: formChoices(c, form: form, on: today, principal: principal),
        fixed: fixedFields(c, form: form, principal: principal)))
  }

  @Sendable static func eventPost(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let v = try viewer(c)
    guard let form = EventForm.named(try c.parameter("form")), form.isAvailable(to: v) else {
      return notFound(c)
    }
    let principal = try c.caller
    var values: [String: String] = [:]
    for item in c.request.form ?? HTTPQuery() where item.name != "csrf" && item.name != "step" {
      guard values.count < 64 else { break }
      let value = String(item.value.prefix(2000))
      // Several ticked boxes under one name arrive as one comma-separated value.
      if let earlier = values[item.name], !earlier.isEmpty {
        values[item.name] = String((earlier + "," + value).prefix(2000))
      } else {
        values[item.name] = value
      }
    }
    let fixed = fixedFields(c, form: form, principal: principal)
    for (key, f) in fixed { values[key] = f.value }
    let step = c.request.form?.value(for: "step") ?? "preview"
    let dateText = (values["date"] ?? "").trimmingCharacters(in: [" "])
    let date = CivilDate(parsing: dateText)
    func refuse(_ errors: [FieldError]) -> HTTPResponse {
      let on = date ?? c.now.stockholmDate
      return html(
        RegisterPages.form(
          viewer: v, form: form, state: FormState(values: values, errors: errors),
          examiners: form.name == "pim-level" ? examiners(c, on: on) : [],
          choices: formChoices(c, form: form, on: on, principal: principal), fixed: fixed),
        status: .unprocessableContent)
    }
    if step == "edit" { return refuse([]).withStatus(.ok) }
    var errors = form.missing(in: values)
    if date == nil {
      errors.append(
        FieldError(
          field: "date",
          message: dateText.isEmpty ? "Fyll i datum" : "Datum: ”\(dateText)” är inget datum; skriv ÅÅÅÅ-MM-DD"
        ))
    }
    let (fields, numberErrors) = form.data(from: values)
    errors += numberErrors.filter { e in !errors.contains { $0.field == e.field } }
    guard errors.isEmpty, let date else { return refuse(errors) }
    // Several persons for a course completion: one event each.
    var fieldSets: [[(String, JSONValue)]] = [fields]
    if form.name == "course-completed", let persons = values["person"] {
      let list = persons.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == "\r" || $0 == ";" })
        .map { String($0).trimmingCharacters(in: [" ", "\t"]) }.filter { !$0.isEmpty }
      guard list.count <= 500 else {
        return refuse([
          FieldError(
            field: "person", message: "Högst 500 personer åt gången; ladda upp en närvarolista i stället")
        ])
      }
      fieldSets = list.map { p in fields.map { $0.0 == "person" ? ("person", .string(p)) : $0 } }
    }
    var drafts: [EventDraft] = []
    for set in fieldSets {
      do throws(EventDecodingError) {
        let (payload, personal) = try Payload.decode(
          type: form.type.rawValue, fields: set, personalDataAllowed: true)
        drafts.append(EventDraft(occurredOn: date, payload: payload, personalData: personal))
      } catch {
        return refuse([form.error(for: error)])
      }
    }
    let snapshot = c.state.snapshot
    if let (_, message) = Scope.firstRefusal(
      drafts, principal: principal, chronicle: snapshot.chronicle,
      event: { Scope.loggedEvent($0, in: snapshot) })
    {
      return refuse([
        FieldError(field: form.fields.first?.key ?? "date", message: EventForm.capitalized(message))
      ])
    }
    let dryRun = step != "confirm"
    let outcome: AppendOutcome
    do throws(LedgerError) {
      outcome = try c.app.service.write { ledger throws(LedgerError) in
        try ledger.append(drafts, dryRun: dryRun, source: "formuläret", actor: principal.name)
      }
    } catch {
      if case .rule(_, _, let violation) = error {
        return refuse([form.error(for: violation, values: values)])
      }
      if case .decoding(_, let decoding) = error { return refuse([form.error(for: decoding)]) }
      if case .conflictingDuplicate = error {
        return refuse([FieldError(field: form.fields.first?.key ?? "date", message: "\(error)")])
      }
      throw .from(error)
    }
    if dryRun {
      var names = c.state.names
      if case .personRegistered(let p)? = drafts.first?.payload, let name = drafts.first?.personalData?.name {
        names[p] = name
      }
      let units = Dictionary(
        c.state.snapshot.state(asOf: date).allUnits.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
      return html(
        RegisterPages.preview(
          viewer: v, form: form, values: values,
          sentences: drafts.map { EventSentence.describe($0.payload, on: date, names: names, units: units) }))
    }
    c.app.record(c, .write, .ok, status: 303, events: outcome.appended)
    return .redirect(to: "/register?saved=\(outcome.appended)")
  }

  @Sendable static func attendanceForm(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    guard try viewer(c).has(.coordinator) else { return notFound(c) }
    var values = ["date": c.now.stockholmDate.description]
    if let course = c.query("course") { values["course"] = course }
    return html(RegisterPages.attendanceForm(viewer: try viewer(c), state: FormState(values: values)))
  }

  @Sendable static func attendancePost(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let v = try viewer(c)
    let principal = try c.caller
    guard v.has(.coordinator) else { return notFound(c) }
    let (fields, file) = try uploadForm(c, unnamedFile: "närvarolistan")
    try c.app.requireCSRF(c, token: fields["csrf"])
    let course = (fields["course"] ?? "").trimmingCharacters(in: [" "])
    let dateText = (fields["date"] ?? "").trimmingCharacters(in: [" "])
    let date = CivilDate(parsing: dateText)
    var errors: [FieldError] = []
    let snapshot = c.state.snapshot
    if course.isEmpty {
      errors.append(FieldError(field: "course", message: "Fyll i kursens id"))
    } else if snapshot.state(asOf: date ?? c.now.stockholmDate).course(course) == nil {
      errors.append(
        FieldError(
          field: "course", message: "Kursen ”\(course)” finns inte i katalogen den dagen; definiera den först"
        ))
    }
    if date == nil {
      errors.append(
        FieldError(
          field: "date",
          message: dateText.isEmpty ? "Fyll i datum" : "”\(dateText)” är inget datum; skriv ÅÅÅÅ-MM-DD"))
    }
    let step = fields["step"] ?? "preview"
    var rows: [(line: Int, person: String, hours: Double?)] = []
    var sourceName = fields["file"] ?? "närvarolistan"
    if step == "confirm" {
      guard let carried = RegisterPages.carriedRows(fields["rows"] ?? ""), !carried.isEmpty else {
        throw .badRequest("raderna från granskningen saknas; ladda upp listan igen")
      }
      rows = carried
    } else if let file {
      sourceName = file.name
      do throws(LedgerError) {
        let list = try AttendanceList.parse(file.bytes, name: file.name)
        rows = list.rows.map { ($0.line, $0.person, $0.hours) }
      } catch {
        errors.append(FieldError(field: "file", message: "\(error)"))
      }
    } else {
      errors.append(FieldError(field: "file", message: "Välj närvarolistan (en CSV-fil)"))
    }
    guard errors.isEmpty, let date else {
      return html(
        RegisterPages.attendanceForm(viewer: v, state: FormState(values: fields, errors: errors)),
        status: .unprocessableContent)
    }
    let drafts = rows.map { r in
      EventDraft(
        occurredOn: date, payload: .courseCompleted(person: r.person, course: course, hours: r.hours))
    }
    let state = snapshot.state(asOf: date)
    let names = c.state.names
    // Each row checked on its own for the preview, so every bad row is named at once.
    var preview: [AttendancePreviewRow] = rows.map { r in
      let placement = state.placement(of: r.person)
      var problem: String?
      if !state.isRegistered(r.person) {
        problem = "personen \(r.person) är inte registrerad den \(date)"
      } else if !principal.coversCity, !Scope.covers(principal, person: r.person, in: state) {
        problem = "personen är utanför ditt ansvarsområde"
      }
      return AttendancePreviewRow(
        line: r.line, person: r.person, name: names[r.person],
        unit: placement.map { state.unit($0.unitID)?.name ?? $0.unitID },
        hours: r.hours, error: problem)
    }
    if preview.allSatisfy({ $0.error == nil }) {
      switch try appendList(
        c, drafts, confirm: step == "confirm", source: sourceName, lines: rows.map(\.line))
      {
      case .saved(let response): return response
      case .refused(let line, let message):
        for i in preview.indices where preview[i].line == line { preview[i].error = message }
      case .checked: break
      }
    }
    return html(
      RegisterPages.attendancePreview(
        viewer: v, course: course, courseTitle: state.course(course)?.title, date: date.description,
        file: sourceName,
        rows: preview))
  }
}

extension HTTPResponse {
  /// The same response with another status.
  func withStatus(_ status: HTTPStatus) -> HTTPResponse {
    var copy = self
    copy.status = status
    return copy
  }
}

extension PageRoutes {
  /// What became of an uploaded list's drafts.
  enum ListOutcome {
    /// Saved: the answer to send (to the register page, with the count).
    case saved(HTTPResponse)
    /// A rule refused the row of the list at `line`.
    case refused(line: Int, message: String)
    /// A dry run passed: show the preview.
    case checked
  }

  /// Appends an uploaded list (attendance, assessments) all or nothing, or only checks it when not
  /// `confirm`; a rule's refusal is handed back for the row of its line (any other error is thrown).
  static func appendList(
    _ c: RequestContext, _ drafts: [EventDraft], confirm: Bool, source: String, lines: [Int]
  ) throws(APIError) -> ListOutcome {
    let principal = try c.caller
    do throws(LedgerError) {
      let outcome = try c.app.service.write { ledger throws(LedgerError) in
        try ledger.append(drafts, dryRun: !confirm, source: source, places: lines, actor: principal.name)
      }
      guard confirm else { return .checked }
      c.app.record(c, .write, .ok, status: 303, events: outcome.appended)
      return .saved(.redirect(to: "/register?saved=\(outcome.appended)"))
    } catch {
      if case .rule(let place, _, let violation) = error, let line = place.line, lines.contains(line) {
        return .refused(line: line, message: "\(violation)")
      }
      throw .from(error)
    }
  }

  /// The fields and the file of a list upload: multipart for the upload itself, an ordinary form
  /// for the confirm step (which carries the previewed rows back in a field).
  ///
  /// Field values are taken whole: the request body is already bounded by the server's limit, and
  /// a cut value would carry fewer or other rows than the preview showed (a confirm step with more
  /// than 200,000 characters of rows was cut before, and could credit a person whose id was cut).
  static func uploadForm(_ c: RequestContext, unnamedFile: String) throws(APIError)
    -> (fields: [String: String], file: (name: String, bytes: [UInt8])?)
  {
    var fields: [String: String] = [:]
    var file: (name: String, bytes: [UInt8])?
    if let type = c.request.headers["Content-Type"], let boundary = MultipartForm.boundary(contentType: type)
    {
      guard let form = MultipartForm(body: c.request.body, boundary: boundary) else {
        throw .badRequest("formuläret kunde inte läsas (multipart)")
      }
      for part in form.parts where part.filename == nil {
        fields[part.name] = String(decoding: part.data, as: UTF8.self)
      }
      if let part = form.part("file"), let name = part.filename, !name.isEmpty || !part.data.isEmpty {
        file = (name.isEmpty ? unnamedFile : name, part.data)
      }
    } else {
      for item in c.request.form ?? HTTPQuery() { fields[item.name] = item.value }
    }
    return (fields, file)
  }
}
