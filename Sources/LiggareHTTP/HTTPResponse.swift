import Glibc

/// A response: status, header fields and body bytes.
///
/// The server writes `Content-Length` itself (always, except for 1xx, 204 and 304, which have no body),
/// and `Connection` and `Date`; fields of those names set by the application are ignored. A field whose
/// name is not a token or whose value contains CR, LF or NUL is left out (no header injection). For a
/// `HEAD` request the server sends the head only, with the length of the body the handler made.
public struct HTTPResponse: Sendable {
  /// The status.
  public var status: HTTPStatus
  /// The header fields the application sets.
  public var headers: HTTPHeaders
  /// The body bytes.
  public var body: [UInt8]

  /// A response with this status, fields and body.
  public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// A `text/plain; charset=utf-8` response.
  public static func text(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
    HTTPResponse(
      status: status, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]),
      body: Array(text.utf8))
  }

  /// An `application/json` response with these bytes (already JSON).
  public static func json(_ body: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
    HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json")]), body: body)
  }

  /// An `application/json` response with this text (already JSON).
  public static func json(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
    json(Array(text.utf8), status: status)
  }

  /// A `text/html; charset=utf-8` response (the text must already be escaped where it needs to be).
  public static func html(_ html: String, status: HTTPStatus = .ok) -> HTTPResponse {
    HTTPResponse(
      status: status, headers: HTTPHeaders([("Content-Type", "text/html; charset=utf-8")]),
      body: Array(html.utf8))
  }

  /// A redirect (303 See Other by default: after a form POST the browser GETs `location`). The location
  /// should be a path on this server; one containing CR, LF or NUL is dropped when written.
  public static func redirect(to location: String, status: HTTPStatus = .seeOther) -> HTTPResponse {
    HTTPResponse(
      status: status,
      headers: HTTPHeaders([("Location", location), ("Content-Type", "text/plain; charset=utf-8")]),
      body: Array("Se \(location)\n".utf8))
  }

  /// The security fields `addingSecurityHeaders()` adds: no MIME sniffing, no framing, no referrer, no
  /// caching, and a content security policy that allows only this origin's own scripts, styles and forms.
  public static let securityHeaders: [(name: String, value: String)] = [
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
    (
      "Content-Security-Policy",
      "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
    ),
  ]

  /// This response with every field of `securityHeaders` the response does not already set.
  public func addingSecurityHeaders() -> HTTPResponse {
    var copy = self
    for field in HTTPResponse.securityHeaders where !copy.headers.contains(field.name) {
      copy.headers.add(field.name, field.value)
    }
    return copy
  }

  /// The bytes on the wire: status line, fields, `Content-Length`, `Connection` and `Date` as the server
  /// writes them, then the body unless `headOnly` (for a HEAD request). `keepAlive` false writes
  /// `Connection: close`; `http10KeepAlive` writes `Connection: keep-alive` (an HTTP/1.0 client asked).
  public func serialized(keepAlive: Bool, http10KeepAlive: Bool = false, headOnly: Bool = false) -> [UInt8] {
    var head = "HTTP/1.1 \(status.code) \(sanitizedReason)\r\n"
    for field in headers.fields where HTTPResponse.mayWrite(field) {
      head += "\(field.name): \(field.value)\r\n"
    }
    if !status.forbidsBody { head += "Content-Length: \(body.count)\r\n" }
    if !keepAlive {
      head += "Connection: close\r\n"
    } else if http10KeepAlive {
      head += "Connection: keep-alive\r\n"
    }
    head += "Date: \(httpDate(time(nil)))\r\n\r\n"
    var bytes = Array(head.utf8)
    if !headOnly && !status.forbidsBody { bytes += body }
    return bytes
  }

  private var sanitizedReason: String {
    String(decoding: status.reason.utf8.filter { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }, as: UTF8.self)
  }

  private static let serverFields = ["content-length", "connection", "date", "transfer-encoding"]

  private static func mayWrite(_ field: (name: String, value: String)) -> Bool {
    guard isToken(field.name) else { return false }
    if serverFields.contains(where: { asciiCaseInsensitiveEquals($0, field.name) }) { return false }
    return !field.value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
  }
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) for a `Date` field.
func httpDate(_ seconds: time_t) -> String {
  var t = seconds
  var parts = tm()
  gmtime_r(&t, &parts)
  let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
  let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
  func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
  let day = days[Int(parts.tm_wday) % 7]
  let month = months[Int(parts.tm_mon) % 12]
  return
    "\(day), \(two(parts.tm_mday)) \(month) \(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
}
