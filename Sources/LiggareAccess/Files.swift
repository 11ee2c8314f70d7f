import LiggareStorage

#if canImport(Glibc)
  import Glibc
#endif

/// The few file calls this module needs, EINTR-safe, failing with `AccessError.io`.
enum Files {
  /// Opens `path` (close-on-exec) with `flags`, creating it with `mode`.
  static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o600) throws(AccessError) -> Int32 {
    do {
      return try FileDescriptor.open(path, flags, mode: mode).raw
    } catch {
      throw .io(error)
    }
  }

  /// Writes all of `bytes` to `fd`.
  static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(AccessError) {
    do {
      try FileDescriptor(raw: fd, path: path).writeAll(bytes)
    } catch {
      throw .io(error)
    }
  }

  /// Flushes `fd` to the disk.
  static func sync(_ fd: Int32, path: String) throws(AccessError) {
    do {
      try FileDescriptor(raw: fd, path: path).sync()
    } catch {
      throw .io(error)
    }
  }

  /// Makes a new, renamed or removed entry in `directory` durable.
  static func syncDirectory(_ directory: String) throws(AccessError) {
    do {
      try FileSystem.syncDirectory(directory)
    } catch {
      throw .io(error)
    }
  }

  /// The folder holding `path`.
  static func directory(of path: String) -> String { FileSystem.directoryOf(path) }

  /// Replaces `path` with `bytes` whole, mode 0600: a crash leaves the old file or the new one.
  static func writeAtomically(_ bytes: [UInt8], to path: String) throws(AccessError) {
    do {
      try FileSystem.writeAtomically(bytes, to: path, mode: 0o600)
    } catch {
      throw .io(error)
    }
  }

  /// The whole file at `path`, or nil when it does not exist; refused beyond `limit` bytes.
  static func read(_ path: String, limit: Int) throws(AccessError) -> [UInt8]? {
    let fd: Int32
    do throws(AccessError) {
      fd = try open(path, O_RDONLY)
    } catch {
      if case .io(let failure) = error, failure.errno == ENOENT { return nil }
      throw error
    }
    defer { close(fd) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .io(SystemCallError(call: "read", path: path, errno: errno))
      }
      if n == 0 { break }
      out.append(contentsOf: chunk[0..<n])
      if out.count > limit {
        throw .accountFile(path: path, reason: "filen är större än \(limit) byte")
      }
    }
    return out
  }

  /// Identity of the file at `path` (device, inode, size, change time), or nil when it is missing:
  /// a different value means another process replaced the file.
  static func identity(_ path: String) -> [Int64]? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return [
      Int64(st.st_dev), Int64(st.st_ino), Int64(st.st_size), Int64(st.st_mtim.tv_sec),
      Int64(st.st_mtim.tv_nsec),
      Int64(st.st_ctim.tv_sec), Int64(st.st_ctim.tv_nsec),
    ]
  }

  /// The permission bits of `path`.
  static func mode(_ path: String) -> mode_t? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return st.st_mode & 0o7777
  }
}
