import LiggareAccess
import LiggareBasics
import LiggareDomain
import LiggareHTTP
import LiggareKit
import LiggareQueries
import LiggareReports
import LiggareStorage
import LiggareWeb

/// The central office's pages (annual report, verify, status) and the admin's.
extension PageRoutes {
  /// The report asked for by the query (`year`, `known-at`, `scope`, `csv-dialect`, `format`), or
  /// the field errors.
  static func reportRequest(_ c: RequestContext, format: ReportFormat) -> (ReportRequest?, [FieldError]) {
    var errors: [FieldError] = []
    let yearText = (c.query("year") ?? "").trimmingCharacters(in: [" "])
    let year = Int(yearText)
    if year == nil || !(1001...9999).contains(year ?? 0) {
      errors.append(
        FieldError(
          field: "year",
          message: yearText.isEmpty ? "Fyll i året" : "”\(yearText)” är inget år; skriv t.ex. 2024"))
    }
    var knownAt = c.now
    if let text = c.query("known-at"), !text.isEmpty {
      if let instant = Timestamp(parsing: text) {
        knownAt = instant
      } else if let date = CivilDate(parsing: text) {
        knownAt = Timestamp.endOfDayInStockholm(date)
      } else {
        errors.append(
          FieldError(
            field: "known-at", message: "”\(text)” är varken ett datum (ÅÅÅÅ-MM-DD) eller en tidpunkt"))
      }
    }
    let dialect = CSVDialect(rawValue: c.query("csv-dialect") ?? "swedish") ?? .swedish
    guard errors.isEmpty, let year else { return (nil, errors) }
    let scope = c.query("scope").flatMap { $0.isEmpty ? nil : $0 }
    return (
      ReportRequest(year: year, knownAt: knownAt, scope: scope, format: format, csvDialect: dialect), []
    )
  }

  @Sendable static func reportPage(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let v = try viewer(c)
    var values: [String: String] = [:]
    for name in ["year", "known-at", "scope", "csv-dialect"] { values[name] = c.query(name) }
    guard c.query("year") != nil else {
      values["year"] = "\(c.now.stockholmDate.year - 1)"
      return html(OfficePages.report(viewer: v, state: FormState(values: values), request: nil, summary: []))
    }
    let (request, errors) = reportRequest(c, format: .html)
    guard let request else {
      return html(
        OfficePages.report(
          viewer: v, state: FormState(values: values, errors: errors), request: nil, summary: []),
        status: .unprocessableContent)
    }
    // The figures come from the answer cache, as the API's report does: computed once per state.
    let summary: [String]
    do throws(ReportQueryError) {
      summary = try APIRoutes.reportFigures(request, state: c.state, app: c.app).summary
    } catch {
      let field = if case .report(.unknownScope) = error { "scope" } else { "year" }
      return html(
        OfficePages.report(
          viewer: v,
          state: FormState(values: values, errors: [FieldError(field: field, message: "\(error)")]),
          request: nil, summary: []), status: .unprocessableContent)
    }
    // The downloads name the moment, so all four formats are of the same knowledge.
    if (values["known-at"] ?? "").isEmpty { values["known-at"] = request.knownAt.description }
    return html(
      OfficePages.report(viewer: v, state: FormState(values: values), request: values, summary: summary))
  }

  @Sendable static func reportDownload(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    guard let format = ReportFormat(rawValue: c.query("format") ?? "html") else {
      throw .badRequest("okänt format; välj html, md, csv eller json", field: "format")
    }
    let (request, errors) = reportRequest(c, format: format)
    guard let request else {
      throw .badRequest(errors.map(\.message).joined(separator: "; "), field: errors.first?.field)
    }
    let bytes: [UInt8]
    do throws(ReportQueryError) {
      // From the answer cache, as the API's report (computed once per state and moment).
      bytes = try APIRoutes.reportBytes(
        request, knownAtGiven: !(c.query("known-at") ?? "").isEmpty, state: c.state, app: c.app)
    } catch {
      throw .from(error)
    }
    var r = HTTPResponse(status: .ok, body: bytes)
    let name = "arsredovisning-\(request.year)"
    switch format {
    case .html:
      r.headers.set("Content-Type", "text/html; charset=utf-8")
      // The report is a document of its own with its style inline: allow exactly that style.
      r.headers.set(
        "Content-Security-Policy",
        "default-src 'none'; style-src \(styleHashes(bytes)); img-src 'self'; frame-ancestors 'none'; "
          + "base-uri 'none'; form-action 'none'")
    case .md:
      r.headers.set("Content-Type", "text/markdown; charset=utf-8")
      r.headers.set("Content-Disposition", "attachment; filename=\"\(name).md\"")
    case .csv:
      r.headers.set("Content-Type", "text/csv; charset=utf-8")
      r.headers.set("Content-Disposition", "attachment; filename=\"\(name).csv\"")
    case .json:
      r.headers.set("Content-Type", "application/json")
      r.headers.set("Content-Disposition", "attachment; filename=\"\(name).json\"")
    }
    return r
  }

