/// What the parser has after the bytes it was given.
public enum HTTPParseStep: Sendable {
  /// More bytes are needed.
  case needMore
  /// The head of a request with `Expect: 100-continue` and a body is complete and within the limits: the
  /// server may now send `100 Continue`. Returned once per request; call `next()` again afterwards.
  case continueExpected
  /// A whole request. Bytes after it (a pipelined request) stay in the parser for the next `next()`.
  case request(HTTPRequest)
  /// The bytes cannot be a valid request. The parser stays failed: answer with `error.status` and close.
  case failure(HTTPParseError)
}

/// An incremental HTTP/1.x request parser: a pure state machine over bytes, with no socket and no clock.
/// Feed it bytes with `append` as they arrive and call `next()` until it says `.needMore`.
///
/// Choices (see `docs/server.md`): only CRLF ends a line (a bare LF or CR is refused with 400); empty lines
/// before a request line are skipped; the target must be origin-form (`/path?query`); only HTTP/1.0 and
/// HTTP/1.1 (505 otherwise); an HTTP/1.1 request needs exactly one `Host`; bodies only by
/// `Content-Length` (repeats must agree); any `Transfer-Encoding` is refused (501, or 400 together with
/// `Content-Length`); obsolete line folding, a header name with bad characters or whitespace before the
/// colon, and a value with control characters or invalid UTF-8 are refused with 400. Size limits are
/// checked while bytes arrive, before the whole head or body is buffered.
public struct HTTPRequestParser: Sendable {
  /// The limits checked (the timeouts and counts are the server's business).
  public let limits: HTTPLimits

  private var buffer: [UInt8] = []
  /// Index of the first byte not yet consumed.
  private var start = 0
  /// Where the search for the end of the head resumes.
  private var scan = 0
  /// Index of the LF that ends the request line, once seen.
  private var requestLineEnd: Int?
  /// Lines seen in the current head.
  private var lines = 0
  /// Whether the space after the method has been seen (the method is checked byte by byte before it, so
  /// a stream that is not HTTP at all, such as a TLS handshake, is refused at once).
  private var methodEnded = false
  private var state: State = .head

  private enum State: Sendable {
    case head
    case body(Head, length: Int)
    case failed(HTTPParseError)
  }

  private struct Head: Sendable {
    var method: String
    var target: String
    var path: String
    var query: HTTPQuery
    var version: String
    var headers: HTTPHeaders
    var keepAlive: Bool
  }

  /// A parser with these limits.
  public init(limits: HTTPLimits = HTTPLimits()) {
    self.limits = limits
  }

  /// Adds bytes that arrived.
  public mutating func append(_ bytes: some Collection<UInt8>) {
    if case .failed = state { return }
    buffer.append(contentsOf: bytes)
  }

  /// Whether some bytes of a request that is not yet complete have arrived (empty lines before a request
  /// line do not count). The server uses this to tell an idle connection from a slow one.
  public var hasPartialRequest: Bool {
    switch state {
    case .body: return true
    case .failed: return false
    case .head:
      var index = start
      while index < buffer.count && (buffer[index] == 0x0D || buffer[index] == 0x0A) { index += 1 }
      return index < buffer.count
    }
  }

  /// Bytes received and not yet part of a returned request.
  public var bufferedByteCount: Int { buffer.count - start }

  /// The `Content-Length` of the request whose head is complete and whose body is still arriving; nil
  /// otherwise.
  public var pendingBodyLength: Int? {
    if case .body(_, let length) = state { return length }
    return nil
  }

  /// The target of the request refused (as far as it had arrived), kept when its bytes are dropped.
  private var refusedTarget: String?

  /// The current request's target as far as it has arrived, raw (not percent-decoded): the whole
  /// target once the head is parsed, the part read so far before, the refused request's after a
  /// failure; nil when no byte of it has arrived. For answering refusals in the path's format.
  public var target: String? {
    switch state {
    case .failed: refusedTarget
    case .body(let head, _): head.target
    case .head: rawTarget()
    }
  }

  /// The bytes after the method up to the next space or line end (or what has arrived of them).
  private func rawTarget() -> String? {
    var i = start
    while i < buffer.count && (buffer[i] == 0x0D || buffer[i] == 0x0A) { i += 1 }
    while i < buffer.count && buffer[i] != 0x20 {
      if buffer[i] == 0x0D || buffer[i] == 0x0A { return nil }
      i += 1
    }
    i += 1
    guard i < buffer.count else { return nil }
    var end = i
    while end < buffer.count && end - i < 8192 && buffer[end] != 0x20 && buffer[end] != 0x0D
      && buffer[end] != 0x0A
    {
      end += 1
    }
    return end > i ? String(decoding: buffer[i..<end], as: UTF8.self) : nil
  }

