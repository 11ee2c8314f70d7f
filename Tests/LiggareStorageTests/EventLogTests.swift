import Foundation
import LiggareBasics
import Testing

@testable import LiggareStorage

@Suite struct EventLogTests {
  static func body(_ n: Int, _ text: String = "") -> [UInt8] {
    Array(JSONValue.object(["n": .number(Double(n)), "text": .string(text)]).canonicalText.utf8)
  }

  static func readAll(_ log: EventLog) throws -> [(UInt64, [UInt8])] {
    var out: [(UInt64, [UInt8])] = []
    try log.forEachRecord { out.append(($0.seq, $0.body)) }
    return out
  }

  @Test func appendsReadsAndReopensWithTheSameHead() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = tmp.path + "/log"
    let texts = ["å ä ö Å Ä Ö", "emoji 🇸🇪👩‍👩‍👧", "citat \" \\ /", "styr \u{0}\u{1}\n\r\t", ""]
    let log = try EventLog.open(directory: dir, access: .write(wait: false), createIfMissing: true)
    let first = try log.append(texts.enumerated().map { Self.body($0.offset, $0.element) })
    #expect(first.seq == 5)
    let second = try log.append([Self.body(5), Self.body(6)], expectingHead: first)
    #expect(second.seq == 7)
    log.close()

    let reader = try EventLog.open(directory: dir, access: .read)
    #expect(reader.head == second)
    let records = try Self.readAll(reader)
    #expect(records.map(\.0) == Array(1...7))
    for (i, text) in texts.enumerated() {
      let value = try JSONValue.parse(records[i].1)
      #expect(value["text"] == .string(text))
    }
    #expect(try reader.verify().damage == nil)
  }

  @Test func emptyBodyObjectAndRangeReads() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let log = try EventLog.open(
      directory: tmp.path + "/l", access: .write(wait: false), createIfMissing: true)
    try log.append([Array("{}".utf8)] + (1...20).map { Self.body($0) })
    var seen: [UInt64] = []
    try log.forEachRecord(from: 5, through: 9) { seen.append($0.seq) }
    #expect(seen == [5, 6, 7, 8, 9])
    var firstBody: [UInt8] = []
    try log.forEachRecord(through: 1) { firstBody = $0.body }
    #expect(firstBody == Array("{}".utf8))
  }

  @Test func segmentsRollAndTheHeadIsFoundFromTheTail() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = tmp.path + "/log"
    let log = try EventLog.open(
      directory: dir, access: .write(wait: false), createIfMissing: true, segmentBytes: 4096)
    for batch in 0..<20 {
      try log.append((0..<10).map { Self.body(batch * 10 + $0, String(repeating: "x", count: 50)) })
    }
    let head = log.head
    log.close()
    let segments = TemporaryDirectory.files(in: dir).filter { $0.hasPrefix("seg-") }
    #expect(segments.count > 5)
    #expect(segments.first == "seg-00000000000000000001.jsonl")
    let reader = try EventLog.open(directory: dir, access: .read)
    #expect(reader.head == head)
    #expect(try Self.readAll(reader).count == 200)
    var fromMiddle: [UInt64] = []
    try reader.forEachRecord(from: 150, through: 152) { fromMiddle.append($0.seq) }
    #expect(fromMiddle == [150, 151, 152])
    let result = try reader.verify()
    #expect(result.damage == nil)
    #expect(result.records == 200)
  }

  @Test func optimisticConcurrencyRefusesAStaleHead() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let log = try EventLog.open(
      directory: tmp.path + "/l", access: .write(wait: false), createIfMissing: true)
    let stale = log.head
    try log.append([Self.body(1)])
    #expect(throws: LogError.headMismatch(expected: stale, actual: log.head)) {
      try log.append([Self.body(2)], expectingHead: stale)
    }
    #expect(log.head.seq == 1)
  }

  @Test func aSecondWriterIsRefusedAndReadersAreNot() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = tmp.path + "/l"
    let writer = try EventLog.open(directory: dir, access: .write(wait: false), createIfMissing: true)
    try writer.append([Self.body(1)])
    #expect {
      _ = try EventLog.open(directory: dir, access: .write(wait: false))
    } throws: { error in
      guard case .locked = error as? LogError else { return false }
      return "\(error)".contains("används redan av en annan skrivande process")
    }
    #expect(try EventLog.open(directory: dir, access: .read).head.seq == 1)
    writer.close()
    #expect(try EventLog.open(directory: dir, access: .write(wait: false)).head.seq == 1)
  }

  @Test func hostileBodiesAreRefusedAndAppendNothing() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let log = try EventLog.open(
      directory: tmp.path + "/l", access: .write(wait: false), createIfMissing: true)
    try log.append([Self.body(1)])
    let before = log.head
    #expect(throws: LogError.bodyNotAnObject(index: 1)) {
      try log.append([Self.body(2), Array("[1]".utf8)])
    }
    let huge =
      Array("{\"x\":\"".utf8) + [UInt8](repeating: 0x61, count: EventLog.maxRecordBytes) + Array("\"}".utf8)
    #expect(throws: LogError.recordTooLarge(index: 0, bytes: huge.count)) { try log.append([huge]) }
    #expect(log.head == before)
    #expect(try Self.readAll(log).count == 1)
    #expect(try log.verify().damage == nil)
  }

  @Test func refusesAnUnknownManifestVersion() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = tmp.path + "/l"
    _ = try EventLog.open(directory: dir, access: .write(wait: false), createIfMissing: true)
    TemporaryDirectory.write(
      Array("{\"format\":\"liggare-event-log\",\"segmentBytes\":65536,\"version\":2}".utf8),
      to: dir + "/manifest.json")
    #expect {
      _ = try EventLog.open(directory: dir, access: .read)
    } throws: { "\($0)".contains("formatversion 2 stöds inte") }
    #expect(throws: LogError.notALog(directory: tmp.path + "/nothing")) {
      _ = try EventLog.open(directory: tmp.path + "/nothing", access: .read)
    }
  }
}
