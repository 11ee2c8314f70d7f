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

  @Test(arguments: [1, 3, 31, 32, 33, 100, 4096])
  func piecesGiveTheSameSumAsTheWhole(piece: Int) {
    let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 7) }
    let whole = bytes.withUnsafeBytes { CacheChecksum.of($0) }
    var sum = CacheChecksum()
    var start = 0
    var size = piece
    while start < bytes.count {
      let end = min(bytes.count, start + size)
      bytes[start..<end].withUnsafeBytes { sum.update($0) }
      start = end
      size = size % 7 + piece
    }
    #expect(sum.finalize() == whole)
  }
}