  /// Advances as far as the bytes allow.
  public mutating func next() -> HTTPParseStep {
    switch state {
    case .failed(let error):
      return .failure(error)
    case .head:
      do throws(HTTPParseError) {
        guard let head = try parseHeadIfComplete() else { return .needMore }
        return try beginBody(head)
      } catch {
        refusedTarget = rawTarget()
        state = .failed(error)
        buffer = []
        start = 0
        return .failure(error)
      }
    case .body(let head, let length):
      return finishBody(head, length: length)
    }
  }

  private mutating func beginBody(_ head: (Head, length: Int, expectsContinue: Bool)) throws(HTTPParseError)
    -> HTTPParseStep
  {
    let (parsed, length, expectsContinue) = head
    if length > limits.maxBodyBytes { throw .bodyTooLarge(length: length, limit: limits.maxBodyBytes) }
    if length > 0 && buffer.count - start < length {
      // Room for the body as announced, up to 1 MiB: beyond that the buffer grows as bytes really arrive.
      buffer.reserveCapacity(start + min(length, 1 << 20))
      state = .body(parsed, length: length)
      return expectsContinue ? .continueExpected : .needMore
    }
    return finishBody(parsed, length: length)
  }

  private mutating func finishBody(_ head: Head, length: Int) -> HTTPParseStep {
    guard buffer.count - start >= length else { return .needMore }
    let body = Array(buffer[start..<(start + length)])
    start += length
    let request = HTTPRequest(
      method: head.method, target: head.target, path: head.path, query: head.query, version: head.version,
      headers: head.headers, body: body, remoteAddress: "", keepAlive: head.keepAlive)
    state = .head
    compact()
    return .request(request)
  }

  /// Drops consumed bytes (all of them when nothing is left; otherwise when they are most of the buffer).
  private mutating func compact() {
    if start == buffer.count {
      if buffer.capacity > 1 << 20 { buffer = [] } else { buffer.removeAll(keepingCapacity: true) }
      start = 0
    } else if start > 0 && start >= buffer.count / 2 {
      buffer.removeSubrange(0..<start)
      start = 0
    }
    scan = start
    requestLineEnd = nil
    lines = 0
    methodEnded = false
  }

  /// Finds the end of the head while checking line endings and the size limits as bytes arrive; parses
  /// the head once it is all there.
  private mutating func parseHeadIfComplete() throws(HTTPParseError) -> (
    Head, length: Int, expectsContinue: Bool
  )? {
    // Empty lines before the request line are skipped (RFC 9112 2.2), and dropped from the buffer.
    if requestLineEnd == nil {
      while buffer.count - start >= 2 && buffer[start] == 0x0D && buffer[start + 1] == 0x0A { start += 2 }
      if start < buffer.count && buffer[start] == 0x0A { throw .bareLineEnding }
      if start > 0 {
        buffer.removeSubrange(0..<start)
        scan = max(scan - start, 0)
        start = 0
      }
    }
    // Every check is made at the byte where it applies, so the outcome does not depend on how the bytes
    // were split into appends.
    var index = scan
    var headEnd: Int?
    while index < buffer.count {
      let byte = buffer[index]
      if let lineEnd = requestLineEnd {
        // The section may be up to the limit plus its final empty line.
        if index - lineEnd > limits.maxHeaderBytes + 2 {
          throw .headersTooLarge(limit: limits.maxHeaderBytes)
        }
      } else if index - start >= limits.maxRequestLineBytes && byte != 0x0A
        && !(byte == 0x0D && index - start == limits.maxRequestLineBytes)
      {
        throw .requestLineTooLong(limit: limits.maxRequestLineBytes)
      }
      if requestLineEnd == nil && !methodEnded && !(byte == 0x0D && index == start) {
        if byte == 0x20 && index > start {
          methodEnded = true
        } else if byte == 0x20 || byte == 0x0D || byte == 0x0A {
          throw .malformedRequestLine
        } else if !isTokenByte(byte) {
          throw .invalidMethod
        }
      }
      if byte == 0x0D {
        if index + 1 < buffer.count && buffer[index + 1] != 0x0A { throw .bareLineEnding }
      } else if byte == 0x0A {
        guard index > start && buffer[index - 1] == 0x0D else { throw .bareLineEnding }
        lines += 1
        if requestLineEnd == nil {
          requestLineEnd = index
        } else if buffer[index - 2] == 0x0A {
          headEnd = index + 1
          index += 1
          break
        }
        if lines > limits.maxHeaderFields + 2 { throw .tooManyHeaderFields(limit: limits.maxHeaderFields) }
      }
      index += 1
    }
    // A CR that is the last byte so far is looked at again when the next byte arrives.
    scan = headEnd == nil && index > start && buffer[index - 1] == 0x0D ? index - 1 : index
    guard let end = headEnd, let lineEnd = requestLineEnd else { return nil }
    let head = try parseHead(requestLine: start..<(lineEnd - 1), fields: (lineEnd + 1)..<(end - 2))
    start = end
    scan = end
    requestLineEnd = nil
    lines = 0
    methodEnded = false
    return head
  }

