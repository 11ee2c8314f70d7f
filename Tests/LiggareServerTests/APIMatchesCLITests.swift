import Foundation
import LiggareHTTP
import LiggareServer
import Testing

/// For every view and every report format, the API's body is byte for byte what the CLI prints
/// for the same question.
@Suite struct APIMatchesCLITests {
  /// Runs the real `liggare` executable on the fixture's log.
  static func cli(_ arguments: [String], log: String) throws -> (Int32, [UInt8]) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: ServerProcess.executable)
    p.arguments = ["--log", log] + arguments
    var env = ProcessInfo.processInfo.environment
    env["LIGGARE_NOW"] = "2026-01-15T10:00:00Z"
    env["LIGGARE_LOG"] = nil
    p.environment = env
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, Array(data))
  }

  @Test func everyViewAndReportFormatIsTheCLIsOutput() throws {
    let f = try ServerFixture()
    let pairs: [(String, [String])] = [
      ("/api/v1/city?asOf=2025-01-01", ["city", "--as-of", "2025-01-01", "--json"]),
      ("/api/v1/units/a?asOf=2025-01-01", ["unit", "a", "--as-of", "2025-01-01", "--json"]),
      (
        "/api/v1/units/a?asOf=2013-01-01&knownAt=2025-01-01",
        ["unit", "a", "--as-of", "2013-01-01", "--known-at", "2025-01-01", "--json"]
      ),
      ("/api/v1/units/a/gaps?asOf=2025-01-01", ["gaps", "--unit", "a", "--as-of", "2025-01-01", "--json"]),
      ("/api/v1/units/n2/gaps", ["gaps", "--unit", "n2", "--json"]),
      ("/api/v1/persons/p-a1?asOf=2025-01-01", ["person", "p-a1", "--as-of", "2025-01-01", "--json"]),
      ("/api/v1/persons/p-b1", ["person", "p-b1", "--json"]),
      ("/api/v1/reports/2025?format=json", ["report", "--year", "2025", "--format", "json"]),
      ("/api/v1/reports/2025?format=html", ["report", "--year", "2025", "--format", "html"]),
      (
        "/api/v1/reports/2025?format=md&scope=n1",
        ["report", "--year", "2025", "--format", "md", "--scope", "n1"]
      ),
      ("/api/v1/reports/2025?format=csv", ["report", "--year", "2025", "--format", "csv"]),
      (
        "/api/v1/reports/2025?format=csv&csvDialect=rfc&knownAt=2025-06-30",
        ["report", "--year", "2025", "--format", "csv", "--csv-dialect", "rfc", "--known-at", "2025-06-30"]
      ),
    ]
    for (target, arguments) in pairs {
      let api = try f.call("GET", target, as: "office")
      let (status, output) = try Self.cli(arguments, log: f.directory)
      #expect(status == 0, "\(arguments)")
      #expect(api.status.code == 200, "\(target): \(ServerFixture.text(api))")
      #expect(api.body == output, "\(target) differs from liggare \(arguments.joined(separator: " "))")
      #expect(!output.isEmpty)
    }
    // The export is what `liggare export` writes.
    let api = try f.call("GET", "/api/v1/events", as: "office")
    let (status, output) = try Self.cli(["export"], log: f.directory)
    #expect(status == 0 && api.body == output && output.count > 1000)
  }

  @Test func requirementGapsAreTheCLIsOutput() throws {
    let f = try ServerFixture()
    func line(_ type: String, _ date: String, _ data: String) -> String {
      #"{"type":"\#(type)","occurredOn":"\#(date)","data":\#(data)}"#
    }
    let part2 = [
      line(
        "FrameworkDefined", "2024-01-10",
        #"{"framework":"dce","title":"DigCompEdu","levels":["A1","A2","B1","B2","C1","C2"]}"#),
      line(
        "CompetenceDefined", "2024-01-10",
        #"{"competence":"dce-2.1","framework":"dce","title":"Välja digitala resurser","area":"digitalt innehåll"}"#
      ),
      line(
        "RequirementSet", "2024-02-01",
        #"{"requirement":"krav-1","competence":"dce-2.1","minLevel":"B1","scope":"stad"}"#),
      line(
        "CompetenceAssessed", "2024-03-01",
        #"{"person":"p-a1","competence":"dce-2.1","level":"A2","method":"self"}"#),
      line(
        "CompetenceAssessed", "2024-03-01",
        #"{"person":"p-b1","competence":"dce-2.1","level":"C1","method":"self"}"#),
    ].joined(separator: "\n")
    let posted = try f.call("POST", "/api/v1/events", as: "citycoord", body: Array(part2.utf8))
    #expect(posted.status.code == 201, "\(ServerFixture.text(posted))")
    let pairs: [(String, [String])] = [
      (
        "/api/v1/units/a/gaps?requirement=krav-1&asOf=2025-01-01",
        ["gaps", "--unit", "a", "--requirement", "krav-1", "--as-of", "2025-01-01", "--json"]
      ),
      (
        "/api/v1/units/stad/gaps?framework=dce&asOf=2025-01-01",
        ["gaps", "--unit", "stad", "--framework", "dce", "--as-of", "2025-01-01", "--json"]
      ),
      ("/api/v1/units/n2/gaps?framework=dce", ["gaps", "--unit", "n2", "--framework", "dce", "--json"]),
    ]
    for (target, arguments) in pairs {
      let api = try f.call("GET", target, as: "office")
      let (status, output) = try Self.cli(arguments, log: f.directory)
      #expect(status == 0, "\(arguments)")
      #expect(api.status.code == 200, "\(target): \(ServerFixture.text(api))")
      #expect(api.body == output, "\(target) differs from liggare \(arguments.joined(separator: " "))")
      #expect(String(decoding: api.body, as: UTF8.self).contains("krav-1"))
    }
    // p-a1 is below the requirement at a: named in the answer.
    let a = try f.call("GET", "/api/v1/units/a/gaps?requirement=krav-1", as: "office")
    #expect(ServerFixture.text(a).contains("p-a1"))
    // A requirement not in force, and goal with requirement: 404 and 400 as JSON errors.
    let missing = try f.call("GET", "/api/v1/units/a/gaps?requirement=krav-9", as: "office")
    #expect(missing.status.code == 404 && ServerFixture.code(missing) == "not-found")
    let both = try f.call("GET", "/api/v1/units/a/gaps?requirement=krav-1&goal=g", as: "office")
    #expect(both.status.code == 400 && ServerFixture.code(both) == "bad-request")
  }

  @Test func aWriteThroughTheAPIIsSeenByTheCLIAndTheActorIsTheAccount() throws {
    let f = try ServerFixture()
    let body = Array(
      #"{"type":"CourseCompleted","occurredOn":"2025-06-01","actor":"någon-annan","data":{"person":"p-a2","course":"k"}}"#
        .utf8)
    let head = try f.call("GET", "/api/v1/head", as: "coord")
    let hash = try #require(head.headers["ETag"])
    // A stale If-Match: 412, nothing appended.
    var r = try f.call(
      "POST", "/api/v1/events", as: "coord", body: body,
      headers: [("If-Match", "\"" + String(repeating: "0", count: 64) + "\"")])
    #expect(r.status.code == 412 && ServerFixture.code(r) == "head-moved")
    r = try f.call("POST", "/api/v1/events", as: "coord", body: body, headers: [("If-Match", hash)])
    #expect(r.status.code == 201, "\(ServerFixture.text(r))")
    let (_, exported) = try Self.cli(["export"], log: f.directory)
    let last = String(decoding: exported, as: UTF8.self).split(separator: "\n").last ?? ""
    #expect(last.contains(#""actor":"coord""#) && last.contains("p-a2"))
    // The same body again: already there, nothing new.
    r = try f.call("POST", "/api/v1/events", as: "coord", body: body)
    #expect(r.status.code == 200 && ServerFixture.text(r).contains(#""alreadyPresent": 1"#))
    // A bad line: 400 naming the line and the field; nothing appended.
    let before = try f.call("GET", "/api/v1/head", as: "coord").body
    r = try f.call(
      "POST", "/api/v1/events", as: "coord",
      body: body + [0x0A]
        + Array(#"{"type":"CourseCompleted","occurredOn":"2025-06-01","data":{"course":"k"}}"#.utf8))
    #expect(r.status.code == 400)
    let error = try JSONValueOf(r.body)
    #expect(error.line == 2 && error.field == "person")
    // The message names the line once ("rad 2: …"), as docs/api.md shows, not "rad rad 2".
    #expect(error.message?.hasPrefix("rad 2") == true, "\(error.message ?? "")")
    #expect(try f.call("GET", "/api/v1/head", as: "coord").body == before)
    // The access log has the writes, with the account.
    let access = try String(contentsOfFile: f.directory + "/access.jsonl", encoding: .utf8)
    #expect(access.contains(#""account":"coord","action":"write""#))
  }

  /// The `line` and `field` of an error body.
  struct JSONValueOf {
    var line: Int?
    var field: String?
    var message: String?
    init(_ bytes: [UInt8]) throws {
      let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
      let error = object?["error"] as? [String: Any]
      line = error?["line"] as? Int
      field = error?["field"] as? String
      message = error?["message"] as? String
    }
  }
}
