import LiggareAccess
import LiggareBasics
import LiggareDomain
import LiggareHTTP
import LiggareKit
import LiggareQueries
import LiggareReports
import LiggareStorage
import LiggareWeb
import Synchronization

/// The pages that show the views: a unit ("Min enhet"), a person, the city, search.
extension PageRoutes {
  /// How many year ends the chart on a unit's page shows (the current date included).
  static let chartYears = 6

  /// The state the page asks about, with the viewer's scope check: nil when the unit is unknown or
  /// outside the scopes (the same answer).
  static func scopedUnit(_ c: RequestContext, _ id: String, _ state: CityState) throws(APIError) -> Bool {
    Scope.covers(try c.caller, unit: id, in: state) && state.unit(id) != nil
  }

  /// The units a head may choose among: their scopes' units (a board's units under it), by name.
  static func choices(_ c: RequestContext, _ state: CityState) throws(APIError) -> [(
    id: String, name: String
  )] {
    let principal = try c.caller
    if principal.coversCity { return [] }
    var ids: [String] = []
    for scope in principal.scopes {
      guard let node = state.unit(scope) else { continue }
      if node.kind == .unit { ids.append(scope) }
      ids += state.children(of: scope).filter { $0.kind == .unit && $0.isOpen }.map(\.id)
    }
    var seen = Set<String>()
    return ids.filter { seen.insert($0).inserted }.map { ($0, state.unit($0)?.name ?? $0) }.sorted {
      $0.name < $1.name
    }
  }

  @Sendable static func myUnit(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let state = c.state.snapshot.state(asOf: c.now.stockholmDate)
    if let chosen = c.query("unit"), !chosen.isEmpty {
      return .redirect(to: Routes.unit(chosen).string)
    }
    let principal = try c.caller
    if principal.coversCity { return .redirect(to: Routes.city.string) }
    guard let first = try choices(c, state).first?.id ?? principal.scopes.first else { return notFound(c) }
    return .redirect(to: Routes.unit(first).string)
  }

  /// The unit page's data: the unit view's JSON with a staff list added for a unit, the chart.
  static func unitData(_ c: RequestContext, print: Bool) throws(APIError) -> UnitPage? {
    let id = try c.parameter("id")
    let (asOf, knownAt, knownText) = try moment(c)
    let server = c.state
    let state = server.snapshot.state(asOf: asOf, knownAt: knownAt)
    guard try scopedUnit(c, id, state) else { return nil }
    let view: UnitView
    do throws(ViewError) {
      view = try UnitView(
        state: state, unit: id, names: server.names, knownAt: knownText == nil ? nil : knownAt)
    } catch {
      return nil
    }
    var json = view.json
    if case .object(var o) = json, state.unit(id)?.kind == .unit {
      o["staffList"] = staffList(state, unit: id, names: server.names)
      o["gaps"] = (try? GapList(state: state, unit: id, names: server.names))?.json["gaps"] ?? .array([])
      json = .object(o)
    }
    var chartGoal: (id: String, level: Int, target: Double)?
    if case .array(let goals)? = json["goals"], let g = goals.first, let gid = g["id"]?.stringValue,
      let level = g["minLevel"]?.numberValue, let target = g["targetShare"]?.numberValue
    {
      chartGoal = (gid, Int(level), target)
    }
    var history: [ShareAtYearEnd] = []
    if let goal = chartGoal, !print {
      for year in (asOf.year - chartYears + 1)...asOf.year {
        let date = year == asOf.year ? asOf : CivilDate.endOfYear(year)
        // A census of the unit alone: its figures are the whole city's census's for it.
        let census = Census(server.snapshot.state(asOf: date, knownAt: knownAt), within: id)
        let share = census.share(of: id, atLeast: goal.level)
        history.append(ShareAtYearEnd(year: year, staff: share.staff, atLevel: share.atLevel))
      }
      while let first = history.first, first.staff == 0 { history.removeFirst() }
    }
    return UnitPage(
      view: json, choices: try choices(c, state), history: history, chartGoal: chartGoal, asOf: asOf,
      knownAt: knownText)
  }

  /// The unit's staff: person, role, level, the date and examiner of that level.
  static func staffList(_ state: CityState, unit: String, names: [String: String]) -> JSONValue {
    let members = Census(state, within: unit).staff(of: unit).sorted {
      let (a, b) = (names[$0.personID] ?? $0.personID, names[$1.personID] ?? $1.personID)
      return a != b ? a < b : $0.personID < $1.personID
    }
    return .array(
      members.map { m in
        let record = state.levelHistory(of: m.personID).first { $0.level == m.level && m.level > 0 }
        func ref(_ id: String) -> JSONValue {
          ["id": .string(id), "name": names[id].map { .string($0) } ?? .null]
        }
        return [
          "person": ref(m.personID), "role": .string(m.role.rawValue), "level": .number(Double(m.level)),
          "date": record.map { .string($0.date.description) } ?? .null,
          "examiner": record.map { ref($0.examinerID) } ?? .null,
        ]
      })
  }

