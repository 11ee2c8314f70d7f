public import LiggareBasics

#if canImport(Glibc)
  import Glibc
#endif

/// Where "now" comes from: the system clock in the product, a pinned instant in tests.
public struct LedgerClock: Sendable {
  public let now: @Sendable () -> Timestamp

  /// A clock reading `now`.
  public init(now: @escaping @Sendable () -> Timestamp) {
    self.now = now
  }

  /// The system's real-time clock.
  public static let system = LedgerClock {
    var t = timespec()
    clock_gettime(CLOCK_REALTIME, &t)
    return Timestamp(microseconds: Int64(t.tv_sec) * 1_000_000 + Int64(t.tv_nsec / 1000))
  }

  /// A clock stopped at `instant`.
  public static func fixed(_ instant: Timestamp) -> LedgerClock {
    LedgerClock { instant }
  }
}

/// The OS user name, the default `actor`.
public enum OperatingSystemUser {
  /// `$USER`, else the password database's name for the uid, else "okänd".
  public static var name: String {
    if let user = getenv("USER").map({ String(cString: $0) }), !user.isEmpty { return user }
    if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
    return "okänd"
  }
}
