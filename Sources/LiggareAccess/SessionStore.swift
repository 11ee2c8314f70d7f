public import LiggareBasics
import LiggareStorage
import Synchronization

/// Browser sessions, in memory: a server restart logs everyone out.
///
/// A session id is 256 random bits (base64url, 43 characters), made fresh at every login so an id
/// planted before the login is worth nothing (no session fixation). Each session has its own CSRF
/// token, compared in constant time. A session ends after `idleTimeout` without use, after
/// `absoluteLifetime` whatever its use, at logout, and at its next use once its account is disabled
/// or removed (the account is looked up on every use, so a changed role or scope applies at once).
///
/// Sessions are kept by the SHA-256 of their id, so the dictionary look-up compares digests, never
/// the secret itself. Safe to use from many threads.
public final class SessionStore: Sendable {
  /// Timeouts and limits.
  public struct Configuration: Sendable, Hashable {
    /// Seconds a session may go unused; default 30 minutes.
    public var idleTimeout: Int64
    /// Seconds a session may live at all; default 8 hours (a working day).
    public var absoluteLifetime: Int64
    /// Most sessions in memory; beyond, the least recently used is dropped.
    public var maximumSessions: Int
    /// Most sessions of one account; beyond, its least recently used is dropped.
    public var maximumSessionsPerAccount: Int

    /// Creates a configuration.
    public init(
      idleTimeout: Int64 = 30 * 60, absoluteLifetime: Int64 = 8 * 3600, maximumSessions: Int = 10_000,
      maximumSessionsPerAccount: Int = 16
    ) {
      self.idleTimeout = idleTimeout
      self.absoluteLifetime = absoluteLifetime
      self.maximumSessions = max(1, maximumSessions)
      self.maximumSessionsPerAccount = max(1, maximumSessionsPerAccount)
    }
  }

  /// A live session as its owner sees it: the id for the cookie and the CSRF token for forms.
  public struct Session: Sendable, Hashable {
    /// The session id (the cookie's value).
    public let id: String
    /// The token every state-changing form of this session must carry.
    public let csrfToken: String
    /// Who is logged in, as the account is now.
    public let principal: Principal
    /// When the session was created.
    public let created: Timestamp
    /// When the session ends unless used again.
    public let expires: Timestamp
  }

  private struct Entry: Sendable {
    var account: String
    var csrfToken: String
    var created: Timestamp
    var lastSeen: Timestamp
  }

  /// The configuration in force.
  public let configuration: Configuration
  private let random: any RandomSource
  private let currentPrincipal: @Sendable (String) -> Principal?
  private let sessions = Mutex<[SHA256.Digest: Entry]>([:])

  /// A store whose sessions look their account up with `currentPrincipal` (nil: the account is
  /// gone or disabled and the session ends).
  public init(
    configuration: Configuration = Configuration(), random: any RandomSource = SystemRandom(),
    currentPrincipal: @escaping @Sendable (_ account: String) -> Principal?
  ) {
    self.configuration = configuration
    self.random = random
    self.currentPrincipal = currentPrincipal
  }

  /// A store whose sessions look their account up in `accounts`.
  public convenience init(
    accounts: AccountStore, configuration: Configuration = Configuration(),
    random: any RandomSource = SystemRandom()
  ) {
    self.init(configuration: configuration, random: random) { name in
      accounts.principal(forAccount: name, method: .session)
    }
  }

