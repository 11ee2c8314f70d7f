import Dispatch
import Foundation
import Glibc
import LiggareHTTP
import Synchronization
import Testing

/// Waits until `readable` or `milliseconds` pass; true when the socket has something (or was closed).
func waitReadable(_ fd: Int32, milliseconds: Int32) -> Bool {
  var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
  return poll(&entry, 1, milliseconds) > 0
}

/// A gate a handler waits at until the test opens it.
final class Gate: Sendable {
  private let entered = DispatchSemaphore(value: 0)
  private let opened = DispatchSemaphore(value: 0)
  func pass() {
    entered.signal()
    opened.wait()
  }
  func waitUntilEntered(seconds: Int = 5) -> Bool {
    entered.wait(timeout: .now() + .seconds(seconds)) == .success
  }
  func open() { opened.signal() }
}

@Suite(.serialized) struct ServerLimitTests {
  /// One byte every 100 ms: each read is prompt, but the head as a whole is late. The read timeout
  /// counts from the first byte, so the client is cut off after it (with 408), not after a per-byte wait.
  @Test func aSlowClientIsCutOffAfterTheReadTimeoutInTotal() throws {
    var limits = HTTPLimits()
    limits.readTimeout = .milliseconds(800)
    let (server, port) = try startEchoServer(limits: limits)
    defer { server.stop() }
    let client = try TestClient(port: port)
    let head = Array(
      ("GET /hello HTTP/1.1\r\nHost: x\r\nX-Padding: " + String(repeating: "p", count: 200) + "\r\n\r\n").utf8
    )
    let start = ContinuousClock.now
    var sent = 0
    while sent < head.count {
      guard client.send([head[sent]]) else { break }
      sent += 1
      if waitReadable(client.fd, milliseconds: 100) { break }
    }
    let response = try #require(client.readResponse())
    let elapsed = elapsedMilliseconds(since: start)
    #expect(response.status == 408)
    #expect(response.header("Connection") == "close")
    #expect(sent < head.count)
    #expect(elapsed >= 700 && elapsed < 4000, "\(elapsed) ms")
    #expect(stillServes(port))
  }

  /// Slow clients hold no worker: with one worker and several connections trickling bytes, a normal
  /// request is answered at once.
  @Test func slowClientsHoldNoWorker() throws {
    var limits = HTTPLimits()
    limits.workers = 1
    limits.readTimeout = .seconds(30)
    let (server, port) = try startEchoServer(limits: limits)
    defer { server.stop() }
    let slow = try (0..<5).map { _ in try TestClient(port: port) }
    for client in slow { client.send("GET /hello HTTP/1.1\r\nHo") }
    let start = ContinuousClock.now
    #expect(stillServes(port))
    #expect(elapsedMilliseconds(since: start) < 2000)
  }

  @Test func anIdleConnectionIsClosedAfterTheIdleTimeout() throws {
    var limits = HTTPLimits()
    limits.idleTimeout = .milliseconds(300)
    let (server, port) = try startEchoServer(limits: limits)
    defer { server.stop() }
    let client = try TestClient(port: port)
    client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(client.readResponse()?.status == 200)
    let start = ContinuousClock.now
    #expect(client.readAll().isEmpty)  // closed by the server, without a response
    let elapsed = elapsedMilliseconds(since: start)
    #expect(elapsed >= 200 && elapsed < 3000, "\(elapsed) ms")
    let silent = try TestClient(port: port)
    #expect(silent.readAll().isEmpty)
  }

  @Test func connectionsBeyondTheLimitGet503() throws {
    var limits = HTTPLimits()
    limits.maxConnections = 2
    let (server, port) = try startEchoServer(limits: limits)
    defer { server.stop() }
    var open: [TestClient] = []
    for _ in 0..<2 {
      let client = try TestClient(port: port)
      client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
      #expect(client.readResponse()?.status == 200)
      open.append(client)
    }
    let third = try TestClient(port: port)
    third.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
    let refused = try #require(third.readResponse())
    #expect(refused.status == 503)
    #expect(refused.header("Connection") == "close")
    #expect(refused.header("Retry-After") == "1")
    #expect(third.readAll().isEmpty)
    // The open connections are still served; once one closes, a new one is let in.
    open[0].send("GET /hello?n=a HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(open[0].readResponse()?.text == "Hej a")
    open.removeLast()
    var served = false
    for _ in 0..<50 where !served {
      served = stillServes(port)
      if !served { usleep(20_000) }
    }
    #expect(served)
  }

  /// `stop()` while a handler runs: the response is written in full (with `Connection: close`), new
  /// connections are refused, and `stop()` returns only after.
  @Test func gracefulStopFinishesTheRequestInFlight() throws {
    let gate = Gate()
    let server = try HTTPServer(listen: "127.0.0.1:0") { request in
      if request.path == "/slow" { gate.pass() }
      return .text(String(repeating: "x", count: 200_000))
    }
    let port = try server.start()
    let client = try TestClient(port: port)
    let idle = try TestClient(port: port)
    client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(gate.waitUntilEntered())
    let stopped = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      server.stop()
      stopped.signal()
    }
    // The listener closes and idle connections are closed; stop() is still waiting for the handler.
    var refused = false
    for _ in 0..<100 where !refused {
      refused = (try? TestClient(port: port)) == nil
      if !refused { usleep(10_000) }
    }
    #expect(refused)
    #expect(idle.readAll().isEmpty)
    #expect(stopped.wait(timeout: .now() + .milliseconds(200)) == .timedOut)
    gate.open()
    let response = try #require(client.readResponse())
    #expect(response.status == 200)
    #expect(response.body.count == 200_000)
    #expect(response.header("Connection") == "close")
    #expect(stopped.wait(timeout: .now() + .seconds(5)) == .success)
    #expect(!server.isRunning)
  }

