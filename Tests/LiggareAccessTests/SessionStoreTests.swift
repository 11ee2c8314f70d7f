import LiggareAccess
import LiggareBasics
import Testing

@Suite struct SessionStoreTests {
  static let anna = Principal(name: "anna", role: .coordinator, scopes: ["u-1"], method: .password)

  /// A session store whose accounts are all enabled, unless `disabled` says otherwise.
  static func sessions(
    _ configuration: SessionStore.Configuration = .init(), seed: UInt64 = 5
  ) -> SessionStore {
    SessionStore(configuration: configuration, random: SeededRandom(seed: seed)) { name in
      Principal(name: name, role: .coordinator, scopes: ["u-1"], method: .session)
    }
  }

  @Test func loginAlwaysIssuesAFreshIDAndEndsThePlantedOne() {
    let clock = TestClock()
    let store = SessionStoreTests.sessions()
    // An attacker obtains an id (their own session) and plants it in the victim's browser.
    let planted = store.create(for: SessionStoreTests.anna, now: clock.now)
    let victim = store.create(for: SessionStoreTests.anna, now: clock.now, replacing: planted.id)
    #expect(victim.id != planted.id)
    #expect(victim.csrfToken != planted.csrfToken)
    #expect(store.principal(for: planted.id, now: clock.now) == nil)
    #expect(store.principal(for: victim.id, now: clock.now)?.name == "anna")
    #expect(store.principal(for: victim.id, now: clock.now)?.method == .session)
    // Ids are 256 bits, base64url.
    #expect(Base64URL.decode(victim.id)?.count == 32)
    #expect(Base64URL.decode(victim.csrfToken)?.count == 32)
    // A made-up id is nobody.
    #expect(store.principal(for: String(repeating: "A", count: 43), now: clock.now) == nil)
    #expect(store.principal(for: "", now: clock.now) == nil)
  }

  @Test func idleTimeoutAndAbsoluteLifetime() {
    let clock = TestClock()
    let store = SessionStoreTests.sessions(.init(idleTimeout: 600, absoluteLifetime: 3600))
    let s = store.create(for: SessionStoreTests.anna, now: clock.now)
    #expect(s.expires.microseconds - clock.now.microseconds == 600_000_000)
    // Used every 9 minutes it stays alive…
    for _ in 0..<6 {
      clock.advance(seconds: 540)
      #expect(store.principal(for: s.id, now: clock.now) != nil)
    }
    // …until its absolute lifetime ends (54 min so far; 60 min is the end).
    clock.advance(seconds: 540)
    #expect(store.principal(for: s.id, now: clock.now) == nil)
    // Idle: a new session unused for 10 minutes is gone, and stays gone.
    let t = store.create(for: SessionStoreTests.anna, now: clock.now)
    clock.advance(seconds: 599)
    #expect(store.session(for: t.id, now: clock.now) != nil)
    clock.advance(seconds: 600)
    #expect(store.session(for: t.id, now: clock.now) == nil)
    clock.advance(seconds: -1200)
    #expect(store.session(for: t.id, now: clock.now) == nil)
    #expect(store.count == 0)
  }

  @Test func defaultIdleTimeoutIsThirtyMinutes() {
    #expect(SessionStore.Configuration().idleTimeout == 30 * 60)
  }

  @Test func csrfTokenMustMatchItsOwnSession() {
    let clock = TestClock()
    let store = SessionStoreTests.sessions()
    let a = store.create(for: SessionStoreTests.anna, now: clock.now)
    let b = store.create(for: SessionStoreTests.anna, now: clock.now)
    #expect(store.verifyCSRF(sessionID: a.id, token: a.csrfToken, now: clock.now))
    #expect(!store.verifyCSRF(sessionID: a.id, token: b.csrfToken, now: clock.now))
    #expect(!store.verifyCSRF(sessionID: a.id, token: "", now: clock.now))
    #expect(!store.verifyCSRF(sessionID: a.id, token: String(a.csrfToken.dropLast()), now: clock.now))
    #expect(!store.verifyCSRF(sessionID: "nope", token: a.csrfToken, now: clock.now))
    #expect(store.session(for: a.id, now: clock.now)?.csrfToken == a.csrfToken)
    store.destroy(a.id)
    #expect(!store.verifyCSRF(sessionID: a.id, token: a.csrfToken, now: clock.now))
    #expect(store.principal(for: b.id, now: clock.now) != nil)
  }

