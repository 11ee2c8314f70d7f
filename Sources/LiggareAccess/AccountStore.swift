public import LiggareBasics
import LiggareStorage
import LiggareSystem
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The accounts of one log: a versioned JSON file beside it (`accounts.json`, mode 0600), never in
/// the log itself.
///
/// Every change takes an exclusive lock (`accounts.json.lock`), reads the file again, changes it
/// and replaces it atomically (temporary file, fsync, rename, fsync of the folder), so the CLI and
/// a running server can change accounts at the same time without losing either change. Readers
/// look at the file's identity before answering and read it again when another process replaced
/// it: an account disabled with the CLI stops working in a running server at its next request.
///
/// Passwords are stored as PBKDF2-HMAC-SHA256 with a 16-byte random salt per account and the
/// iteration count beside the hash; API tokens as their SHA-256. Secrets are compared in constant
/// time. Safe to use from many threads.
public final class AccountStore: Sendable {
  /// The file's name in the log's folder.
  public static let fileName = "accounts.json"
  /// The `format` member that marks a Liggare accounts file.
  public static let formatName = "liggare-accounts"
  /// The version this program writes. Version 2 added an account's `person` (a head's person id);
  /// version 1 files (without it) are read as they are and written as version 2 at the next change.
  public static let currentVersion = 2
  /// Every version this program reads.
  public static let readableVersions = [1, 2]
  /// PBKDF2 iterations for new passwords (OWASP's 2023 figure for PBKDF2-HMAC-SHA256).
  public static let defaultIterations = 600_000
  /// The environment variable a debug build reads for fewer iterations (CLI and browser tests run
  /// debug binaries, where 600,000 iterations take seconds); a release build ignores it.
  public static let testIterationsVariable = "LIGGARE_TEST_PBKDF2_ITERATIONS"

  /// The iterations for new passwords when the caller does not say: `defaultIterations`, or in a
  /// debug build the value of `testIterationsVariable` (1 to `defaultIterations`) when it is set.
  public static var configuredIterations: Int {
    var environment: [String: String] = [:]
    if let value = getenv(testIterationsVariable) {
      environment[testIterationsVariable] = String(cString: value)
    }
    return iterations(environment: environment)
  }

  /// `configuredIterations` for a given environment.
  static func iterations(environment: [String: String], debugBuild: Bool = isDebugBuild) -> Int {
    guard debugBuild, let text = environment[testIterationsVariable], let n = Int(text), n >= 1 else {
      return defaultIterations
    }
    return min(n, defaultIterations)
  }

  #if DEBUG
    static let isDebugBuild = true
  #else
    static let isDebugBuild = false
  #endif

  /// Shortest password, in characters.
  public static let minimumPasswordLength = 12
  /// Longest password, in UTF-8 bytes.
  public static let maximumPasswordLength = 1024
  /// Most accounts in one file.
  public static let maximumAccounts = 10_000
  /// Largest accounts file that is read.
  public static let maximumFileSize = 16 << 20
  /// Salt length in bytes.
  public static let saltLength = 16
  /// Derived key length in bytes.
  public static let hashLength = 32

  /// The accounts file.
  public let path: String
  /// Iterations used for passwords set through this store (stored with each hash).
  public let passwordIterations: Int
  private let random: any RandomSource
  private let clock: @Sendable () -> Timestamp
  private let state: Mutex<Snapshot>

  /// What was last read from the file, and the file's identity then.
  struct Snapshot: Sendable {
    var records: [Record]
    var identity: [Int64]?
    var loadFailure: AccessError?
  }

  /// An account with its secrets, as stored.
  struct Record: Sendable, Hashable {
    var account: Account
    var password: PasswordHash?
    var token: TokenHash?
  }

  /// A stored password hash.
  struct PasswordHash: Sendable, Hashable {
    var iterations: Int
    var salt: [UInt8]
    var hash: [UInt8]
  }

  /// A stored API token's SHA-256.
  struct TokenHash: Sendable, Hashable {
    var hash: [UInt8]
    var issued: Timestamp
  }

