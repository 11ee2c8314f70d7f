public import LiggareBasics
import LiggareStorage
import LiggareSystem
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Who did what, for the data protection officer: a JSON Lines file beside the event log
/// (`access.jsonl`, mode 0600). One line per login, failed login, logout, write, export and
/// account change, with the account, the client's address, the time, the route and the outcome.
///
/// Never a password, token, session id, query string or request body: routes are cut at `?`, and
/// a failed login names the account only when the account exists (a name typed into the wrong
/// field may be a password). Each line carries `"v": 1`.
///
/// Each line is written with one `write` on a file opened for appending and then `fsync`ed before
/// `record` returns (**Beslut**: per line, not per batch: logins and writes are few, and every
/// write already waits for the event log's fsync). Lines from the CLI and a running server may
/// interleave but not mix: each is shorter than a page and written whole. Safe to use from many
/// threads.
public final class AccessLog: Sendable {
  /// The file's name in the log's folder.
  public static let fileName = "access.jsonl"
  /// The version written in each line, and the only one read.
  public static let currentVersion = 1
  /// Longest route kept, in bytes.
  public static let maximumRouteLength = 256
  /// Longest address kept, in bytes.
  public static let maximumAddressLength = 64

  /// What happened.
  public enum Action: String, Sendable, Hashable, CaseIterable {
    /// A login that succeeded (a session was created).
    case login
    /// A login refused: wrong password, unknown or disabled account.
    case loginFailed = "login-failed"
    /// A login refused unchecked because of earlier failures (throttled).
    case loginThrottled = "login-throttled"
    /// A logout.
    case logout
    /// A request that writes to the event log (also a dry run, and a refused one).
    case write
    /// An export of events, or a report (the whole city's figures).
    case export
    /// An API request refused for want of a valid token, session or scope.
    case denied
    /// An account added (CLI or admin).
    case accountAdded = "account-added"
    /// An account disabled.
    case accountDisabled = "account-disabled"
    /// An account's person id set or removed.
    case personSet = "person-set"
    /// A new API token issued.
    case tokenIssued = "token-issued"
    /// A password set or changed.
    case passwordSet = "password-set"
  }

  /// How it ended.
  public enum Outcome: String, Sendable, Hashable, CaseIterable {
    /// Done.
    case ok
    /// Refused (bad credentials, no permission, invalid input).
    case refused
    /// Failed on the server's side.
    case error
  }

  /// One line of the access log.
  public struct Entry: Sendable, Hashable {
    /// When.
    public var at: Timestamp
    /// What.
    public var action: Action
    /// How it ended.
    public var outcome: Outcome
    /// The account acting (for failed logins: only an account that exists), or nil.
    public var account: String?
    /// The client's address (IP, or `cli` for the command line), or nil.
    public var address: String?
    /// The HTTP method and path without the query (`POST /api/v1/events`), or the CLI command.
    public var route: String?
    /// The HTTP status answered, if any.
    public var status: Int?
    /// How the account authenticated, if it did.
    public var method: Principal.Method?
    /// For writes: how many events were appended (0 for a refused write or a dry run).
    public var events: Int?
    /// For writes and exports: the account acted on (account changes), else nil.
    public var subject: String?

    /// Creates an entry; route and address are cut to their limits, the route at `?`.
    public init(
      at: Timestamp, action: Action, outcome: Outcome, account: String? = nil, address: String? = nil,
      route: String? = nil, status: Int? = nil, method: Principal.Method? = nil, events: Int? = nil,
      subject: String? = nil
    ) {
      self.at = at
      self.action = action
      self.outcome = outcome
      self.account = account.map { AccessLog.cut($0, Account.maximumNameLength) }
      self.address = address.map { AccessLog.cut($0, AccessLog.maximumAddressLength) }
      self.route = route.map { route in
        let path = route.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return AccessLog.cut(String(path), AccessLog.maximumRouteLength)
      }
      self.status = status
      self.method = method
      self.events = events
      self.subject = subject.map { AccessLog.cut($0, Account.maximumNameLength) }
    }

