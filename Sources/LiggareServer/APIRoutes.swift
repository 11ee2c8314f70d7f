import LiggareAccess
import LiggareBasics
import LiggareDomain
import LiggareHTTP
import LiggareKit
import LiggareQueries
import LiggareReports
import LiggareStorage

/// The JSON API, version 1 (`docs/api.md`): the views, reports, search, writes and the export. The
/// views' and reports' bodies are the bytes the CLI prints for the same question.
public enum APIRoutes {
  /// Every route of the API.
  public static let all: [Route] = [
    Route("GET", "/api/v1/head", .permission(.readHead), head),
    Route("GET", "/api/v1/city", .permission(.readViews), city),
    Route("GET", "/api/v1/units/{id}", .permission(.readViews), unit),
    Route("GET", "/api/v1/units/{id}/gaps", .permission(.readViews), gaps),
    Route("GET", "/api/v1/persons/{id}", .roles([.coordinator, .office]), person),
    Route("GET", "/api/v1/reports/{year}", .permission(.readReports), report),
    Route("POST", "/api/v1/reports/verify", .permission(.readReports), verifyReport),
    Route("GET", "/api/v1/search", .permission(.search), search),
    Route("POST", "/api/v1/events", .permission(.logEvents), postEvents),
    Route("POST", "/api/v1/attendance", .permission(.logEvents), postAttendance),
    Route("GET", "/api/v1/events", .permission(.export), export),
  ]

  // MARK: - Parameters

  /// `asOf` (a date; default today in Stockholm).
  static func asOf(_ c: RequestContext) throws(APIError) -> CivilDate {
    guard let text = c.query("asOf") else { return c.now.stockholmDate }
    guard let date = CivilDate(parsing: text) else {
      throw .badRequest("asOf=\(text) är inget datum (ÅÅÅÅ-MM-DD)", field: "asOf")
    }
    return date
  }

  /// `knownAt` (an instant, or a date meaning the end of that day in Stockholm; default now).
  static func knownAt(_ c: RequestContext) throws(APIError) -> Timestamp {
    guard let text = c.query("knownAt") else { return c.now }
    if let instant = Timestamp(parsing: text) { return instant }
    if let date = CivilDate(parsing: text) { return Timestamp.endOfDayInStockholm(date) }
    throw .badRequest(
      "knownAt=\(text) är varken en tidpunkt (2013-02-01T12:00:00Z) eller ett datum (2013-02-01)",
      field: "knownAt")
  }

  static func flag(_ c: RequestContext, _ name: String) throws(APIError) -> Bool {
    switch c.query(name) {
    case nil, "false", "0": return false
    case "true", "1", "": return true
    case let other?: throw .badRequest("\(name)=\(other): ange true eller false", field: name)
    }
  }

  static func json(_ bytes: [UInt8]) -> HTTPResponse {
    HTTPResponse.json(bytes)
  }

  static func json(_ value: JSONValue, status: HTTPStatus = .ok) -> HTTPResponse {
    HTTPResponse.json(value.prettyText, status: status)
  }

  // MARK: - Reading

  @Sendable static func head(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let snapshot = c.state.snapshot
    var r = json(
      APIDocument.head(
        seq: snapshot.head.seq, hash: snapshot.head.hash.hex,
        recordedAt: snapshot.chronicle.recordedAt(atSeq: snapshot.head.seq)))
    r.headers.set("ETag", "\"\(snapshot.head.hash.hex)\"")
    return r
  }

  static func view(_ c: RequestContext, _ kind: ViewQuery.Kind, state: ServerState) throws(APIError)
    -> HTTPResponse
  {
    let query = ViewQuery(kind, asOf: try asOf(c), knownAt: try knownAt(c))
    do {
      let document = try viewDocument(query, state: state, app: c.app)
      var r = json(ViewQuery.bytes(document, knownAt: query.knownAt))
      r.headers.set("ETag", "\"\(state.snapshot.head.hash.hex)\"")
      return r
    } catch {
      throw .from(error)
    }
  }

  /// The view's document for `state`, from the answer cache when another request of the same view,
  /// date and seq was answered at the same state (only `knownAt` differs, set when rendering).
  static func viewDocument(_ query: ViewQuery, state: ServerState, app: LiggareApp) throws(ViewError)
    -> JSONValue
  {
    let seq = state.snapshot.chronicle.lastSeq(knownAt: query.knownAt)
    let key = "view \(query.kind.key) \(query.asOf) \(seq)"
    return try app.cache.value(key, generation: state.generation, cost: estimatedBytes) {
      () throws(ViewError) -> JSONValue in
      try query.document(snapshot: state.snapshot, names: state.names)
    }
  }

