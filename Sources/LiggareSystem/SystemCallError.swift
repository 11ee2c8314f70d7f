#if canImport(Glibc)
  import Glibc
#endif

/// A failed system call: which call, on which path, and errno (captured once, where the call
/// failed, before anything else can change it).
public struct SystemCallError: Error, Sendable, Hashable {
  /// The call's name ("open", "write", "fsync", ...).
  public var call: String
  /// The path (or what the descriptor is: "standard ut", "anslutning") the call was made on.
  public var path: String
  /// The system's error number.
  public var errno: Int32

  /// Creates an error.
  public init(call: String, path: String, errno: Int32) {
    self.call = call
    self.path = path
    self.errno = errno
  }
}

extension SystemCallError: CustomStringConvertible {
  /// Swedish, with the system's own message for errno.
  public var description: String {
    let reason: String
    switch errno {
    case ENOENT: reason = "filen eller mappen finns inte"
    case EACCES, EPERM: reason = "behörighet saknas"
    case ENOSPC: reason = "disken är full"
    case EROFS: reason = "filsystemet är skrivskyddat"
    case EIO: reason = "in-/utmatningsfel på disken"
    case EEXIST: reason = "finns redan"
    case ENOTDIR: reason = "är inte en mapp"
    case EPIPE: reason = "mottagaren har stängt röret (pipe)"
    case EBADF: reason = "filen är inte öppen"
    default: reason = String(cString: strerror(errno))
    }
    return "\(call) misslyckades för \(path): \(reason) (errno \(errno))"
  }
}
