#if canImport(Glibc)
  public import Glibc
#endif

/// File-system calls that act on paths.
public enum FileSystem {
  /// Whether something exists at `path`.
  public static func exists(_ path: String) -> Bool {
    access(path, F_OK) == 0
  }

  /// Whether `path` is a folder.
  public static func isDirectory(_ path: String) -> Bool {
    guard let st = status(path) else { return false }
    return (st.st_mode & S_IFMT) == S_IFDIR
  }

  /// The status of `path` (`stat`, following links), nil when it cannot be had (most often: it
  /// does not exist).
  public static func status(_ path: String) -> stat? {
    var st = stat()
    return stat(path, &st) == 0 ? st : nil
  }

  /// Makes the folder `path` (mode 0755); one that exists already is fine.
  public static func makeDirectory(_ path: String) throws(SystemCallError) {
    if mkdir(path, 0o755) != 0 {
      let code = errno
      if code != EEXIST { throw SystemCallError(call: "mkdir", path: path, errno: code) }
    }
  }

  /// Makes a directory entry change (create, rename, unlink) durable.
  public static func syncDirectory(_ path: String) throws(SystemCallError) {
    let fd = try FileDescriptor.open(path, O_RDONLY | O_DIRECTORY)
    defer { fd.close() }
    try fd.sync()
  }

  /// Renames `from` to `to` (replacing `to`); a failure names `from`.
  public static func rename(_ from: String, _ to: String) throws(SystemCallError) {
    guard Glibc.rename(from, to) == 0 else { throw SystemCallError(call: "rename", path: from, errno: errno) }
  }

  /// Removes the file `path`; one that does not exist is fine.
  public static func remove(_ path: String) throws(SystemCallError) {
    if unlink(path) != 0 {
      let code = errno
      if code != ENOENT { throw SystemCallError(call: "unlink", path: path, errno: code) }
    }
  }

  /// The names in the folder `path`, without "." and "..", in the order the system gives.
  public static func list(_ path: String) throws(SystemCallError) -> [String] {
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

  /// Writes a whole file atomically: a temporary file beside it with exactly `mode` (a leftover
  /// temporary file keeps its old mode under `O_TRUNC`, hence the `fchmod`), all bytes, fsync,
  /// rename, fsync of the folder. A crash leaves the old file or the new one; a failure removes the
  /// temporary file.
  ///
  /// - Parameters:
  ///   - temporary: the temporary file's path; `path` + ".tmp" when nil.
  ///   - durable: false skips both fsyncs (for a cache whose reader checks what it reads).
  ///   - write: writes the content to the open temporary file.
  public static func writeAtomically(
    to path: String, mode: mode_t = 0o644, temporary: String? = nil, durable: Bool = true,
    _ write: (FileDescriptor) throws(SystemCallError) -> Void
  ) throws(SystemCallError) {
    let temporary = temporary ?? path + ".tmp"
    let fd = try FileDescriptor.open(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode: mode)
    do throws(SystemCallError) {
      try fd.setMode(mode)
      try write(fd)
      if durable { try fd.sync() }
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
    if durable { try syncDirectory(directoryOf(path)) }
  }

  /// Writes `bytes` as the whole file `path`, atomically (see `writeAtomically(to:mode:...)`).
  public static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644)
    throws(SystemCallError)
  {
    try writeAtomically(to: path, mode: mode) { fd throws(SystemCallError) in try fd.writeAll(bytes) }
  }

  /// The folder holding `path`.
  public static func directoryOf(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }
}
