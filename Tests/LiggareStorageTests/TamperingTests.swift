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
  static func reforged(_ line: [UInt8]) -> [UInt8] {
    var text = String(decoding: line, as: UTF8.self)
    text = text.replacingOccurrences(of: "\"n\":3", with: "\"n\":4")
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
