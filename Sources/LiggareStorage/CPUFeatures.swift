#if arch(x86_64)
  internal import _Builtin_intrinsics.intel.cpuid
#endif

/// What the processor offers beyond the x86-64 baseline, read once with CPUID: the checksums
/// take their hardware paths (`LiggareHardware`) only where it says so.
enum CPUFeatures {
  /// SSE 4.2, for the `crc32` instruction.
  static let sse42 = leaf1.ecx & (1 << 20) != 0
  /// The SHA extensions, with the SSSE3 and SSE 4.1 that the SHA-256 path also uses.
  static let sha = leaf1.ecx & (1 << 9) != 0 && leaf1.ecx & (1 << 19) != 0 && leaf7.ebx & (1 << 29) != 0

  private static let leaf1 = cpuid(leaf: 1)
  private static let leaf7 = cpuid(leaf: 7)

  /// The registers CPUID returns for `leaf` (sub-leaf 0); zero where there is no such leaf.
  private static func cpuid(leaf: UInt32) -> (ebx: UInt32, ecx: UInt32) {
    #if arch(x86_64)
      var eax: UInt32 = 0
      var ebx: UInt32 = 0
      var ecx: UInt32 = 0
      var edx: UInt32 = 0
      guard __get_cpuid_count(leaf, 0, &eax, &ebx, &ecx, &edx) != 0 else { return (0, 0) }
      return (ebx, ecx)
    #else
      return (0, 0)
    #endif
  }
}
