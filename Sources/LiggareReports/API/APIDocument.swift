public import LiggareBasics

/// The JSON documents of API version 1 that are not views or reports: the log head, an append's
/// outcome, a report check and an error (schemas in docs/api/, described in docs/api.md). The server
/// writes exactly these, with `JSONValue.prettyText`, so every answer has one shape.
public enum APIDocument {
  /// The error codes of `{"error": {"code": …}}`, each with the HTTP status it goes with.
  public enum ErrorCode: String, Sendable, CaseIterable {
    /// 400: a malformed request (query, body syntax, date).
    case badRequest = "bad_request"
    /// 401: no account, or a wrong/expired token or session.
    case unauthorized
    /// 403: the account's role or scopes do not allow it (also CSRF failures).
    case forbidden
    /// 404: no such route, or nothing the caller may see by that id.
    case notFound = "not_found"
    /// 405: the route exists for another method.
    case methodNotAllowed = "method_not_allowed"
    /// 409: the log is busy or an id is taken with other content.
    case conflict
    /// 412: `If-Match` named a head that is no longer the head.
    case preconditionFailed = "precondition_failed"
    /// 413: a body or header beyond the limits.
    case payloadTooLarge = "payload_too_large"
    /// 422: well-formed, but an event breaks a rule of the rulebook.
    case unprocessable
    /// 429: too many failed logins; wait.
    case tooManyRequests = "too_many_requests"
    /// 503: every worker busy, or shutting down.
    case unavailable
    /// 500: a fault of ours; the message says what, nothing was written.
    case `internal`

    /// The HTTP status.
    public var status: Int {
      switch self {
      case .badRequest: 400
      case .unauthorized: 401
      case .forbidden: 403
      case .notFound: 404
      case .methodNotAllowed: 405
      case .conflict: 409
      case .preconditionFailed: 412
      case .payloadTooLarge: 413
      case .unprocessable: 422
      case .tooManyRequests: 429
      case .unavailable: 503
      case .internal: 500
      }
    }
  }

  static func version() -> JSONValue { .number(Double(ViewJSON.apiVersion)) }

  /// `{"seq", "hash", "recordedAt"}`: a head as its members.
  public static func headMembers(seq: UInt64, hash: String, recordedAt: Timestamp?) -> JSONValue {
    [
      "seq": .number(Double(seq)), "hash": .string(hash),
      "recordedAt": recordedAt.map { .string($0.description) } ?? .null,
    ]
  }

  /// `GET /api/v1/head`: `{"apiVersion", "head": {"seq", "hash", "recordedAt"}}`.
  public static func head(seq: UInt64, hash: String, recordedAt: Timestamp?) -> JSONValue {
    ["apiVersion": version(), "head": headMembers(seq: seq, hash: hash, recordedAt: recordedAt)]
  }

  /// An error body: `{"apiVersion", "error": {"code", "message", "line", "field"}}`; the message is
  /// Swedish, `line` the 1-based line of the request body and `field` the member at fault, when known.
  public static func error(_ code: ErrorCode, message: String, line: Int? = nil, field: String? = nil)
    -> JSONValue
  {
    [
      "apiVersion": version(),
      "error": [
        "code": .string(code.rawValue), "message": .string(message),
        "line": line.map { .number(Double($0)) } ?? .null, "field": field.map(JSONValue.string) ?? .null,
      ],
    ]
  }

  /// What `POST /api/v1/events` or `/attendance` did (as `liggare import` reports it).
  public static func appendResult(
    dryRun: Bool, appended: Int, alreadyPresent: Int, firstSeq: UInt64?, headSeq: UInt64, headHash: String,
    headRecordedAt: Timestamp?
  ) -> JSONValue {
    [
      "apiVersion": version(), "dryRun": .bool(dryRun), "appended": .number(Double(appended)),
      "alreadyPresent": .number(Double(alreadyPresent)),
      "firstSeq": firstSeq.map { .number(Double($0)) } ?? .null,
      "head": headMembers(seq: headSeq, hash: headHash, recordedAt: headRecordedAt),
    ]
  }

  /// `POST /api/v1/reports/verify`: whether the file equals the report recomputed from the parameters it
  /// carries, and where they first differ. `scopeName` is the scope's name at Y-12-31 (nil if unknown).
  public static func verification(request: ReportRequest, scopeName: String?, firstDifference: Int?)
    -> JSONValue
  {
    [
      "apiVersion": version(), "matches": .bool(firstDifference == nil),
      "firstDifference": firstDifference.map { .number(Double($0)) } ?? .null,
      "year": .number(Double(request.year)), "knownAt": .string(request.knownAt.description),
      "scope": request.scope.map { ViewJSON.nodeRef($0, name: scopeName) } ?? .null,
      "format": .string(request.format.rawValue),
      "csvDialect": request.format == .csv ? .string(request.csvDialect.rawValue) : .null,
    ]
  }
}