  /// Opens the accounts file at `path` (a missing file is an empty store; it is created on the
  /// first change).
  ///
  /// - Parameters:
  ///   - passwordIterations: PBKDF2 iterations for passwords set from now on; tests pass a few.
  ///   - random: the source of salts and tokens.
  ///   - clock: the time written as `created`/`changed`.
  /// - Throws: `AccessError` when the file exists but cannot be read, is not an accounts file or
  ///   has an unknown version.
  public init(
    path: String, passwordIterations: Int = AccountStore.configuredIterations,
    random: any RandomSource = SystemRandom(), clock: @escaping @Sendable () -> Timestamp
  ) throws(AccessError) {
    self.path = path
    self.passwordIterations = min(max(passwordIterations, 1), PBKDF2.maximumIterations)
    self.random = random
    self.clock = clock
    let identity = Files.identity(path)
    let records = try AccountStore.readRecords(path)
    state = Mutex(Snapshot(records: records, identity: identity, loadFailure: nil))
  }

  /// Opens `accounts.json` in the log folder `logDirectory`; see `init(path:...)`.
  public convenience init(
    logDirectory: String, passwordIterations: Int = AccountStore.configuredIterations,
    random: any RandomSource = SystemRandom(), clock: @escaping @Sendable () -> Timestamp
  ) throws(AccessError) {
    let folder = logDirectory.hasSuffix("/") ? String(logDirectory.dropLast()) : logDirectory
    try self.init(
      path: folder + "/" + AccountStore.fileName, passwordIterations: passwordIterations, random: random,
      clock: clock)
  }

  // MARK: Reading

  /// All accounts, sorted by name.
  ///
  /// - Throws: `AccessError` when the file was replaced by one that cannot be read.
  public func list() throws(AccessError) -> [Account] {
    try current().map(\.account).sorted { $0.name < $1.name }
  }

  /// The account named `name`, or nil.
  public func account(named name: String) throws(AccessError) -> Account? {
    try current().first { $0.account.name == name }?.account
  }

  /// The records as in the file now (read again if another process replaced it).
  func current() throws(AccessError) -> [Record] {
    let identity = Files.identity(path)
    let cached = state.withLock { snapshot -> Result<[Record], AccessError>? in
      guard snapshot.identity == identity else { return nil }
      if let failure = snapshot.loadFailure { return .failure(failure) }
      return .success(snapshot.records)
    }
    if let cached { return try cached.get() }
    do {
      let records = try AccountStore.readRecords(path)
      state.withLock { $0 = Snapshot(records: records, identity: identity, loadFailure: nil) }
      return records
    } catch {
      state.withLock { $0 = Snapshot(records: [], identity: identity, loadFailure: error) }
      throw error
    }
  }

  // MARK: Authentication

  /// The principal for `name` and `password`, or nil when the account is unknown, disabled, has
  /// no password or the password is wrong (the same nil for all, after the same amount of work).
  public func authenticate(name: String, password: String) -> Principal? {
    let record = (try? current())?.first { $0.account.name == name }
    let passwordBytes = Array(password.utf8)
    guard let record, let stored = record.password, passwordBytes.count <= AccountStore.maximumPasswordLength
    else {
      // As much work as a real check, so the answer's time does not tell whether the name exists.
      _ = PBKDF2.sha256(
        password: Array(passwordBytes.prefix(AccountStore.maximumPasswordLength)),
        salt: [UInt8](repeating: 0, count: AccountStore.saltLength), iterations: passwordIterations,
        keyLength: AccountStore.hashLength)
      return nil
    }
    let derived = PBKDF2.sha256(
      password: passwordBytes, salt: stored.salt, iterations: stored.iterations, keyLength: stored.hash.count)
    guard ConstantTime.equal(derived, stored.hash), !record.account.disabled else { return nil }
    return Principal(record.account, method: .password)
  }