  /// `'sha256-…'` for each `<style>` element of an HTML document, for its CSP.
  static func styleHashes(_ bytes: [UInt8]) -> String {
    var hashes: [String] = []
    let open = Array("<style>".utf8)
    let close = Array("</style>".utf8)
    var at = 0
    while let start = MultipartFormSearch.find(open, in: bytes, from: at),
      let end = MultipartFormSearch.find(close, in: bytes, from: start + open.count)
    {
      hashes.append("'sha256-\(Base64.encode(SHA256.hash(bytes[(start + open.count)..<end]).bytes))'")
      at = end + close.count
    }
    return hashes.isEmpty ? "'none'" : hashes.joined(separator: " ")
  }

  @Sendable static func reportVerify(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let v = try viewer(c)
    guard let type = c.request.headers["Content-Type"],
      let boundary = MultipartForm.boundary(contentType: type),
      let form = MultipartForm(body: c.request.body, boundary: boundary)
    else { throw .badRequest("formuläret kunde inte läsas (multipart)") }
    try c.app.requireCSRF(c, token: form.text("csrf"))
    guard let part = form.part("report"), !part.data.isEmpty else {
      return html(
        OfficePages.report(
          viewer: v, state: FormState(errors: [FieldError(field: "report", message: "Välj rapportfilen")]),
          request: nil,
          summary: []), status: .unprocessableContent)
    }
    let name = part.filename.flatMap { $0.isEmpty ? nil : $0 } ?? "filen"
    do throws(ReportQueryError) {
      let result = try ReportQuery.verify(part.data, name: name, snapshot: c.state.snapshot)
      return html(OfficePages.verifyResult(viewer: v, matches: result.matches, message: result.message))
    } catch {
      return html(OfficePages.verifyResult(viewer: v, matches: nil, message: "STÄMMER INTE: \(error)"))
    }
  }

  @Sendable static func statusPage(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let snapshot = c.state.snapshot
    var status = LogStatus(
      seq: snapshot.head.seq, hash: snapshot.head.hash.hex,
      lastWrite: snapshot.chronicle.latestRecordedAt.map(SwedishTime.moment),
      events: snapshot.chronicle.eventCount, lastVerify: nil)
    do throws(LedgerError) {
      if let last = try LastVerification.read(logDirectory: c.app.service.directory) {
        status.lastVerify = describe(last, currentSeq: snapshot.head.seq)
        status.lastVerifyOK = last.intact && (last.doubtful ?? 0) == 0
      }
    } catch {
      status.lastVerify = "Resultatet kan inte läsas: \(error)"
      status.lastVerifyOK = false
    }
    let principal = try c.caller
    return html(
      OfficePages.status(
        viewer: try viewer(c), status: status,
        mayVerify: principal.role == .office || principal.role == .coordinator,
        notice: c.query("verified") == "1" ? "Loggen är kontrollerad; resultatet står nedan." : nil))
  }

  /// "OK 2 december 2026 kl. 04.00: 42 poster, huvud seq 42 (liggare verify)", in Swedish and
  /// Stockholm time.
  static func describe(_ last: LastVerification, currentSeq: UInt64) -> String {
    var text =
      (last.intact ? "OK" : "SKADAD")
      + " \(SwedishTime.moment(last.at)): \(last.records) poster, huvud seq \(last.head.seq)"
    if let damage = last.damage { text += "; \(damage)" }
    if let doubtful = last.doubtful {
      text += doubtful == 0 ? "; inga tveksamma händelser" : "; \(doubtful) tveksamma händelser"
    } else {
      text += "; bara kontrollsummor, seq och hashkedja"
    }
    text += " (\(last.by))."
    if currentSeq > last.head.seq {
      text += " Loggen har vuxit sedan dess (nu seq \(currentSeq))."
    }
    return text
  }

