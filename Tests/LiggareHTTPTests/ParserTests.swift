import LiggareHTTP
import Testing

/// Parses one request from text fed in one piece.
func parseOne(_ text: String, limits: HTTPLimits = HTTPLimits()) -> HTTPParseStep {
  parseOne(Array(text.utf8), limits: limits)
}

func parseOne(_ bytes: [UInt8], limits: HTTPLimits = HTTPLimits()) -> HTTPParseStep {
  var parser = HTTPRequestParser(limits: limits)
  parser.append(bytes)
  return parser.next()
}

func request(_ step: HTTPParseStep) -> HTTPRequest? {
  if case .request(let request) = step { return request }
  return nil
}

func failure(_ step: HTTPParseStep) -> HTTPParseError? {
  if case .failure(let error) = step { return error }
  return nil
}

func isNeedMore(_ step: HTTPParseStep) -> Bool {
  if case .needMore = step { return true }
  return false
}

func isContinue(_ step: HTTPParseStep) -> Bool {
  if case .continueExpected = step { return true }
  return false
}

@Suite struct ParserTests {
  @Test func parsesASimpleGet() throws {
    let step = parseOne(
      "GET /api/v1/units/u%2D1?asOf=2024-12-31&q=a+b%C3%A5&flag HTTP/1.1\r\nHost: x\r\nX-A:  1 \r\n\r\n")
    let r = try #require(request(step))
    #expect(r.method == "GET")
    #expect(r.path == "/api/v1/units/u-1")
    #expect(r.pathSegments == ["api", "v1", "units", "u-1"])
    #expect(r.target == "/api/v1/units/u%2D1?asOf=2024-12-31&q=a+b%C3%A5&flag")
    #expect(r.query.value(for: "asOf") == "2024-12-31")
    #expect(r.query.value(for: "q") == "a bå")
    #expect(r.query.value(for: "flag") == "")
    #expect(r.query.value(for: "missing") == nil)
    #expect(r.headers["x-a"] == "1")
    #expect(r.headers["HOST"] == "x")
    #expect(r.keepAlive)
    #expect(r.body.isEmpty)
    #expect(r.version == "HTTP/1.1")
  }

  @Test func sameResultFedOneByteAtATime() throws {
    let text = "\r\nPOST /a%20b?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nCookie: s=1; t=2\r\n\r\nbody"
    var parser = HTTPRequestParser()
    var result: HTTPRequest?
    for byte in text.utf8 {
      parser.append([byte])
      switch parser.next() {
      case .needMore: continue
      case .request(let r): result = r
      case .continueExpected, .failure: Issue.record("unexpected step")
      }
    }
    let r = try #require(result)
    #expect(r.path == "/a b")
    #expect(r.body == Array("body".utf8))
    #expect(r.cookies == ["s": "1", "t": "2"])
  }

  @Test func parsesAPostBodySplitAcrossAppends() throws {
    var parser = HTTPRequestParser()
    parser.append(Array("POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n01234".utf8))
    #expect(isNeedMore(parser.next()))
    #expect(parser.hasPartialRequest)
    parser.append(Array("56789".utf8))
    let r = try #require(request(parser.next()))
    #expect(r.body == Array("0123456789".utf8))
    #expect(!parser.hasPartialRequest)
    #expect(isNeedMore(parser.next()))
  }

  @Test func pipelinedRequestsComeOutInOrder() throws {
    var parser = HTTPRequestParser()
    parser.append(
      Array(
        "POST /1 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nabGET /2 HTTP/1.1\r\nHost: x\r\n\r\nGET /3 HT"
          .utf8))
    #expect(try #require(request(parser.next())).path == "/1")
    #expect(try #require(request(parser.next())).path == "/2")
    #expect(isNeedMore(parser.next()))
    #expect(parser.hasPartialRequest)
    parser.append(Array("TP/1.1\r\nHost: x\r\n\r\n".utf8))
    #expect(try #require(request(parser.next())).path == "/3")
  }

