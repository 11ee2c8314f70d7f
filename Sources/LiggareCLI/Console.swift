import LiggareSystem

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
    try Console.writeOut(out)
  }

  /// Writes `bytes` to standard output at once (a command that streams, like `export`).
  ///
  /// - Throws: `CLIError.failed` as `flush()` does.
  static func writeOut(_ bytes: [UInt8], to fd: FileDescriptor = .standardOutput) throws(CLIError) {
    do {
      try fd.writeAll(bytes)
    } catch {
      throw failure(error)
    }
  }

  /// "svaret kunde inte skrivas: …" with the system's reason.
  static func failure(_ error: SystemCallError) -> CLIError {
    .failed("svaret kunde inte skrivas: \(error)")
  }

  /// Writes a line to standard error. **Beslut:** a failure to write standard error is dropped:
  /// it has nowhere to be reported, and the exit status still tells (see docs/storage.md).
  static func error(_ text: String) {
    try? FileDescriptor.standardError.writeAll(Array((text + "\n").utf8))
  }
}
