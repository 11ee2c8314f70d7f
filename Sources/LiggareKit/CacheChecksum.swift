/// A fast non-cryptographic checksum for the checkpoint cache: four 64-bit multiply lanes over
/// 32-byte blocks, several times faster than CRC-32C here, and the cache is hundreds of MB.
///
/// It guards against corruption (a torn or damaged cache file), not against an attacker; the
/// cache is also keyed by the log's head hash, and a cache is never written into the log.
enum CacheChecksum {
  static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let prime: UInt64 = 0x9E37_79B9_7F4A_7C15
    var lanes: (UInt64, UInt64, UInt64, UInt64) = (1, 2, 3, 4)
    guard let base = bytes.baseAddress else { return 0 }
    let n = bytes.count
    var i = 0
    while i + 32 <= n {
      lanes.0 = rotate((lanes.0 ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* prime)
      lanes.1 = rotate((lanes.1 ^ base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) &* prime)
      lanes.2 = rotate((lanes.2 ^ base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)) &* prime)
      lanes.3 = rotate((lanes.3 ^ base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)) &* prime)
      i += 32
    }
    var h = lanes.0 ^ rotate(lanes.1) ^ rotate(rotate(lanes.2)) ^ (lanes.3 &* prime) ^ UInt64(n)
    while i < n {
      h = (h ^ UInt64(base.load(fromByteOffset: i, as: UInt8.self))) &* prime
      i += 1
    }
    h ^= h >> 33
    h = h &* 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 33
    return h
  }

  @inline(__always)
  static func rotate(_ x: UInt64) -> UInt64 { (x << 31) | (x >> 33) }
}
