import Dispatch
import Foundation
import Glibc
import LiggareHTTP
import Synchronization
import Testing

/// A server on 127.0.0.1 port 0 that answers `GET /hello` and echoes POST bodies.
func startEchoServer(limits: HTTPLimits = HTTPLimits(), listen: String = "127.0.0.1:0") throws -> (
  HTTPServer, UInt16
) {
  let server = try HTTPServer(listen: listen, limits: limits) { request in
    switch (request.method, request.path) {
    case ("GET", "/hello"), ("HEAD", "/hello"): return .text("Hej \(request.query.value(for: "n") ?? "")")
    case ("GET", "/peer"): return .text(request.remoteAddress)
    case ("POST", "/echo"): return HTTPResponse(status: .ok, body: request.body)
    default: return .text("Finns inte", status: .notFound)
    }
  }
  let port = try server.start()
  return (server, port)
}

/// Whether a plain GET still gets its answer on a new connection.
func stillServes(_ port: UInt16) -> Bool {
  guard let client = try? TestClient(port: port) else { return false }
  client.send("GET /hello?n=ok HTTP/1.1\r\nHost: x\r\n\r\n")
  return client.readResponse()?.text == "Hej ok"
}

/// Milliseconds since `start`.
func elapsedMilliseconds(since start: ContinuousClock.Instant) -> Int64 {
  let (seconds, attoseconds) = (ContinuousClock.now - start).components
  return seconds * 1000 + attoseconds / 1_000_000_000_000_000
}

@Suite(.serialized) struct ServerTests {
  @Test func answersAndKeepsAlive() throws {
    let (server, port) = try startEchoServer()
    defer { server.stop() }
    #expect(port != 0)
    #expect(server.boundAddress?.port == port)
    let client = try TestClient(port: port)
    client.send("GET /hello?n=1 HTTP/1.1\r\nHost: x\r\n\r\n")
    let first = try #require(client.readResponse())
    #expect(first.status == 200)
    #expect(first.text == "Hej 1")
    #expect(first.header("Content-Length") == "5")
    #expect(first.header("Connection") == nil)
    client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
    let second = try #require(client.readResponse())
    #expect(second.text == "abc")
    client.send("GET /peer HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(client.readResponse()?.text == "127.0.0.1")
    client.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n")
    let head = try #require(client.readResponse(headOnly: true))
    #expect(head.header("Content-Length") == "4")
    client.send("GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    let last = try #require(client.readResponse())
    #expect(last.status == 404)
    #expect(last.header("Connection") == "close")
    #expect(client.readAll().isEmpty)  // and the server closed
  }

  @Test func twoPipelinedRequestsAreAnsweredInOrder() throws {
    let (server, port) = try startEchoServer()
    defer { server.stop() }
    let client = try TestClient(port: port)
    client.send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nfirstGET /hello?n=2 HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    #expect(client.readResponse()?.text == "first")
    #expect(client.readResponse()?.text == "Hej 2")
  }

  @Test func http10ClosesUnlessKeepAliveIsAsked() throws {
    let (server, port) = try startEchoServer()
    defer { server.stop() }
    let client = try TestClient(port: port)
    client.send("GET /hello HTTP/1.0\r\n\r\n")
    let response = try #require(client.readResponse())
    #expect(response.header("Connection") == "close")
    #expect(client.readAll().isEmpty)
    let kept = try TestClient(port: port)
    kept.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
    #expect(kept.readResponse()?.header("Connection") == "keep-alive")
    kept.send("GET /hello?n=3 HTTP/1.0\r\n\r\n")
    #expect(kept.readResponse()?.text == "Hej 3")
  }

  @Test func listensOnIPv6Loopback() throws {
    let (server, port) = try startEchoServer(listen: "[::1]:0")
    defer { server.stop() }
    let client = try TestClient(port: port, ipv6: true)
    client.send("GET /peer HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(client.readResponse()?.text == "::1")
    #expect(server.boundAddress?.description == "[::1]:\(port)")
  }

  @Test func aBusyAddressIsASwedishError() throws {
    let (server, port) = try startEchoServer()
    defer { server.stop() }
    let second = try HTTPServer(listen: "127.0.0.1:\(port)") { _ in .text("") }
    #expect(throws: HTTPServerError.bindFailed(address: "127.0.0.1:\(port)", errno: EADDRINUSE)) {
      try second.start()
    }
    #expect(HTTPServerError.bindFailed(address: "a", errno: EADDRINUSE).description.contains("används redan"))
    #expect(throws: HTTPServerError.alreadyStarted) { try server.start() }
  }

  @Test func expectContinueGetsAnInterimResponse() throws {
    let (server, port) = try startEchoServer()
    defer { server.stop() }
    let client = try TestClient(port: port)
    client.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
    #expect(client.readResponse()?.status == 100)
    client.send("body")
    #expect(client.readResponse()?.text == "body")
  }

  @Test func refusalsGetTheirStatusAndTheServerGoesOn() throws {
    var limits = HTTPLimits()
    limits.maxBodyBytes = 1000
    let (server, port) = try startEchoServer(limits: limits)
    defer { server.stop() }
    let cases: [(String, Int)] = [
      ("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n", 413),
      ("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc", 400),
      ("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 501),
      ("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400),
      ("GET /%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 400),
      ("GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414),
      ("GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "a", count: 40000) + "\r\n\r\n", 431),
      ("GET / HTTP/3.0\r\nHost: x\r\n\r\n", 505),
      ("\u{16}\u{3}\u{1}\u{0}\u{a5}\u{1}\u{0}\u{0}\u{a1}\u{3}\u{3}", 400),  // a TLS ClientHello
    ]
    for (text, status) in cases {
      let client = try TestClient(port: port)
      client.send(text)
      let response = try #require(client.readResponse(), "\(text.prefix(60).debugDescription)")
      #expect(response.status == status, "\(text.prefix(60).debugDescription)")
      #expect(response.header("Connection") == "close")
      #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
      #expect(!response.text.isEmpty)
      #expect(client.readAll().isEmpty)
    }
    #expect(stillServes(port))
  }

  @Test func aLargeBodyArrivesWhole() throws {
    let (server, port) = try startEchoServer()
    defer { server.stop() }
    let client = try TestClient(port: port)
    let body = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    client.send(Array("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
    #expect(client.readResponse()?.body == body)
  }

  @Test func customErrorResponses() throws {
    let server = try HTTPServer(
      listen: "127.0.0.1:0",
      errorResponse: { error, target in
        .json(
          "{\"error\":{\"code\":\"\(error.status.code)\",\"target\":\"\(target ?? "-")\"}}",
          status: error.status)
      }
    ) { _ in .text("ok") }
    let port = try server.start()
    defer { server.stop() }
    let client = try TestClient(port: port)
    client.send("GET /a/../b HTTP/1.1\r\nHost: x\r\n\r\n")
    let response = try #require(client.readResponse())
    #expect(response.status == 400)
    #expect(response.text == "{\"error\":{\"code\":\"400\",\"target\":\"/a/../b\"}}")
  }
}
