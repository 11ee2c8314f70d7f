import Foundation
import LiggareHTTP
import Testing

/// A browser's session on the fixture's pages, in memory: logged in through the login form (with
/// its pre-session CSRF cookie), then the session cookie and the session's CSRF token on every
/// request, as a browser sends them.
struct PageSession {
  let fixture: ServerFixture
  let cookie: String
  let csrf: String

  /// Logs `name` in with the fixture's password for it (`lösenord-för-NAME`, or `password`).
  init(_ fixture: ServerFixture, as name: String, password: String? = nil) throws {
    self.fixture = fixture
    let page = try fixture.call("GET", "/login", as: nil)
    let loginCookie = try #require(
      page.headers.values(for: "Set-Cookie").first { $0.hasPrefix("liggare_login=") }?
        .split(separator: ";").first.map(String.init))
    let token = String(loginCookie.dropFirst("liggare_login=".count))
    let body = PageSession.form([
      ("name", name), ("password", password ?? "lösenord-för-\(name)"), ("csrf", token),
    ])
    let login = try fixture.call(
      "POST", "/login", as: nil, body: body,
      headers: [("Cookie", loginCookie), ("Content-Type", "application/x-www-form-urlencoded")])
    let session = try #require(
      login.headers.values(for: "Set-Cookie").first { $0.hasPrefix("liggare_session=") }?
        .split(separator: ";").first.map(String.init), "login failed: \(login.status.code)")
    cookie = session
    let start = try fixture.call("GET", "/accessibility", as: nil, headers: [("Cookie", session)])
    csrf = try #require(PageSession.csrfToken(in: ServerFixture.text(start)))
  }

  /// The value of the first hidden `csrf` field in a page.
  static func csrfToken(in page: String) -> String? {
    guard let range = page.range(of: #"name="csrf" value=""#) else { return nil }
    let rest = page[range.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
  }

  /// An `application/x-www-form-urlencoded` body.
  static func form(_ fields: [(String, String)]) -> [UInt8] {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return Array(
      fields.map { name, value in
        let v = value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        return "\(name)=\(v)"
      }
      .joined(separator: "&").utf8)
  }

  /// A page.
  func get(_ target: String) throws -> HTTPResponse {
    try fixture.call("GET", target, as: nil, headers: [("Cookie", cookie)])
  }

  /// A form posted with the session's CSRF token (unless `csrf` is given, e.g. a wrong one).
  func post(_ target: String, _ fields: [(String, String)], csrf: String? = nil) throws -> HTTPResponse {
    try fixture.call(
      "POST", target, as: nil, body: PageSession.form(fields + [("csrf", csrf ?? self.csrf)]),
      headers: [("Cookie", cookie), ("Content-Type", "application/x-www-form-urlencoded")])
  }

  /// A multipart form with one file part (`file`) and the session's CSRF token.
  func upload(_ target: String, _ fields: [(String, String)], file: String, named name: String) throws
    -> HTTPResponse
  {
    let boundary = "liggareTestBoundary7d1f"
    var body = ""
    for (n, v) in fields + [("csrf", csrf)] {
      body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(n)\"\r\n\r\n\(v)\r\n"
    }
    body +=
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\n"
      + "Content-Type: text/csv\r\n\r\n\(file)\r\n--\(boundary)--\r\n"
    return try fixture.call(
      "POST", target, as: nil, body: Array(body.utf8),
      headers: [("Cookie", cookie), ("Content-Type", "multipart/form-data; boundary=\(boundary)")])
  }
}
