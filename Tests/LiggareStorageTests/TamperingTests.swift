import Foundation
import LiggareBasics
import Testing

@testable import LiggareStorage

@Suite struct TamperingTests {
  enum Tampering: String, CaseIterable, Sendable {
    case flipAByte, editWithFreshChecksum, deleteARecord, swapTwoRecords, duplicateARecord, dropTheLastRecord,
      rewriteTheWholeLog
  }

  /// Rewrites record `seq` of `lines` with a new body and a correct CRC but the old hash.
  static func reforged(_ line: [UInt8], replacing old: String = "\"n\":3", with new: String = "\"n\":4")
    -> [UInt8]
  {
    var text = String(decoding: line, as: UTF8.self)
    text = text.replacingOccurrences(of: old, with: new)
    var bytes = Array(text.utf8)
    let crcStart = bytes.count - 10
    let crc = CRC32C.checksum(Array(bytes[..<(crcStart - 8)]))
    var hex: [UInt8] = []
    RecordLine.appendHex32(crc, to: &hex)
    bytes.replaceSubrange(crcStart..<(crcStart + 8), with: hex)
    return bytes
  }

  @Test(arguments: Tampering.allCases)
  func everyKindOfTamperingIsDetected(_ tampering: Tampering) throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = tmp.path + "/log"
    let log = try EventLog.open(directory: dir, access: .write(wait: false), createIfMissing: true)
    for n in 1...6 { try log.append([EventLogTests.body(n, "post \(n)")]) }
    log.close()
    let path = dir + "/" + EventLog.segmentName(firstSeq: 1)
    var lines = TemporaryDirectory.read(path).split(separator: 0x0A).map(Array.init)
    switch tampering {
    case .flipAByte: lines[2][10] ^= 0x01
    case .editWithFreshChecksum: lines[2] = Self.reforged(lines[2])
    case .deleteARecord: lines.remove(at: 3)
    case .swapTwoRecords: lines.swapAt(1, 2)
    case .duplicateARecord: lines.insert(lines[2], at: 3)
    case .dropTheLastRecord: lines.removeLast()
    case .rewriteTheWholeLog:
      // A consistent forgery: a fresh log with other content, copied over the original segment.
      let forged = try EventLog.open(
        directory: tmp.path + "/forged", access: .write(wait: false), createIfMissing: true)
      for n in 1...6 { try forged.append([EventLogTests.body(n, "falsk")]) }
      forged.close()
      lines = TemporaryDirectory.read(tmp.path + "/forged/" + EventLog.segmentName(firstSeq: 1))
        .split(separator: 0x0A).map(Array.init)
    }
    TemporaryDirectory.write(lines.joined(separator: [0x0A]) + [0x0A], to: path)
    let damage = Self.damage(in: dir)
    let found = try #require(damage, "\(tampering) went unnoticed")
    #expect(found.file.hasSuffix(".jsonl") || found.file.hasSuffix("head"))
    #expect(!found.description.isEmpty)
  }

  /// `verify` checks the segments in two halves on two threads; whatever is damaged where (first
  /// half, the records either side of the split, second half, both halves), it must report the
  /// damage a single walk in seq order finds first.
  @Test(arguments: [[0], [1], [2], [3], [0, 3], [2, 3], [1, 2]])
  func theParallelWalkReportsTheFirstDamageAsASingleWalkWould(positions: [Int]) throws {
    for tampering in [Tampering.flipAByte, .editWithFreshChecksum, .deleteARecord, .swapTwoRecords] {
      let tmp = TemporaryDirectory()
      defer { tmp.remove() }
      let dir = tmp.path + "/log"
      let log = try EventLog.open(
        directory: dir, access: .write(wait: false), createIfMissing: true, segmentBytes: 4096)
      for n in 1...200 { try log.append([EventLogTests.body(n, "post \(n)")]) }
      let names = log.segments.map(\.path)
      log.close()
      try #require(names.count >= 6)
      let split = names.count / 2
      // 0: inside the first half; 1: the first half's last record; 2: the second half's first
      // record; 3: inside the second half.
      for position in positions {
        let (path, record): (String, Int) =
          switch position {
          case 0: (names[1], 3)
          case 1: (names[split - 1], -1)
          case 2: (names[split], 0)
          default: (names[names.count - 2], 4)
          }
        var lines = TemporaryDirectory.read(path).split(separator: 0x0A).map(Array.init)
        let r = record < 0 ? lines.count - 1 : record
        switch tampering {
        case .flipAByte: lines[r][12] ^= 0x01
        case .editWithFreshChecksum: lines[r] = Self.reforged(lines[r], replacing: "post", with: "p0st")
        case .deleteARecord: lines.remove(at: r)
        default: lines.swapAt(r, r == 0 ? 1 : r - 1)
        }
        TemporaryDirectory.write(lines.joined(separator: [0x0A]) + [0x0A], to: path)
      }
      let reopened = try EventLog.open(directory: dir, access: .read)
      var single: LogDamage?
      do {
        try reopened.forEachRecord(verifyingChain: true) { _ in }
      } catch let error as LogError {
        if case .damaged(let damage) = error { single = damage }
      }
      let expected = try #require(single, "\(tampering) at \(positions) went unnoticed by a single walk")
      let parallel = try reopened.verify().damage
      #expect(parallel == expected, "\(tampering) at \(positions)")
    }
  }

  static func damage(in dir: String) -> LogDamage? {
    let result = Result { () throws(LogError) -> LogDamage? in
      try EventLog.open(directory: dir, access: .read).verify().damage
    }
    switch result {
    case .success(let damage): return damage
    case .failure(.damaged(let damage)): return damage
    case .failure: return nil
    }
  }

  @Test func damageNamesFileByteAndSeq() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = tmp.path + "/log"
    let log = try EventLog.open(directory: dir, access: .write(wait: false), createIfMissing: true)
    for n in 1...4 { try log.append([EventLogTests.body(n)]) }
    log.close()
    let path = dir + "/" + EventLog.segmentName(firstSeq: 1)
    var bytes = TemporaryDirectory.read(path)
    let thirdLine = bytes.indices.filter { bytes[$0] == 0x0A }[1] + 1
    bytes[thirdLine + 5] ^= 0x20
    TemporaryDirectory.write(bytes, to: path)
    let damage = try #require(try EventLog.open(directory: dir, access: .read).verify().damage)
    #expect(damage.seq == 3)
    #expect(damage.byteOffset == thirdLine)
    #expect(damage.kind == .checksumMismatch)
    #expect(damage.description.hasPrefix("\(path), byte \(thirdLine), post seq 3"))
  }
}
