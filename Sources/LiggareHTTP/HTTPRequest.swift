/// A parsed request, as the handler sees it. The path is decoded once, by the parser; the handler matches
/// it (or `pathSegments`) against its route table and never decodes it again.
public struct HTTPRequest: Sendable {
  /// The method token as sent (`GET`, `POST`, ...; methods are case-sensitive).
  public var method: String
  /// The request target exactly as sent (`/api/v1/units/u%2D1?asOf=2024-12-31`).
  public var target: String
  /// The decoded path (`/api/v1/units/u-1`): UTF-8, no NUL or control characters, no `.` or `..`
  /// segments, and no `/` that was percent-encoded, so splitting it at `/` gives the segments as sent.
  public var path: String
  /// The decoded query items.
  public var query: HTTPQuery
  /// The HTTP version: `HTTP/1.0` or `HTTP/1.1`.
  public var version: String
  /// The header fields.
  public var headers: HTTPHeaders
  /// The body (`Content-Length` bytes; empty without one).
  public var body: [UInt8]
  /// The peer's IP address as text (`127.0.0.1`, `::1`); empty for a request not read from a socket.
  public var remoteAddress: String
  /// Whether the connection stays open after the response (HTTP/1.1 unless `Connection: close`,
  /// HTTP/1.0 only with `Connection: keep-alive`).
  public var keepAlive: Bool

  /// A request with this target, decoded as the parser decodes it: for tests and for calling a handler
  /// without a socket. Throws `HTTPParseError.invalidTarget` or `.invalidQuery` as the parser would.
  public init(
    method: String, target: String, version: String = "HTTP/1.1", headers: HTTPHeaders = HTTPHeaders(),
    body: [UInt8] = [], remoteAddress: String = "", keepAlive: Bool = true
  ) throws(HTTPParseError) {
    let decoded = try decodeTarget(Array(target.utf8))
    self.method = method
    self.target = target
    self.path = decoded.path
    self.query = decoded.query
    self.version = version
    self.headers = headers
    self.body = body
    self.remoteAddress = remoteAddress
    self.keepAlive = keepAlive
  }

  init(
    method: String, target: String, path: String, query: HTTPQuery, version: String,
    headers: HTTPHeaders, body: [UInt8], remoteAddress: String, keepAlive: Bool
  ) {
    self.method = method
    self.target = target
    self.path = path
    self.query = query
    self.version = version
    self.headers = headers
    self.body = body
    self.remoteAddress = remoteAddress
    self.keepAlive = keepAlive
  }

  /// The decoded path split at `/`, without the leading empty segment: `/api/v1/head` gives
  /// `["api", "v1", "head"]`, `/` gives `[]`. Empty segments (`//`) are kept as empty strings.
  public var pathSegments: [String] {
    var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    if segments.first == "" { segments.removeFirst() }
    if segments == [""] { return [] }
    return segments
  }

  /// The cookies of the `Cookie` fields, name to value. When a name repeats, the first wins (browsers
  /// send the most specific cookie first). Pairs without `=` are skipped; values are not decoded.
  public var cookies: [String: String] {
    var result: [String: String] = [:]
    for field in headers.values(for: "Cookie") {
      for pair in field.split(separator: ";") {
        let trimmed = pair.trimmingSpaces()
        guard let equals = trimmed.firstIndex(of: "=") else { continue }
        let name = String(trimmed[..<equals].trimmingSpaces())
        var value = trimmed[trimmed.index(after: equals)...].trimmingSpaces()
        if value.count >= 2 && value.first == "\"" && value.last == "\"" {
          value = value.dropFirst().dropLast()
        }
        if !name.isEmpty && result[name] == nil { result[name] = String(value) }
      }
    }
    return result
  }

  /// The body decoded as `application/x-www-form-urlencoded` (`+` is a space), or nil when the request's
  /// `Content-Type` is not that or the body is not valid percent-encoded UTF-8 without NUL.
  public var form: HTTPQuery? {
    guard let type = headers["Content-Type"],
      let essence = type.split(separator: ";").first?.trimmingSpaces(),
      asciiCaseInsensitiveEquals(String(essence), "application/x-www-form-urlencoded")
    else { return nil }
    return HTTPQuery(decoding: body[...])
  }
}

