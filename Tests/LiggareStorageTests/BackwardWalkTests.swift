import Foundation
import LiggareBasics
import Testing

@testable import LiggareStorage

/// `forEachRecordBackward(from:)` visits what the forward walk visits, in reverse, and reports the
/// damage it meets on the way.
@Suite struct BackwardWalkTests {
  /// The segment files of `dir`, oldest first, with the byte offsets where each line starts.
  static func segments(_ dir: String) throws -> [(path: String, bytes: [UInt8], starts: [Int])] {
    try TemporaryDirectory.files(in: dir).filter { $0.hasPrefix("seg-") }.sorted().map { name in
      let path = dir + "/" + name
      let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
      let starts = [0] + bytes.indices.filter { bytes[$0] == 0x0A && $0 + 1 < bytes.count }.map { $0 + 1 }
      return (path, bytes, starts)
    }
  }

  static func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }

  /// The seqs visited backwards from `seq`, and the damage met (nil if none).
  static func walk(_ log: EventLog, from seq: UInt64) -> (seqs: [UInt64], damage: LogDamage?) {
    var seqs: [UInt64] = []
    do {
      try log.forEachRecordBackward(from: seq) {
        seqs.append($0.seq)
        return true
      }
    } catch LogError.damaged(let damage) {
      return (seqs, damage)
    } catch {
      Issue.record("unexpected error \(error)")
    }
    return (seqs, nil)
  }

  @Test func everyStartGivesTheForwardRecordsInReverseAcrossSegments() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = try RecordLookupTests.makeLog(tmp)
    #expect(try Self.segments(dir).count > 5)
    let log = try EventLog.open(directory: dir, access: .read)
    var forward: [(seq: UInt64, hash: SHA256.Digest, body: [UInt8])] = []
    try log.forEachRecord { forward.append(($0.seq, $0.hash, $0.body)) }
    #expect(forward.count == 200)
    for start in UInt64(0)...202 {
      var backward: [(seq: UInt64, hash: SHA256.Digest, body: [UInt8])] = []
      try log.forEachRecordBackward(from: start) {
        backward.append(($0.seq, $0.hash, $0.body))
        return true
      }
      let expected = Array(forward.prefix(Int(min(start, 200))).reversed())
      #expect(backward.map(\.seq) == expected.map(\.seq), "from \(start)")
      #expect(backward.map(\.hash) == expected.map(\.hash), "from \(start)")
      #expect(backward.map(\.body) == expected.map(\.body), "from \(start)")
    }
  }

  @Test func theWalkStopsWhenTheBodySaysSo() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let log = try EventLog.open(directory: RecordLookupTests.makeLog(tmp), access: .read)
    var seen: [UInt64] = []
    try log.forEachRecordBackward(from: 200) {
      seen.append($0.seq)
      return seen.count < 57
    }
    #expect(seen == Array((144...200).reversed()))
  }

  @Test func aCorruptRecordIsReportedAfterTheRecordsAboveIt() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = try RecordLookupTests.makeLog(tmp)
    let log = try EventLog.open(directory: dir, access: .read)
    let segments = try Self.segments(dir)
    // The third line of the second segment: its seq is the segment's first + 2.
    let target = segments[1]
    var firstOfSecond: UInt64 = 0
    try log.forEachRecord {
      if firstOfSecond == 0 && $0.seq > UInt64(segments[0].starts.count) { firstOfSecond = $0.seq }
    }
    let damagedSeq = firstOfSecond + 2
    var bytes = target.bytes
    let letter = bytes[target.starts[2]...].firstIndex(of: UInt8(ascii: "y"))!
    bytes[letter] = UInt8(ascii: "z")
    try Self.write(bytes, to: target.path)
    let reopened = try EventLog.open(directory: dir, access: .read)
    let (seqs, damage) = Self.walk(reopened, from: 200)
    #expect(seqs == Array(((damagedSeq + 1)...200).reversed()))
    #expect(damage?.kind == .checksumMismatch)
    #expect(damage?.seq == damagedSeq)
    #expect(damage?.file == target.path)
    #expect(damage?.byteOffset == target.starts[2])
    // From below it in the same segment the walk still reads back from the segment's end, past it.
    #expect(Self.walk(reopened, from: damagedSeq - 1).seqs == [])
    #expect(Self.walk(reopened, from: damagedSeq - 1).damage?.kind == .checksumMismatch)
    // From the segment before, the walk is whole.
    let below = Self.walk(reopened, from: firstOfSecond - 1)
    #expect(below.damage == nil)
    #expect(below.seqs == Array((1...(firstOfSecond - 1)).reversed()))
  }

  @Test func aMissingRecordInsideASegmentIsReported() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = try RecordLookupTests.makeLog(tmp)
    let segments = try Self.segments(dir)
    let target = segments[2]
    let firstSeq = UInt64(segments[0].starts.count + segments[1].starts.count + 1)
    // Take out the record firstSeq + 3.
    var bytes = target.bytes
    bytes.removeSubrange(target.starts[3]..<target.starts[4])
    try Self.write(bytes, to: target.path)
    let log = try EventLog.open(directory: dir, access: .read)
    let (seqs, damage) = Self.walk(log, from: 200)
    #expect(seqs.last == firstSeq + 4)
    #expect(damage?.kind == .seqOutOfOrder(expected: firstSeq + 3, found: firstSeq + 2))
  }

  @Test func aMissingLastRecordOfASegmentIsReportedWhenCrossingIntoIt() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = try RecordLookupTests.makeLog(tmp)
    let segments = try Self.segments(dir)
    let target = segments[1]
    let lastSeq = UInt64(segments[0].starts.count + segments[1].starts.count)
    try Self.write(Array(target.bytes[..<target.starts.last!]), to: target.path)
    let log = try EventLog.open(directory: dir, access: .read)
    let (seqs, damage) = Self.walk(log, from: 200)
    #expect(seqs.last == lastSeq + 1)
    #expect(damage?.kind == .seqOutOfOrder(expected: lastSeq, found: lastSeq - 1))
    #expect(damage?.file == target.path)
  }

  @Test func aMissingFirstRecordOfASegmentBreaksItsName() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = try RecordLookupTests.makeLog(tmp)
    let segments = try Self.segments(dir)
    let target = segments[1]
    let firstSeq = UInt64(segments[0].starts.count + 1)
    try Self.write(Array(target.bytes[target.starts[1]...]), to: target.path)
    let log = try EventLog.open(directory: dir, access: .read)
    let (seqs, damage) = Self.walk(log, from: 200)
    #expect(seqs.last == firstSeq + 1)
    #expect(damage?.kind == .segmentNameMismatch(expectedFirstSeq: firstSeq))
    #expect(damage?.seq == firstSeq)
    #expect(damage?.file == target.path)
  }

  @Test func withRecordReadsBackwardsThroughTheSameChecks() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = try RecordLookupTests.makeLog(tmp)
    let segments = try Self.segments(dir)
    let target = segments[1]
    let firstSeq = UInt64(segments[0].starts.count + 1)
    let lastSeq = firstSeq + UInt64(target.starts.count) - 1
    // Damage the segment's last record; the one before it is nearer the end, so it is read back.
    var bytes = target.bytes
    let letter = bytes[target.starts.last!...].firstIndex(of: UInt8(ascii: "y"))!
    bytes[letter] = UInt8(ascii: "z")
    try Self.write(bytes, to: target.path)
    let log = try EventLog.open(directory: dir, access: .read)
    #expect(throws: LogError.self) { try log.withRecord(atSeq: lastSeq - 1) { $0.seq } }
    #expect(try log.withRecord(atSeq: firstSeq + 1) { $0.seq } == firstSeq + 1)
  }
}
