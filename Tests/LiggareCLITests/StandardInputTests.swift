import Foundation
import Testing

/// `account add --password-stdin` reads standard input through the system-call layer: an input
/// that cannot be read (a folder) is a Swedish error, not a trap inside Foundation's FileHandle.
@Suite struct StandardInputTests {
  static func run(_ arguments: [String], stdin: FileHandle) throws -> (status: Int32, error: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: ProcessTests.executable)
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["LIGGARE_LOG"] = nil
    p.environment = env
    let err = Pipe()
    p.standardInput = stdin
    p.standardOutput = FileHandle.nullDevice
    p.standardError = err
    try p.run()
    let error = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: error, as: UTF8.self))
  }

  @Test func aPasswordFromAFolderIsAnErrorNotACrash() throws {
    let dir = ProcessTests.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let folder = try #require(FileHandle(forReadingAtPath: dir))
    let result = try Self.run(
      ["--log", dir, "account", "add", "nisse", "--role", "admin", "--password-stdin"], stdin: folder)
    #expect(result.status == 1, "\(result.error)")
    #expect(result.error.contains("lösenordet kunde inte läsas från standard in"), "\(result.error)")
    #expect(result.error.contains("read misslyckades för standard in"), "\(result.error)")
  }

  @Test func aPasswordFromAPipeIsRead() throws {
    let dir = ProcessTests.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let pipe = Pipe()
    pipe.fileHandleForWriting.write(Data("ett långt lösenord\n".utf8))
    try pipe.fileHandleForWriting.close()
    let result = try Self.run(
      ["--log", dir, "account", "add", "nisse", "--role", "admin", "--password-stdin"],
      stdin: pipe.fileHandleForReading)
    #expect(result.status == 0, "\(result.error)")
  }
}