  @Test func disabledAccountLosesItsSessionsAtOnce() throws {
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    let clock = TestClock()
    let accounts = try makeStore(dir, clock: clock)
    try accounts.add(name: "anna", role: .head, scopes: ["u-1"], password: "annas lösenord!")
    try accounts.add(name: "bo", role: .head, scopes: ["u-2"], password: "bos lösenord!!!")
    let sessions = SessionStore(accounts: accounts, random: SeededRandom(seed: 3))
    let principal = try #require(accounts.authenticate(name: "anna", password: "annas lösenord!"))
    let s = sessions.create(for: principal, now: clock.now)
    let bo = sessions.create(
      for: try #require(accounts.authenticate(name: "bo", password: "bos lösenord!!!")), now: clock.now)
    #expect(
      sessions.principal(for: s.id, now: clock.now)
        == Principal(name: "anna", role: .head, scopes: ["u-1"], method: .session))
    // Disabled by the CLI (another store on the same file).
    try makeStore(dir, seed: 8).disable(name: "anna")
    #expect(sessions.principal(for: s.id, now: clock.now) == nil)
    #expect(sessions.principal(for: bo.id, now: clock.now)?.name == "bo")
    #expect(sessions.count == 1)
  }

  @Test func limitsDropTheLeastRecentlyUsed() {
    let clock = TestClock()
    let store = SessionStoreTests.sessions(.init(maximumSessions: 4, maximumSessionsPerAccount: 2))
    let a1 = store.create(for: SessionStoreTests.anna, now: clock.now)
    clock.advance(seconds: 1)
    let a2 = store.create(for: SessionStoreTests.anna, now: clock.now)
    clock.advance(seconds: 1)
    let a3 = store.create(for: SessionStoreTests.anna, now: clock.now)
    #expect(store.principal(for: a1.id, now: clock.now) == nil)
    #expect(store.principal(for: a2.id, now: clock.now) != nil)
    #expect(store.principal(for: a3.id, now: clock.now) != nil)
    var others: [SessionStore.Session] = []
    for i in 0..<5 {
      clock.advance(seconds: 1)
      others.append(
        store.create(
          for: Principal(name: "p\(i)", role: .head, scopes: [], method: .password), now: clock.now))
    }
    #expect(store.count == 4)
    #expect(store.principal(for: others[4].id, now: clock.now) != nil)
    store.destroyAll(forAccount: "p4")
    #expect(store.principal(for: others[4].id, now: clock.now) == nil)
  }

  /// Many threads creating, using and ending sessions at once: every session created is found by
  /// its own id until it is destroyed, and the count comes out right.
  @Test func concurrentUse() async {
    let clock = TestClock()
    let store = SessionStore(
      configuration: .init(maximumSessions: 100_000, maximumSessionsPerAccount: 100_000),
      random: SystemRandom()
    ) { name in Principal(name: name, role: .head, scopes: [], method: .session) }
    let failures = await withTaskGroup(of: Int.self) { group in
      for worker in 0..<16 {
        group.addTask {
          var failures = 0
          for i in 0..<200 {
            let name = "w\(worker)"
            let s = store.create(
              for: Principal(name: name, role: .head, scopes: [], method: .password), now: clock.now)
            if store.principal(for: s.id, now: clock.now)?.name != name { failures += 1 }
            if !store.verifyCSRF(sessionID: s.id, token: s.csrfToken, now: clock.now) { failures += 1 }
            if i.isMultiple(of: 2) {
              store.destroy(s.id)
              if store.principal(for: s.id, now: clock.now) != nil { failures += 1 }
            }
          }
          return failures
        }
      }
      return await group.reduce(0, +)
    }
    #expect(failures == 0)
    #expect(store.count == 16 * 100)
  }
}