  /// The principal whose API token is `token`, or nil (unknown, replaced, or account disabled).
  public func authenticate(token: String) -> Principal? {
    guard token.utf8.count == AccountStore.tokenTextLength, Base64URL.decode(token) != nil,
      let records = try? current()
    else { return nil }
    let digest = SHA256.hash(Array(token.utf8)).bytes
    var found: Record?
    // Every stored hash is compared, whichever matches.
    for record in records {
      if let stored = record.token, ConstantTime.equal(stored.hash, digest) { found = record }
    }
    guard let found, !found.account.disabled else { return nil }
    return Principal(found.account, method: .token)
  }

  /// The principal for a user name set by a trusted reverse proxy, or nil when no enabled account
  /// has that name. The proxy has authenticated the person; the account gives the role and scopes.
  public func authenticate(trustedUser name: String) -> Principal? {
    guard let record = (try? current())?.first(where: { $0.account.name == name }), !record.account.disabled
    else { return nil }
    return Principal(record.account, method: .trustedHeader)
  }

  /// The principal for an account already authenticated by other means (a session), with its role
  /// and scopes as they are now; nil when the account is gone or disabled.
  public func principal(forAccount name: String, method: Principal.Method) -> Principal? {
    guard let record = (try? current())?.first(where: { $0.account.name == name }), !record.account.disabled
    else { return nil }
    return Principal(record.account, method: method)
  }

  /// The length of a token's text: 32 bytes in unpadded base64url.
  public static let tokenTextLength = 43

  // MARK: Changes

  /// Adds an account.
  ///
  /// - Parameters:
  ///   - scopes: unit or board ids (for `coordinator` and `head`; empty = the whole city).
  ///   - password: the password, or nil for an account that signs in only by token or through the
  ///     city's single sign-on.
  /// - Throws: `AccessError` for a bad name, an existing name, a bad password or scope, or when the
  ///   file cannot be written (then nothing changed).
  @discardableResult
  public func add(
    name: String, role: Role, scopes: [String] = [], person: String? = nil, password: String?
  ) throws(AccessError) -> Account {
    if let problem = Account.problem(withName: name) { throw .invalidName(name, reason: problem) }
    if let person {
      guard role.takesPerson else {
        throw .invalidPerson(reason: "rollen \(role) registrerar inga bedömningar och tar inget person-id")
      }
      if let problem = Account.problem(withPerson: person) { throw .invalidPerson(reason: problem) }
    }
    if !role.takesScopes && !scopes.isEmpty {
      throw .invalidScope(reason: "rollen \(role) gäller alltid hela staden och tar ingen omfattning")
    }
    for scope in scopes {
      if let problem = Account.problem(withScope: scope) { throw .invalidScope(reason: problem) }
    }
    let hash = try password.map { password throws(AccessError) in try hashPassword(password) }
    return try change { records, now throws(AccessError) in
      guard !records.contains(where: { $0.account.name == name }) else { throw .accountExists(name) }
      guard records.count < AccountStore.maximumAccounts else {
        throw .tooManyAccounts(limit: AccountStore.maximumAccounts)
      }
      var unique: [String] = []
      for scope in scopes where !unique.contains(scope) { unique.append(scope) }
      let account = Account(
        name: name, role: role, scopes: unique, person: person, disabled: false, hasPassword: hash != nil,
        hasToken: false,
        created: now, changed: now)
      records.append(Record(account: account, password: hash, token: nil))
      return account
    }
  }

  /// Disables an account: it can no longer log in, its token stops working and its sessions end at
  /// their next use. Disabling a disabled account changes nothing.
  public func disable(name: String) throws(AccessError) {
    try change { records, now throws(AccessError) in
      guard let index = records.firstIndex(where: { $0.account.name == name }) else {
        throw .unknownAccount(name)
      }
      guard !records[index].account.disabled else { return }
      records[index].account.disabled = true
      records[index].account.changed = now
    }
  }

