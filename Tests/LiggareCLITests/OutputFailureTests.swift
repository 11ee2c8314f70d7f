import Foundation
import Testing

/// Issue 13, item 12 (storage part): an answer that cannot be written to standard output is a
/// failed command with the system's reason in Swedish, not a silent exit 0.
@Suite struct OutputFailureTests {
  /// Runs the executable with standard input and/or output redirected to the given handles
  /// (standard output discarded when not given); its exit status and standard error.
  static func run(_ arguments: [String], stdin: FileHandle? = nil, stdout: FileHandle? = nil) throws -> (
    status: Int32, error: String
  ) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: ProcessTests.executable)
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["LIGGARE_LOG"] = nil
    p.environment = env
    let err = Pipe()
    if let stdin { p.standardInput = stdin }
    p.standardOutput = stdout ?? FileHandle.nullDevice
    p.standardError = err
    try p.run()
    let error = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: error, as: UTF8.self))
  }

  @Test func aFullDiskOnStandardOutputIsAnError() throws {
    let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
    let result = try Self.run(["--help"], stdout: full)
    #expect(result.status == 1, "\(result.error)")
    #expect(result.error.contains("disken är full"), "\(result.error)")
  }

  @Test func aClosedPipeIsAnErrorNotASilentDeath() throws {
    let pipe = Pipe()
    try pipe.fileHandleForReading.close()
    let result = try Self.run(["--help"], stdout: pipe.fileHandleForWriting)
    #expect(result.status == 1, "\(result.error)")
    #expect(result.error.contains("röret"), "\(result.error)")
  }

  /// Issue 13 item 12: `export` streams its output past the console, and dropped a failed write
  /// (exit 0 with nothing written).
  @Test func anExportThatCannotBeWrittenFails() throws {
    let dir = ProcessTests.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let log = dir + "/log"
    try ProcessTests.base(people: 3).write(toFile: dir + "/a.jsonl", atomically: true, encoding: .utf8)
    let imported = try ProcessTests.run(["--log", log, "import", dir + "/a.jsonl"])
    try #require(imported.status == 0, "\(imported.error)")

    let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
    let toFull = try Self.run(["--log", log, "export"], stdout: full)
    #expect(toFull.status == 1, "\(toFull.error)")
    #expect(
      toFull.error.contains("svaret kunde inte skrivas") && toFull.error.contains("disken är full"),
      "\(toFull.error)")

    let pipe = Pipe()
    try pipe.fileHandleForReading.close()
    let toClosed = try Self.run(["--log", log, "export"], stdout: pipe.fileHandleForWriting)
    #expect(toClosed.status == 1, "\(toClosed.error)")
    #expect(toClosed.error.contains("röret"), "\(toClosed.error)")

    let toFullFile = try ProcessTests.run(["--log", log, "export", "-o", "/dev/full"])
    #expect(toFullFile.status == 1, "\(toFullFile.error)")
    #expect(toFullFile.error.contains("/dev/full: kan inte skrivas"), "\(toFullFile.error)")
  }
}
