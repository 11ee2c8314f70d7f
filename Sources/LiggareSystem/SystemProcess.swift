#if canImport(Glibc)
  import Glibc
#endif

/// Calls about processes.
public enum SystemProcess {
  /// Whether a process with id `pid` exists (`kill(pid, 0)`; one of another user counts).
  public static func isRunning(_ pid: Int32) -> Bool {
    guard pid > 0 else { return false }
    return kill(pid, 0) == 0 || errno == EPERM
  }
}
