internal import LiggareHardware

/// SHA-256 (FIPS 180-4), written here because the package takes no dependencies.
///
/// Incremental: `update` any number of times, then `finalize`. The hash chain of the log runs it
/// once per record, so the compression function works on raw pointers without bounds checks.
public struct SHA256: Sendable {
  /// A 32-byte digest.
  public struct Digest: Sendable, Hashable {
    public var bytes: [UInt8]

    /// 32 zero bytes: the "previous hash" of the first record.
    public static let zero = Digest(bytes: [UInt8](repeating: 0, count: 32))

    /// Creates a digest from 32 bytes.
    public init(bytes: [UInt8]) {
      precondition(bytes.count == 32)
      self.bytes = bytes
    }

    /// Parses 64 lowercase hex digits from a buffer (the log's hot path).
    public init?(hex: UnsafeRawBufferPointer) {
      guard hex.count == 64 else { return nil }
      var out = [UInt8](repeating: 0, count: 32)
      for i in 0..<32 {
        guard let high = Digest.nibble(hex[2 * i]), let low = Digest.nibble(hex[2 * i + 1]) else {
          return nil
        }
        out[i] = high << 4 | low
      }
      self.bytes = out
    }

    @inline(__always)
    static func nibble(_ c: UInt8) -> UInt8? {
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
      default: nil
      }
    }

    /// Parses 64 lowercase hex digits.
    public init?(hex: some Collection<UInt8>) {
      guard hex.count == 64 else { return nil }
      var out = [UInt8]()
      out.reserveCapacity(32)
      var high: UInt8 = 0
      for (i, c) in hex.enumerated() {
        let v: UInt8
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
        default: return nil
        }
        if i & 1 == 0 { high = v } else { out.append(high << 4 | v) }
      }
      self.bytes = out
    }

    /// 64 lowercase hex digits.
    public var hex: String {
      var out = [UInt8]()
      appendHex(to: &out)
      return String(decoding: out, as: UTF8.self)
    }

    /// Appends the 64 hex digits to `out`.
    public func appendHex(to out: inout [UInt8]) {
      let digits: StaticString = "0123456789abcdef"
      for b in bytes {
        out.append(digits.utf8Start[Int(b >> 4)])
        out.append(digits.utf8Start[Int(b & 0xF)])
      }
    }
  }

  private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
  )
  /// A partial block, inline: a hasher per record must not allocate.
  private var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (
    0, 0, 0, 0, 0, 0, 0, 0
  )
  private var buffered = 0
  private var length: UInt64 = 0

  /// Whether the CPU has the SHA extensions (with SSSE3 and SSE 4.1) and this build the hardware
  /// path; read once.
  public static let hardwareIsAvailable = HardwareSHA256.isCompiled && CPUFeatures.sha

  /// Starts a new hash.
  public init() {}

  /// Starts a hash that uses the portable rounds, or not, whatever the CPU (to hold the two paths
  /// against each other).
  public init(portable: Bool) {
    self.portable = portable
  }

  private var portable = false

  /// The digest of `bytes` in one call.
  public static func hash(_ bytes: some Sequence<UInt8>) -> Digest {
    var h = SHA256()
    h.update(Array(bytes))
    return h.finalize()
  }

  /// Feeds bytes.
  public mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// Feeds bytes from a buffer.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress else { return }
    length &+= UInt64(bytes.count)
    var p = base
    var remaining = bytes.count
    if buffered > 0 {
      let take = min(64 - buffered, remaining)
      let offset = buffered
      withUnsafeMutableBytes(of: &buffer) {
        $0.baseAddress!.advanced(by: offset).copyMemory(from: p, byteCount: take)
      }
      buffered += take
      p += take
      remaining -= take
      if buffered == 64 {
        var block = buffer
        withUnsafeBytes(of: &block) { compress(blocks: 1, at: $0.baseAddress!) }
        buffered = 0
      }
    }
    if remaining >= 64 {
      compress(blocks: remaining / 64, at: p)
      p += remaining / 64 * 64
      remaining %= 64
    }
    if remaining > 0 {
      withUnsafeMutableBytes(of: &buffer) { $0.baseAddress!.copyMemory(from: p, byteCount: remaining) }
      buffered = remaining
    }
  }

  /// Finishes and returns the digest.
  public mutating func finalize() -> Digest {
    let bitLength = length &* 8
    let padding = (buffered + 1 <= 56) ? 56 - buffered - 1 : 120 - buffered - 1
    let savedLength = length
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 + padding + 8) { tail in
      tail.initialize(repeating: 0)
      tail[0] = 0x80
      for i in 0..<8 { tail[padding + 1 + i] = UInt8(truncatingIfNeeded: bitLength >> (UInt64(7 - i) * 8)) }
      update(UnsafeRawBufferPointer(tail))
    }
    length = savedLength
    return Digest(
      bytes: [UInt8](unsafeUninitializedCapacity: 32) { out, count in
        let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
        for (i, word) in words.enumerated() {
          out[4 * i] = UInt8(truncatingIfNeeded: word >> 24)
          out[4 * i + 1] = UInt8(truncatingIfNeeded: word >> 16)
          out[4 * i + 2] = UInt8(truncatingIfNeeded: word >> 8)
          out[4 * i + 3] = UInt8(truncatingIfNeeded: word)
        }
        count = 32
      })
  }

  private mutating func compress(blocks: Int, at data: UnsafeRawPointer) {
    if !portable && SHA256.hardwareIsAvailable {
      SHA256.k.withUnsafeBufferPointer {
        HardwareSHA256.compress(&state, blocks: blocks, at: data, roundConstants: $0)
      }
      return
    }
    for b in 0..<blocks { compress(data + b * 64) }
  }

  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  @inline(__always)
  private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 &- n)) }

  private mutating func compress(_ block: UnsafeRawPointer) {
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
      for i in 0..<16 {
        w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
      }
      for i in 16..<64 {
        let s0 = SHA256.rotr(w[i - 15], 7) ^ SHA256.rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
        let s1 = SHA256.rotr(w[i - 2], 17) ^ SHA256.rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
      }
      var (a, b, c, d, e, f, g, h) = state
      SHA256.k.withUnsafeBufferPointer { k in
        for i in 0..<64 {
          let s1 = SHA256.rotr(e, 6) ^ SHA256.rotr(e, 11) ^ SHA256.rotr(e, 25)
          let ch = (e & f) ^ (~e & g)
          let t1 = h &+ s1 &+ ch &+ k[i] &+ w[i]
          let s0 = SHA256.rotr(a, 2) ^ SHA256.rotr(a, 13) ^ SHA256.rotr(a, 22)
          let maj = (a & b) ^ (a & c) ^ (b & c)
          let t2 = s0 &+ maj
          h = g
          g = f
          f = e
          e = d &+ t1
          d = c
          c = b
          b = a
          a = t1 &+ t2
        }
      }
      state = (
        state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g,
        state.7 &+ h
      )
    }
  }
}