  /// The annual report's figures for `request` at `state`, from the answer cache when computed for
  /// the same year, scope and seq (`AnnualReport.answering` gives them the request's own moment
  /// and format).
  static func reportFigures(_ request: ReportRequest, state: ServerState, app: LiggareApp)
    throws(ReportQueryError) -> AnnualReport
  {
    let seq = state.snapshot.chronicle.lastSeq(knownAt: request.knownAt)
    let key = "report \(request.year) \(request.scope ?? "") \(seq)"
    return try app.cache.value(
      key, generation: state.generation, cost: { 1 << 20 + ($0.units.count + $0.boards.count) * 8192 }
    ) { () throws(ReportQueryError) -> AnnualReport in
      try ReportQuery.figures(request, snapshot: state.snapshot)
    }.answering(request)
  }

  /// The rendered report for `request` at `state`, from the answer cache.
  ///
  /// A given moment gives the same bytes every time (until the head moves). **Beslut:** a report
  /// asked without a moment is known at the moment of the first such request at the same published
  /// state and knowledge seq: later requests get those bytes (rendering takes ~85 ms at city
  /// scale). They are the report as known now too: the moment shown selects the same seq as now, so
  /// every figure is the same, and `POST /api/v1/reports/verify` confirms them.
  static func reportBytes(_ request: ReportRequest, knownAtGiven: Bool, state: ServerState, app: LiggareApp)
    throws(ReportQueryError) -> [UInt8]
  {
    let scope = request.scope ?? ""
    let moment =
      knownAtGiven
      ? "at \(request.knownAt)" : "seq \(state.snapshot.chronicle.lastSeq(knownAt: request.knownAt))"
    let key = "report-bytes \(request.year) \(scope) \(moment) \(request.format) \(request.csvDialect)"
    return try app.cache.value(key, generation: state.generation, cost: { $0.count + 64 }) {
      () throws(ReportQueryError) -> [UInt8] in
      try reportFigures(request, state: state, app: app).rendered()
    }
  }

  /// About what a JSON value takes in memory.
  static func estimatedBytes(_ value: JSONValue) -> Int {
    switch value {
    case .object(let members): members.reduce(64) { $0 + 48 + $1.key.utf8.count + estimatedBytes($1.value) }
    case .array(let items): items.reduce(32) { $0 + estimatedBytes($1) }
    case .string(let s): 24 + s.utf8.count
    default: 16
    }
  }

  @Sendable static func city(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    guard try c.caller.coversCity else { throw .forbidden("se hela stadens vy; be om en vy för din enhet") }
    return try view(c, .city, state: c.state)
  }

  /// The same answer for a unit outside the caller's scope as for one that does not exist.
  static func requireUnit(_ c: RequestContext, _ id: String, state: ServerState) throws(APIError) {
    let principal = try c.caller
    let s = state.snapshot.state(asOf: try asOf(c), knownAt: try knownAt(c))
    if !Scope.covers(principal, unit: id, in: s) { throw .from(ViewError.unknownUnit(id)) }
  }

  @Sendable static func unit(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let id = try c.parameter("id")
    let state = c.state
    try requireUnit(c, id, state: state)
    return try view(c, .unit(id), state: state)
  }

  @Sendable static func gaps(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let id = try c.parameter("id")
    let state = c.state
    try requireUnit(c, id, state: state)
    let requirement = c.query("requirement")
    let framework = c.query("framework")
    if requirement != nil || framework != nil {
      // Contract Part 2: who is below a competence requirement or not assessed, as
      // `liggare gaps --unit ID --requirement R | --framework F --json`.
      if c.query("goal") != nil {
        throw .badRequest(
          "goal gäller PIM-mål; ange det eller requirement/framework", field: "goal")
      }
      return try view(
        c, .requirementGaps(unit: id, requirement: requirement, framework: framework), state: state)
    }
    return try view(c, .gaps(unit: id, goal: c.query("goal")), state: state)
  }

  @Sendable static func person(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let id = try c.parameter("id")
    let state = c.state
    let s = state.snapshot.state(asOf: try asOf(c), knownAt: try knownAt(c))
    if !Scope.covers(try c.caller, person: id, in: s) { throw .from(ViewError.unknownPerson(id)) }
    return try view(c, .person(id), state: state)
  }

