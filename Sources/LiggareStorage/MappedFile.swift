#if canImport(Glibc)
  import Glibc
#endif

/// A whole file mapped read-only; unmapped when released.
///
/// Only the prefix that was committed when the log was opened is ever touched, so a writer
/// truncating an unfinished tail cannot fault a reader.
final class MappedFile {
  let bytes: UnsafeRawBufferPointer
  let path: String

  init(path: String) throws(SystemCallError) {
    self.path = path
    let fd = try FileDescriptor.open(path, O_RDONLY)
    defer { fd.close() }
    let size = try fd.size()
    if size == 0 {
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      return
    }
    guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd.raw, 0), base != MAP_FAILED else {
      throw SystemCallError(call: "mmap", path: path, errno: errno)
    }
    _ = madvise(base, size, MADV_SEQUENTIAL)
    bytes = UnsafeRawBufferPointer(start: base, count: size)
  }

  deinit {
    if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
  }
}
