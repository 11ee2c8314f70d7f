import Foundation
import Testing

/// Issue 13, item 12 (storage part): an answer that cannot be written to standard output is a
/// failed command with the system's reason in Swedish, not a silent exit 0.
@Suite struct OutputFailureTests {
  static func run(_ arguments: [String], stdout: FileHandle) throws -> (status: Int32, error: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: ProcessTests.executable)
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["LIGGARE_LOG"] = nil
    p.environment = env
    let err = Pipe()
    p.standardOutput = stdout
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
}
