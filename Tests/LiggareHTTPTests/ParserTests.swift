import LiggareHTTP
import Testing

/// Parses one request from text fed in one piece.
func parseOne(_ text: String, limits: HTTPLimits = HTTPLimits()) -> HTTPParseStep {
  var parser = HTTPRequestParser(limits: limits)
  parser.append(Array(text.utf8))
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

  @Test func rejectsContentLengthWithTransferEncoding() {
    let step = parseOne(
      "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc")
    #expect(failure(step) == .contentLengthWithTransferEncoding)
    #expect(failure(step)?.status.code == 400)
  }

  @Test func rejectsDotSegmentsAndEncodedSlashes() {
    #expect(failure(parseOne("GET /a/../b HTTP/1.1\r\nHost: x\r\n\r\n")) == .invalidTarget(.dotSegment))
    #expect(failure(parseOne("GET /a/%2e%2E/b HTTP/1.1\r\nHost: x\r\n\r\n")) == .invalidTarget(.dotSegment))
    #expect(failure(parseOne("GET /a%2fb HTTP/1.1\r\nHost: x\r\n\r\n")) == .invalidTarget(.encodedSlash))
    #expect(failure(parseOne("GET /a%00 HTTP/1.1\r\nHost: x\r\n\r\n")) == .invalidTarget(.controlCharacter))
    #expect(failure(parseOne("GET /%ff HTTP/1.1\r\nHost: x\r\n\r\n")) == .invalidTarget(.invalidUTF8))
  }
}