    /// The line's JSON value.
    var json: JSONValue {
      var m: [String: JSONValue] = [
        "v": .number(Double(AccessLog.currentVersion)), "at": .string(at.description),
        "action": .string(action.rawValue), "outcome": .string(outcome.rawValue),
      ]
      if let account { m["account"] = .string(account) }
      if let address { m["address"] = .string(address) }
      if let route { m["route"] = .string(route) }
      if let status { m["status"] = .number(Double(status)) }
      if let method { m["method"] = .string(method.rawValue) }
      if let events { m["events"] = .number(Double(events)) }
      if let subject { m["subject"] = .string(subject) }
      return .object(m)
    }
  }

  /// The file.
  public let path: String
  private let descriptor: Mutex<FileDescriptor>

  /// Opens (creating, mode 0600) the access log at `path` for appending.
  public init(path: String) throws(AccessError) {
    self.path = path
    let existed = Files.identity(path) != nil
    let fd = try Files.open(path, O_WRONLY | O_APPEND | O_CREAT, mode: 0o600)
    do throws(AccessError) {
      try Files.io { () throws(SystemCallError) in try fd.setMode(0o600) }
      if !existed { try Files.syncDirectory(Files.directory(of: path)) }
    } catch {
      fd.close()
      throw error
    }
    descriptor = Mutex(fd)
  }

  /// Opens `access.jsonl` in the log folder `logDirectory`.
  public convenience init(logDirectory: String) throws(AccessError) {
    let folder = logDirectory.hasSuffix("/") ? String(logDirectory.dropLast()) : logDirectory
    try self.init(path: folder + "/" + AccessLog.fileName)
  }

  deinit {
    descriptor.withLock { $0.close() }
  }

  /// Appends `entry` as one line and syncs it to the disk before returning.
  public func record(_ entry: Entry) throws(AccessError) {
    var line: [UInt8] = []
    JSONWriter.write(entry.json, to: &line)
    line.append(UInt8(ascii: "\n"))
    let result = descriptor.withLock { fd -> AccessError? in
      do throws(AccessError) {
        try Files.io { () throws(SystemCallError) in
          try fd.writeAll(line)
          try fd.sync()
        }
        return nil
      } catch {
        return error
      }
    }
    if let result { throw result }
  }

  /// Reads every line of the access log at `path` (for the data protection officer and tests).
  ///
  /// - Throws: `AccessError.accessLog` naming the line, for a line that is not JSON or has an
  ///   unknown version.
  public static func read(path: String) throws(AccessError) -> [Entry] {
    guard let bytes = try Files.read(path, limit: 1 << 30) else { return [] }
    var entries: [Entry] = []
    var lineNumber = 0
    for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      if line.isEmpty { continue }
      func bad(_ reason: String) -> AccessError {
        .accessLog(path: path, line: lineNumber, reason: reason)
      }
      guard case .object(let m)? = try? JSONValue.parse(line) else {
        throw bad("raden är inte ett JSON-objekt")
      }
      guard let version = m["v"]?.numberValue else { throw bad("\"v\" saknas") }
      guard version == Double(currentVersion) else { throw bad("version \(version) stöds inte") }
      guard let at = m["at"]?.stringValue.flatMap({ Timestamp(parsing: $0) }),
        let action = m["action"]?.stringValue.flatMap(Action.init(rawValue:)),
        let outcome = m["outcome"]?.stringValue.flatMap(Outcome.init(rawValue:))
      else { throw bad("\"at\", \"action\" eller \"outcome\" saknas eller är fel") }
      entries.append(
        Entry(
          at: at, action: action, outcome: outcome, account: m["account"]?.stringValue,
          address: m["address"]?.stringValue, route: m["route"]?.stringValue,
          status: m["status"]?.numberValue.flatMap { Int(exactly: $0) },
          method: m["method"]?.stringValue.flatMap(Principal.Method.init(rawValue:)),
          events: m["events"]?.numberValue.flatMap { Int(exactly: $0) }, subject: m["subject"]?.stringValue))
    }
    return entries
  }

  /// `text` cut to at most `limit` UTF-8 bytes at a character boundary, control characters dropped.
  static func cut(_ text: String, _ limit: Int) -> String {
    var out = ""
    var bytes = 0
    for c in text where !c.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
      let n = c.utf8.count
      if bytes + n > limit { break }
      out.append(c)
      bytes += n
    }
    return out
  }
}
