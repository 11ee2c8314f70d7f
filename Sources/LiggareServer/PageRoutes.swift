import LiggareAccess
import LiggareBasics
import LiggareDomain
import LiggareHTTP
import LiggareKit
import LiggareReports
import LiggareStorage
import LiggareWeb

#if canImport(Glibc)
  import Glibc
#endif

/// The web pages' routes (issue 12): every page is drawn by `LiggareWeb` from the same view data the
/// API returns. Every state-changing request is a POST with the session's CSRF token (the login form
/// with a pre-session token), and every page with a unit or a person checks the viewer's scopes: a
/// page outside them answers exactly as a page that does not exist (404).
public enum PageRoutes {
  public static let all: [Route] = [
    Route("GET", "/", .anyone, start),
    Route("GET", "/login", .anyone, loginPage),
    Route("GET", "/accessibility", .anyone, accessibility),
    Route("GET", "/static/liggare.css", .anyone, stylesheet),
    Route("GET", "/register", .permission(.logEvents), registerIndex),
    Route("GET", "/register/attendance", .permission(.logEvents), attendanceForm),
    Route("POST", "/register/attendance", .permission(.logEvents), checksOwnCSRF: true, attendancePost),
    Route("GET", "/register/assessments", .permission(.logEvents), assessmentsForm),
    Route("POST", "/register/assessments", .permission(.logEvents), checksOwnCSRF: true, assessmentsPost),
    Route("GET", "/register/{form}", .permission(.logEvents), eventForm),
    Route("POST", "/register/{form}", .permission(.logEvents), eventPost),
    Route("GET", "/search", .permission(.search), search),
    Route("GET", "/unit", .permission(.readViews), myUnit),
    Route("GET", "/unit/{id}", .permission(.readViews), unitPage),
    Route("GET", "/unit/{id}/print", .permission(.readViews), unitPrint),
    Route("GET", "/unit/{id}/gaps.csv", .permission(.readViews), unitGapsCSV),
    Route("GET", "/person/{id}", .permission(.readPersonNames), personPage),
    Route("GET", "/city", .roles([.office]), cityPage),
    Route("GET", "/report", .permission(.readReports), reportPage),
    Route("GET", "/report/download", .permission(.readReports), reportDownload),
    Route("POST", "/report/verify", .permission(.readReports), checksOwnCSRF: true, reportVerify),
    // Beslut: the log's status is the central office's page (issue 12), and a coordinator's, who
    // may run the check; heads and the admin are refused as on every other page outside their role.
    Route("GET", "/status", .roles([.office, .coordinator]), statusPage),
    Route("POST", "/status/verify", .roles([.office, .coordinator]), statusVerify),
    Route("GET", "/admin", .permission(.manageAccounts), adminPage),
    Route("POST", "/admin/accounts", .permission(.manageAccounts), adminAdd),
    Route("POST", "/admin/disable", .permission(.manageAccounts), adminDisable),
    Route("POST", "/admin/token", .permission(.manageAccounts), adminToken),
    Route("POST", "/admin/person", .permission(.manageAccounts), adminPerson),
  ]

  /// The cookie carrying the login form's pre-session CSRF token (double submit).
  static let loginCookie = "liggare_login"

  // MARK: - Shared

  /// The signed-in person as the pages see them.
  static func viewer(_ c: RequestContext) throws(APIError) -> Viewer {
    let principal = try c.caller
    let role = WebRole(rawValue: principal.role.rawValue) ?? .head
    let city = c.state.snapshot.state(asOf: c.now.stockholmDate).city?.id
    let scopes = principal.coversCity ? [city ?? "stad"] : principal.scopes
    var viewer = Viewer(
      name: principal.name, roles: [role], scopes: scopes, csrfToken: c.session?.csrfToken ?? "")
    viewer.person = principal.person
    return viewer
  }

  static func html(_ bytes: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
    var r = HTTPResponse(status: status, body: bytes)
    r.headers.set("Content-Type", "text/html; charset=utf-8")
    return r
  }

