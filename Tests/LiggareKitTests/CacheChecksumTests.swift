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

@Suite struct PiecewiseChecksumTests {
  static let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 7) }

  @Test(arguments: [1, 2, 3, 7])
  func anyThreadsAndAnyStreamingGiveTheSameSum(threads: Int) {
    for pieceSize in [64, 1000, 4096, 10_000, 20_000] {
      let whole = Self.bytes.withUnsafeBytes {
        PiecewiseChecksum.of($0, pieceSize: pieceSize, threads: threads)
      }
      var streamed = PiecewiseChecksum(pieceSize: pieceSize)
      var start = 0
      var size = 1
      while start < Self.bytes.count {
        let end = min(Self.bytes.count, start + size)
        Self.bytes[start..<end].withUnsafeBytes { streamed.update($0) }
        start = end
        size = size * 3 % 997 + 1
      }
      #expect(streamed.finalize() == whole)
    }
  }

  @Test func everyFlippedBitAndEveryLengthChangesTheSum() {
    let bytes = Array(Self.bytes.prefix(300))
    let sum = bytes.withUnsafeBytes { PiecewiseChecksum.of($0, pieceSize: 64) }
    for i in bytes.indices {
      for bit in 0..<8 {
        var copy = bytes
        copy[i] ^= 1 << bit
        #expect(copy.withUnsafeBytes { PiecewiseChecksum.of($0, pieceSize: 64) } != sum)
      }
    }
    // Cut at a piece boundary, cut inside a piece, one byte more.
    for other in [Array(bytes.prefix(256)), Array(bytes.dropLast()), bytes + [0]] {
      #expect(other.withUnsafeBytes { PiecewiseChecksum.of($0, pieceSize: 64) } != sum)
    }
    // Two pieces swapped.
    let swapped = Array(bytes[64..<128] + bytes[0..<64] + bytes[128...])
    #expect(swapped.withUnsafeBytes { PiecewiseChecksum.of($0, pieceSize: 64) } != sum)
  }
}