extension SHA256 {
  /// Finishes a hash whose input so far is a whole number of 64-byte blocks with exactly 32 more
  /// bytes, writing the digest to `out` without allocating; `self` is left as it was.
  ///
  /// This is the inner and the outer step of HMAC-SHA256 once the padded key block is absorbed,
  /// which PBKDF2 runs twice per iteration, hundreds of thousands of times per password.
  ///
  /// - Precondition: the bytes fed so far are a multiple of 64.
  public func finalize(afterBlocksWith tail: UnsafeRawPointer, into out: UnsafeMutableRawPointer) {
    precondition(buffered == 0, "finalize(afterBlocksWith:) needs whole blocks fed")
    var copy = self
    var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    let bitLength = (length &+ 32) &* 8
    withUnsafeMutableBytes(of: &block) { b in
      b.baseAddress!.copyMemory(from: tail, byteCount: 32)
      b[32] = 0x80
      for i in 0..<8 { b[56 + i] = UInt8(truncatingIfNeeded: bitLength >> (UInt64(7 - i) * 8)) }
    }
    withUnsafeBytes(of: &block) { copy.compress(blocks: 1, at: $0.baseAddress!) }
    let s = copy.state
    out.storeBytes(of: s.0.bigEndian, toByteOffset: 0, as: UInt32.self)
    out.storeBytes(of: s.1.bigEndian, toByteOffset: 4, as: UInt32.self)
    out.storeBytes(of: s.2.bigEndian, toByteOffset: 8, as: UInt32.self)
    out.storeBytes(of: s.3.bigEndian, toByteOffset: 12, as: UInt32.self)
    out.storeBytes(of: s.4.bigEndian, toByteOffset: 16, as: UInt32.self)
    out.storeBytes(of: s.5.bigEndian, toByteOffset: 20, as: UInt32.self)
    out.storeBytes(of: s.6.bigEndian, toByteOffset: 24, as: UInt32.self)
    out.storeBytes(of: s.7.bigEndian, toByteOffset: 28, as: UInt32.self)
  }
}
