import Foundation
import LiggareBasics
import Testing

@testable import LiggareStorage

/// `withRecord(atSeq:)` reads from the nearer end of a segment: the same record as the forward walk.
@Suite struct RecordLookupTests {
  /// A log of 200 records in segments of about 4 KiB (a few dozen records each).
  static func makeLog(_ tmp: TemporaryDirectory) throws -> String {
    let dir = tmp.path + "/log"
    let log = try EventLog.open(
      directory: dir, access: .write(wait: false), createIfMissing: true, segmentBytes: 4096)
    for batch in 0..<20 {
      try log.append((0..<10).map { EventLogTests.body(batch * 10 + $0, String(repeating: "y", count: 40)) })
    }
    log.close()
    return dir
  }

  @Test func everySeqGivesTheRecordTheForwardWalkGives() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let log = try EventLog.open(directory: Self.makeLog(tmp), access: .read)
    var forward: [UInt64: (hash: SHA256.Digest, body: [UInt8])] = [:]
    try log.forEachRecord { forward[$0.seq] = ($0.hash, $0.body) }
    #expect(forward.count == 200)
    for seq in UInt64(1)...200 {
      let found = try log.withRecord(atSeq: seq) { ($0.seq, $0.hash, $0.body) }
      #expect(found?.0 == seq)
      #expect(found?.1 == forward[seq]?.hash)
      #expect(found?.2 == forward[seq]?.body)
    }
    #expect(try log.withRecord(atSeq: 0) { $0.seq } == nil)
    #expect(try log.withRecord(atSeq: 201) { $0.seq } == nil)
  }

  @Test func aDamagedRecordOnTheWayBackIsReportedNotPassed() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = try Self.makeLog(tmp)
    // The last segment: damage its next-to-last record (199), then ask for the one before it (198),
    // which is nearer the segment's end than its start, so it is read backwards past 199.
    let last = TemporaryDirectory.files(in: dir).filter { $0.hasPrefix("seg-") }.sorted().last!
    let path = dir + "/" + last
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let starts = [0] + bytes.indices.filter { bytes[$0] == 0x0A && $0 + 1 < bytes.count }.map { $0 + 1 }
    #expect(starts.count >= 8)
    let damaged = starts[starts.count - 2]
    let letter = bytes[damaged...].firstIndex(of: UInt8(ascii: "y"))!
    bytes[letter] = UInt8(ascii: "z")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let log = try EventLog.open(directory: dir, access: .read)
    #expect(throws: LogError.self) { try log.withRecord(atSeq: 198) { $0.seq } }
    #expect(try log.withRecord(atSeq: 200) { $0.seq } == 200)
  }
}
