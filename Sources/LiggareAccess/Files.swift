import LiggareSystem

#if canImport(Glibc)
  import Glibc
#endif

/// The few file calls this module needs, through the system-call layer (`LiggareSystem`), failing
/// with `AccessError.io`.
enum Files {
  /// Opens `path` (close-on-exec) with `flags`, creating it with `mode`.
  static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o600) throws(AccessError) -> FileDescriptor
  {
    do {
      return try FileDescriptor.open(path, flags, mode: mode)
    } catch {
      throw .io(error)
    }
  }

  /// Runs `body`, wrapping a system-call failure as `AccessError.io`.
  static func io<T>(_ body: () throws(SystemCallError) -> T) throws(AccessError) -> T {
    do {
      return try body()
    } catch {
      throw .io(error)
    }
  }

  /// Makes a new, renamed or removed entry in `directory` durable.
  static func syncDirectory(_ directory: String) throws(AccessError) {
    try io { () throws(SystemCallError) in try FileSystem.syncDirectory(directory) }
  }

  /// The folder holding `path`.
  static func directory(of path: String) -> String { FileSystem.directoryOf(path) }

  /// Replaces `path` with `bytes` whole, mode 0600: a crash leaves the old file or the new one.
  static func writeAtomically(_ bytes: [UInt8], to path: String) throws(AccessError) {
    try io { () throws(SystemCallError) in try FileSystem.writeAtomically(bytes, to: path, mode: 0o600) }
  }

  /// The whole file at `path`, or nil when it does not exist; refused beyond `limit` bytes.
  static func read(_ path: String, limit: Int) throws(AccessError) -> [UInt8]? {
    let bytes = try io { () throws(SystemCallError) -> [UInt8]? in
      guard let fd = try FileDescriptor.openIfPresent(path, O_RDONLY) else { return nil }
      defer { fd.close() }
      return try fd.readToEnd(atMost: limit)
    }
    if let bytes, bytes.count > limit {
      throw .accountFile(path: path, reason: "filen är större än \(limit) byte")
    }
    return bytes
  }

  /// Identity of the file at `path` (device, inode, size, change time), or nil when it is missing:
  /// a different value means another process replaced the file.
  static func identity(_ path: String) -> [Int64]? {
    guard let st = FileSystem.status(path) else { return nil }
    return [
      Int64(st.st_dev), Int64(st.st_ino), Int64(st.st_size), Int64(st.st_mtim.tv_sec),
      Int64(st.st_mtim.tv_nsec),
      Int64(st.st_ctim.tv_sec), Int64(st.st_ctim.tv_nsec),
    ]
  }

  /// The permission bits of `path`.
  static func mode(_ path: String) -> mode_t? {
    FileSystem.status(path).map { $0.st_mode & 0o7777 }
  }
}
