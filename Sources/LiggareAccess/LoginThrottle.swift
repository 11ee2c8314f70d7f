public import LiggareBasics
import LiggareStorage
import Synchronization

/// Slows down password guessing: failed logins are counted per account name and per client
/// address, and after a few failures the next attempt must wait, twice as long after each further
/// failure up to a cap; after many failures the key is locked out for a while.
///
/// The server asks `delay(account:address:now:)` before it checks a password: while the answer is
/// above zero it refuses the attempt at once (429 with `Retry-After`) without checking it, so
/// waiting holds no worker thread. A key forgets its failures `forgetAfter` seconds after its last
/// failure; a successful login clears the account's count (not the address's, so one good account
/// does not reset an address that guesses at others). Safe to use from many threads.
public final class LoginThrottle: Sendable {
  /// How one kind of key (account or address) is slowed.
  public struct Limit: Sendable, Hashable {
    /// Failures allowed without any wait.
    public var freeFailures: Int
    /// The wait after the first failure beyond the free ones, in seconds; doubled after each next.
    public var baseDelay: Int64
    /// The longest wait from doubling, in seconds.
    public var maximumDelay: Int64
    /// Failures after which the key is locked out.
    public var lockoutFailures: Int
    /// How long a lockout lasts, in seconds.
    public var lockoutDuration: Int64
    /// Seconds after the last failure when the failures are forgotten.
    public var forgetAfter: Int64

    /// Creates a limit.
    public init(
      freeFailures: Int, baseDelay: Int64, maximumDelay: Int64, lockoutFailures: Int, lockoutDuration: Int64,
      forgetAfter: Int64
    ) {
      self.freeFailures = max(0, freeFailures)
      self.baseDelay = max(1, baseDelay)
      self.maximumDelay = max(self.baseDelay, maximumDelay)
      self.lockoutFailures = max(self.freeFailures + 1, lockoutFailures)
      self.lockoutDuration = max(1, lockoutDuration)
      self.forgetAfter = max(self.lockoutDuration, forgetAfter)
    }

    /// Per account: 3 free failures, then 1, 2, 4 … 60 s; 10 failures lock the account out for 15
    /// minutes.
    public static let account = Limit(
      freeFailures: 3, baseDelay: 1, maximumDelay: 60, lockoutFailures: 10, lockoutDuration: 15 * 60,
      forgetAfter: 15 * 60)
    /// Per address (an office behind one NAT address shares it): 10 free failures, then 1, 2, 4 …
    /// 60 s; 50 failures lock the address out for 15 minutes.
    public static let address = Limit(
      freeFailures: 10, baseDelay: 1, maximumDelay: 60, lockoutFailures: 50, lockoutDuration: 15 * 60,
      forgetAfter: 15 * 60)

    /// Seconds to wait after the `failures`-th failure.
    public func wait(afterFailures failures: Int) -> Int64 {
      if failures >= lockoutFailures { return lockoutDuration }
      if failures <= freeFailures { return 0 }
      let doublings = failures - freeFailures - 1
      if doublings >= 62 { return maximumDelay }
      let (delay, overflow) = baseDelay.multipliedReportingOverflow(by: Int64(1) << Int64(doublings))
      return overflow ? maximumDelay : min(delay, maximumDelay)
    }
  }

  private struct Key: Hashable, Sendable {
    var isAddress: Bool
    var value: String

    /// A key for `text`: itself when short, else its SHA-256, so a form posting a megabyte "name"
    /// cannot make the table hold megabytes.
    init(isAddress: Bool, value text: String) {
      self.isAddress = isAddress
      value =
        text.utf8.count <= LoginThrottle.maximumKeyLength ? text : "#" + SHA256.hash(Array(text.utf8)).hex
    }
  }

  /// Longest account name or address kept as it is in the table; longer ones are kept as a hash.
  static let maximumKeyLength = 128

  /// The bytes of all keys held (for tests of the bound).
  var keyBytes: Int { table.withLock { $0.keys.reduce(0) { $0 + $1.value.utf8.count } } }

  private struct Failures: Sendable {
    var count: Int
    var last: Timestamp
  }

  /// The limit per account name.
  public let accountLimit: Limit
  /// The limit per client address.
  public let addressLimit: Limit
  /// Most keys remembered; beyond, forgotten ones are dropped first, then the oldest.
  public let maximumKeys: Int
  private let table = Mutex<[Key: Failures]>([:])

  /// A throttle with the given limits.
  public init(account: Limit = .account, address: Limit = .address, maximumKeys: Int = 100_000) {
    accountLimit = account
    addressLimit = address
    self.maximumKeys = max(2, maximumKeys)
  }

  /// Seconds the caller must still wait before a login for `account` from `address` may be
  /// checked; 0 means go ahead.
  public func delay(account: String, address: String, now: Timestamp) -> Int64 {
    table.withLock { table in
      max(
        remaining(table[Key(isAddress: false, value: account)], accountLimit, now),
        remaining(table[Key(isAddress: true, value: address)], addressLimit, now))
    }
  }

  /// Records a failed login (wrong password, unknown or disabled account).
  public func recordFailure(account: String, address: String, now: Timestamp) {
    table.withLock { table in
      for (key, limit) in [
        (Key(isAddress: false, value: account), accountLimit),
        (Key(isAddress: true, value: address), addressLimit),
      ] {
        var failures = table[key] ?? Failures(count: 0, last: now)
        if seconds(from: failures.last, to: now) >= limit.forgetAfter { failures.count = 0 }
        failures.count = min(failures.count + 1, limit.lockoutFailures)
        if now > failures.last || failures.count == 1 { failures.last = now }
        table[key] = failures
      }
      if table.count > maximumKeys { prune(&table, now: now) }
    }
  }

  /// Records a successful login: the account's failures are forgotten.
  public func recordSuccess(account: String, address: String, now: Timestamp) {
    _ = table.withLock { $0.removeValue(forKey: Key(isAddress: false, value: account)) }
  }

  /// How many keys are remembered.
  public var count: Int { table.withLock { $0.count } }

  private func remaining(_ failures: Failures?, _ limit: Limit, _ now: Timestamp) -> Int64 {
    guard let failures else { return 0 }
    let elapsed = seconds(from: failures.last, to: now)
    if elapsed >= limit.forgetAfter { return 0 }
    return max(0, limit.wait(afterFailures: failures.count) - elapsed)
  }

  private func seconds(from a: Timestamp, to b: Timestamp) -> Int64 {
    let (difference, overflow) = b.microseconds.subtractingReportingOverflow(a.microseconds)
    if overflow { return b > a ? .max : 0 }
    return max(0, difference / 1_000_000)
  }

  private func prune(_ table: inout [Key: Failures], now: Timestamp) {
    for (key, failures) in table {
      let limit = key.isAddress ? addressLimit : accountLimit
      if seconds(from: failures.last, to: now) >= limit.forgetAfter { table[key] = nil }
    }
    if table.count > maximumKeys {
      let excess = table.count - maximumKeys
      for (key, _) in table.sorted(by: { $0.value.last < $1.value.last }).prefix(excess) { table[key] = nil }
    }
  }
}
