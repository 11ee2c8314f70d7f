import Foundation
import LiggareKit
import LiggareStorage
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `kill -9` of `liggare serve` in the middle of a POST of many events: afterwards the log holds
/// the whole batch or none of it, verifies, and an acknowledged batch is always there.
@Suite(.serialized) struct ServerKillTests {
  /// Starts `liggare serve` on a free port; returns the process and the port.
  static func startServer(log: String) throws -> (Process, UInt16) {
    for attempt in 0..<20 {
      let port = UInt16(20_000 + Int(getpid() % 10_000) + attempt * 7 + Int.random(in: 0..<1000))
      let p = Process()
      p.executableURL = URL(fileURLWithPath: ServerProcess.executable)
      p.arguments = ["--log", log, "serve", "--listen", "127.0.0.1:\(port)"]
      var env = ProcessInfo.processInfo.environment
      env["LIGGARE_LOG"] = nil
      p.environment = env
      let out = Pipe()
      p.standardOutput = out
      p.standardError = FileHandle.nullDevice
      try p.run()
      // The first line says where it listens; nothing means it could not bind.
      let firstLine = out.fileHandleForReading.availableLine(timeout: 15)
      if firstLine?.contains("\(port)") == true { return (p, port) }
      p.terminate()
      p.waitUntilExit()
    }
    throw CocoaError(.featureUnsupported)
  }

  @Test(arguments: [0.05, 0.25, 0.6])
  func killedInTheMiddleOfAPostLeavesTheWholeBatchOrNone(after delay: Double) throws {
    let f = try ServerFixture()
    let before = UInt64(ServerFixture.events.count)
    let (server, port) = try Self.startServer(log: f.directory)
    defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
    let count = 4000
    var body: [UInt8] = []
    for i in 0..<count {
      body += Array(
        #"{"id":"big-\#(i)","type":"CourseCompleted","occurredOn":"2025-02-01","data":{"person":"p-a\#(i % 2 + 1)","course":"k"}}"#
          .utf8)
      body.append(0x0A)
    }
    let token = try #require(f.tokens["citycoord"])
    let payload = body
    let acknowledged = Mutex(false)
    let sent = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      sent.signal()
      let r = ServerProcess.request(
        port: port, "POST", "/api/v1/events", headers: [("Authorization", "Bearer \(token)")], body: payload)
      if r?.status == 201 { acknowledged.withLock { $0 = true } }
    }
    sent.wait()
    usleep(UInt32(delay * 1_000_000))
    kill(server.processIdentifier, SIGKILL)
    server.waitUntilExit()
    let wasAcknowledged = acknowledged.withLock { $0 }
    // A writer reopening moves any unfinished tail aside; the head is a whole batch or none.
    let ledger = try Ledger.open(directory: f.directory, access: .write(wait: true), useCheckpoints: false)
    let head = ledger.log.head.seq
    #expect(head == before || head == before + UInt64(count), "head \(head) after kill -9 at \(delay) s")
    if wasAcknowledged { #expect(head == before + UInt64(count)) }
    #expect(try ledger.log.verify().damage == nil)
    if head > before { #expect(ledger.chronicle.seq(ofEvent: "big-\(count - 1)") == head) }
  }
}

extension FileHandle {
  /// The first line written to this pipe within `timeout` seconds, or nil.
  func availableLine(timeout: Double) -> String? {
    var bytes: [UInt8] = []
    let deadline = Date().addingTimeInterval(timeout)
    var pfd = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
    while Date() < deadline {
      guard poll(&pfd, 1, 100) > 0 else { continue }
      var byte: UInt8 = 0
      guard Glibc.read(fileDescriptor, &byte, 1) == 1 else { return nil }
      if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
      bytes.append(byte)
    }
    return nil
  }
}