  @Test func truncatedRequestsWaitForMore() {
    for text in [
      "G", "GET", "GET /", "GET / HTTP/1.1", "GET / HTTP/1.1\r", "GET / HTTP/1.1\r\n",
      "GET / HTTP/1.1\r\nHost: x",
      "GET / HTTP/1.1\r\nHost: x\r\n", "GET / HTTP/1.1\r\nHost: x\r\n\r",
      "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nabcd",
    ] {
      #expect(isNeedMore(parseOne(text)), "\(text.debugDescription)")
    }
  }

  @Test func keepAliveFollowsVersionAndConnection() throws {
    #expect(try #require(request(parseOne("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))).keepAlive)
    #expect(
      !(try #require(request(parseOne("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))).keepAlive))
    #expect(
      !(try #require(request(parseOne("GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, CLOSE\r\n\r\n")))
        .keepAlive))
    #expect(!(try #require(request(parseOne("GET / HTTP/1.0\r\n\r\n"))).keepAlive))
    #expect(try #require(request(parseOne("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"))).keepAlive)
  }

  @Test func expectContinueIsAnnouncedOnceWhenTheBodyIsMissing() throws {
    var parser = HTTPRequestParser()
    parser.append(
      Array("PUT /x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
    #expect(isContinue(parser.next()))
    #expect(isNeedMore(parser.next()))
    parser.append(Array("abc".utf8))
    #expect(try #require(request(parser.next())).body == Array("abc".utf8))
    // Body already there: no interim response needed.
    let whole = parseOne("PUT /x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\na")
    #expect(request(whole) != nil)
    #expect(
      failure(parseOne("PUT /x HTTP/1.1\r\nHost: x\r\nExpect: magic\r\n\r\n")) == .unsupportedExpectation)
    // Too large: refused before the client sends it.
    let big = parseOne(
      "PUT /x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 20971521\r\n\r\n")
    #expect(failure(big)?.status.code == 413)
  }

  @Test func smugglingShapesAreRefused() {
    let cases: [(String, HTTPParseError)] = [
      ("Content-Length: 3\r\nTransfer-Encoding: chunked", .contentLengthWithTransferEncoding),
      ("Transfer-Encoding: chunked\r\nContent-Length: 3", .contentLengthWithTransferEncoding),
      ("Transfer-Encoding: chunked", .transferEncodingNotSupported),
      ("Transfer-Encoding: identity", .transferEncodingNotSupported),
      ("Content-Length: 3\r\nContent-Length: 4", .conflictingContentLengths),
      ("Content-Length: 3, 4", .conflictingContentLengths),
      ("Content-Length: -1", .invalidContentLength),
      ("Content-Length: +3", .invalidContentLength),
      ("Content-Length: 0x3", .invalidContentLength),
      ("Content-Length: 3 3", .invalidContentLength),
      ("Content-Length:", .invalidContentLength),
      ("Content-Length: 3,", .invalidContentLength),
      ("Content-Length: 99999999999999999999999999", .bodyTooLarge(length: Int.max, limit: 20 * 1024 * 1024)),
      ("Content-Length : 3", .malformedHeader(line: 2)),
      ("Host: y", .badHost),
      (" Folded: value", .obsoleteLineFolding(line: 2)),
      ("X-A: 1\r\n\tcontinued", .obsoleteLineFolding(line: 3)),
      ("Bad Name: 1", .malformedHeader(line: 2)),
      ("Bad(Name): 1", .malformedHeader(line: 2)),
      (": empty", .malformedHeader(line: 2)),
      ("NoColon", .malformedHeader(line: 2)),
      ("X-A: a\u{1}b", .invalidHeaderValue(name: "X-A")),
      ("X-A: a\u{7F}b", .invalidHeaderValue(name: "X-A")),
    ]
    for (fields, expected) in cases {
      let text = "POST / HTTP/1.1\r\nHost: x\r\n\(fields)\r\n\r\nabc"
      #expect(failure(parseOne(text)) == expected, "\(fields.debugDescription)")
    }
    #expect(
      failure(parseOne("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"))?.status.code
        == 501)
    // Repeated identical lengths are one length.
    let same = parseOne("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc")
    #expect(request(same)?.body == Array("abc".utf8))
  }

