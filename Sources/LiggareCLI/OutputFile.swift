import LiggareSystem

#if canImport(Glibc)
  import Glibc
#endif

/// A file a command writes for the user (`report -o`, the demo's report): written whole to a
/// temporary file beside it and renamed into place, so a failure leaves no half-written file and
/// says why (the system's reason, not just "cannot be written").
enum OutputFile {
  static func write(_ bytes: [UInt8], to path: String) throws(CLIError) {
    do {
      try FileSystem.writeAtomically(to: path, temporary: path + ".\(getpid()).tmp") {
        fd throws(SystemCallError) in
        try fd.writeAll(bytes)
      }
    } catch {
      throw failure(error, path)
    }
  }

  /// "FIL: kan inte skrivas: …", naming the file the user asked for (not its temporary file).
  static func failure(_ error: SystemCallError, _ path: String) -> CLIError {
    let named = SystemCallError(call: error.call, path: path, errno: error.errno)
    return .failed("\(path): kan inte skrivas: \(named)")
  }
}
