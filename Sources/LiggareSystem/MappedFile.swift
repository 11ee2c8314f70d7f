#if canImport(Glibc)
  import Glibc
#endif

/// A whole file mapped read-only; unmapped when released (shared: the log's segments and the
/// checkpoint cache, whose bytes a chronicle may keep using).
///
/// Only the prefix that was committed when the log was opened is ever touched, so a writer
/// truncating an unfinished tail cannot fault a reader.
public final class MappedFile: @unchecked Sendable {
  /// The file's bytes; immutable, valid while this object lives.
  public let bytes: UnsafeRawBufferPointer
  /// The file's path.
  public let path: String

  /// Maps the whole file at `path` read-only.
  ///
  /// - Parameters:
  ///   - path: the file.
  ///   - populate: map every page now (one call instead of a fault per 4 KiB page), for a file
  ///     that will be read whole.
  /// - Throws: `SystemCallError` when it cannot be opened or mapped.
  public init(path: String, populate: Bool = false) throws(SystemCallError) {
    self.path = path
    let fd = try FileDescriptor.open(path, O_RDONLY)
    defer { fd.close() }
    let size = try fd.size()
    if size == 0 {
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      return
    }
    let base = mmap(nil, size, PROT_READ, MAP_PRIVATE | (populate ? MAP_POPULATE : 0), fd.raw, 0)
    guard let base, base != MAP_FAILED else { throw SystemCallError(call: "mmap", path: path, errno: errno) }
    _ = madvise(base, size, MADV_SEQUENTIAL)
    bytes = UnsafeRawBufferPointer(start: base, count: size)
  }

  deinit {
    if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
  }
}
