import LiggareBasics
import LiggareDomain
import LiggareReports
import Testing

@testable import LiggareWeb

/// Every page drawn from the fixture city, whose names hold markup: nothing of it may come through
/// as markup, and every page has the frame the accessibility rules ask for.
@Suite struct PagesTests {
  static let everyone = Viewer(
    name: WebFixture.hostile, roles: Set(WebRole.allCases), scopes: ["stad"], csrfToken: "t<o>k")

  static func pages() throws -> [(String, String)] {
    let log = try WebFixture.city()
    let state = log.state(asOf: "2012-12-31")
    let names = WebFixture.names
    let viewer = everyone
    let asOf = state.asOf
    let unit = try UnitView(state: state, unit: "g-berg", names: names).json
    let board = try UnitView(state: state, unit: "n-syd", names: names).json
    let person = try PersonView(state: state, person: "p-2", names: names).json
    let city = CityView(state: state, names: names).json
    let timeline = [
      TimelineEntry(
        date: asOf, eventID: "e<1>", what: WebFixture.hostile, isRetracted: true,
        retractedBecause: WebFixture.hostile)
    ]
    let history = [
      ShareAtYearEnd(year: 2011, staff: 3, atLevel: 1), ShareAtYearEnd(year: 2012, staff: 0, atLevel: 0),
    ]
    let hostileState = FormState(
      values: ["person": WebFixture.hostile, "name": WebFixture.hostile],
      errors: [FieldError(field: "person", message: WebFixture.hostile)])
    let pim = try #require(EventForm.named("pim-level"))
    var pages: [(String, [UInt8])] = [
      (
        "login",
        BasicPages.login(csrfToken: WebFixture.hostile, state: hostileState, notice: WebFixture.hostile)
      ),
      ("start", BasicPages.start(viewer: viewer)),
      ("notFound", BasicPages.notFound(viewer: viewer)),
      ("accessibility", BasicPages.accessibility(viewer: nil)),
      (
        "unit",
        UnitPage(
          view: unit, choices: [("g-berg", WebFixture.hostile), ("f-sol", "Sol")], history: history,
          chartGoal: ("g-stad", 2, 0.8), asOf: asOf, knownAt: WebFixture.hostile
        ).render(viewer: viewer)
      ),
      (
        "unitPrint",
        UnitPage(view: unit, choices: [], history: [], chartGoal: nil, asOf: asOf, knownAt: nil).render(
          viewer: viewer, print: true)
      ),
      (
        "board",
        UnitPage(
          view: board, choices: [], history: history, chartGoal: ("g-stad", 2, 0.8), asOf: asOf, knownAt: nil
        ).render(viewer: viewer)
      ),
      (
        "person",
        PersonPage(view: person, timeline: timeline, asOf: asOf, knownAt: nil).render(viewer: viewer)
      ),
      ("city", OfficePages.city(viewer: viewer, view: city, asOf: asOf, knownAt: nil)),
      (
        "report",
        OfficePages.report(
          viewer: viewer, state: hostileState, request: ["year": WebFixture.hostile],
          summary: [WebFixture.hostile])
      ),
      ("verify", OfficePages.verifyResult(viewer: viewer, matches: false, message: WebFixture.hostile)),
      (
        "status",
        OfficePages.status(
          viewer: viewer,
          status: LogStatus(seq: 1, hash: WebFixture.hostile, lastWrite: nil, events: 1, lastVerify: nil))
      ),
      (
        "admin",
        AdminPages.accounts(
          viewer: viewer,
          accounts: [
            AccountRow(
              username: WebFixture.hostile, roles: [.head], scopes: [WebFixture.hostile], disabled: false)
          ], state: hostileState, notice: nil, newToken: WebFixture.hostile)
      ),
      (
        "register",
        RegisterPages.index(
          viewer: viewer,
          recent: [
            RecentRegistration(
              eventID: WebFixture.hostile, date: asOf, what: WebFixture.hostile, isRetracted: false)
          ], notice: WebFixture.hostile)
      ),
      (
        "pimForm",
        RegisterPages.form(
          viewer: viewer, form: pim, state: hostileState, examiners: [("e-1", WebFixture.hostile)])
      ),
      (
        "pimPreview",
        RegisterPages.preview(
          viewer: viewer, form: pim, values: ["person": WebFixture.hostile], sentences: [WebFixture.hostile])
      ),
      ("attendance", RegisterPages.attendanceForm(viewer: viewer, state: hostileState)),
      (
        "attendancePreview",
        RegisterPages.attendancePreview(
          viewer: viewer, course: WebFixture.hostile, courseTitle: WebFixture.hostile, date: "2012-01-01",
          file: WebFixture.hostile,
          rows: [
            AttendancePreviewRow(
              line: 2, person: WebFixture.hostile, name: WebFixture.hostile, unit: nil, hours: 3,
              error: WebFixture.hostile)
          ])
      ),
      (
        "search",
        SearchPage.render(
          viewer: viewer, query: WebFixture.hostile,
          hits: SearchPage.search(
            "e", persons: [("p-2", WebFixture.hostile)], units: state.allUnits, courses: state.courses))
      ),
    ]
    for form in EventForm.all {
      pages.append(("form-\(form.name)", RegisterPages.form(viewer: viewer, form: form, state: FormState())))
    }
    return pages.map { ($0.0, String(decoding: $0.1, as: UTF8.self)) }
  }

