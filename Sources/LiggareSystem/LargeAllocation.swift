#if canImport(Glibc)
  import Glibc
#endif

/// Advice to the kernel for large buffers that are about to be filled whole.
public enum LargeAllocation {
  /// Buffers from this size on are worth the advice.
  public static let threshold = 4 << 20

  /// Asks for transparent huge pages (2 MiB) in the aligned interior of a buffer about to be
  /// written whole: the first write then takes one fault per 2 MiB instead of one per 4 KiB page.
  /// Copying a city checkpoint's arrays (about 150 MB) out of the mapped cache took a quarter of
  /// the load in page faults; with the advice it takes a fifth of that. Only advice: where the
  /// kernel has no huge pages to give (or THP is off), nothing changes.
  public static func adviseHugePages(_ start: UnsafeMutableRawPointer, byteCount: Int) {
    #if os(Linux)
      let huge = 2 << 20
      let first = (Int(bitPattern: start) + huge - 1) & ~(huge - 1)
      let end = (Int(bitPattern: start) + byteCount) & ~(huge - 1)
      guard end > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
      _ = madvise(aligned, end - first, MADV_HUGEPAGE)
    #endif
  }
}
