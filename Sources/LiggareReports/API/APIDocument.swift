public import LiggareBasics
public import LiggareDomain

/// The JSON documents of API version 1 that are not views or reports: the log head, an append's
/// outcome, a report check, a search answer and an error (schemas in docs/api/, described in
/// docs/api.md). The server writes exactly these, with `JSONValue.prettyText`, so that every answer has
/// the shape its schema states (the report tests validate these builders against the schemas).
public enum APIDocument {
  /// The error codes of `{"error": {"code": …}}`, each with its HTTP status (docs/api.md, "Errors").
  public enum ErrorCode: String, Sendable, CaseIterable {
    /// 400: a malformed request: path, query parameter, form.
    case badRequest = "bad-request"
    /// 400: a line of an events body that is not a valid event (JSON, members, values).
    case invalidEvent = "invalid-event"
    /// 401: no account, or a wrong, replaced or expired token or session, or a disabled account.
    case unauthorized
    /// 403: the role may not use the route.
    case forbidden
    /// 403: a state-changing browser request without the session's CSRF token.
    case csrf
    /// 403: an event about a person or unit outside a coordinator's scopes.
    case outOfScope = "out-of-scope"
    /// 404: no such route, an unknown id, or an id outside the caller's scopes (the same answer).
    case notFound = "not-found"
    /// 404: no data for the report's year.
    case noData = "no-data"
    /// 405: the path exists for another method.
    case methodNotAllowed = "method-not-allowed"
    /// 409: an event id already in the log with other content.
    case conflictingDuplicate = "conflicting-duplicate"
    /// 409: the report's head did not match the log (a fault of consistency; retry).
    case headMismatch = "head-mismatch"
    /// 412: `If-Match` does not name the current head.
    case headMoved = "head-moved"
    /// 413: a body, a line of it, or the headers beyond their limits.
    case lineTooLong = "line-too-long"
    /// 413: the request is larger than the server takes.
    case payloadTooLarge = "payload-too-large"
    /// 422: an event breaks a rule of the rulebook.
    case rule
    /// 422: an event's recordedAt is earlier than the log's latest or in the future.
    case recordedAt = "recorded-at"
    /// 422: an attendance list that cannot be used (columns, persons, hours).
    case attendance
    /// 422: a verify body that is not a Liggare report.
    case notAReport = "not-a-report"
    /// 429: too many failed logins from the account or address.
    case throttled
    /// 503: the log is being written by another process; retry after `Retry-After`.
    case busy
    /// 503: every worker busy, or shutting down.
    case unavailable
    /// 503: the log could not be read or written; nothing was appended.
    case storage
    /// 408: the request did not arrive whole within the read timeout (refused by the HTTP layer).
    case timeout
    /// 414: the request line is longer than the server takes.
    case requestLineTooLong = "request-line-too-long"
    /// 431: the header fields are too large or too many.
    case headersTooLarge = "headers-too-large"
    /// 417: an `Expect` other than `100-continue`.
    case expectationFailed = "expectation-failed"
    /// 501: `Transfer-Encoding` (send `Content-Length`).
    case notImplemented = "not-implemented"
    /// 505: an HTTP version other than 1.0 and 1.1.
    case httpVersionNotSupported = "http-version-not-supported"

    /// The HTTP status that goes with the code.
    public var status: Int {
      switch self {
      case .badRequest, .invalidEvent: 400
      case .unauthorized: 401
      case .forbidden, .csrf, .outOfScope: 403
      case .notFound, .noData: 404
      case .methodNotAllowed: 405
      case .conflictingDuplicate, .headMismatch: 409
      case .headMoved: 412
      case .lineTooLong, .payloadTooLarge: 413
      case .rule, .recordedAt, .attendance, .notAReport: 422
      case .throttled: 429
      case .busy, .unavailable, .storage: 503
      case .timeout: 408
      case .requestLineTooLong: 414
      case .headersTooLarge: 431
      case .expectationFailed: 417
      case .notImplemented: 501
      case .httpVersionNotSupported: 505
      }
    }
  }