  @Test func noHostileValueBecomesMarkup() throws {
    for (name, page) in try Self.pages() {
      #expect(!page.contains("<script"), "\(name)")
      #expect(!page.contains("<i>"), "\(name)")
      #expect(!page.contains("<b>"), "\(name)")
      #expect(!page.contains("\u{0}"), "\(name)")
      #expect(!page.contains("style="), "\(name): inline style")
      #expect(!page.contains("<style"), "\(name): inline style")
      #expect(!page.contains("http://") || page.contains("xmlns=\"http://www.w3.org/2000/svg\""), "\(name)")
    }
  }

  @Test func everyPageHasTheAccessibleFrame() throws {
    for (name, page) in try Self.pages() {
      #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"sv\">"), "\(name)")
      #expect(page.components(separatedBy: "<main").count == 2, "\(name): one main")
      #expect(page.components(separatedBy: "<h1>").count == 2, "\(name): one h1")
      #expect(page.contains("<a class=\"skip\" href=\"#main\">"), "\(name)")
      #expect(page.contains("href=\"/accessibility\""), "\(name)")
      #expect(page.contains("<title>"), "\(name)")
      // Every post form carries a CSRF field.
      let posts = page.components(separatedBy: "method=\"post\"").count - 1
      let tokens = page.components(separatedBy: "name=\"csrf\"").count - 1
      #expect(posts == tokens, "\(name): \(posts) forms, \(tokens) tokens")
      // Every input but hidden ones and buttons has a label.
      for id in Self.ids(of: page, element: "input") + Self.ids(of: page, element: "select")
        + Self.ids(of: page, element: "textarea")
      {
        #expect(page.contains("<label for=\"\(id)\">"), "\(name): \(id) without label")
      }
    }
  }

  /// The pages read the views' JSON by key: a renamed key must show here, not as an empty page.
  @Test func pagesShowTheViewsFigures() throws {
    let pages = Dictionary(try Self.pages(), uniquingKeysWith: { a, _ in a })
    let unit = try #require(pages["unit"])
    #expect(unit.contains("<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</h1>"))
    #expect(unit.contains("Exempelstad"), "the goal's scope")
    #expect(unit.contains("ej uppnått") || unit.contains("pågår"), "the goal's standing")
    // SVG shapes are self-closed, so the labels after them are not swallowed.
    #expect(unit.contains("<rect class=\"bar\""))
    #expect(!unit.contains("<line class=\"axis\" x1=\"40\" y1=\"160\" x2=\"130\" y2=\"160\">"))
    #expect(unit.contains("y2=\"160\"/>"))
    let board = try #require(pages["board"])
    #expect(board.contains("<h1>Södra nämnden</h1>"))
    #expect(board.contains("href=\"/unit/g-berg?as-of=2012-12-31\""))
    let city = try #require(pages["city"])
    #expect(city.contains("href=\"/unit/n-norr?as-of=2012-12-31\""))
    #expect(city.contains(">Norra nämnden</a>"))
    let person = try #require(pages["person"])
    #expect(person.contains("<dd><a href=\"/unit/g-berg\">"))
    // p-2 (level 0) is 2 levels short of the city goal (level 2).
    #expect(person.contains("<td class=\"num\">≥2</td><td>2014-06-30</td><td class=\"num\">2</td>"))
    for (name, page) in pages {
      #expect(
        !page.contains("href=\"/unit/?") && !page.contains("href=\"/unit/\""), "\(name): a link without an id"
      )
      #expect(!page.contains("<h1></h1>"), "\(name): empty heading")
    }
  }

  @Test func navigationFollowsTheRoles() {
    let head = Viewer(name: "Rektor", roles: [.head], scopes: ["f-sol"], csrfToken: "t")
    let page = String(decoding: BasicPages.start(viewer: head), as: UTF8.self)
    #expect(page.contains("Min enhet"))
    // A head registers only assessments (one, or a list of their own) and follow-up: the register
    // page lists just those forms.
    #expect(page.contains("href=\"/register\""))
    let register = String(decoding: RegisterPages.index(viewer: head, recent: [], notice: nil), as: UTF8.self)
    #expect(
      register.contains("href=\"/register/assessment\"") && register.contains("href=\"/register/follow-up\"")
        && register.contains("href=\"/register/assessments\""))
    #expect(
      !register.contains("href=\"/register/attendance\"")
        && !register.contains("href=\"/register/pim-level\""))
    #expect(!register.contains("href=\"/register/requirement\""))
    #expect(!page.contains("href=\"/admin\""))
    #expect(!page.contains("href=\"/city\""))
  }

  @Test func retractedEventsAreStruckThroughWithTheReason() throws {
    let page = try #require(try Self.pages().first { $0.0 == "person" }?.1)
    #expect(page.contains("<del>&lt;script&gt;"))
    #expect(page.contains("Tillbakadragen: &lt;script&gt;"))
  }

  static func ids(of page: String, element: String) -> [String] {
    var out: [String] = []
    for chunk in page.components(separatedBy: "<\(element) ").dropFirst() {
      let tag = chunk.prefix { $0 != ">" }
      if tag.contains("type=\"hidden\"") { continue }
      guard let r = tag.range(of: "id=\"") else {
        out.append("(ohne id)")
        continue
      }
      out.append(String(tag[r.upperBound...].prefix { $0 != "\"" }))
    }
    return out
  }
}