  @Test func runUntilSignalStopsOnTheSignal() throws {
    let (server, port) = try startEchoServer()
    let result = Mutex<Int32>(-1)
    let done = DispatchSemaphore(value: 0)
    Thread {
      let signal = server.runUntilSignal([SIGUSR2])
      result.withLock { $0 = signal }
      done.signal()
    }.start()
    #expect(stillServes(port))
    usleep(100_000)  // let it install the handler
    kill(getpid(), SIGUSR2)
    #expect(done.wait(timeout: .now() + .seconds(5)) == .success)
    #expect(result.withLock { $0 } == SIGUSR2)
    #expect(!server.isRunning)
    #expect((try? TestClient(port: port)) == nil)
  }

  /// A server with one worker whose `/big` answer is far larger than the socket buffers.
  func startBigServer(_ limits: HTTPLimits) throws -> (HTTPServer, UInt16, Int) {
    let size = 32 << 20  // far more than loopback's socket buffers hold
    let big = [UInt8](repeating: 0x61, count: size)
    let server = try HTTPServer(listen: "127.0.0.1:0", limits: limits) { request in
      request.path == "/big" ? HTTPResponse(body: big) : .text("Hej \(request.query.value(for: "n") ?? "")")
    }
    return (server, try server.start(), size)
  }

  /// A client that does not read its (large) response holds no worker: the loop writes the rest as the
  /// client reads, and the one worker answers others meanwhile. A stop waits for that write to finish.
  @Test func aClientThatDoesNotReadHoldsNoWorkerAndStopFinishesItsWrite() throws {
    var limits = HTTPLimits()
    limits.workers = 1
    let (server, port, size) = try startBigServer(limits)
    let reader = try TestClient(port: port)
    reader.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
    usleep(100_000)
    #expect(stillServes(port))
    let stopped = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      server.stop()
      stopped.signal()
    }
    #expect(stopped.wait(timeout: .now() + .milliseconds(200)) == .timedOut)
    let response = try #require(reader.readResponse())
    #expect(response.body.count == size)
    #expect(response.header("Connection") == nil)  // answered before the stop began
    #expect(stopped.wait(timeout: .now() + .seconds(5)) == .success)
  }

  @Test func aClientThatNeverReadsIsDroppedAfterTheWriteTimeout() throws {
    var limits = HTTPLimits()
    limits.workers = 1
    limits.writeTimeout = .milliseconds(300)
    let (server, port, size) = try startBigServer(limits)
    defer { server.stop() }
    let reader = try TestClient(port: port)
    reader.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
    usleep(800_000)
    #expect(reader.readAll().count < size)  // cut off: what the kernel had buffered, then the end
    #expect(stillServes(port))
  }

  /// Bodies being received at once share a budget: a request whose body would go beyond it gets 503
  /// before its body is sent, and once the other body has arrived the budget is free again.
  @Test func bodiesBeyondTheBudgetGet503() throws {
    var limits = HTTPLimits()
    limits.maxBufferedBodyBytes = 1000
    let (server, port) = try startEchoServer(limits: limits)
    defer { server.stop() }
    let first = try TestClient(port: port)
    first.send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 800\r\n\r\n" + String(repeating: "a", count: 400))
    usleep(100_000)
    let second = try TestClient(port: port)
    second.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 300\r\nExpect: 100-continue\r\n\r\n")
    let refused = try #require(second.readResponse())
    #expect(refused.status == 503)
    #expect(refused.header("Connection") == "close")
    let small = try TestClient(port: port)
    small.send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 200\r\n\r\n" + String(repeating: "b", count: 200))
    #expect(small.readResponse()?.body.count == 200)
    first.send(String(repeating: "a", count: 400))
    #expect(first.readResponse()?.body.count == 800)
    let third = try TestClient(port: port)
    third.send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 900\r\n\r\n" + String(repeating: "c", count: 900))
    #expect(third.readResponse()?.body.count == 900)
  }
}
