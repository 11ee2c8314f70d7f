import Foundation

/// The generator's own pseudo-random numbers: xoshiro256** seeded through SplitMix64.
///
/// The demo city must be the same for the same seed on every machine and toolchain, so it never
/// touches the system generator; both algorithms are fixed and public (Blackman and Vigna).
struct DemoRandom {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// Seeds the four words of state from `seed` with SplitMix64, as the authors recommend.
  init(seed: UInt64) {
    var x = seed
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    let result = rotate(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotate(s3, 45)
    return result
  }

  private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
  }

  /// A number in `0..<n` (n > 0), by multiply-shift: no division, a bias far below anything a demo shows.
  mutating func below(_ n: Int) -> Int {
    precondition(n > 0)
    return Int(next().multipliedFullWidth(by: UInt64(n)).high)
  }

  /// A number in `range`.
  mutating func within(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + below(range.count)
  }

  /// A uniform number in [0, 1).
  mutating func unit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// True with probability `p`.
  mutating func chance(_ p: Double) -> Bool {
    unit() < p
  }

  /// A uniform number in [low, high).
  mutating func between(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * unit()
  }

  /// Whole days until an event that happens at `perYear` times a year on average (exponential
  /// waiting time), at least 1.
  mutating func daysUntil(perYear: Double) -> Int {
    let years = -log(1 - unit()) / perYear
    return max(1, Int(min(years * 365.25, 100_000)))
  }

  /// An element of `items`, which must not be empty.
  mutating func pick<T>(_ items: [T]) -> T {
    items[below(items.count)]
  }

  /// An index chosen with the given relative `weights`.
  mutating func weighted(_ weights: [Double]) -> Int {
    let total = weights.reduce(0, +)
    var r = unit() * total
    for (i, w) in weights.enumerated() {
      if r < w { return i }
      r -= w
    }
    return weights.count - 1
  }
}
