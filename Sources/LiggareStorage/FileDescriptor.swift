#if canImport(Glibc)
  import Glibc
#endif

/// An open file descriptor with checked, EINTR-retrying wrappers of the calls the log needs.
///
/// A value type: ownership is the caller's, who must `close()` it exactly once.
public struct FileDescriptor {
  /// The descriptor number.
  public let raw: Int32
  /// The path it was opened by, for messages.
  public let path: String

  /// Wraps a descriptor the caller opened (and will close).
  public init(raw: Int32, path: String) {
    self.raw = raw
    self.path = path
  }

  /// Opens `path` (close-on-exec), retrying after EINTR.
  public static func open(_ path: String, _ flags: Int32, mode: UInt32 = 0o644) throws(SystemCallError)
    -> FileDescriptor
  {
    while true {
      let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
      if fd >= 0 { return FileDescriptor(raw: fd, path: path) }
      if errno != EINTR { throw SystemCallError(call: "open", path: path, errno: errno) }
    }
  }

  /// Closes the descriptor.
  public func close() {
    _ = Glibc.close(raw)
  }

  /// Writes all bytes, continuing after short writes.
  func writeAll(_ bytes: UnsafeRawBufferPointer) throws(SystemCallError) {
    var done = 0
    while done < bytes.count {
      let n = Glibc.write(raw, bytes.baseAddress! + done, bytes.count - done)
      if n < 0 {
        if errno == EINTR { continue }
        throw SystemCallError(call: "write", path: path, errno: errno)
      }
      done += n
    }
  }

  /// Writes all of `bytes`, continuing after short writes.
  public func writeAll(_ bytes: [UInt8]) throws(SystemCallError) {
    let result = bytes.withUnsafeBytes { raw in Result { () throws(SystemCallError) in try writeAll(raw) } }
    try result.get()
  }

  /// Reads up to `count` bytes at `offset`; fewer only at end of file.
  func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(SystemCallError) -> Int {
    var done = 0
    while done < buffer.count {
      let n = pread(raw, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
      if n < 0 {
        if errno == EINTR { continue }
        throw SystemCallError(call: "pread", path: path, errno: errno)
      }
      if n == 0 { break }
      done += n
    }
    return done
  }

  /// Reads from the current position until `buffer` is full or the end of the file (a device or
  /// pipe, where `pread` does not apply), retrying after EINTR.
  ///
  /// - Returns: the number of bytes read; fewer than `buffer.count` only at the end.
  public func readStream(into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> Int {
    guard let base = buffer.baseAddress else { return 0 }
    var done = 0
    while done < buffer.count {
      let n = Glibc.read(raw, base + done, buffer.count - done)
      if n < 0 {
        if errno == EINTR { continue }
        throw SystemCallError(call: "read", path: path, errno: errno)
      }
      if n == 0 { break }
      done += n
    }
    return done
  }

  /// Reads `count` bytes at `offset` into a new array (shorter at end of file).
  func read(count: Int, at offset: Int) throws(SystemCallError) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: count)
    let result = out.withUnsafeMutableBytes { buffer in
      Result { () throws(SystemCallError) -> Int in try read(into: buffer, at: offset) }
    }
    let n = try result.get()
    out.removeSubrange(n...)
    return out
  }

  /// Flushes the file to the disk (fsync), retrying after EINTR.
  public func sync() throws(SystemCallError) {
    while fsync(raw) != 0 {
      if errno != EINTR { throw SystemCallError(call: "fsync", path: path, errno: errno) }
    }
  }

  func size() throws(SystemCallError) -> Int {
    var st = stat()
    guard fstat(raw, &st) == 0 else { throw SystemCallError(call: "fstat", path: path, errno: errno) }
    return Int(st.st_size)
  }

  func truncate(to length: Int) throws(SystemCallError) {
    while ftruncate(raw, off_t(length)) != 0 {
      if errno != EINTR { throw SystemCallError(call: "ftruncate", path: path, errno: errno) }
    }
  }

  func seekToEnd() throws(SystemCallError) {
    guard lseek(raw, 0, SEEK_END) >= 0 else { throw SystemCallError(call: "lseek", path: path, errno: errno) }
  }

  /// Takes an exclusive advisory lock; false when another process holds it and `wait` is false.
  func lockExclusively(wait: Bool) throws(SystemCallError) -> Bool {
    while flock(raw, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
      if errno == EINTR { continue }
      if errno == EWOULDBLOCK { return false }
      throw SystemCallError(call: "flock", path: path, errno: errno)
    }
    return true
  }
}

/// File-system calls that act on paths.
public enum FileSystem {
  static func exists(_ path: String) -> Bool {
    access(path, F_OK) == 0
  }

  static func isDirectory(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
  }

  static func makeDirectory(_ path: String) throws(SystemCallError) {
    if mkdir(path, 0o755) != 0 && errno != EEXIST {
      throw SystemCallError(call: "mkdir", path: path, errno: errno)
    }
  }

  /// Makes a directory entry change (create, rename, unlink) durable.
  public static func syncDirectory(_ path: String) throws(SystemCallError) {
    let fd = try FileDescriptor.open(path, O_RDONLY | O_DIRECTORY)
    defer { fd.close() }
    try fd.sync()
  }

  static func rename(_ from: String, _ to: String) throws(SystemCallError) {
    guard Glibc.rename(from, to) == 0 else { throw SystemCallError(call: "rename", path: from, errno: errno) }
  }

  static func remove(_ path: String) throws(SystemCallError) {
    guard unlink(path) == 0 || errno == ENOENT else {
      throw SystemCallError(call: "unlink", path: path, errno: errno)
    }
  }

  static func list(_ path: String) throws(SystemCallError) -> [String] {
    guard let dir = opendir(path) else { throw SystemCallError(call: "opendir", path: path, errno: errno) }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  /// Writes a whole small file atomically: temporary file with exactly `mode` (a leftover temporary
  /// file keeps its old mode under `O_TRUNC`, hence the `fchmod`), fsync, rename, fsync of the
  /// folder. A crash leaves the old file or the new one; a failure removes the temporary file.
  public static func writeAtomically(_ bytes: [UInt8], to path: String, mode: UInt32 = 0o644)
    throws(SystemCallError)
  {
    let temporary = path + ".tmp"
    let fd = try FileDescriptor.open(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode: mode)
    do throws(SystemCallError) {
      guard fchmod(fd.raw, mode) == 0 else {
        throw SystemCallError(call: "fchmod", path: temporary, errno: errno)
      }
      try fd.writeAll(bytes)
      try fd.sync()
    } catch {
      fd.close()
      unlink(temporary)
      throw error
    }
    fd.close()
    do throws(SystemCallError) {
      try rename(temporary, path)
    } catch {
      unlink(temporary)
      throw error
    }
    try syncDirectory(directoryOf(path))
  }

  /// The folder holding `path`.
  public static func directoryOf(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }
}
