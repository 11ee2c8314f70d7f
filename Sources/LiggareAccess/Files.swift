import LiggareStorage

#if canImport(Glibc)
  import Glibc
#endif

/// The few file calls this module needs, EINTR-safe, failing with `AccessError.io`.
enum Files {
  /// Opens `path` (close-on-exec) with `flags`, creating it with `mode`.
  static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o600) throws(AccessError) -> Int32 {
    while true {
      let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
      if fd >= 0 { return fd }
      if errno != EINTR { throw .io(SystemCallError(call: "open", path: path, errno: errno)) }
    }
  }

  /// Writes all of `bytes` to `fd`.
  static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(AccessError) {
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .io(SystemCallError(call: "write", path: path, errno: errno))
      }
      done += n
    }
  }

  /// Flushes `fd` to the disk.
  static func sync(_ fd: Int32, path: String) throws(AccessError) {
    while fsync(fd) != 0 {
      if errno != EINTR { throw .io(SystemCallError(call: "fsync", path: path, errno: errno)) }
    }
  }

  /// Makes a new, renamed or removed entry in `directory` durable.
  static func syncDirectory(_ directory: String) throws(AccessError) {
    let fd = try open(directory, O_RDONLY | O_DIRECTORY)
    defer { close(fd) }
    try sync(fd, path: directory)
  }

  /// The folder holding `path`.
  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// Replaces `path` with `bytes` whole: a 0600 temporary file, fsync, rename, fsync of the folder.
  /// A crash leaves the old file or the new one, never a mixture.
  static func writeAtomically(_ bytes: [UInt8], to path: String) throws(AccessError) {
    let temporary = path + ".tmp"
    let fd = try open(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode: 0o600)
    do throws(AccessError) {
      guard fchmod(fd, 0o600) == 0 else {
        throw AccessError.io(SystemCallError(call: "fchmod", path: temporary, errno: errno))
      }
      try writeAll(fd, bytes, path: temporary)
      try sync(fd, path: temporary)
    } catch {
      close(fd)
      unlink(temporary)
      throw error
    }
    close(fd)
    guard rename(temporary, path) == 0 else {
      let failure = SystemCallError(call: "rename", path: temporary, errno: errno)
      unlink(temporary)
      throw .io(failure)
    }
    try syncDirectory(directory(of: path))
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