  static var version: JSONValue { .number(Double(ViewJSON.apiVersion)) }

  static func head(_ seq: UInt64, _ hash: String, _ recordedAt: Timestamp?) -> [String: JSONValue] {
    [
      "seq": .number(Double(seq)), "hash": .string(hash),
      "recordedAt": recordedAt.map { .string($0.description) } ?? .null,
    ]
  }

  /// `GET /api/v1/head`: `{"apiVersion", "seq", "hash", "recordedAt"}` (recordedAt null for an empty log).
  public static func head(seq: UInt64, hash: String, recordedAt: Timestamp?) -> JSONValue {
    var o = head(seq, hash, recordedAt)
    o["apiVersion"] = version
    return .object(o)
  }

  /// An error body: `{"apiVersion", "error": {"code", "message", "line", "field"}}`. The message is
  /// Swedish, `line` the 1-based line of the request body and `field` the member or parameter at fault.
  public static func error(_ code: String, message: String, line: Int? = nil, field: String? = nil)
    -> JSONValue
  {
    [
      "apiVersion": version,
      "error": [
        "code": .string(code), "message": .string(message),
        "line": line.map { .number(Double($0)) } ?? .null, "field": field.map(JSONValue.string) ?? .null,
      ],
    ]
  }

  /// An error body for one of the documented codes.
  public static func error(_ code: ErrorCode, message: String, line: Int? = nil, field: String? = nil)
    -> JSONValue
  {
    error(code.rawValue, message: message, line: line, field: field)
  }

  /// What `POST /api/v1/events` or `/attendance` did (as `liggare import` reports it); `head` is the
  /// head after the append (unchanged for a dry run or when nothing was new).
  public static func appendResult(
    dryRun: Bool, appended: Int, alreadyPresent: Int, firstSeq: UInt64?, headSeq: UInt64, headHash: String,
    headRecordedAt: Timestamp?
  ) -> JSONValue {
    [
      "apiVersion": version, "dryRun": .bool(dryRun), "appended": .number(Double(appended)),
      "alreadyPresent": .number(Double(alreadyPresent)),
      "firstSeq": firstSeq.map { .number(Double($0)) } ?? .null,
      "head": .object(head(headSeq, headHash, headRecordedAt)),
    ]
  }

  /// `POST /api/v1/reports/verify`: whether the file equals the report recomputed from the parameters it
  /// carries, where they first differ, and the CLI's Swedish sentence saying so.
  public static func verification(
    matches: Bool, year: Int, knownAt: Timestamp, firstDifference: Int?, message: String
  ) -> JSONValue {
    [
      "apiVersion": version, "matches": .bool(matches), "year": .number(Double(year)),
      "knownAt": .string(knownAt.description),
      "firstDifference": firstDifference.map { .number(Double($0)) } ?? .null,
      "message": .string(message),
    ]
  }

  /// One person found: `{"id", "name", "unit"}`, `unit` the node reference of their placement on the
  /// search date (null when they have none).
  public static func personHit(id: String, name: String?, unitID: String?, unitName: String?) -> JSONValue {
    [
      "id": .string(id), "name": ViewJSON.optional(name),
      "unit": unitID.map { ViewJSON.nodeRef($0, name: unitName) } ?? .null,
    ]
  }

  /// `GET /api/v1/search?q=`: `{"apiVersion", "query", "persons", "units", "courses"}`; persons are
  /// `personHit`s, units `{"id", "name", "kind"}`, courses `{"id", "title"}`.
  public static func search(
    query: String, persons: [JSONValue], units: [(id: String, name: String, kind: UnitKind)],
    courses: [(id: String, title: String)]
  ) -> JSONValue {
    [
      "apiVersion": version, "query": .string(query), "persons": .array(persons),
      "units": .array(
        units.map { ["id": .string($0.id), "name": .string($0.name), "kind": .string($0.kind.rawValue)] }),
      "courses": .array(courses.map { ["id": .string($0.id), "title": .string($0.title)] }),
    ]
  }
}
