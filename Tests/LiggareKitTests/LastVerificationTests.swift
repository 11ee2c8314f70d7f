import Foundation
import LiggareBasics
import LiggareKit
import LiggareStorage
import Testing

/// The last check's result beside the log, for the status page.
@Suite struct LastVerificationTests {
  @Test func roundTripsAndRefusesOtherVersions() throws {
    let dir = NSTemporaryDirectory() + "liggare-last-verify-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(try LastVerification.read(logDirectory: dir) == nil)
    let hash = try #require(SHA256.Digest(hex: Array(String(repeating: "ab", count: 32).utf8)))
    let at = try #require(Timestamp(parsing: "2026-12-02T03:00:00Z"))
    let result = LastVerification(
      at: at, intact: false, records: 41, head: LogHead(seq: 42, hash: hash),
      damage: "seq 7: kontrollsumman stämmer inte", doubtful: nil, by: "analytiker på statussidan")
    try result.write(logDirectory: dir)
    #expect(try LastVerification.read(logDirectory: dir) == result)
    let path = dir + "/" + LastVerification.fileName
    let text = try String(contentsOfFile: path, encoding: .utf8)
    try text.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 2").write(
      toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: LedgerError.self) { try LastVerification.read(logDirectory: dir) }
    try "{}".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: LedgerError.self) { try LastVerification.read(logDirectory: dir) }
  }
}
