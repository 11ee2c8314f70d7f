import LiggareStorage

#if canImport(Glibc)
  import Glibc
#endif

/// A file a command writes for the user (`report -o`, the demo's report): written whole to a
/// temporary file beside it and renamed into place, so a failure leaves no half-written file and
/// says why (the system's reason, not just "cannot be written").
enum OutputFile {
  static func write(_ bytes: [UInt8], to path: String) throws(CLIError) {
    let temporary = path + ".\(getpid()).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw failure("open", path, errno) }
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else {
        let error = failure("write", path, n < 0 ? errno : ENOSPC)
        close(fd)
        unlink(temporary)
        throw error
      }
      done += n
    }
    if fsync(fd) != 0 {
      let error = failure("fsync", path, errno)
      close(fd)
      unlink(temporary)
      throw error
    }
    close(fd)
    guard rename(temporary, path) == 0 else {
      let error = failure("rename", path, errno)
      unlink(temporary)
      throw error
    }
  }

  static func failure(_ call: String, _ path: String, _ code: Int32) -> CLIError {
    .failed("\(path): kan inte skrivas: \(SystemCallError(call: call, path: path, errno: code))")
  }
}
