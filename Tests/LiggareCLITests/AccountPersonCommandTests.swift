import Foundation
import Testing

/// `liggare account person NAME [PERSON]`: sets or removes a head's own person id, as the admin
/// page does (issue 12).
@Suite struct AccountPersonCommandTests {
  @Test func setsListsAndRemovesAHeadsPersonIdAndRefusesOtherRoles() throws {
    let dir = NSTemporaryDirectory() + "liggare-account-person-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    func run(_ words: [String]) throws -> ProcessTests.Run { try ProcessTests.run(["--log", dir] + words) }
    #expect(try run(["account", "add", "rektor", "--role", "head", "--scope", "u-1"]).status == 0)
    #expect(try run(["account", "add", "analys", "--role", "office"]).status == 0)
    let set = try run(["account", "person", "rektor", "p-7"])
    #expect(set.status == 0, "\(set.error)")
    #expect(set.output.contains("person-id p-7"))
    #expect(try run(["account", "list"]).output.contains("person p-7"))
    let removed = try run(["account", "person", "rektor"])
    #expect(removed.status == 0, "\(removed.error)")
    #expect(!(try run(["account", "list"]).output.contains("person p-7")))
    let refused = try run(["account", "person", "analys", "p-7"])
    #expect(refused.status == 1)
    #expect(refused.error.contains("tar inget person-id"), "\(refused.error)")
  }
}