  @Sendable static func report(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let yearText = try c.parameter("year")
    guard let year = Int(yearText), yearText.count == 4 else {
      throw .badRequest("\(yearText) är inget årtal", field: "year")
    }
    let formatText = c.query("format") ?? "json"
    guard let format = ReportFormat(rawValue: formatText) else {
      throw .badRequest("okänt format \"\(formatText)\"; välj html, md, csv eller json", field: "format")
    }
    let dialectText = c.query("csvDialect") ?? "swedish"
    guard let dialect = CSVDialect(rawValue: dialectText == "excel" ? "swedish" : dialectText) else {
      throw .badRequest("okänd CSV-dialekt \"\(dialectText)\"; välj swedish eller rfc", field: "csvDialect")
    }
    let request = ReportRequest(
      year: year, knownAt: try knownAt(c), scope: c.query("scope"), format: format, csvDialect: dialect)
    let bytes: [UInt8]
    let state = c.state
    let snapshot = state.snapshot
    do throws(ReportQueryError) {
      bytes = try reportBytes(request, knownAtGiven: c.query("knownAt") != nil, state: state, app: c.app)
    } catch {
      throw .from(error)
    }
    c.app.record(c, .export, .ok, status: 200)
    var r = HTTPResponse(status: .ok, body: bytes)
    r.headers.set("ETag", "\"\(snapshot.head.hash.hex)\"")
    switch format {
    case .json: r.headers.set("Content-Type", "application/json")
    case .html: r.headers.set("Content-Type", "text/html; charset=utf-8")
    case .md: r.headers.set("Content-Type", "text/markdown; charset=utf-8")
    case .csv: r.headers.set("Content-Type", "text/csv; charset=utf-8")
    }
    r.headers.set(
      "Content-Disposition", "attachment; filename=\"arsredovisning-\(year).\(format.rawValue)\"")
    return r
  }

  @Sendable static func verifyReport(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let result: ReportQuery.Verification
    do {
      result = try ReportQuery.verify(c.request.body, name: "filen", snapshot: c.state.snapshot)
    } catch {
      throw .from(error)
    }
    return json(
      APIDocument.verification(
        matches: result.matches, year: result.request.year, knownAt: result.request.knownAt,
        firstDifference: result.firstDifference, message: result.message))
  }

  @Sendable static func search(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    guard let q = c.query("q"), q.count >= SearchQuery.minimumLength, q.count <= SearchQuery.maximumLength
    else {
      throw .badRequest(
        "ange q med \(SearchQuery.minimumLength)–\(SearchQuery.maximumLength) tecken, t.ex. ?q=Ekorren",
        field: "q")
    }
    let principal = try c.caller
    let state = c.state
    let date = try asOf(c)
    let s = state.snapshot.state(asOf: date)
    let result = SearchQuery(q, asOf: date).run(
      snapshot: state.snapshot, register: state.register, corpus: c.app.searchCorpus(state),
      mayShowPerson: { id, _ in principal.role != .head && Scope.covers(principal, person: id, in: s) },
      mayShowUnit: { Scope.covers(principal, unit: $0, in: s) })
    return json(result.json(query: q))
  }

  @Sendable static func export(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let state = c.state
    var body: [UInt8] = []
    let count: Int
    do {
      count = try state.snapshot.export(
        register: state.register, knownAt: c.query("knownAt") == nil ? nil : try knownAt(c)
      ) {
        body += $0
      }
    } catch let error as APIError {
      throw error
    } catch let error as LedgerError {
      throw .from(error)
    } catch {
      throw APIError(.serviceUnavailable, "storage", "\(error)")
    }
    c.app.record(c, .export, .ok, status: 200, events: count)
    var r = HTTPResponse(status: .ok, body: body)
    r.headers.set("Content-Type", "application/x-ndjson")
    return r
  }

  // MARK: - Writing

  /// `If-Match: "<head hash>"`: the head the client last read, or nil.
  static func expectedHead(_ c: RequestContext, current: LogHead) throws(APIError) -> LogHead? {
    guard var text = c.request.headers["If-Match"] else { return nil }
    text = text.trimmingCharacters(in: [" ", "\t"])
    if text.hasPrefix("W/") { text.removeFirst(2) }
    if text.hasPrefix("\"") && text.hasSuffix("\"") && text.count >= 2 {
      text = String(text.dropFirst().dropLast())
    }
    guard let hash = SHA256.Digest(hex: Array(text.lowercased().utf8)) else {
      throw .badRequest("If-Match ska vara loggens huvud-hash inom citattecken", field: "If-Match")
    }
    guard hash == current.hash else {
      throw .from(LedgerError.headMoved(expected: LogHead(seq: 0, hash: hash), actual: current))
    }
    return current
  }

