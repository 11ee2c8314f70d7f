#if canImport(Glibc)
  public import Glibc
#endif

/// An open file descriptor (a file, a pipe or a socket) with checked wrappers of the system calls
/// Liggare makes: each retries after EINTR and turns a failure into a `SystemCallError` (errno
/// captured once, the call and the path named). The one place in the code that spells these calls.
///
/// A value type, as in apple/swift-system: ownership is the caller's, who must `close()` it exactly
/// once.
public struct FileDescriptor: Sendable {
  /// The descriptor number.
  public let raw: Int32
  /// The path it was opened by (or what it is, "standard ut", a peer address), for messages.
  public let path: String

  /// Wraps a descriptor the caller opened (and will close).
  @inlinable
  public init(raw: Int32, path: String) {
    self.raw = raw
    self.path = path
  }

  /// Standard input.
  public static let standardInput = FileDescriptor(raw: 0, path: "standard in")
  /// Standard output.
  public static let standardOutput = FileDescriptor(raw: 1, path: "standard ut")
  /// Standard error.
  public static let standardError = FileDescriptor(raw: 2, path: "standard fel")

  /// Opens `path` (close-on-exec), retrying after EINTR.
  public static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o644) throws(SystemCallError)
    -> FileDescriptor
  {
    while true {
      let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
      if fd >= 0 { return FileDescriptor(raw: fd, path: path) }
      let code = errno
      if code != EINTR { throw SystemCallError(call: "open", path: path, errno: code) }
    }
  }

  /// Opens `path` like `open`, but answers nil when it does not exist (ENOENT).
  public static func openIfPresent(_ path: String, _ flags: Int32, mode: mode_t = 0o644)
    throws(SystemCallError) -> FileDescriptor?
  {
    do {
      return try open(path, flags, mode: mode)
    } catch  where error.errno == ENOENT {
      return nil
    }
  }

  /// Closes the descriptor. (A failed close is not retried: on Linux the descriptor is gone
  /// whatever it answers.)
  public func close() {
    _ = Glibc.close(raw)
  }

  // MARK: Writing

  /// Writes all bytes, continuing after short writes and EINTR. A write that takes nothing is a
  /// full device (ENOSPC), never a loop.
  @inlinable
  public func writeAll(_ bytes: UnsafeRawBufferPointer) throws(SystemCallError) {
    guard let base = bytes.baseAddress else { return }
    var done = 0
    while done < bytes.count {
      let n = Glibc.write(raw, base + done, bytes.count - done)
      if n > 0 {
        done += n
        continue
      }
      let code = n < 0 ? errno : ENOSPC
      if code == EINTR { continue }
      throw SystemCallError(call: "write", path: path, errno: code)
    }
  }

  /// Writes all of `bytes`, continuing after short writes and EINTR.
  @inlinable
  public func writeAll(_ bytes: [UInt8]) throws(SystemCallError) {
    let result = bytes.withUnsafeBytes { raw in Result { () throws(SystemCallError) in try writeAll(raw) } }
    try result.get()
  }

  /// One positional write (`pwrite`) of `bytes` at `offset`, retrying after EINTR.
  ///
  /// - Returns: the number of bytes written (fewer than asked only when the device is full).
  public func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(SystemCallError) -> Int {
    while true {
      let n = pwrite(raw, bytes.baseAddress, bytes.count, off_t(offset))
      if n >= 0 { return n }
      let code = errno
      if code != EINTR { throw SystemCallError(call: "pwrite", path: path, errno: code) }
    }
  }

  /// Writes all of `bytes` at `offset` with one `pwrite` (a small, fixed-size record is then old or
  /// new, never mixed); a short write is a full device (ENOSPC).
  public func writeWhole(_ bytes: [UInt8], at offset: Int) throws(SystemCallError) {
    let result = bytes.withUnsafeBytes { raw in
      Result { () throws(SystemCallError) -> Int in try write(raw, at: offset) }
    }
    guard try result.get() == bytes.count else {
      throw SystemCallError(call: "pwrite", path: path, errno: ENOSPC)
    }
  }

  // MARK: Reading

  /// One `read` from the current position, retrying after EINTR.
  ///
  /// - Returns: the number of bytes read, 0 at the end of the file.
  @inlinable
  public func readUpTo(into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> Int {
    while true {
      let n = Glibc.read(raw, buffer.baseAddress, buffer.count)
      if n >= 0 { return n }
      let code = errno
      if code != EINTR { throw SystemCallError(call: "read", path: path, errno: code) }
    }
  }

  /// Reads from the current position until `buffer` is full or the end of the file (a device or
  /// pipe, where `pread` does not apply), retrying after EINTR.
  ///
  /// - Returns: the number of bytes read; fewer than `buffer.count` only at the end.
  public func readStream(into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> Int {
    guard let base = buffer.baseAddress else { return 0 }
    var done = 0
    while done < buffer.count {
      let n = try readUpTo(
        into: UnsafeMutableRawBufferPointer(start: base + done, count: buffer.count - done))
      if n == 0 { break }
      done += n
    }
    return done
  }

  /// Reads everything from the current position to the end of the file (or pipe), retrying
  /// after EINTR, into one array sized by the file's size when it has one.
  ///
  /// - Parameter limit: the most bytes wanted; one byte more is read, so a result longer than
  ///   `limit` says the file is larger (and nothing beyond that is read).
  public func readToEnd(atMost limit: Int = .max) throws(SystemCallError) -> [UInt8] {
    let cap = limit == .max ? limit : limit + 1
    let expected = (try? size()) ?? 0
    var out = [UInt8](repeating: 0, count: Swift.max(1, Swift.min(Swift.max(expected, 0) + 1, cap)))
    var done = 0
    while done < cap {
      if done == out.count {
        out.append(contentsOf: repeatElement(0, count: Swift.min(Swift.max(out.count, 65536), cap - done)))
      }
      let end = out.count
      let result = out.withUnsafeMutableBytes { buffer in
        Result { () throws(SystemCallError) -> Int in
          try readUpTo(into: UnsafeMutableRawBufferPointer(rebasing: buffer[done..<end]))
        }
      }
      let n = try result.get()
      if n == 0 { break }
      done += n
    }
    out.removeSubrange(done...)
    return out
  }

  /// Reads up to `buffer.count` bytes at `offset` (`pread`), continuing after short reads and
  /// EINTR; fewer only at the end of the file.
  @inlinable
  public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(SystemCallError) -> Int
  {
    guard let base = buffer.baseAddress else { return 0 }
    var done = 0
    while done < buffer.count {
      let n = pread(raw, base + done, buffer.count - done, off_t(offset + done))
      if n > 0 {
        done += n
        continue
      }
      if n == 0 { break }
      let code = errno
      if code != EINTR { throw SystemCallError(call: "pread", path: path, errno: code) }
    }
    return done
  }

  /// Reads `count` bytes at `offset` into a new array (shorter at end of file).
  public func read(count: Int, at offset: Int) throws(SystemCallError) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: count)
    let result = out.withUnsafeMutableBytes { buffer in
      Result { () throws(SystemCallError) -> Int in try read(into: buffer, at: offset) }
    }
    let n = try result.get()
    out.removeSubrange(n...)
    return out
  }

  // MARK: The file

  /// Flushes the file to the disk (fsync), retrying after EINTR.
  public func sync() throws(SystemCallError) {
    while fsync(raw) != 0 {
      let code = errno
      if code != EINTR { throw SystemCallError(call: "fsync", path: path, errno: code) }
    }
  }

  /// The file's status (`fstat`).
  public func status() throws(SystemCallError) -> stat {
    var st = stat()
    guard fstat(raw, &st) == 0 else { throw SystemCallError(call: "fstat", path: path, errno: errno) }
    return st
  }

  /// The file's size in bytes.
  public func size() throws(SystemCallError) -> Int {
    Int(try status().st_size)
  }

  /// Cuts (or extends) the file to `length` bytes, retrying after EINTR.
  public func truncate(to length: Int) throws(SystemCallError) {
    while ftruncate(raw, off_t(length)) != 0 {
      let code = errno
      if code != EINTR { throw SystemCallError(call: "ftruncate", path: path, errno: code) }
    }
  }

  /// Moves the position to the end of the file.
  public func seekToEnd() throws(SystemCallError) {
    guard lseek(raw, 0, SEEK_END) >= 0 else { throw SystemCallError(call: "lseek", path: path, errno: errno) }
  }

  /// Sets the permission bits (`fchmod`).
  public func setMode(_ mode: mode_t) throws(SystemCallError) {
    guard fchmod(raw, mode) == 0 else { throw SystemCallError(call: "fchmod", path: path, errno: errno) }
  }

  /// Takes an exclusive advisory lock (`flock`), retrying after EINTR; false when another process
  /// holds it and `wait` is false.
  public func lockExclusively(wait: Bool) throws(SystemCallError) -> Bool {
    while flock(raw, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
      let code = errno
      if code == EINTR { continue }
      if code == EWOULDBLOCK { return false }
      throw SystemCallError(call: "flock", path: path, errno: code)
    }
    return true
  }
}
