import LiggareAccess
import LiggareBasics
import LiggareHTTP

/// Logging in and out with the login form: a fresh session id (never the one the browser brought,
/// so no session fixation) in an `HttpOnly; SameSite=Strict` cookie, failures slowed per account
/// and address, every attempt in the access log.
public enum SessionRoutes {
  public static let all: [Route] = [
    Route("POST", "/login", .anyone, login),
    Route("POST", "/logout", .signedIn, logout),
  ]

  /// Where a failed login goes back to.
  static let loginFailed = "/login?error=1"

  @Sendable static func login(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    guard let form = c.request.form, let name = form.value(for: "name"),
      let password = form.value(for: "password")
    else {
      throw .badRequest("formuläret ska ha fälten name och password")
    }
    // Login CSRF: the form's token must be the one in its pre-session cookie (double submit).
    guard PageRoutes.loginTokenMatches(c) else {
      c.app.record(c, .denied, .refused, status: 303)
      return .redirect(to: "/login?error=csrf")
    }
    let app = c.app
    let wait = app.throttle.delay(account: name, address: c.address, now: c.now)
    if wait > 0 {
      app.record(
        AccessLog.Entry(
          at: c.now, action: .loginThrottled, outcome: .refused, address: c.address, route: c.route,
          status: 429))
      var e = APIError(
        .tooManyRequests, "throttled", "för många misslyckade inloggningar; försök igen om \(wait) sekunder")
      e.headers = [("Retry-After", "\(wait)")]
      throw e
    }
    switch app.accounts.login(name: name, password: password) {
    case .success(let principal):
      app.throttle.recordSuccess(account: name, address: c.address, now: c.now)
      let session = app.sessions.create(
        for: principal, now: c.now, replacing: c.request.cookies[app.configuration.sessionCookie])
      app.record(
        AccessLog.Entry(
          at: c.now, action: .login, outcome: .ok, account: principal.name, address: c.address,
          route: c.route,
          status: 303, method: .password))
      var r = HTTPResponse.redirect(to: "/")
      r.headers.add("Set-Cookie", app.sessionCookie(session.id))
      return r
    case .failure(let existing):
      app.throttle.recordFailure(account: name, address: c.address, now: c.now)
      app.record(
        AccessLog.Entry(
          at: c.now, action: .loginFailed, outcome: .refused, account: existing, address: c.address,
          route: c.route,
          status: 303))
      return .redirect(to: loginFailed)
    }
  }

  @Sendable static func logout(_ c: RequestContext) throws(APIError) -> HTTPResponse {
    if let session = c.session { c.app.sessions.destroy(session.id) }
    c.app.record(c, .logout, .ok, status: 303)
    var r = HTTPResponse.redirect(to: "/login?out=1")
    r.headers.add("Set-Cookie", c.app.expiredSessionCookie)
    return r
  }
}