  /// The append's answer (docs/api/append-result.schema.json); `recordedAt` is that of the head's record.
  static func outcome(_ o: AppendOutcome, recordedAt: Timestamp?) -> HTTPResponse {
    json(
      APIDocument.appendResult(
        dryRun: o.dryRun, appended: o.appended, alreadyPresent: o.alreadyPresent, firstSeq: o.firstSeq,
        headSeq: o.head.seq, headHash: o.head.hash.hex, headRecordedAt: recordedAt),
      status: o.appended > 0 && !o.dryRun ? .created : .ok)
  }

  /// Refuses drafts outside a scoped coordinator's scopes (403, naming the line).
  static func requireScope(_ c: RequestContext, _ drafts: [EventDraft], lines: [Int]) throws(APIError) {
    let principal = try c.caller
    guard Scope.restrictsWrites(principal) else { return }
    let snapshot = c.state.snapshot
    if let (index, message) = Scope.firstRefusal(
      drafts, principal: principal, chronicle: snapshot.chronicle,
      event: { Scope.loggedEvent($0, in: snapshot) })
    {
      throw APIError(.forbidden, "out-of-scope", "rad \(lines[index]): \(message)", line: lines[index])
    }
  }

  /// Runs a write, logging it to the access log whatever the outcome.
  static func logged(_ c: RequestContext, _ body: () throws(APIError) -> AppendOutcome) throws(APIError)
    -> HTTPResponse
  {
    do {
      let o = try body()
      let r = outcome(o, recordedAt: c.state.snapshot.chronicle.recordedAt(atSeq: o.head.seq))
      c.app.record(c, .write, .ok, status: r.status.code, events: o.dryRun ? 0 : o.appended)
      return r
    } catch {
      c.app.record(
        c, .write, error.status.code >= 500 ? .error : .refused, status: error.status.code, events: 0)
      throw error
    }
  }

  @Sendable static func postEvents(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    try logged(c) { () throws(APIError) in
      let principal = try c.caller
      let dryRun = try flag(c, "dryRun")
      let expected = try expectedHead(c, current: c.state.snapshot.head)
      if Scope.restrictsWrites(principal) {
        // Decode first to check the scopes; the import decodes again and reports syntax errors.
        var drafts: [EventDraft] = []
        var lines: [Int] = []
        var number = 0
        for line in c.request.body.split(separator: 0x0A, omittingEmptySubsequences: false) {
          number += 1
          let trimmed = line.last == 0x0D ? line.dropLast() : line
          if trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
          guard
            let draft = try? trimmed.withUnsafeBytes({ raw throws(EventDecodingError) in
              try EventCodec.decodeEnvelope(raw, personalDataAllowed: true)
            })
          else { break }
          drafts.append(draft)
          lines.append(number)
        }
        try requireScope(c, drafts, lines: lines)
      }
      do throws(LedgerError) {
        return try c.app.service.write { ledger throws(LedgerError) in
          try ledger.importEvents(
            bytes: c.request.body, name: "", dryRun: dryRun, expectingHead: expected, actor: principal.name
          )
        }
      } catch {
        throw .from(error)
      }
    }
  }

  @Sendable static func postAttendance(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    try logged(c) { () throws(APIError) in
      let principal = try c.caller
      let dryRun = try flag(c, "dryRun")
      guard let course = c.query("course"), !course.isEmpty else {
        throw .badRequest("ange kursen: ?course=KURS-ID", field: "course")
      }
      guard let dateText = c.query("date"), let date = CivilDate(parsing: dateText) else {
        throw .badRequest("ange datumet: ?date=ÅÅÅÅ-MM-DD", field: "date")
      }
      let list: AttendanceList
      do throws(LedgerError) {
        list = try AttendanceList.parse(c.request.body, name: "närvarolistan")
      } catch {
        throw .from(error)
      }
      let drafts = list.drafts(course: course, date: date)
      let lines = list.rows.map(\.line)
      try requireScope(c, drafts, lines: lines)
      let expected = try expectedHead(c, current: c.state.snapshot.head)
      do throws(LedgerError) {
        return try c.app.service.write { ledger throws(LedgerError) in
          try ledger.append(
            drafts, dryRun: dryRun, source: "närvarolistan", places: lines, expectingHead: expected,
            actor: principal.name)
        }
      } catch {
        throw .from(error)
      }
    }
  }
}