  @Test func invalidUTF8InAHeaderValueIsRefused() {
    var bytes = Array("GET / HTTP/1.1\r\nHost: x\r\nX-Name: ".utf8)
    bytes += [0xC3, 0x28]
    bytes += Array("\r\n\r\n".utf8)
    #expect(failure(parseOne(bytes)) == .invalidHeaderValue(name: "X-Name"))
    var good = Array("GET / HTTP/1.1\r\nHost: x\r\nX-Name: ".utf8)
    good += Array("Åsa".utf8) + Array("\r\n\r\n".utf8)
    #expect(request(parseOne(good))?.headers["x-name"] == "Åsa")
  }

  @Test func onlyCRLFEndsALine() {
    #expect(failure(parseOne("GET / HTTP/1.1\nHost: x\n\n")) == .bareLineEnding)
    #expect(failure(parseOne("GET / HTTP/1.1\r\nHost: x\n\r\n")) == .bareLineEnding)
    #expect(failure(parseOne("GET / HTTP/1.1\r\nHost: x\rY: z\r\n\r\n")) == .bareLineEnding)
    #expect(failure(parseOne("\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")) == .bareLineEnding)
    // A bare CR split across two appends is caught too.
    var parser = HTTPRequestParser()
    parser.append(Array("GET / HTTP/1.1\r\nHost: x\r".utf8))
    #expect(isNeedMore(parser.next()))
    parser.append(Array("X: y\r\n\r\n".utf8))
    #expect(failure(parser.next()) == .bareLineEnding)
    // Empty lines before the request line are skipped.
    #expect(request(parseOne("\r\n\r\nGET /ok HTTP/1.1\r\nHost: x\r\n\r\n"))?.path == "/ok")
  }

