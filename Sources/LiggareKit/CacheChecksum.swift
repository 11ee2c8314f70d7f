import Dispatch

/// A fast non-cryptographic checksum for the checkpoint cache: four 64-bit multiply lanes over
/// 32-byte blocks, several times faster than CRC-32C here, and the cache is hundreds of MB.
///
/// It guards against corruption (a torn or damaged cache file), not against an attacker; the
/// cache is also keyed by the log's head hash, and a cache is never written into the log.
/// Fed in pieces (`update(_:)`) it gives the same sum as over the whole (`of(_:)`).
struct CacheChecksum {
  private static let prime: UInt64 = 0x9E37_79B9_7F4A_7C15
  private var lanes: (UInt64, UInt64, UInt64, UInt64) = (1, 2, 3, 4)
  private var count = 0
  /// Bytes of an unfinished 32-byte block.
  private var pending: [UInt8] = []

  /// The checksum of `bytes` in one piece.
  static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var sum = CacheChecksum()
    sum.update(bytes)
    return sum.finalize()
  }

  /// Adds the next piece.
  mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    count += bytes.count
    var i = 0
    if !pending.isEmpty {
      let take = min(32 - pending.count, bytes.count)
      pending.append(contentsOf: UnsafeRawBufferPointer(start: base, count: take))
      i = take
      guard pending.count == 32 else { return }
      pending.withUnsafeBytes { absorb($0.baseAddress!) }
      pending.removeAll(keepingCapacity: true)
    }
    let n = bytes.count
    while i + 32 <= n {
      absorb(base + i)
      i += 32
    }
    if i < n { pending.append(contentsOf: UnsafeRawBufferPointer(start: base + i, count: n - i)) }
  }

  @inline(__always)
  private mutating func absorb(_ p: UnsafeRawPointer) {
    let prime = CacheChecksum.prime
    lanes.0 = CacheChecksum.rotate((lanes.0 ^ p.loadUnaligned(fromByteOffset: 0, as: UInt64.self)) &* prime)
    lanes.1 = CacheChecksum.rotate((lanes.1 ^ p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) &* prime)
    lanes.2 = CacheChecksum.rotate((lanes.2 ^ p.loadUnaligned(fromByteOffset: 16, as: UInt64.self)) &* prime)
    lanes.3 = CacheChecksum.rotate((lanes.3 ^ p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)) &* prime)
  }

  /// The sum of everything added.
  func finalize() -> UInt64 {
    guard count > 0 else { return 0 }
    let prime = CacheChecksum.prime
    var h =
      lanes.0 ^ CacheChecksum.rotate(lanes.1) ^ CacheChecksum.rotate(CacheChecksum.rotate(lanes.2))
      ^ (lanes.3 &* prime) ^ UInt64(count)
    for b in pending { h = (h ^ UInt64(b)) &* prime }
    h ^= h >> 33
    h = h &* 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 33
    return h
  }

  @inline(__always)
  static func rotate(_ x: UInt64) -> UInt64 { (x << 31) | (x >> 33) }
}

/// The checkpoint cache's checksum: `CacheChecksum` over each piece of `pieceSize` bytes, then over
/// those sums and the length. The pieces are independent, so a reader sums a city's few hundred
/// MB on both cores at once (`of(_:pieceSize:threads:)`); a writer streams it in any pieces.
/// Every byte counts as much as in one `CacheChecksum`: a flipped bit changes its piece's sum.
struct PiecewiseChecksum {
  /// 8 MiB: a city checkpoint is a few dozen pieces, enough to share evenly between threads.
  static let defaultPieceSize = 8 << 20
  let pieceSize: Int
  private var current = CacheChecksum()
  private var filled = 0
  private var count = 0
  private var sums: [UInt64] = []

  init(pieceSize: Int = PiecewiseChecksum.defaultPieceSize) {
    self.pieceSize = max(pieceSize, 1)
  }

  /// Adds the next bytes.
  mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress else { return }
    var i = 0
    while i < bytes.count {
      let take = min(pieceSize - filled, bytes.count - i)
      current.update(UnsafeRawBufferPointer(start: base + i, count: take))
      filled += take
      i += take
      if filled == pieceSize {
        sums.append(current.finalize())
        current = CacheChecksum()
        filled = 0
      }
    }
    count += bytes.count
  }

  /// The sum of everything added.
  func finalize() -> UInt64 {
    PiecewiseChecksum.combine(filled > 0 ? sums + [current.finalize()] : sums, count: count)
  }

  static func combine(_ sums: [UInt64], count: Int) -> UInt64 {
    var words = sums.map(\.littleEndian)
    words.append(UInt64(count).littleEndian)
    return words.withUnsafeBytes { CacheChecksum.of($0) }
  }

  /// The sum of `bytes`, its pieces shared among `threads` threads (contiguous runs of pieces).
  static func of(
    _ bytes: UnsafeRawBufferPointer, pieceSize: Int = PiecewiseChecksum.defaultPieceSize, threads: Int = 2
  ) -> UInt64 {
    let size = max(pieceSize, 1)
    let pieces = (bytes.count + size - 1) / size
    let workers = max(1, min(threads, pieces))
    // Each worker writes only its own pieces' slots; the bytes are only read.
    let sums = UncheckedBox([UInt64](repeating: 0, count: pieces))
    let input = UncheckedBox(bytes)
    sums.value.withUnsafeMutableBufferPointer { out in
      let slots = UncheckedBox(out)
      DispatchQueue.concurrentPerform(iterations: workers) { w in
        let bytes = input.value
        let out = slots.value
        for piece in (pieces * w / workers)..<(pieces * (w + 1) / workers) {
          let start = piece * size
          out[piece] = CacheChecksum.of(
            UnsafeRawBufferPointer(rebasing: bytes[start..<min(start + size, bytes.count)]))
        }
      }
    }
    return combine(sums.value, count: bytes.count)
  }
}
