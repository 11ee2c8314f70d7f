#if canImport(Glibc)
  import Glibc
#endif

/// Collects a command's output and writes it with one call, not a syscall per line.
struct Console {
  var out: [UInt8] = []

  mutating func line(_ text: String = "") {
    out.append(contentsOf: text.utf8)
    out.append(0x0A)
  }

  mutating func write(_ bytes: [UInt8]) {
    out.append(contentsOf: bytes)
  }

  /// Writes everything collected to standard output.
  mutating func flush() {
    Console.write(out, to: 1)
    out.removeAll()
  }

  static func write(_ bytes: [UInt8], to fd: Int32) {
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return }
      done += n
    }
  }

  static func error(_ text: String) {
    write(Array((text + "\n").utf8), to: 2)
  }
}
