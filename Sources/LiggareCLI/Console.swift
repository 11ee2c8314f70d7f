import LiggareStorage

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
  ///
  /// - Throws: `CLIError.failed` with the system's reason when standard output cannot take it
  ///   (a full disk, a closed pipe): an answer that did not arrive is a failed command.
  mutating func flush() throws(CLIError) {
    defer { out.removeAll() }
    do {
      try FileDescriptor(raw: 1, path: "standard ut").writeAll(out)
    } catch {
      throw .failed("svaret kunde inte skrivas: \(error)")
    }
  }

  /// Writes to `fd` through the storage layer's EINTR-safe `writeAll`; a failure on standard
  /// error has nowhere to be reported and is dropped.
  static func write(_ bytes: [UInt8], to fd: Int32) {
    try? FileDescriptor(raw: fd, path: "standard fel").writeAll(bytes)
  }

  static func error(_ text: String) {
    write(Array((text + "\n").utf8), to: 2)
  }
}