  @Sendable static func unitPage(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    guard let page = try unitData(c, print: false) else { return notFound(c) }
    return html(page.render(viewer: try viewer(c)))
  }

  @Sendable static func unitPrint(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    guard let page = try unitData(c, print: true) else { return notFound(c) }
    return html(page.render(viewer: try viewer(c), print: true))
  }

  @Sendable static func unitGapsCSV(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let id = try c.parameter("id")
    let (asOf, knownAt, knownText) = try moment(c)
    let server = c.state
    let state = server.snapshot.state(asOf: asOf, knownAt: knownAt)
    guard try scopedUnit(c, id, state),
      let list = try? GapList(
        state: state, unit: id, names: server.names, knownAt: knownText == nil ? nil : knownAt)
    else { return notFound(c) }
    var r = HTTPResponse(status: .ok, body: GapCSV.bytes(list.json))
    r.headers.set("Content-Type", "text/csv; charset=utf-8")
    r.headers.set("Content-Disposition", "attachment; filename=\"luckor-\(WebPath.encode(id))-\(asOf).csv\"")
    return r
  }

  @Sendable static func personPage(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let id = try c.parameter("id")
    let (asOf, knownAt, knownText) = try moment(c)
    let server = c.state
    let snapshot = server.snapshot
    let state = snapshot.state(asOf: asOf, knownAt: knownAt)
    guard Scope.covers(try c.caller, person: id, in: state),
      let view = try? PersonView(
        state: state, person: id, names: server.names, knownAt: knownText == nil ? nil : knownAt)
    else { return notFound(c) }
    let k = snapshot.chronicle.lastSeq(knownAt: knownAt)
    let items = snapshot.chronicle.timeline(ofPerson: id, knownAtSeq: k).filter { $0.date <= asOf }
    let timeline = items.map { item in
      TimelineEntry(
        item, person: { p in server.names[p].map { "\($0) (\(p))" } ?? p },
        unit: { u in state.unit(u)?.name ?? u }, course: { co in state.course(co)?.title ?? co },
        competence: { id in state.competence(id)?.title ?? id },
        reason: { seq in retractionReason(snapshot, seq: seq) })
    }
    return html(
      PersonPage(view: view.json, timeline: timeline, asOf: asOf, knownAt: knownText).render(
        viewer: try viewer(c)))
  }

  /// The reason of the retraction at `seq`, read from the log.
  static func retractionReason(_ snapshot: LedgerSnapshot, seq: UInt64) -> String? {
    var reason: String?
    try? snapshot.forEachRecord(from: seq, through: seq) { record in
      let body = record.body
      if let event = try? body.withUnsafeBytes({ raw throws(EventDecodingError) in
        try EventCodec.decodeRecord(raw, seq: record.seq)
      }), case .eventRetracted(_, let why) = event.payload {
        reason = why
      }
    }
    return reason
  }

  @Sendable static func cityPage(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let (asOf, knownAt, knownText) = try moment(c)
    let server = c.state
    // The same document as the API's city view, from the answer cache (computed once per state).
    let document: JSONValue
    do throws(ViewError) {
      document = try APIRoutes.viewDocument(
        ViewQuery(.city, asOf: asOf, knownAt: knownAt), state: server, app: c.app)
    } catch {
      throw .from(error)
    }
    return html(OfficePages.city(viewer: try viewer(c), view: document, asOf: asOf, knownAt: knownText))
  }

  @Sendable static func search(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    let text = String((c.query("q") ?? "").prefix(SearchQuery.maximumLength))
    let principal = try c.caller
    let server = c.state
    let today = c.now.stockholmDate
    var hits: [SearchPage.Hit] = []
    if text.trimmingCharacters(in: [" "]).count >= SearchQuery.minimumLength {
      let state = server.snapshot.state(asOf: today)
      let result = SearchQuery(text, asOf: today, limit: 50).run(
        snapshot: server.snapshot, register: server.register, corpus: c.app.searchCorpus(server),
        mayShowPerson: { id, _ in Scope.covers(principal, person: id, in: state) },
        mayShowUnit: { id in Scope.covers(principal, unit: id, in: state) })
      hits += result.persons.map { p in
        .init(kind: .person, id: p.id, label: p.name.map { "\($0) (\(p.id))" } ?? p.id)
      }
      hits += result.units.map { .init(kind: .unit, id: $0.id, label: "\($0.name) (\($0.id))") }
      hits += result.courses.map { .init(kind: .course, id: $0.id, label: "\($0.title) (\($0.id))") }
    }
    return html(SearchPage.render(viewer: try viewer(c), query: text, hits: hits))
  }
}
