import Foundation
import LiggareStorage
import Testing

@Suite struct ChecksumTests {
  /// NIST FIPS 180-4 examples and the NIST CAVS short/long message vectors.
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    (
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
        + "mnopqrstnopqrstu",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
    (
      "The quick brown fox jumps over the lazy dog",
      "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"
    ),
  ])
  func sha256Vectors(message: String, digest: String) {
    #expect(SHA256.hash(Array(message.utf8)).hex == digest)
    var portable = SHA256(portable: true)
    portable.update(Array(message.utf8))
    #expect(portable.finalize().hex == digest)
  }

  @Test func sha256MillionA() {
    var h = SHA256()
    let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
    for _ in 0..<1000 { h.update(chunk) }
    #expect(h.finalize().hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  /// Feeding the same bytes in any split gives the same digest (exercises the partial-block buffer).
  @Test(arguments: [1, 3, 55, 56, 63, 64, 65, 127])
  func sha256IncrementalSplits(split: Int) {
    let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    var h = SHA256()
    var i = 0
    while i < message.count {
      h.update(Array(message[i..<min(i + split, message.count)]))
      i += split
    }
    #expect(h.finalize() == SHA256.hash(message))
  }

  @Test func digestHexRoundTrip() throws {
    let d = SHA256.hash(Array("x".utf8))
    #expect(try #require(SHA256.Digest(hex: Array(d.hex.utf8))) == d)
    #expect(SHA256.Digest(hex: Array(String(repeating: "g", count: 64).utf8)) == nil)
  }

  /// RFC 3720 (iSCSI) appendix B.4 vectors and the common check value.
  @Test(arguments: [
    ([UInt8](repeating: 0, count: 32), UInt32(0x8A91_36AA)),
    ([UInt8](repeating: 0xFF, count: 32), UInt32(0x62A8_AB43)),
    ((0..<32).map { UInt8($0) }, UInt32(0x46DD_794E)),
    ((0..<32).map { UInt8(31 - $0) }, UInt32(0x113F_DB5C)),
    (Array("123456789".utf8), UInt32(0xE306_9283)),
    ([], UInt32(0)),
  ])
  func crc32cVectors(bytes: [UInt8], expected: UInt32) {
    #expect(CRC32C.checksum(bytes) == expected)
    #expect(bytes.withUnsafeBytes { CRC32C.softwareChecksum($0) } == expected)
  }

  /// The CPUID checks find what the kernel reports, so the hardware paths are the ones tested here.
  @Test func hardwareDetectionMatchesTheKernel() throws {
    #if os(Linux) && arch(x86_64)
      let info = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
      let flags = Set(
        info.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ") ?? [])
      #expect(CRC32C.hardwareIsAvailable == flags.contains("sse4_2"))
      #expect(SHA256.hardwareIsAvailable == (flags.contains("sha_ni") && flags.contains("sse4_1")))
    #endif
  }

  @Test func sha256HardwareAndPortableRoundsAgreeAtEveryLengthAndSplit() {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<700).map { _ in UInt8.random(in: 0...255, using: &generator) }
    for length in 0..<700 {
      let message = Array(bytes[..<length])
      var portable = SHA256(portable: true)
      portable.update(message)
      var fast = SHA256()
      let split = length == 0 ? 0 : Int.random(in: 0...length, using: &generator)
      fast.update(Array(message[..<split]))
      fast.update(Array(message[split...]))
      #expect(fast.finalize() == portable.finalize(), "length \(length), split \(split)")
    }
  }

  @Test func crc32cHardwareAndTablesAgreeAtEveryLengthAndAlignment() {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<1100).map { _ in UInt8.random(in: 0...255, using: &generator) }
    bytes.withUnsafeBytes { all in
      for start in 0..<9 {
        for length in stride(from: 0, through: 1090, by: start == 0 ? 1 : 37) {
          let slice = UnsafeRawBufferPointer(rebasing: all[start..<(start + length)])
          #expect(
            CRC32C.checksum(slice) == CRC32C.softwareChecksum(slice), "start \(start), length \(length)")
        }
      }
    }
  }

  @Test func crc32cDetectsEverySingleBitFlip() {
    let bytes = Array("{\"seq\":1,\"type\":\"UnitClosed\"}".utf8)
    let good = CRC32C.checksum(bytes)
    for i in bytes.indices {
      for bit in 0..<8 {
        var copy = bytes
        copy[i] ^= 1 << bit
        #expect(CRC32C.checksum(copy) != good)
      }
    }
  }
}
