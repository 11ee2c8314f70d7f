import Testing

@testable import LiggareKit

@Suite struct CacheChecksumTests {
  @Test func everyFlippedBitAndEveryLengthChangesTheSum() {
    let bytes = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 37) }
    let sum = bytes.withUnsafeBytes { CacheChecksum.of($0) }
    for i in bytes.indices {
      for bit in 0..<8 {
        var copy = bytes
        copy[i] ^= 1 << bit
        #expect(copy.withUnsafeBytes { CacheChecksum.of($0) } != sum)
      }
    }
    #expect(Array(bytes.dropLast()).withUnsafeBytes { CacheChecksum.of($0) } != sum)
    #expect((bytes + [0]).withUnsafeBytes { CacheChecksum.of($0) } != sum)
  }
}
