import Foundation
import Glibc
import LiggareHTTP
import Testing

/// A server on 127.0.0.1 port 0 that answers `GET /hello` and echoes POST bodies.
func startEchoServer(limits: HTTPLimits = HTTPLimits()) throws -> (HTTPServer, UInt16) {
  let server = try HTTPServer(listen: "127.0.0.1:0", limits: limits) { request in
    switch (request.method, request.path) {
    case ("GET", "/hello"), ("HEAD", "/hello"): return .text("Hej \(request.query.value(for: "n") ?? "")")
    case ("POST", "/echo"): return HTTPResponse(status: .ok, body: request.body)
    default: return .text("Finns inte", status: .notFound)
    }
  }
  let port = try server.start()
  return (server, port)
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
    client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
    let second = try #require(client.readResponse())
    #expect(second.text == "abc")
  }
}