  @Test func requestLineShapes() {
    let cases: [(String, HTTPParseError)] = [
      ("GET  / HTTP/1.1", .malformedRequestLine),
      ("GET / HTTP/1.1 ", .malformedRequestLine),
      ("GET /", .malformedRequestLine),
      (" GET / HTTP/1.1", .malformedRequestLine),
      ("G(T / HTTP/1.1", .invalidMethod),
      ("GET / HTTP/2.0", .unsupportedVersion("HTTP/2.0")),
      ("GET / HTTP/1.2", .unsupportedVersion("HTTP/1.2")),
      ("GET / HTTP/0.9", .unsupportedVersion("HTTP/0.9")),
      ("GET / HTTP/1", .malformedRequestLine),
      ("GET / http/1.1", .malformedRequestLine),
      ("GET / HTTP/1.10", .malformedRequestLine),
      ("GET http://x/ HTTP/1.1", .invalidTarget(.notOriginForm)),
      ("OPTIONS * HTTP/1.1", .invalidTarget(.notOriginForm)),
      ("GET /a#frag HTTP/1.1", .invalidTarget(.invalidCharacter)),
      ("GET /a\u{7F} HTTP/1.1", .invalidTarget(.invalidCharacter)),
    ]
    for (line, expected) in cases {
      #expect(failure(parseOne("\(line)\r\nHost: x\r\n\r\n")) == expected, "\(line.debugDescription)")
    }
    #expect(failure(parseOne("GET / HTTP/2.0\r\nHost: x\r\n\r\n"))?.status.code == 505)
    var withHighByte = Array("GET /".utf8) + [0xC3, 0xA5] + Array(" HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
    #expect(failure(parseOne(withHighByte)) == .invalidTarget(.invalidCharacter))
    withHighByte = Array("GET / HTTP/1.1\r\n\r\n".utf8)
    #expect(failure(parseOne(withHighByte)) == .badHost)
    #expect(request(parseOne("DELETE /x HTTP/1.0\r\n\r\n"))?.method == "DELETE")
  }

  @Test(arguments: [
    ("/a/../b", HTTPParseError.PathProblem.dotSegment),
    ("/..", .dotSegment),
    ("/a/..", .dotSegment),
    ("/./a", .dotSegment),
    ("/a/%2e%2E/b", .dotSegment),
    ("/a/%2e./b", .dotSegment),
    ("/a/.%2e", .dotSegment),
    ("/%2e", .dotSegment),
    ("/a%2fb", .encodedSlash),
    ("/a%2F..%2Fetc", .encodedSlash),
    ("/a%00", .controlCharacter),
    ("/a%0d%0aSet-Cookie:x", .controlCharacter),
    ("/a%7f", .controlCharacter),
    ("/%ff", .invalidUTF8),
    ("/%c3%28", .invalidUTF8),
    ("/%ed%a0%80", .invalidUTF8),
    ("/%c0%ae%c0%ae", .invalidUTF8),
    ("/%zz", .badPercentEncoding),
    ("/%4", .badPercentEncoding),
    ("/a%", .badPercentEncoding),
    ("/%%32%65", .badPercentEncoding),
  ])
  func hostilePathsAreRefused(path: String, problem: HTTPParseError.PathProblem) {
    #expect(failure(parseOne("GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n")) == .invalidTarget(problem))
    #expect(throws: HTTPParseError.invalidTarget(problem)) { try HTTPRequest(method: "GET", target: path) }
  }

  @Test(arguments: [
    ("/", "/", [String]()),
    ("/a%20b", "/a b", ["a b"]),
    ("/%C3%A5r", "/år", ["år"]),
    ("/..a/a../.well-known", "/..a/a../.well-known", ["..a", "a..", ".well-known"]),
    ("/a//b/", "/a//b/", ["a", "", "b", ""]),
    ("/a+b", "/a+b", ["a+b"]),
    ("/%25", "/%", ["%"]),
  ])
  func pathsDecodeOnce(target: String, path: String, segments: [String]) throws {
    let r = try #require(request(parseOne("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n")))
    #expect(r.path == path)
    #expect(r.pathSegments == segments)
  }

  @Test func queriesDecode() throws {
    let r = try #require(
      request(parseOne("GET /s?q=%C3%85sa+B&a=1&a=2&&b=x%3Dy&%3D=e HTTP/1.1\r\nHost: x\r\n\r\n")))
    #expect(r.query.value(for: "q") == "Åsa B")
    #expect(r.query.values(for: "a") == ["1", "2"])
    #expect(r.query.value(for: "b") == "x=y")
    #expect(r.query.value(for: "=") == "e")
    #expect(r.query.items.count == 5)
    for bad in ["?q=%ff", "?q=%00", "?q=%", "?%zz=1"] {
      #expect(failure(parseOne("GET /s\(bad) HTTP/1.1\r\nHost: x\r\n\r\n")) == .invalidQuery, "\(bad)")
    }
  }

  @Test func formsAndCookies() throws {
    let r = try HTTPRequest(
      method: "POST", target: "/login",
      headers: HTTPHeaders([
        ("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"), ("Cookie", "a=1; b=\"q\""),
        ("cookie", "a=2;c=3; bad; =x"),
      ]),
      body: Array("user=%C3%85sa&pass=a+b%26c".utf8))
    let form = try #require(r.form)
    #expect(form.value(for: "user") == "Åsa")
    #expect(form.value(for: "pass") == "a b&c")
    #expect(r.cookies == ["a": "1", "b": "q", "c": "3"])
    let json = try HTTPRequest(
      method: "POST", target: "/", headers: HTTPHeaders([("Content-Type", "application/json")]), body: [])
    #expect(json.form == nil)
    let badForm = try HTTPRequest(
      method: "POST", target: "/",
      headers: HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded")]),
      body: Array("a=%00".utf8))
    #expect(badForm.form == nil)
  }

