import Foundation
import LiggareTestSupport
import Testing

/// Runs the real `liggare` executable as child processes: a `kill -9` in the middle of an import,
/// and two importers at once.
@Suite(.serialized) struct ProcessTests {
  static var executable: String { LiggareExecutable.path }

  struct Run {
    var status: Int32
    var output: String
    var error: String
  }

  static func start(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["LIGGARE_NOW"] = "2026-01-15T10:00:00Z"
    env["LIGGARE_LOG"] = nil
    env["COLUMNS"] = nil
    p.environment = env
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    return (p, out, err)
  }

  static func run(_ arguments: [String]) throws -> Run {
    let (p, out, err) = try start(arguments)
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let error = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Run(
      status: p.terminationStatus, output: String(decoding: output, as: UTF8.self),
      error: String(decoding: error, as: UTF8.self))
  }

  static func line(_ id: String, _ type: String, _ date: String, _ data: String) -> String {
    #"{"id":"\#(id)","type":"\#(type)","occurredOn":"\#(date)","recordedAt":"2025-01-01T08:00:00Z","data":\#(data)}"#
  }

  /// A city, a board, a unit, a course and `people` registered staff.
  static func base(people: Int) -> String {
    var lines = [
      line("u-stad", "UnitEstablished", "2011-01-01", #"{"unit":"stad","name":"Staden","kind":"city"}"#),
      line(
        "u-n", "UnitEstablished", "2011-01-01", #"{"unit":"n","name":"Nämnd","kind":"board","parent":"stad"}"#
      ),
      line(
        "u-u", "UnitEstablished", "2011-01-01",
        #"{"unit":"u","name":"Skola","kind":"unit","parent":"n","schoolForm":"grundskola"}"#),
      line(
        "k", "CourseDefined", "2011-01-01", #"{"course":"k","title":"Kurs","hours":2,"area":"uppföljning"}"#),
    ]
    for p in 0..<people {
      lines.append(
        line("r-\(p)", "PersonRegistered", "2011-01-01", #"{"person":"p\#(p)","name":"Namn \#(p)"}"#))
      lines.append(
        line("a-\(p)", "StaffAssigned", "2011-01-01", #"{"person":"p\#(p)","unit":"u","role":"lärare"}"#))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func completions(prefix: String, count: Int, people: Int) -> String {
    var out = ""
    out.reserveCapacity(count * 140)
    for i in 0..<count {
      out += line(
        "\(prefix)-\(i)", "CourseCompleted", "2012-03-01", #"{"person":"p\#(i % people)","course":"k"}"#)
      out += "\n"
    }
    return out
  }

  static func folder() -> String {
    let path = NSTemporaryDirectory() + "liggare-process-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func headSeq(_ output: String) -> Int? {
    guard let range = output.range(of: "Loggens huvud: seq ") else { return nil }
    return Int(output[range.upperBound...].prefix { $0.isNumber })
  }

  @Test(arguments: [0.15, 0.4, 0.8])
  func killedImportLosesNothingAcknowledged(after delay: Double) throws {
    let dir = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let log = dir + "/log"
    try Self.base(people: 200).write(toFile: dir + "/a.jsonl", atomically: true, encoding: .utf8)
    try Self.completions(prefix: "c", count: 120_000, people: 200)
      .write(toFile: dir + "/b.jsonl", atomically: true, encoding: .utf8)
    let first = try Self.run(["--log", log, "import", dir + "/a.jsonl"])
    #expect(first.status == 0, "\(first.error)")
    let acknowledged = try #require(Self.headSeq(first.output))

    let (importer, _, _) = try Self.start(["--log", log, "import", dir + "/b.jsonl"])
    Thread.sleep(forTimeInterval: delay)
    kill(importer.processIdentifier, SIGKILL)
    importer.waitUntilExit()

    // A writer opening the log recovers it (quarantining an unfinished batch).
    let recover = try Self.run(["--log", log, "forget", "p-ingen"])
    #expect(recover.status == 0, "\(recover.error)")
    let verify = try Self.run(["--log", log, "verify"])
    #expect(verify.status == 0, "verify after kill: \(verify.output) \(verify.error)")
    let head = try #require(Self.headSeq(verify.output))
    #expect(head == acknowledged || head == acknowledged + 120_000, "head \(head) is inside a batch")
    let export = try Self.run(["--log", log, "export"])
    let ids = export.output.split(separator: "\n").count
    #expect(ids == head)
    #expect(export.output.contains(#""id":"a-199""#), "an acknowledged event is missing")
  }

  @Test func twoImportersWithWaitBothLandWhole() throws {
    let dir = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let log = dir + "/log"
    try Self.base(people: 50).write(toFile: dir + "/a.jsonl", atomically: true, encoding: .utf8)
    #expect(try Self.run(["--log", log, "import", dir + "/a.jsonl"]).status == 0)
    try Self.completions(prefix: "x", count: 20_000, people: 50)
      .write(toFile: dir + "/x.jsonl", atomically: true, encoding: .utf8)
    try Self.completions(prefix: "y", count: 20_000, people: 50)
      .write(toFile: dir + "/y.jsonl", atomically: true, encoding: .utf8)
    let (px, ox, ex) = try Self.start(["--log", log, "--wait", "import", dir + "/x.jsonl"])
    let (py, oy, ey) = try Self.start(["--log", log, "--wait", "import", dir + "/y.jsonl"])
    for (p, o, e) in [(px, ox, ex), (py, oy, ey)] {
      _ = o.fileHandleForReading.readDataToEndOfFile()
      let error = String(decoding: e.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      p.waitUntilExit()
      #expect(p.terminationStatus == 0, "\(error)")
    }
    #expect(try Self.run(["--log", log, "verify"]).status == 0)
    let lines = try Self.run(["--log", log, "export"]).output.split(separator: "\n")
    #expect(lines.count == 4 + 100 + 40_000)
    // Each import's events are contiguous: no interleaving.
    let kinds = lines.dropFirst(104).map { $0.contains(#""id":"x-"#) ? "x" : "y" }
    var runs = 1
    for i in 1..<kinds.count where kinds[i] != kinds[i - 1] { runs += 1 }
    #expect(runs == 2)
  }

  @Test func aSecondWriterWithoutWaitIsRefused() throws {
    let dir = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let log = dir + "/log"
    try Self.base(people: 50).write(toFile: dir + "/a.jsonl", atomically: true, encoding: .utf8)
    #expect(try Self.run(["--log", log, "import", dir + "/a.jsonl"]).status == 0)
    try Self.completions(prefix: "x", count: 150_000, people: 50)
      .write(toFile: dir + "/x.jsonl", atomically: true, encoding: .utf8)
    let (first, _, _) = try Self.start(["--log", log, "import", dir + "/x.jsonl"])
    defer {
      kill(first.processIdentifier, SIGKILL)
      first.waitUntilExit()
    }
    // Wait until the first importer holds the lock (it writes its pid into the lock file).
    for _ in 0..<200 {
      if let text = try? String(contentsOfFile: log + "/lock", encoding: .utf8),
        text.contains("pid \(first.processIdentifier)")
      {
        break
      }
      Thread.sleep(forTimeInterval: 0.01)
    }
    let second = try Self.run(["--log", log, "log", "staff-left", "--person", "p1", "--date", "2013-01-01"])
    #expect(second.status == 1)
    #expect(second.error.contains("används redan"), "\(second.error)")
  }
}
