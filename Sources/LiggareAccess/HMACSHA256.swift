import LiggareStorage

/// HMAC-SHA256 (RFC 2104, FIPS 198-1) over the package's own `SHA256`.
///
/// The key is absorbed once: the value holds the inner and outer hash states after the padded key
/// block, so a keyed value can be copied and reused for many messages (PBKDF2 does so per
/// iteration) without hashing the key again.
public struct HMACSHA256: Sendable {
  /// The length of a tag in bytes.
  public static let tagLength = 32

  private var inner: SHA256
  private var outer: SHA256

  /// Keys a MAC: keys longer than the 64-byte block are hashed first, as RFC 2104 says.
  public init(key: [UInt8]) {
    var block = key.count > 64 ? SHA256.hash(key).bytes : key
    block.append(contentsOf: repeatElement(0, count: 64 - block.count))
    inner = SHA256()
    inner.update(block.map { $0 ^ 0x36 })
    outer = SHA256()
    outer.update(block.map { $0 ^ 0x5C })
  }

  /// Feeds message bytes.
  public mutating func update(_ bytes: [UInt8]) {
    inner.update(bytes)
  }

  /// Feeds message bytes from a buffer.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    inner.update(bytes)
  }

  /// The 32-byte tag of everything fed so far (the value itself is left as it was).
  public func finalize() -> [UInt8] {
    var innerCopy = inner
    let innerDigest = innerCopy.finalize()
    var outerCopy = outer
    outerCopy.update(innerDigest.bytes)
    return outerCopy.finalize().bytes
  }

  /// Runs `U_{i+1} = HMAC(key, U_i)` `times` times from `first` (a 32-byte tag) and XORs every
  /// result into `sum`: PBKDF2's inner loop, on the stack and without allocating.
  func iterate(from first: [UInt8], times: Int, xoringInto sum: inout [UInt8]) {
    withUnsafeTemporaryAllocation(byteCount: 64, alignment: 16) { scratch in
      let u = scratch.baseAddress!
      let innerDigest = u + 32
      first.withUnsafeBytes { u.copyMemory(from: $0.baseAddress!, byteCount: 32) }
      sum.withUnsafeMutableBytes { sum in
        let t = sum.baseAddress!
        for _ in 0..<times {
          inner.finalize(afterBlocksWith: u, into: innerDigest)
          outer.finalize(afterBlocksWith: innerDigest, into: u)
          for i in stride(from: 0, to: 32, by: 8) {
            let x =
              t.loadUnaligned(fromByteOffset: i, as: UInt64.self)
              ^ u.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            t.storeBytes(of: x, toByteOffset: i, as: UInt64.self)
          }
        }
      }
    }
  }

  /// The tag of `message` under `key` in one call.
  public static func authenticate(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
    var mac = HMACSHA256(key: key)
    mac.update(message)
    return mac.finalize()
  }
}

/// PBKDF2 (RFC 8018 §5.2) with HMAC-SHA256 as the pseudo-random function.
public enum PBKDF2 {
  /// The most iterations a stored hash may ask for: a file cannot make a login spin for minutes.
  public static let maximumIterations = 10_000_000

  /// Derives `keyLength` bytes from `password` and `salt` with `iterations` rounds.
  ///
  /// - Precondition: `1 ≤ iterations ≤ maximumIterations` and `1 ≤ keyLength ≤ 1024`; callers
  ///   check values read from files before they come here.
  public static func sha256(password: [UInt8], salt: [UInt8], iterations: Int, keyLength: Int) -> [UInt8] {
    precondition(iterations >= 1 && iterations <= maximumIterations, "PBKDF2: iterations out of range")
    precondition(keyLength >= 1 && keyLength <= 1024, "PBKDF2: key length out of range")
    let keyed = HMACSHA256(key: password)
    var derived: [UInt8] = []
    derived.reserveCapacity(keyLength + 32)
    var blockIndex: UInt32 = 1
    while derived.count < keyLength {
      var mac = keyed
      mac.update(salt)
      mac.update([
        UInt8(truncatingIfNeeded: blockIndex >> 24), UInt8(truncatingIfNeeded: blockIndex >> 16),
        UInt8(truncatingIfNeeded: blockIndex >> 8), UInt8(truncatingIfNeeded: blockIndex),
      ])
      var t = mac.finalize()
      if iterations > 1 { keyed.iterate(from: t, times: iterations - 1, xoringInto: &t) }
      derived.append(contentsOf: t)
      blockIndex &+= 1
    }
    return Array(derived.prefix(keyLength))
  }
}

/// Comparison of secrets whose time does not depend on where they differ.
public enum ConstantTime {
  /// Whether `a` and `b` are equal; every byte is looked at whatever the first difference.
  ///
  /// Lengths are not secret here (digests and tokens have fixed lengths), so different lengths are
  /// answered at once.
  public static func equal(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for (x, y) in zip(a, b) { difference |= x ^ y }
    return difference == 0
  }
}