  /// Starts a session for `principal` after a successful login, with a new id and CSRF token.
  ///
  /// - Parameter replacing: the id the browser sent with the login, if any; it is ended, so the
  ///   id a browser had before logging in never becomes a logged-in id.
  public func create(for principal: Principal, now: Timestamp, replacing previous: String? = nil) -> Session {
    let id = Base64URL.encode(random.bytes(32))
    let csrf = Base64URL.encode(random.bytes(32))
    let key = SessionStore.key(id)
    let previousKey = previous.map(SessionStore.key)
    let entry = Entry(account: principal.name, csrfToken: csrf, created: now, lastSeen: now)
    sessions.withLock { sessions in
      if let previousKey { sessions[previousKey] = nil }
      let mine = sessions.filter { $0.value.account == principal.name }
      if mine.count >= configuration.maximumSessionsPerAccount {
        let dropped = mine.sorted { $0.value.lastSeen < $1.value.lastSeen }
          .prefix(mine.count - configuration.maximumSessionsPerAccount + 1)
        for (k, _) in dropped { sessions[k] = nil }
      }
      if sessions.count >= configuration.maximumSessions {
        for (k, e) in sessions where isExpired(e, now: now) { sessions[k] = nil }
      }
      if sessions.count >= configuration.maximumSessions {
        let dropped = sessions.sorted { $0.value.lastSeen < $1.value.lastSeen }
          .prefix(sessions.count - configuration.maximumSessions + 1)
        for (k, _) in dropped { sessions[k] = nil }
      }
      sessions[key] = entry
    }
    return Session(
      id: id, csrfToken: csrf,
      principal: Principal(
        name: principal.name, role: principal.role, scopes: principal.scopes, method: .session),
      created: now, expires: expiry(of: entry))
  }

  /// The live session with id `sessionID`, marked as used at `now`; nil when there is none, it
  /// has expired, or its account is disabled (then it is ended).
  public func session(for sessionID: String, now: Timestamp) -> Session? {
    guard sessionID.utf8.count == AccountStore.tokenTextLength else { return nil }
    let key = SessionStore.key(sessionID)
    guard let entry = sessions.withLock({ $0[key] }) else { return nil }
    guard !isExpired(entry, now: now), let principal = currentPrincipal(entry.account) else {
      sessions.withLock { $0[key] = nil }
      return nil
    }
    let touched = sessions.withLock { sessions -> Entry? in
      guard var current = sessions[key] else { return nil }
      if now > current.lastSeen { current.lastSeen = now }
      sessions[key] = current
      return current
    }
    guard let touched else { return nil }
    return Session(
      id: sessionID, csrfToken: touched.csrfToken, principal: principal, created: touched.created,
      expires: expiry(of: touched))
  }

  /// The principal of the live session `sessionID`, or nil; see `session(for:now:)`.
  public func principal(for sessionID: String, now: Timestamp) -> Principal? {
    session(for: sessionID, now: now)?.principal
  }

  /// Whether `token` is the CSRF token of the live session `sessionID` (constant-time).
  public func verifyCSRF(sessionID: String, token: String, now: Timestamp) -> Bool {
    guard let session = session(for: sessionID, now: now) else { return false }
    return ConstantTime.equal(Array(session.csrfToken.utf8), Array(token.utf8))
  }

  /// Ends a session (logout). Ending an unknown id does nothing.
  public func destroy(_ sessionID: String) {
    let key = SessionStore.key(sessionID)
    sessions.withLock { $0[key] = nil }
  }

  /// Ends every session of `account` (it was disabled, or its password changed).
  public func destroyAll(forAccount account: String) {
    sessions.withLock { sessions in
      for (k, e) in sessions where e.account == account { sessions[k] = nil }
    }
  }

  /// Drops expired sessions; the server may call it now and then (they are dropped on use anyway).
  public func removeExpired(now: Timestamp) {
    sessions.withLock { sessions in
      for (k, e) in sessions where isExpired(e, now: now) { sessions[k] = nil }
    }
  }

  /// How many sessions are held (live or not yet dropped).
  public var count: Int {
    sessions.withLock { $0.count }
  }

  private func isExpired(_ entry: Entry, now: Timestamp) -> Bool {
    now >= expiry(of: entry)
  }

  private func expiry(of entry: Entry) -> Timestamp {
    let idle = entry.lastSeen.microseconds.addingReportingOverflow(configuration.idleTimeout &* 1_000_000)
    let absolute = entry.created.microseconds.addingReportingOverflow(
      configuration.absoluteLifetime &* 1_000_000)
    return Timestamp(
      microseconds: min(
        idle.overflow ? .max : idle.partialValue, absolute.overflow ? .max : absolute.partialValue))
  }

  private static func key(_ id: String) -> SHA256.Digest {
    SHA256.hash(Array(id.utf8))
  }
}
