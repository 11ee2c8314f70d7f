import Foundation
import Testing

/// `account add --password-stdin` reads standard input through the system-call layer: an input
/// that cannot be read (a folder) is a Swedish error, not a trap inside Foundation's FileHandle.
@Suite struct StandardInputTests {
  @Test func aPasswordFromAFolderIsAnErrorNotACrash() throws {
    let dir = ProcessTests.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let folder = try #require(FileHandle(forReadingAtPath: dir))
    let result = try OutputFailureTests.run(
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
    let result = try OutputFailureTests.run(
      ["--log", dir, "account", "add", "nisse", "--role", "admin", "--password-stdin"],
      stdin: pipe.fileHandleForReading)
    #expect(result.status == 0, "\(result.error)")
  }
}