  private func parseHead(requestLine: Range<Int>, fields: Range<Int>) throws(HTTPParseError)
    -> (Head, length: Int, expectsContinue: Bool)
  {
    let line = buffer[requestLine]
    let parts = line.split(separator: 0x20, maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, !parts[2].contains(0x20) else {
      throw .malformedRequestLine
    }
    guard parts[0].allSatisfy(isTokenByte) else { throw .invalidMethod }
    let version = try parseVersion(parts[2])
    let targetBytes = Array(parts[1])
    let (path, query) = try decodeTarget(targetBytes)

    var headers = HTTPHeaders()
    var lineNumber = 0
    for rawLine in buffer[fields].split(separator: 0x0A, omittingEmptySubsequences: false) {
      lineNumber += 1
      let fieldLine = rawLine.dropLast()  // the CR
      if fieldLine.isEmpty { continue }
      if fieldLine.first == 0x20 || fieldLine.first == 0x09 { throw .obsoleteLineFolding(line: lineNumber) }
      guard let colon = fieldLine.firstIndex(of: UInt8(ascii: ":")), colon > fieldLine.startIndex,
        fieldLine[..<colon].allSatisfy(isTokenByte)
      else { throw .malformedHeader(line: lineNumber) }
      let name = String(decoding: fieldLine[..<colon], as: UTF8.self)
      var value = fieldLine[(colon + 1)...]
      while let first = value.first, first == 0x20 || first == 0x09 { value.removeFirst() }
      while let last = value.last, last == 0x20 || last == 0x09 { value.removeLast() }
      guard !value.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }),
        let text = String(validating: value, as: UTF8.self)
      else { throw .invalidHeaderValue(name: name) }
      headers.add(name, text)
      if headers.count > limits.maxHeaderFields { throw .tooManyHeaderFields(limit: limits.maxHeaderFields) }
    }

    let hosts = headers.values(for: "Host").count
    if hosts > 1 || (version == "HTTP/1.1" && hosts == 0) { throw .badHost }
    let lengths = headers.values(for: "Content-Length")
    if headers.contains("Transfer-Encoding") {
      throw lengths.isEmpty ? .transferEncodingNotSupported : .contentLengthWithTransferEncoding
    }
    var length = 0
    var seen: Int?
    for field in lengths {
      for element in field.split(separator: ",", omittingEmptySubsequences: false) {
        let digits = element.trimmingSpaces()
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
          throw .invalidContentLength
        }
        // Beyond 18 digits the number is certainly over any limit; keep it from overflowing.
        let value = digits.utf8.count > 18 ? Int.max : Int(digits) ?? Int.max
        if let previous = seen, previous != value { throw .conflictingContentLengths }
        seen = value
        length = value
      }
    }
    let connection = headers.values(for: "Connection").flatMap(listElements).map(String.init)
    let close = connection.contains { asciiCaseInsensitiveEquals($0, "close") }
    let keepAliveAsked = connection.contains { asciiCaseInsensitiveEquals($0, "keep-alive") }
    let keepAlive = !close && (version == "HTTP/1.1" || keepAliveAsked)
    var expectsContinue = false
    if version == "HTTP/1.1", let expect = headers["Expect"] {
      guard asciiCaseInsensitiveEquals(expect, "100-continue"), headers.values(for: "Expect").count == 1
      else { throw .unsupportedExpectation }
      expectsContinue = true
    }
    let head = Head(
      method: String(decoding: parts[0], as: UTF8.self), target: String(decoding: targetBytes, as: UTF8.self),
      path: path, query: query, version: version, headers: headers, keepAlive: keepAlive)
    return (head, length, expectsContinue)
  }

  private func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> String {
    let text = String(decoding: bytes, as: UTF8.self)
    let utf8 = Array(bytes)
    let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
    guard utf8.count == 8, text.hasPrefix("HTTP/"), isDigit(utf8[5]), utf8[6] == UInt8(ascii: "."),
      isDigit(utf8[7])
    else { throw .malformedRequestLine }
    guard text == "HTTP/1.1" || text == "HTTP/1.0" else { throw .unsupportedVersion(text) }
    return text
  }
}