  /// Sets or removes a head account's own person id (`person`, the assessor of the head assessments
  /// it records); nil removes it. Only `head` accounts take one; the id is checked for form only.
  public func setPerson(name: String, person: String?) throws(AccessError) {
    if let person, let problem = Account.problem(withPerson: person) { throw .invalidPerson(reason: problem) }
    try change { records, now throws(AccessError) in
      guard let index = records.firstIndex(where: { $0.account.name == name }) else {
        throw .unknownAccount(name)
      }
      let role = records[index].account.role
      if person != nil && !role.takesPerson {
        throw .invalidPerson(reason: "rollen \(role) registrerar inga bedömningar och tar inget person-id")
      }
      guard records[index].account.person != person else { return }
      records[index].account.person = person
      records[index].account.changed = now
    }
  }

  /// Sets a new password for an account.
  public func setPassword(name: String, password: String) throws(AccessError) {
    let hash = try hashPassword(password)
    try change { records, now throws(AccessError) in
      guard let index = records.firstIndex(where: { $0.account.name == name }) else {
        throw .unknownAccount(name)
      }
      records[index].password = hash
      records[index].account.hasPassword = true
      records[index].account.changed = now
    }
  }

  /// Makes a new API token for an account and returns it; only its SHA-256 is stored, so this is
  /// the only time it can be seen. The account's previous token stops working.
  public func newToken(name: String) throws(AccessError) -> String {
    let token = Base64URL.encode(random.bytes(32))
    let digest = SHA256.hash(Array(token.utf8)).bytes
    try change { records, now throws(AccessError) in
      guard let index = records.firstIndex(where: { $0.account.name == name }) else {
        throw .unknownAccount(name)
      }
      records[index].token = TokenHash(hash: digest, issued: now)
      records[index].account.hasToken = true
      records[index].account.changed = now
    }
    return token
  }

  /// Checks a password and hashes it with a fresh salt.
  private func hashPassword(_ password: String) throws(AccessError) -> PasswordHash {
    if password.count < AccountStore.minimumPasswordLength {
      throw .invalidPassword(reason: "det måste ha minst \(AccountStore.minimumPasswordLength) tecken")
    }
    let bytes = Array(password.utf8)
    if bytes.count > AccountStore.maximumPasswordLength {
      throw .invalidPassword(reason: "det får vara högst \(AccountStore.maximumPasswordLength) byte")
    }
    let salt = random.bytes(AccountStore.saltLength)
    let hash = PBKDF2.sha256(
      password: bytes, salt: salt, iterations: passwordIterations, keyLength: AccountStore.hashLength)
    return PasswordHash(iterations: passwordIterations, salt: salt, hash: hash)
  }

  /// Runs `body` on the records as in the file now, under the file lock, and writes the result;
  /// when `body` throws or the write fails, the file is as it was.
  private func change<T>(_ body: (inout [Record], Timestamp) throws(AccessError) -> T) throws(AccessError)
    -> T
  {
    let lockPath = path + ".lock"
    let lock = try Files.open(lockPath, O_RDWR | O_CREAT, mode: 0o600)
    defer { lock.close() }
    _ = try Files.io { () throws(SystemCallError) in try lock.lockExclusively(wait: true) }
    var records = try AccountStore.readRecords(path)
    let result = try body(&records, clock())
    try Files.writeAtomically(AccountStore.encode(records), to: path)
    let identity = Files.identity(path)
    state.withLock { $0 = Snapshot(records: records, identity: identity, loadFailure: nil) }
    return result
  }
}

extension Principal {
  init(_ account: Account, method: Method) {
    self.init(
      name: account.name, role: account.role, scopes: account.scopes, person: account.person, method: method)
  }
}

extension AccountStore {
  /// The result of a login attempt, with what may be written to the access log.
  public enum LoginResult: Sendable, Hashable {
    /// The password was right and the account is enabled.
    case success(Principal)
    /// Refused. `existingAccount` is the attempted name only when such an account exists (so it
    /// may be logged); nil for a name that is no account, which may be a mistyped password.
    case failure(existingAccount: String?)
  }

  /// Checks a login like `authenticate(name:password:)` and says what may be logged about it.
  public func login(name: String, password: String) -> LoginResult {
    if let principal = authenticate(name: name, password: password) { return .success(principal) }
    let exists = (try? current())?.contains { $0.account.name == name } ?? false
    return .failure(existingAccount: exists ? name : nil)
  }
}
