import LiggareHTTP
import Testing

@Suite struct ResponseTests {
  func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

  @Test func alwaysWritesContentLengthAndConnection() throws {
    let wire = text(HTTPResponse.text("Hej").serialized(keepAlive: true))
    #expect(wire.hasPrefix("HTTP/1.1 200 OK\r\n"))
    #expect(wire.contains("\r\nContent-Type: text/plain; charset=utf-8\r\n"))
    #expect(wire.contains("\r\nContent-Length: 3\r\n"))
    #expect(!wire.contains("Connection:"))
    #expect(wire.contains("\r\nDate: "))
    #expect(wire.hasSuffix("\r\n\r\nHej"))
    let closing = text(HTTPResponse.json("{}", status: .created).serialized(keepAlive: false))
    #expect(closing.hasPrefix("HTTP/1.1 201 Created\r\n"))
    #expect(closing.contains("\r\nConnection: close\r\n"))
    #expect(closing.contains("\r\nContent-Type: application/json\r\n"))
    let old = text(HTTPResponse.text("").serialized(keepAlive: true, http10KeepAlive: true))
    #expect(old.contains("\r\nConnection: keep-alive\r\n"))
    #expect(old.contains("\r\nContent-Length: 0\r\n"))
  }

  @Test func headOnlyKeepsTheLengthAndDropsTheBody() {
    let wire = text(HTTPResponse.html("<p>x</p>").serialized(keepAlive: true, headOnly: true))
    #expect(wire.contains("\r\nContent-Length: 8\r\n"))
    #expect(wire.hasSuffix("\r\n\r\n"))
  }

  @Test func noBodyStatusesHaveNoLength() {
    let wire = text(HTTPResponse(status: .noContent, body: Array("x".utf8)).serialized(keepAlive: true))
    #expect(wire.hasPrefix("HTTP/1.1 204 No Content\r\n"))
    #expect(!wire.contains("Content-Length"))
    #expect(wire.hasSuffix("\r\n\r\n"))
  }

  @Test func headerInjectionAndServerFieldsAreLeftOut() {
    var response = HTTPResponse.redirect(to: "/x\r\nSet-Cookie: evil=1")
    response.headers.add("Bad Name", "v")
    response.headers.add("X-Null", "a\u{0}b")
    response.headers.add("content-length", "999")
    response.headers.add("Transfer-Encoding", "chunked")
    response.headers.add("X-Ok", "fine")
    let full = text(response.serialized(keepAlive: true))
    let wire = String(full[..<full.range(of: "\r\n\r\n")!.upperBound])
    #expect(!wire.contains("evil"))
    #expect(!wire.contains("Location"))
    #expect(!wire.contains("Bad Name"))
    #expect(!wire.contains("X-Null"))
    #expect(!wire.contains("999"))
    #expect(!wire.contains("chunked"))
    #expect(wire.contains("\r\nX-Ok: fine\r\n"))
    #expect(wire.hasPrefix("HTTP/1.1 303 See Other\r\n"))
    let good = text(HTTPResponse.redirect(to: "/start").serialized(keepAlive: true))
    #expect(good.contains("\r\nLocation: /start\r\n"))
  }

  @Test func securityHeadersAreAddedUnlessSet() {
    var response = HTTPResponse.html("x")
    response.headers.set("X-Frame-Options", "SAMEORIGIN")
    let secured = response.addingSecurityHeaders()
    #expect(secured.headers["x-content-type-options"] == "nosniff")
    #expect(secured.headers.values(for: "X-Frame-Options") == ["SAMEORIGIN"])
    #expect(secured.headers["Content-Security-Policy"]?.contains("default-src 'self'") == true)
  }

  @Test func headersAreCaseInsensitiveAndOrdered() {
    var headers = HTTPHeaders([("A", "1"), ("b", "2"), ("a", "3")])
    #expect(headers["a"] == "1")
    #expect(headers.values(for: "A") == ["1", "3"])
    headers.set("A", "9")
    #expect(headers.fields.map(\.name) == ["A", "b"])
    #expect(headers["a"] == "9")
    headers.remove("B")
    #expect(headers.count == 1)
    #expect(!headers.contains("b"))
  }

  @Test func statusReasons() {
    #expect(HTTPStatus(code: 431).description == "431 Request Header Fields Too Large")
    #expect(HTTPStatus(code: 299).reason == "Status")
    #expect(HTTPStatus.contentTooLarge.code == 413)
  }
}

@Suite struct ListenAddressTests {
  @Test(arguments: [
    ("127.0.0.1:8080", "127.0.0.1", 8080, false, true),
    ("0.0.0.0:0", "0.0.0.0", 0, false, false),
    ("[::1]:443", "::1", 443, true, true),
    ("[::]:80", "::", 80, true, false),
    ("localhost:9000", "127.0.0.1", 9000, false, true),
    ("10.1.2.3:65535", "10.1.2.3", 65535, false, false),
  ])
  func parses(text: String, host: String, port: Int, ipv6: Bool, loopback: Bool) throws {
    let address = try ListenAddress(parsing: text)
    #expect(address.host == host)
    #expect(Int(address.port) == port)
    #expect(address.isIPv6 == ipv6)
    #expect(address.isLoopback == loopback)
    if text != "localhost:9000" { #expect(address.description == text) }
  }

  @Test(arguments: [
    "", "8080", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:80a", "::1:8080",
    "[::1]", "[::1]8080", "[127.0.0.1]:80", "example.org:80", "256.0.0.1:80", "[::1]:123456",
  ])
  func refuses(text: String) {
    #expect(throws: HTTPServerError.invalidAddress(text)) { try ListenAddress(parsing: text) }
  }
}