  /// Runs the integrity check (checksums, seq, hash chain, head file) on the log as it is on disk
  /// and records the result beside it, as `liggare verify --integrity` does.
  @Sendable static func statusVerify(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let principal = try c.caller
    let directory = c.app.service.directory
    let result: LastVerification
    do throws(LogError) {
      let log = try EventLog.open(directory: directory, access: .read)
      defer { log.close() }
      let checked = try log.verify()
      result = LastVerification(
        at: c.now, intact: checked.damage == nil, records: checked.records, head: checked.head,
        damage: checked.damage.map { "\($0)" }, doubtful: nil, by: "\(principal.name) på statussidan")
    } catch {
      if case .damaged(let damage) = error {
        result = LastVerification(
          at: c.now, intact: false, records: 0, head: c.state.snapshot.head, damage: "\(damage)",
          doubtful: nil,
          by: "\(principal.name) på statussidan")
      } else {
        throw APIError(.serviceUnavailable, "storage", "loggen kunde inte läsas: \(error)")
      }
    }
    do throws(LedgerError) {
      try result.write(logDirectory: directory)
    } catch {
      throw APIError(.serviceUnavailable, "storage", "\(error)")
    }
    return .redirect(to: "/status?verified=1")
  }

  // MARK: - Admin

  static func accountRows(_ c: RequestContext) -> [AccountRow] {
    ((try? c.app.accounts.list()) ?? []).map {
      AccountRow(
        username: $0.name, roles: [WebRole(rawValue: $0.role.rawValue) ?? .head], scopes: $0.scopes,
        person: $0.person, disabled: $0.disabled)
    }
  }

  @Sendable static func adminPage(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let notice: String? =
      switch c.query("done") {
      case "added": "Kontot är skapat."
      case "disabled": "Kontot är avstängt; dess sessioner är avslutade."
      case "person": "Person-id:t är sparat; kontots sessioner är avslutade."
      default: nil
      }
    return html(
      AdminPages.accounts(
        viewer: try viewer(c), accounts: accountRows(c), state: FormState(), notice: notice, newToken: nil))
  }

  static func adminRefuse(_ c: RequestContext, _ values: [String: String], _ errors: [FieldError])
    throws(APIError) -> HTTPResponse
  {
    var shown = values
    shown["password"] = nil
    return html(
      AdminPages.accounts(
        viewer: try viewer(c), accounts: accountRows(c), state: FormState(values: shown, errors: errors),
        notice: nil, newToken: nil),
      status: .unprocessableContent)
  }

  @Sendable static func adminAdd(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    var values: [String: String] = [:]
    for item in c.request.form ?? HTTPQuery() where item.name != "csrf" { values[item.name] = item.value }
    let name = (values["username"] ?? "").trimmingCharacters(in: [" "])
    var errors: [FieldError] = []
    if let problem = Account.problem(withName: name) {
      errors.append(FieldError(field: "username", message: problem))
    }
    // An empty password makes an account used only with an API token, as `account add` without
    // `--password-stdin`.
    let password = values["password"] ?? ""
    if !password.isEmpty && password.count < AccountStore.minimumPasswordLength {
      errors.append(
        FieldError(
          field: "password", message: "Lösenordet ska ha minst \(AccountStore.minimumPasswordLength) tecken"))
    }
    guard let role = Role(rawValue: values["role"] ?? "") else {
      return try adminRefuse(c, values, errors + [FieldError(field: "role", message: "Välj en roll")])
    }
    let scopes = (values["scopes"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: [" "]) }
      .filter { !$0.isEmpty }
    let personText = (values["person"] ?? "").trimmingCharacters(in: [" "])
    let person: String? = personText.isEmpty ? nil : personText
    if person != nil && !role.takesPerson {
      errors.append(
        FieldError(field: "person", message: "Bara en chef för enhet har ett person-id; töm fältet"))
    }
    guard errors.isEmpty else { return try adminRefuse(c, values, errors) }
    do throws(AccessError) {
      try c.app.accounts.add(
        name: name, role: role, scopes: role.takesScopes ? scopes : [], person: person,
        password: password.isEmpty ? nil : password)
    } catch {
      let field = if case .invalidPerson = error { "person" } else { "username" }
      return try adminRefuse(c, values, [FieldError(field: field, message: "\(error)")])
    }
    c.app.record(c, .accountAdded, .ok, status: 303)
    return .redirect(to: "/admin?done=added")
  }

