import Foundation
import Testing

/// Issue 10 through the real executable: what a person sees after a crash or on a broken file.
@Suite(.serialized) struct FaultProcessTests {
  typealias P = ProcessTests

  static func segment(_ log: String) throws -> String {
    let name = try #require(
      try FileManager.default.contentsOfDirectory(atPath: log).filter { $0.hasPrefix("seg-") }.sorted().last)
    return log + "/" + name
  }

  /// Item 4: an uncommitted tail (a crash's trace) is not damage: exit 0. With a writer holding
  /// the lock it is only reported (the write may be in progress); the next writer sets it aside.
  @Test func item4_verifyCallsAnUnfinishedWriteByItsName() throws {
    let dir = P.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let log = dir + "/log"
    try Self.logWithUnfinishedWrite(log, dir: dir)
    // A writer holds the lock (flock, as every writer takes it).
    let lock = open(log + "/lock", O_RDWR)
    #expect(lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) == 0)
    for flags in [["verify"], ["verify", "--integrity"]] {
      let verify = try P.run(["--log", log] + flags)
      #expect(verify.status == 0, "\(verify.output) \(verify.error)")
      #expect(!verify.output.contains("SKADAD"))
      #expect(
        verify.output.contains("2 poster") && verify.output.contains("läggs åt sidan vid nästa"),
        "\(verify.output)")
    }
    #expect(!FileManager.default.fileExists(atPath: log + "/quarantine"))
    close(lock)
    #expect(try P.run(["--log", log, "forget", "p-ingen"]).status == 0)
    let after = try P.run(["--log", log, "verify"])
    #expect(after.status == 0)
    #expect(!after.output.contains("åt sidan"))
  }

  /// Item 4: with no writer holding the lock, `verify` takes it and sets the unfinished write
  /// aside itself (as SQLite's next reader rolls back a hot journal), says so, and exits 0.
  @Test func item4_verifySetsAnAbandonedWriteAsideWhenNoWriterHoldsTheLock() throws {
    let dir = P.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let log = dir + "/log"
    try Self.logWithUnfinishedWrite(log, dir: dir)
    let segment = try Self.segment(log)
    let before = try #require(FileManager.default.contents(atPath: segment))
    let verify = try P.run(["--log", log, "verify", "--integrity"])
    #expect(verify.status == 0, "\(verify.output) \(verify.error)")
    #expect(!verify.output.contains("SKADAD"))
    #expect(
      verify.output.contains("2 poster") && verify.output.contains("har lagts åt sidan i"), "\(verify.output)"
    )
    let quarantined = try FileManager.default.contentsOfDirectory(atPath: log + "/quarantine")
    #expect(quarantined.count == 1)
    let after = try #require(FileManager.default.contents(atPath: segment))
    #expect(after.count < before.count && before.starts(with: after))
    let again = try P.run(["--log", log, "verify"])
    #expect(again.status == 0)
    #expect(!again.output.contains("åt sidan"), "\(again.output)")
  }

  static func logWithUnfinishedWrite(_ log: String, dir: String) throws {
    try P.base(people: 3).write(toFile: dir + "/a.jsonl", atomically: true, encoding: .utf8)
    #expect(try P.run(["--log", log, "import", dir + "/a.jsonl"]).status == 0)
    let handle = try #require(FileHandle(forWritingAtPath: try Self.segment(log)))
    handle.seekToEndOfFile()
    handle.write(Data(#"{"a":1,"seq":11,"commit":false}"#.utf8 + [0x0A]) + Data(#"{"a":2,"se"#.utf8))
    handle.closeFile()
  }

  /// Item 1 through the CLI: a log cut back below its head file is refused with exit 3 and advice.
  @Test func item1_importRefusesALogThatLostCommittedRecords() throws {
    let dir = P.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let log = dir + "/log"
    try P.base(people: 3).write(toFile: dir + "/a.jsonl", atomically: true, encoding: .utf8)
    #expect(try P.run(["--log", log, "import", dir + "/a.jsonl"]).status == 0)
    let segment = try Self.segment(log)
    let before = try #require(FileManager.default.contents(atPath: segment))
    try P.completions(prefix: "c", count: 5, people: 3).write(
      toFile: dir + "/b.jsonl", atomically: true, encoding: .utf8)
    #expect(try P.run(["--log", log, "import", dir + "/b.jsonl"]).status == 0)
    try before.write(to: URL(fileURLWithPath: segment))
    try P.completions(prefix: "d", count: 3, people: 3).write(
      toFile: dir + "/c.jsonl", atomically: true, encoding: .utf8)
    let refused = try P.run(["--log", log, "import", dir + "/c.jsonl"])
    #expect(refused.status == 3, "\(refused.output) \(refused.error)")
    #expect(refused.error.contains("Återställ"))
    #expect(FileManager.default.contents(atPath: segment) == before)
    #expect(try P.run(["--log", log, "verify"]).status == 3)
  }

  /// Item 10: a report that cannot be written says why.
  @Test func item10_aReportThatCannotBeWrittenSaysWhy() throws {
    let dir = P.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let log = dir + "/log"
    try P.base(people: 3).write(toFile: dir + "/a.jsonl", atomically: true, encoding: .utf8)
    #expect(try P.run(["--log", log, "import", dir + "/a.jsonl"]).status == 0)
    let report = try P.run(["--log", log, "report", "--year", "2012", "-o", dir + "/saknas/rapport.html"])
    #expect(report.status == 1)
    #expect(report.error.contains("finns inte") && report.error.contains("errno"), "\(report.error)")
  }
}

extension FaultProcessTests {
  /// Item 14: a clock at the end of the calendar is no crash.
  @Test(arguments: ["9999-12-31T23:59:59Z", "9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00Z"])
  func item14_aClockAtTheEndOfTheCalendarIsNoCrash(_ now: String) throws {
    let dir = P.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let log = dir + "/log"
    try P.base(people: 3).write(toFile: dir + "/a.jsonl", atomically: true, encoding: .utf8)
    #expect(try P.run(["--log", log, "import", dir + "/a.jsonl"]).status == 0)
    for command in [["city"], ["unit", "u"], ["gaps", "u"], ["person", "p1"], ["stats"]] {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: P.executable)
      p.arguments = ["--log", log] + command
      var env = ProcessInfo.processInfo.environment
      env["LIGGARE_NOW"] = now
      p.environment = env
      p.standardOutput = FileHandle.nullDevice
      p.standardError = FileHandle.nullDevice
      try p.run()
      p.waitUntilExit()
      #expect(p.terminationReason == .exit, "\(command) crashed with LIGGARE_NOW=\(now)")
      #expect(p.terminationStatus <= 3, "\(command)")
    }
  }
}