  @Test func sizeLimitsGiveTheirStatuses() {
    let line = "GET /" + String(repeating: "a", count: 8 * 1024) + " HTTP/1.1"
    #expect(failure(parseOne(line + "\r\nHost: x\r\n\r\n"))?.status.code == 414)
    // Refused before the line ends: the parser never buffers more than the limit.
    var parser = HTTPRequestParser()
    parser.append(Array(("GET /" + String(repeating: "a", count: 9000)).utf8))
    #expect(failure(parser.next()) == .requestLineTooLong(limit: 8192))
    // Exactly at the limit is fine.
    let atLimit = "GET /" + String(repeating: "a", count: 8192 - 14) + " HTTP/1.1"
    #expect(atLimit.utf8.count == 8192)
    #expect(request(parseOne(atLimit + "\r\nHost: x\r\n\r\n")) != nil)

    let bigField = "X-Big: " + String(repeating: "b", count: 33 * 1024)
    #expect(failure(parseOne("GET / HTTP/1.1\r\nHost: x\r\n\(bigField)\r\n\r\n"))?.status.code == 431)
    parser = HTTPRequestParser()
    parser.append(Array(("GET / HTTP/1.1\r\nHost: x\r\n" + bigField).utf8))
    #expect(failure(parser.next()) == .headersTooLarge(limit: 32768))

    let hundred = (1...99).map { "X-\($0): v\r\n" }.joined()
    #expect(request(parseOne("GET / HTTP/1.1\r\nHost: x\r\n\(hundred)\r\n")) != nil)
    #expect(
      failure(parseOne("GET / HTTP/1.1\r\nHost: x\r\nX-0: v\r\n\(hundred)\r\n"))
        == .tooManyHeaderFields(limit: 100))
    // Many tiny fields are refused as they arrive.
    parser = HTTPRequestParser()
    parser.append(Array(("GET / HTTP/1.1\r\n" + String(repeating: "A: b\r\n", count: 200)).utf8))
    #expect(failure(parser.next())?.status.code == 431)

    #expect(
      failure(parseOne("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 20971521\r\n\r\n"))
        == .bodyTooLarge(length: 20_971_521, limit: 20_971_520))
    var small = HTTPLimits()
    small.maxBodyBytes = 3
    #expect(
      failure(parseOne("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nabcd", limits: small))?.status
        .code == 413)
    #expect(
      request(parseOne("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc", limits: small)) != nil)
  }

  @Test func aFailedParserStaysFailed() {
    var parser = HTTPRequestParser()
    parser.append(Array("GET /%2e%2e HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
    #expect(failure(parser.next()) == .invalidTarget(.dotSegment))
    parser.append(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
    #expect(failure(parser.next()) == .invalidTarget(.dotSegment))
    #expect(!parser.hasPartialRequest)
  }

  @Test func everyErrorHasASwedishMessageAndAClientOrServerStatus() {
    let errors: [HTTPParseError] = [
      .requestLineTooLong(limit: 1), .malformedRequestLine, .invalidMethod, .invalidTarget(.dotSegment),
      .invalidQuery, .unsupportedVersion("HTTP/3.0"), .bareLineEnding, .headersTooLarge(limit: 1),
      .tooManyHeaderFields(limit: 1), .malformedHeader(line: 2), .obsoleteLineFolding(line: 2),
      .invalidHeaderValue(name: "X"), .badHost, .invalidContentLength, .conflictingContentLengths,
      .contentLengthWithTransferEncoding, .transferEncodingNotSupported, .bodyTooLarge(length: 2, limit: 1),
      .unsupportedExpectation, .timeout, .busy, .tooManyConnections,
    ]
    for error in errors {
      #expect((400...505).contains(error.status.code))
      #expect(!error.description.isEmpty && !error.description.contains("HTTPParseError"))
    }
    #expect(Set(errors.map(\.status.code)) == [400, 408, 413, 414, 417, 431, 501, 503, 505])
  }
}
