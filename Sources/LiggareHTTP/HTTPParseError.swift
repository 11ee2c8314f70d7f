/// Why a request was refused before it reached the application, with the status it is answered with.
/// `description` is the Swedish message for the person or program that sent it.
public enum HTTPParseError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The request line is longer than the limit (414).
  case requestLineTooLong(limit: Int)
  /// The request line is not `METHOD SP target SP HTTP/x.y` (400).
  case malformedRequestLine
  /// The method is not a token (400).
  case invalidMethod
  /// The request target or its path cannot be accepted (400).
  case invalidTarget(PathProblem)
  /// The query string is not valid percent-encoded UTF-8 without NUL (400).
  case invalidQuery
  /// An HTTP version other than 1.0 and 1.1 (505).
  case unsupportedVersion(String)
  /// A line ends in a bare LF or contains a bare CR (400). Only CRLF ends a line.
  case bareLineEnding
  /// The header section is larger than the limit (431).
  case headersTooLarge(limit: Int)
  /// More header fields than the limit (431).
  case tooManyHeaderFields(limit: Int)
  /// A header line is not `name: value` (400).
  case malformedHeader(line: Int)
  /// A header line starts with a space or tab: obsolete line folding (400).
  case obsoleteLineFolding(line: Int)
  /// A header field value contains a control character or is not UTF-8 (400).
  case invalidHeaderValue(name: String)
  /// An HTTP/1.1 request without `Host`, or any request with more than one (400).
  case badHost
  /// `Content-Length` is not a decimal number (400).
  case invalidContentLength
  /// `Content-Length` appears with different values (400).
  case conflictingContentLengths
  /// Both `Content-Length` and `Transfer-Encoding` (400): a request-smuggling shape.
  case contentLengthWithTransferEncoding
  /// `Transfer-Encoding` (chunked or other) is not supported (501): send `Content-Length`.
  case transferEncodingNotSupported
  /// The body is larger than the limit (413).
  case bodyTooLarge(length: Int, limit: Int)
  /// An `Expect` other than `100-continue` (417).
  case unsupportedExpectation
  /// The request did not arrive within the read timeout (408).
  case timeout
  /// The server is receiving too many bodies at once to take this one now (503); try again shortly.
  case busy
  /// Every connection the server allows is open (503, before anything of the request is read).
  case tooManyConnections

  /// What is wrong with a request target.
  public enum PathProblem: Equatable, Sendable {
    /// The target does not start with `/` (absolute-form, authority-form and `*` are not served).
    case notOriginForm
    /// The target contains a byte that is not visible ASCII, or a `#`.
    case invalidCharacter
    /// A `%` not followed by two hexadecimal digits.
    case badPercentEncoding
    /// The decoded path is not UTF-8.
    case invalidUTF8
    /// The decoded path contains NUL or another control character.
    case controlCharacter
    /// A segment encodes `/` (`%2F`), which would change how the path splits.
    case encodedSlash
    /// A `.` or `..` segment (also when encoded, `%2e%2e`).
    case dotSegment
  }

  /// The status the request is answered with.
  public var status: HTTPStatus {
    switch self {
    case .requestLineTooLong: .uriTooLong
    case .unsupportedVersion: .httpVersionNotSupported
    case .headersTooLarge, .tooManyHeaderFields: .headerFieldsTooLarge
    case .transferEncodingNotSupported: .notImplemented
    case .bodyTooLarge: .contentTooLarge
    case .unsupportedExpectation: .expectationFailed
    case .timeout: .requestTimeout
    case .busy, .tooManyConnections: .serviceUnavailable
    default: .badRequest
    }
  }

  /// The Swedish message.
  public var description: String {
    switch self {
    case .requestLineTooLong(let limit):
      "Begäranraden är längre än \(limit) byte."
    case .malformedRequestLine:
      "Begäranraden ska vara METOD, sökväg och HTTP-version åtskilda av ett mellanslag."
    case .invalidMethod:
      "Metoden i begäranraden innehåller otillåtna tecken."
    case .invalidTarget(let problem):
      "Sökvägen kan inte tas emot: " + problem.swedish
    case .invalidQuery:
      "Frågesträngen (efter ?) är inte giltig procentkodad UTF-8 utan NUL."
    case .unsupportedVersion(let version):
      "HTTP-versionen \(version) stöds inte; använd HTTP/1.1."
    case .bareLineEnding:
      "En rad i begäran slutar inte med CRLF."
    case .headersTooLarge(let limit):
      "Rubrikfälten är större än \(limit) byte tillsammans."
    case .tooManyHeaderFields(let limit):
      "Begäran har fler än \(limit) rubrikfält."
    case .malformedHeader(let line):
      "Rubrikrad \(line) är inte på formen namn: värde."
    case .obsoleteLineFolding(let line):
      "Rubrikrad \(line) börjar med blanktecken (radvikning stöds inte)."
    case .invalidHeaderValue(let name):
      "Rubrikfältet \(name) innehåller kontrolltecken eller är inte UTF-8."
    case .badHost:
      "Begäran ska ha exakt ett Host-fält."
    case .invalidContentLength:
      "Content-Length är inte ett heltal."
    case .conflictingContentLengths:
      "Begäran har flera olika Content-Length."
    case .contentLengthWithTransferEncoding:
      "Begäran har både Content-Length och Transfer-Encoding."
    case .transferEncodingNotSupported:
      "Transfer-Encoding stöds inte; skicka kroppen med Content-Length."
    case .bodyTooLarge(let length, let limit):
      "Kroppen är \(length) byte; högst \(limit) byte tas emot."
    case .unsupportedExpectation:
      "Bara Expect: 100-continue stöds."
    case .timeout:
      "Begäran kom inte fram i tid."
    case .busy:
      "Servern tar emot för mycket data just nu. Försök igen om en stund."
    case .tooManyConnections:
      "Servern har för många anslutningar just nu. Försök igen om en stund."
    }
  }
}

extension HTTPParseError.PathProblem {
  var swedish: String {
    switch self {
    case .notOriginForm: "den ska börja med /."
    case .invalidCharacter: "den innehåller otillåtna tecken."
    case .badPercentEncoding: "ett % följs inte av två hexadecimala siffror."
    case .invalidUTF8: "den avkodade sökvägen är inte UTF-8."
    case .controlCharacter: "den innehåller NUL eller andra kontrolltecken."
    case .encodedSlash: "den innehåller ett kodat snedstreck (%2F)."
    case .dotSegment: "den innehåller ett segment . eller .. (även kodat)."
    }
  }
}
