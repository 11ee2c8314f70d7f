/// An HTTP status code with its reason phrase (the phrase is only what the status line says).
public struct HTTPStatus: Sendable, Hashable, CustomStringConvertible {
  /// The three-digit code, 100...599.
  public let code: Int
  /// The reason phrase written on the status line.
  public let reason: String

  /// A status with this code; the reason phrase is the standard one (or "Status" for codes without one).
  public init(code: Int) {
    self.code = code
    self.reason = HTTPStatus.reasons[code] ?? "Status"
  }

  /// A status with this code and reason phrase.
  public init(code: Int, reason: String) {
    self.code = code
    self.reason = reason
  }

  /// `200 OK`, `404 Not Found`, ...
  public var description: String { "\(code) \(reason)" }

  /// Whether a response with this status carries neither a body nor `Content-Length` (1xx, 204, 304).
  public var forbidsBody: Bool { (100...199).contains(code) || code == 204 || code == 304 }

  static let reasons: [Int: String] = [
    100: "Continue", 200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 301: "Moved Permanently",
    302: "Found", 303: "See Other", 304: "Not Modified", 307: "Temporary Redirect", 308: "Permanent Redirect",
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
    406: "Not Acceptable", 408: "Request Timeout", 409: "Conflict", 410: "Gone", 411: "Length Required",
    412: "Precondition Failed", 413: "Content Too Large", 414: "URI Too Long", 415: "Unsupported Media Type",
    417: "Expectation Failed", 422: "Unprocessable Content", 428: "Precondition Required",
    429: "Too Many Requests", 431: "Request Header Fields Too Large", 500: "Internal Server Error",
    501: "Not Implemented", 503: "Service Unavailable", 505: "HTTP Version Not Supported",
  ]

  /// 200 OK.
  public static let ok = HTTPStatus(code: 200)
  /// 201 Created.
  public static let created = HTTPStatus(code: 201)
  /// 204 No Content.
  public static let noContent = HTTPStatus(code: 204)
  /// 302 Found.
  public static let found = HTTPStatus(code: 302)
  /// 303 See Other (the redirect after a form POST).
  public static let seeOther = HTTPStatus(code: 303)
  /// 304 Not Modified.
  public static let notModified = HTTPStatus(code: 304)
  /// 400 Bad Request.
  public static let badRequest = HTTPStatus(code: 400)
  /// 401 Unauthorized.
  public static let unauthorized = HTTPStatus(code: 401)
  /// 403 Forbidden.
  public static let forbidden = HTTPStatus(code: 403)
  /// 404 Not Found.
  public static let notFound = HTTPStatus(code: 404)
  /// 405 Method Not Allowed.
  public static let methodNotAllowed = HTTPStatus(code: 405)
  /// 408 Request Timeout.
  public static let requestTimeout = HTTPStatus(code: 408)
  /// 409 Conflict.
  public static let conflict = HTTPStatus(code: 409)
  /// 412 Precondition Failed.
  public static let preconditionFailed = HTTPStatus(code: 412)
  /// 413 Content Too Large.
  public static let contentTooLarge = HTTPStatus(code: 413)
  /// 414 URI Too Long.
  public static let uriTooLong = HTTPStatus(code: 414)
  /// 415 Unsupported Media Type.
  public static let unsupportedMediaType = HTTPStatus(code: 415)
  /// 417 Expectation Failed.
  public static let expectationFailed = HTTPStatus(code: 417)
  /// 422 Unprocessable Content.
  public static let unprocessableContent = HTTPStatus(code: 422)
  /// 429 Too Many Requests.
  public static let tooManyRequests = HTTPStatus(code: 429)
  /// 431 Request Header Fields Too Large.
  public static let headerFieldsTooLarge = HTTPStatus(code: 431)
  /// 500 Internal Server Error.
  public static let internalServerError = HTTPStatus(code: 500)
  /// 501 Not Implemented.
  public static let notImplemented = HTTPStatus(code: 501)
  /// 503 Service Unavailable.
  public static let serviceUnavailable = HTTPStatus(code: 503)
  /// 505 HTTP Version Not Supported.
  public static let httpVersionNotSupported = HTTPStatus(code: 505)
}
