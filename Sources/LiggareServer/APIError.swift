public import LiggareBasics
import LiggareDomain
public import LiggareHTTP
public import LiggareKit
public import LiggareQueries
public import LiggareReports
import LiggareStorage

/// An API answer that is not a success: a status and `{"error": {"code", "message", "line",
/// "field"}}` with the message in Swedish.
public struct APIError: Error, Sendable, Hashable {
  public var status: HTTPStatus
  /// A stable English code for programs (`unauthorized`, `not-found`, `rule`, …).
  public var code: String
  /// Swedish, for people.
  public var message: String
  /// The line of the request body the error concerns, if any.
  public var line: Int?
  /// The field the error concerns, if any.
  public var field: String?
  /// Extra response fields (`WWW-Authenticate`, `Retry-After`).
  public var headers: [(String, String)] = []

  /// An error with these parts.
  public init(_ status: HTTPStatus, _ code: String, _ message: String, line: Int? = nil, field: String? = nil)
  {
    self.status = status
    self.code = code
    self.message = message
    self.line = line
    self.field = field
  }

  public static func == (a: APIError, b: APIError) -> Bool {
    a.status == b.status && a.code == b.code && a.message == b.message && a.line == b.line
      && a.field == b.field
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(code)
    hasher.combine(message)
  }

  /// The JSON body (docs/api/error.schema.json).
  public var json: JSONValue {
    APIDocument.error(code, message: message, line: line, field: field)
  }

  /// The response.
  public var response: HTTPResponse {
    var r = HTTPResponse.json(json.prettyText, status: status)
    for (name, value) in headers { r.headers.set(name, value) }
    return r
  }

  // MARK: - Common answers

  /// No (valid) credentials.
  public static let unauthorized: APIError = {
    var e = APIError(
      .unauthorized, "unauthorized",
      "inloggning krävs: logga in, eller skicka Authorization: Bearer <token> (liggare account token NAMN)")
    e.headers = [("WWW-Authenticate", "Bearer realm=\"liggare\"")]
    return e
  }()

  /// The role does not allow the route at all.
  public static func forbidden(_ what: String) -> APIError {
    APIError(.forbidden, "forbidden", "din roll får inte \(what)")
  }

  /// Not found, or outside the caller's scope (the same answer).
  public static func notFound(_ message: String) -> APIError {
    APIError(.notFound, "not-found", message)
  }

  /// A query parameter or body that cannot be used.
  public static func badRequest(_ message: String, field: String? = nil) -> APIError {
    APIError(.badRequest, "bad-request", message, field: field)
  }

  /// A state-changing browser request without the session's CSRF token.
  public static let csrf = APIError(
    .forbidden, "csrf", "formuläret har gått ut eller kom inte från Liggare; ladda om sidan och försök igen")

  /// The right answer to a ledger error.
  public static func from(_ error: LedgerError) -> APIError {
    switch error {
    case .decoding(let place, let e):
      return APIError(.badRequest, "invalid-event", "\(error)", line: place.line, field: e.field)
    case .rule(let place, _, let violation):
      return APIError(.unprocessableContent, "rule", "\(error)", line: place.line, field: violation.field)
    case .conflictingDuplicate(let place, _, _):
      return APIError(.conflict, "conflicting-duplicate", "\(error)", line: place.line, field: "id")
    case .recordedAtTooEarly(let place, _, _, _), .recordedAtInFuture(let place, _, _, _):
      return APIError(.unprocessableContent, "recorded-at", "\(error)", line: place.line, field: "recordedAt")
    case .lineTooLong(let place, _):
      return APIError(.contentTooLarge, "line-too-long", "\(error)", line: place.line)
    case .attendance(let place, _):
      return APIError(.unprocessableContent, "attendance", "\(error)", line: place.line)
    case .headMoved:
      return APIError(.preconditionFailed, "head-moved", "\(error)", field: "If-Match")
    case .log(.locked):
      var e = APIError(
        .serviceUnavailable, "busy", "loggen skrivs av en annan process just nu; försök igen om en stund")
      e.headers = [("Retry-After", "5")]
      return e
    case .log, .io, .corruptRecord, .register:
      return APIError(.serviceUnavailable, "storage", "\(error)")
    }
  }

  /// The right answer to a view error (404: it names something that is not there).
  public static func from(_ error: ViewError) -> APIError {
    APIError(.notFound, "not-found", "\(error)")
  }

  /// The right answer to a report error.
  public static func from(_ error: ReportQueryError) -> APIError {
    switch error {
    case .ledger(let e): return from(e)
    case .report(.unknownScope): return APIError(.notFound, "not-found", "\(error)", field: "scope")
    case .report(.noData): return APIError(.notFound, "no-data", "\(error)", field: "year")
    case .report(.invalidYear): return APIError(.badRequest, "bad-request", "\(error)", field: "year")
    case .report(.headMismatch): return APIError(.conflict, "head-mismatch", "\(error)")
    case .notAReport: return APIError(.unprocessableContent, "not-a-report", "\(error)")
    }
  }
}

extension EventDecodingError {
  /// The field the error names, if any.
  var field: String? {
    switch self {
    case .missingField(let f), .wrongKind(let f, _), .invalidValue(let f, _, _): f
    case .missingEnvelopeField(let f), .unknownEnvelopeField(let f), .duplicateEnvelopeField(let f): f
    case .invalidEnvelopeField(let f, _, _): f
    case .unknownFields(let fields, _): fields.first
    case .unknownType: "type"
    case .dataNotAnObject: "data"
    default: nil
    }
  }
}

extension RuleViolation {
  /// The field the rule concerns, if it names one.
  var field: String? {
    switch self {
    case .outOfRange(let f, _, _): f
    case .emptyField(let f): f
    case .occurredAfterRecorded: "occurredOn"
    default: nil
    }
  }
}