/// Decoded `name=value` items of a query string or a form body, in order, repeats kept.
public struct HTTPQuery: Sendable, Sequence {
  /// The items in order.
  public var items: [(name: String, value: String)]

  /// A query with these items.
  public init(_ items: [(name: String, value: String)] = []) {
    self.items = items
  }

  /// Decodes `a=1&b=x+y&c` (`+` is a space, `c` has the value ""). Nil when a `%` is not followed by two
  /// hex digits, or a name or value is not UTF-8 or contains NUL.
  public init?(decoding bytes: ArraySlice<UInt8>) {
    var items: [(name: String, value: String)] = []
    for piece in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
      let equals = piece.firstIndex(of: UInt8(ascii: "="))
      let rawName = equals.map { piece[piece.startIndex..<$0] } ?? piece
      let rawValue = equals.map { piece[piece.index(after: $0)...] } ?? []
      guard let name = percentDecode(rawName, plusIsSpace: true),
        let value = percentDecode(rawValue, plusIsSpace: true),
        !name.contains(0), !value.contains(0),
        let nameText = String(validating: name, as: UTF8.self),
        let valueText = String(validating: value, as: UTF8.self)
      else { return nil }
      items.append((nameText, valueText))
    }
    self.items = items
  }

  /// The value of the first item with this name (exact, case-sensitive), or nil.
  public func value(for name: String) -> String? {
    items.first { $0.name == name }?.value
  }

  /// Every value of the items with this name, in order.
  public func values(for name: String) -> [String] {
    items.filter { $0.name == name }.map(\.value)
  }

  /// Iterates over the items in order.
  public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
    items.makeIterator()
  }
}

/// Percent-decodes bytes; nil when a `%` is not followed by two hex digits.
func percentDecode(_ bytes: ArraySlice<UInt8>, plusIsSpace: Bool) -> [UInt8]? {
  var out: [UInt8] = []
  out.reserveCapacity(bytes.count)
  var index = bytes.startIndex
  while index < bytes.endIndex {
    let byte = bytes[index]
    if byte == UInt8(ascii: "%") {
      guard bytes.endIndex - index >= 3,
        let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
      else { return nil }
      out.append(high << 4 | low)
      index += 3
    } else {
      out.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
      index += 1
    }
  }
  return out
}

@inline(__always) func hexValue(_ byte: UInt8) -> UInt8? {
  switch byte {
  case 0x30...0x39: byte - 0x30
  case 0x41...0x46: byte - 0x41 + 10
  case 0x61...0x66: byte - 0x61 + 10
  default: nil
  }
}

/// Splits an origin-form target into its decoded path and query, refusing what `HTTPRequest.path`
/// promises never to contain.
func decodeTarget(_ target: [UInt8]) throws(HTTPParseError) -> (path: String, query: HTTPQuery) {
  guard target.first == UInt8(ascii: "/") else { throw .invalidTarget(.notOriginForm) }
  for byte in target where byte <= 0x20 || byte >= 0x7F || byte == UInt8(ascii: "#") {
    throw .invalidTarget(.invalidCharacter)
  }
  let questionMark = target.firstIndex(of: UInt8(ascii: "?")) ?? target.endIndex
  let rawPath = target[..<questionMark]
  var path: [UInt8] = []
  path.reserveCapacity(rawPath.count)
  for (number, rawSegment) in rawPath.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    .enumerated()
  {
    if number > 0 { path.append(UInt8(ascii: "/")) }
    guard let segment = percentDecode(rawSegment, plusIsSpace: false) else {
      throw .invalidTarget(.badPercentEncoding)
    }
    if segment.contains(UInt8(ascii: "/")) { throw .invalidTarget(.encodedSlash) }
    if segment.contains(where: { $0 < 0x20 || $0 == 0x7F }) { throw .invalidTarget(.controlCharacter) }
    if segment == [UInt8(ascii: ".")] || segment == [UInt8(ascii: "."), UInt8(ascii: ".")] {
      throw .invalidTarget(.dotSegment)
    }
    path += segment
  }
  guard let pathText = String(validating: path, as: UTF8.self) else { throw .invalidTarget(.invalidUTF8) }
  var query = HTTPQuery()
  if questionMark < target.endIndex {
    guard let decoded = HTTPQuery(decoding: target[(questionMark + 1)...]) else { throw .invalidQuery }
    query = decoded
  }
  return (pathText, query)
}
