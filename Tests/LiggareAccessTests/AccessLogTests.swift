import Foundation
import LiggareAccess
import LiggareBasics
import Testing

@Suite struct AccessLogTests {
  @Test func linesAreVersionedPrivateAndWithoutSecrets() throws {
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    umask(0o022)
    let log = try AccessLog(logDirectory: dir.path)
    #expect(log.path == dir.path + "/access.jsonl")
    #expect(TemporaryDirectory.mode(log.path) == 0o600)
    let at = Timestamp(seconds: 1_780_000_000)
    try log.record(
      .init(
        at: at, action: .login, outcome: .ok, account: "anna", address: "10.1.2.3", route: "POST /login",
        status: 303, method: .password))
    try log.record(
      .init(
        at: at, action: .loginFailed, outcome: .refused, address: "10.1.2.3", route: "POST /login",
        status: 401))
    try log.record(
      .init(
        at: at, action: .write, outcome: .ok, account: "kurssystem", address: "10.9.9.9",
        route: "POST /api/v1/events?dryRun=false&token=hemligt", status: 200, method: .token, events: 42))
    try log.record(
      .init(
        at: at, action: .export, outcome: .ok, account: "office", address: "::1",
        route: "GET /api/v1/events?knownAt=x", status: 200))
    let entries = try AccessLog.read(path: log.path)
    #expect(entries.count == 4)
    #expect(
      entries[0]
        == .init(
          at: at, action: .login, outcome: .ok, account: "anna", address: "10.1.2.3", route: "POST /login",
          status: 303, method: .password))
    #expect(entries[1].account == nil && entries[1].action == .loginFailed)
    #expect(entries[2].route == "POST /api/v1/events" && entries[2].events == 42)
    let text = String(decoding: TemporaryDirectory.read(log.path), as: UTF8.self)
    #expect(!text.contains("hemligt"))
    let lines = text.split(separator: "\n")
    #expect(lines.count == 4)
    for line in lines { #expect(try JSONValue.parse(Array(line.utf8))["v"] == 1) }
    // A second opener (the CLI) appends after the server's lines.
    try AccessLog(path: log.path).record(
      .init(
        at: at, action: .accountAdded, outcome: .ok, account: "admin", address: "cli", route: "account add",
        subject: "bo"))
    #expect(try AccessLog.read(path: log.path).count == 5)
  }

  @Test func longAndControlFieldsAreCut() throws {
    let e = AccessLog.Entry(
      at: Timestamp(seconds: 0), action: .denied, outcome: .refused,
      account: String(repeating: "a", count: 200),
      address: "1.2.3.4\nfake", route: "GET /" + String(repeating: "x", count: 1000))
    #expect(e.account?.utf8.count == 64)
    #expect(e.address == "1.2.3.4fake")
    #expect(e.route?.utf8.count == 256)
  }

  @Test func unknownVersionIsRefusedNamingTheLine() throws {
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.path + "/access.jsonl"
    TemporaryDirectory.write(
      "{\"v\":1,\"at\":\"2026-01-01T00:00:00Z\",\"action\":\"login\",\"outcome\":\"ok\"}\n{\"v\":2,\"at\":\"2026-01-01T00:00:00Z\",\"action\":\"login\",\"outcome\":\"ok\"}\n",
      to: path)
    #expect {
      try AccessLog.read(path: path)
    } throws: { error in
      (error as? AccessError)?.description.contains("rad 2") == true
    }
  }

  @Test func concurrentRecordsAreWholeLines() async throws {
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    let log = try AccessLog(logDirectory: dir.path)
    await withTaskGroup(of: Void.self) { group in
      for worker in 0..<8 {
        group.addTask {
          for i in 0..<25 {
            try? log.record(
              .init(
                at: Timestamp(seconds: Int64(i)), action: .write, outcome: .ok, account: "w\(worker)",
                events: i))
          }
        }
      }
    }
    let entries = try AccessLog.read(path: log.path)
    #expect(entries.count == 200)
    #expect(Set(entries.compactMap(\.account)).count == 8)
  }
}