  @Sendable static func adminDisable(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let name = c.request.form?.value(for: "username") ?? ""
    // An admin who disables their own account locks the page out for themselves, and perhaps for
    // the city when it is the only one; another admin (or `liggare account disable`) can.
    guard name != (try c.caller).name else {
      return try adminRefuse(
        c, [:],
        [
          FieldError(
            field: "token-user",
            message: "Du kan inte stänga av ditt eget konto här; be en annan administratör, eller använd "
              + "liggare account disable på servern")
        ])
    }
    do throws(AccessError) {
      try c.app.accounts.disable(name: name)
    } catch {
      return try adminRefuse(c, [:], [FieldError(field: "token-user", message: "\(error)")])
    }
    c.app.sessions.destroyAll(forAccount: name)
    c.app.record(c, .accountDisabled, .ok, status: 303)
    return .redirect(to: "/admin?done=disabled")
  }

  /// Sets or removes a head account's person id (`liggare account person`); the account's sessions
  /// end, so the change holds from its next login.
  @Sendable static func adminPerson(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let name = c.request.form?.value(for: "person-user") ?? ""
    let text = (c.request.form?.value(for: "new-person") ?? "").trimmingCharacters(in: [" "])
    let values = ["person-user": name, "new-person": text]
    guard !name.isEmpty else {
      return try adminRefuse(c, values, [FieldError(field: "person-user", message: "Välj ett konto")])
    }
    do throws(AccessError) {
      try c.app.accounts.setPerson(name: name, person: text.isEmpty ? nil : text)
    } catch {
      let field = if case .invalidPerson = error { "new-person" } else { "person-user" }
      return try adminRefuse(
        c, values, [FieldError(field: field, message: EventForm.capitalized("\(error)"))])
    }
    c.app.sessions.destroyAll(forAccount: name)
    c.app.record(c, .personSet, .ok, status: 303)
    return .redirect(to: "/admin?done=person")
  }

  @Sendable static func adminToken(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let name = c.request.form?.value(for: "token-user") ?? ""
    let token: String
    do throws(AccessError) {
      token = try c.app.accounts.newToken(name: name)
    } catch {
      return try adminRefuse(
        c, [:], [FieldError(field: "token-user", message: name.isEmpty ? "Välj ett konto" : "\(error)")])
    }
    c.app.record(c, .tokenIssued, .ok, status: 200)
    return html(
      AdminPages.accounts(
        viewer: try viewer(c), accounts: accountRows(c), state: FormState(), notice: nil, newToken: token))
  }
}

/// Standard base64 (RFC 4648 §4), for CSP hashes.
enum Base64 {
  static func encode(_ bytes: [UInt8]) -> String {
    let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out: [UInt8] = []
    var i = 0
    while i + 2 < bytes.count {
      let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
      out += [
        table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)], table[Int(n >> 6 & 63)], table[Int(n & 63)],
      ]
      i += 3
    }
    let rest = bytes.count - i
    if rest == 1 {
      let n = UInt32(bytes[i]) << 16
      out += [table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)], 61, 61]
    } else if rest == 2 {
      let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
      out += [table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)], table[Int(n >> 6 & 63)], 61]
    }
    return String(decoding: out, as: UTF8.self)
  }
}

/// Byte search, for finding `<style>` in a report.
enum MultipartFormSearch {
  static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else {
      return nil
    }
    var i = start
    while i <= haystack.count - needle.count {
      if haystack[i] == needle[0], Array(haystack[i..<(i + needle.count)]) == needle { return i }
      i += 1
    }
    return nil
  }
}
