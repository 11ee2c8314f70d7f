import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Where secret random bytes come from: the kernel in the product, a seeded generator in tests.
public protocol RandomSource: Sendable {
  /// Returns `count` random bytes.
  func bytes(_ count: Int) -> [UInt8]
}

/// The kernel's cryptographic generator, read from `/dev/urandom` (which never blocks once the
/// kernel's pool is seeded, and is what `getrandom(2)` reads).
///
/// If it cannot be read the process stops: a server that cannot make secrets must not hand out
/// predictable session ids or salts.
public struct SystemRandom: RandomSource {
  /// The system generator.
  public init() {}

  /// `count` bytes from the kernel.
  public func bytes(_ count: Int) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: count)
    let filled = out.withUnsafeMutableBytes { SystemRandom.readURandom($0) }
    guard filled else { fatalError("Liggare: slumptal går inte att läsa från /dev/urandom") }
    return out
  }

  private static func readURandom(_ buffer: UnsafeMutableRawBufferPointer) -> Bool {
    guard let base = buffer.baseAddress else { return true }
    var fd: Int32
    repeat { fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC) } while fd < 0 && errno == EINTR
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var done = 0
    while done < buffer.count {
      let n = read(fd, base + done, buffer.count - done)
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { return false }
      done += n
    }
    return true
  }
}

/// A deterministic generator (SplitMix64) for tests: the same seed gives the same bytes.
///
/// Never use it in the product; its output is predictable by design.
public final class SeededRandom: RandomSource {
  private let state: Mutex<UInt64>

  /// A generator started at `seed`.
  public init(seed: UInt64) {
    state = Mutex(seed)
  }

  /// The next `count` bytes of the sequence.
  public func bytes(_ count: Int) -> [UInt8] {
    state.withLock { state in
      var out: [UInt8] = []
      out.reserveCapacity(count + 8)
      while out.count < count {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: z >> (8 * UInt64(i)))) }
      }
      return Array(out.prefix(count))
    }
  }
}
