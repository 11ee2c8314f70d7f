import LiggareStorage
import LiggareSystem
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
/// Programs that make secrets call `SystemRandom.probe()` once at startup, so that a machine
/// without a readable generator is refused with a message before anything is served. Should the
/// generator fail after a successful probe, the process stops (`bytes` cannot fail by signature):
/// a server that cannot make secrets must not hand out predictable session ids or salts.
public struct SystemRandom: RandomSource {
  /// The system generator.
  public init() {}

  /// Reads a few bytes from the kernel's generator, or explains in Swedish why it cannot.
  ///
  /// - Parameter path: the generator's device (another only in tests).
  public static func probe(path: String = "/dev/urandom") throws(AccessError) {
    var sample = [UInt8](repeating: 0, count: 16)
    let failure = sample.withUnsafeMutableBytes { SystemRandom.readURandom($0, path: path) }
    if let failure { throw .randomnessUnavailable(reason: failure) }
  }

  /// `count` bytes from the kernel.
  public func bytes(_ count: Int) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: count)
    if let failure = out.withUnsafeMutableBytes({ SystemRandom.readURandom($0) }) {
      // Only after a successful `probe()`: see the type's documentation.
      fatalError("Liggare: \(AccessError.randomnessUnavailable(reason: failure))")
    }
    return out
  }

  /// Fills `buffer` from /dev/urandom; nil, or what went wrong (errno captured once, in Swedish).
  private static func readURandom(_ buffer: UnsafeMutableRawBufferPointer, path: String = "/dev/urandom")
    -> String?
  {
    guard buffer.baseAddress != nil else { return nil }
    let fd: FileDescriptor
    do {
      fd = try FileDescriptor.open(path, O_RDONLY)
    } catch {
      return "\(error)"
    }
    defer { fd.close() }
    do {
      let n = try fd.readStream(into: buffer)
      return n == buffer.count ? nil : "\(path) tog slut efter \(n) byte"
    } catch {
      return "\(error)"
    }
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