  /// The same answer for a page that does not exist and one outside the viewer's scopes.
  static func notFound(_ c: RequestContext) -> HTTPResponse {
    html(BasicPages.notFound(viewer: try? viewer(c)), status: .notFound)
  }

  /// A refusal as a whole page: the same "does not exist" page for 404 as a scope refusal gives.
  static func errorPage(_ error: APIError) -> HTTPResponse {
    if error.status == .notFound { return html(BasicPages.notFound(viewer: nil), status: .notFound) }
    let message = error.message.isEmpty ? "Det gick inte." : EventForm.capitalized(error.message) + "."
    return html(BasicPages.refused(viewer: nil, message: message), status: error.status)
  }

  /// `as-of` (default today) and `known-at` (a date or instant; default now) from the query.
  static func moment(_ c: RequestContext) throws(APIError) -> (
    asOf: CivilDate, knownAt: Timestamp, knownText: String?
  ) {
    var asOf = c.now.stockholmDate
    if let text = c.query("as-of"), !text.isEmpty {
      guard let date = CivilDate(parsing: text) else {
        throw .badRequest("”\(text)” är inget datum; skriv ÅÅÅÅ-MM-DD", field: "as-of")
      }
      asOf = date
    }
    guard let text = c.query("known-at"), !text.isEmpty else { return (asOf, c.now, nil) }
    if let instant = Timestamp(parsing: text) { return (asOf, instant, text) }
    if let date = CivilDate(parsing: text) { return (asOf, Timestamp.endOfDayInStockholm(date), text) }
    throw .badRequest("”\(text)” är varken ett datum eller en tidpunkt", field: "known-at")
  }

  /// A fresh random token (32 bytes, hex).
  static func randomToken() -> String {
    SystemRandom().bytes(32).map {
      String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16)
    }
    .joined()
  }

  // MARK: - Public pages

  @Sendable static func start(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    guard c.principal != nil else { return .redirect(to: "/login") }
    return html(BasicPages.start(viewer: try viewer(c)))
  }

  @Sendable static func loginPage(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    if c.principal != nil, c.session != nil { return .redirect(to: "/") }
    let token = c.request.cookies[loginCookie].flatMap { $0.count == 64 ? $0 : nil } ?? randomToken()
    var state = FormState()
    var notice: String?
    switch c.query("error") {
    case "1":
      state.errors = [
        FieldError(field: "name", message: "Fel användarnamn eller lösenord, eller så är kontot avstängt")
      ]
    case "csrf":
      state.errors = [FieldError(field: "name", message: "Formuläret hade gått ut; försök igen")]
    default: break
    }
    if c.query("out") == "1" { notice = "Du är utloggad." }
    var r = html(BasicPages.login(csrfToken: token, state: state, notice: notice))
    r.headers.add(
      "Set-Cookie",
      "\(loginCookie)=\(token); Path=/login; HttpOnly; SameSite=Strict"
        + (c.app.configuration.behindTLSProxy ? "; Secure" : ""))
    return r
  }

  /// Whether a login form's token matches its pre-session cookie (constant time).
  static func loginTokenMatches(_ c: RequestContext) -> Bool {
    guard let cookie = c.request.cookies[loginCookie], cookie.count == 64,
      let form = c.request.form?.value(for: "csrf"), form.utf8.count == cookie.utf8.count
    else { return false }
    var diff: UInt8 = 0
    for (a, b) in zip(cookie.utf8, form.utf8) { diff |= a ^ b }
    return diff == 0
  }

  @Sendable static func accessibility(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    html(BasicPages.accessibility(viewer: try? viewer(c)))
  }

  @Sendable static func stylesheet(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    var r = HTTPResponse(status: .ok, body: Array(Stylesheet.css.utf8))
    r.headers.set("Content-Type", "text/css; charset=utf-8")
    r.headers.set("Cache-Control", "max-age=300")
    return r
  }
}
