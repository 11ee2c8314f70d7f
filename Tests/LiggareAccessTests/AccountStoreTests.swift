import Foundation
import LiggareBasics
import LiggareStorage
import Testing

@testable import LiggareAccess

@Suite struct AccountStoreTests {
  @Test func addListAndAuthenticate() throws {
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    let clock = TestClock()
    let store = try makeStore(dir, clock: clock)
    try store.add(name: "anna.k", role: .coordinator, scopes: ["b-2", "u-7"], password: "rätt häst batteri")
    clock.advance(seconds: 60)
    try store.add(name: "office", role: .office, password: nil)
    let accounts = try store.list()
    #expect(accounts.map(\.name) == ["anna.k", "office"])
    #expect(accounts[0].role == .coordinator && accounts[0].scopes == ["b-2", "u-7"])
    #expect(accounts[0].hasPassword && !accounts[1].hasPassword && !accounts[0].disabled)
    #expect(accounts[1].created.microseconds - accounts[0].created.microseconds == 60_000_000)

    let principal = try #require(store.authenticate(name: "anna.k", password: "rätt häst batteri"))
    #expect(
      principal == Principal(name: "anna.k", role: .coordinator, scopes: ["b-2", "u-7"], method: .password))
    #expect(store.authenticate(name: "anna.k", password: "rätt häst batterI") == nil)
    #expect(store.authenticate(name: "anna.k", password: "") == nil)
    #expect(store.authenticate(name: "anna.", password: "rätt häst batteri") == nil)
    #expect(store.authenticate(name: "office", password: "") == nil)  // no password set

    // A second store (another process) reads the same file.
    let other = try makeStore(dir, seed: 99)
    #expect(other.authenticate(name: "anna.k", password: "rätt häst batteri")?.name == "anna.k")
  }

  @Test func loginResultNamesOnlyExistingAccounts() throws {
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    let store = try makeStore(dir)
    try store.add(name: "anna", role: .head, password: "ett långt lösenord")
    #expect(store.login(name: "anna", password: "fel lösenord!!") == .failure(existingAccount: "anna"))
    #expect(store.login(name: "ett långt lösenord", password: "x") == .failure(existingAccount: nil))
    guard case .success(let p) = store.login(name: "anna", password: "ett långt lösenord") else {
      Issue.record("login failed")
      return
    }
    #expect(p.role == .head)
  }

  @Test func storedHashUsesSaltAndIterations() throws {
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    let store = try makeStore(dir, iterations: 7)
    try store.add(name: "a", role: .head, password: "samma lösenord här")
    try store.add(name: "b", role: .head, password: "samma lösenord här")
    let root = try JSONValue.parse(TemporaryDirectory.read(store.path))
    guard case .array(let accounts)? = root["accounts"] else {
      Issue.record("no accounts")
      return
    }
    let a = try #require(accounts[0]["password"])
    let b = try #require(accounts[1]["password"])
    #expect(a["algorithm"] == "pbkdf2-sha256")
    #expect(a["iterations"] == 7)
    #expect(a["salt"] != b["salt"])  // a salt per account
    #expect(a["hash"] != b["hash"])
    let salt = try #require(a["salt"]?.stringValue.flatMap(Base64URL.decode))
    #expect(salt.count == 16)
    let hash = try #require(a["hash"]?.stringValue.flatMap(Base64URL.decode))
    #expect(
      hash
        == PBKDF2.sha256(password: Array("samma lösenord här".utf8), salt: salt, iterations: 7, keyLength: 32)
    )
    // Nothing in the file is the password.
    let text = String(decoding: TemporaryDirectory.read(store.path), as: UTF8.self)
    #expect(!text.contains("samma lösenord"))
  }

  /// The product's default is at least 600,000 iterations; checked without running it.
  @Test func defaultIterationsAreAtLeast600000() throws {
    #expect(AccountStore.defaultIterations >= 600_000)
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    let store = try AccountStore(
      logDirectory: dir.path, passwordIterations: AccountStore.defaultIterations, clock: TestClock().closure)
    #expect(store.passwordIterations >= 600_000)
    // Without the test variable, and always in a release build, the default is used.
    let variable = AccountStore.testIterationsVariable
    #expect(AccountStore.iterations(environment: [:], debugBuild: true) == AccountStore.defaultIterations)
    #expect(
      AccountStore.iterations(environment: [variable: "5"], debugBuild: false)
        == AccountStore.defaultIterations)
    #expect(AccountStore.iterations(environment: [variable: "5"], debugBuild: true) == 5)
    #expect(
      AccountStore.iterations(environment: [variable: "0"], debugBuild: true)
        == AccountStore.defaultIterations)
    #expect(
      AccountStore.iterations(environment: [variable: "x"], debugBuild: true)
        == AccountStore.defaultIterations)
    #expect(
      AccountStore.iterations(environment: [variable: "9999999"], debugBuild: true)
        == AccountStore.defaultIterations)
  }

  @Test func disabledAccountCannotLogInOrUseItsToken() throws {
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    let store = try makeStore(dir)
    try store.add(name: "kim", role: .coordinator, password: "kims lösenord 1")
    let token = try store.newToken(name: "kim")
    #expect(store.authenticate(token: token)?.name == "kim")
    #expect(store.authenticate(trustedUser: "kim")?.method == .trustedHeader)
    try store.disable(name: "kim")
    #expect(store.authenticate(name: "kim", password: "kims lösenord 1") == nil)
    #expect(store.authenticate(token: token) == nil)
    #expect(store.authenticate(trustedUser: "kim") == nil)
    #expect(try store.account(named: "kim")?.disabled == true)
    #expect(store.login(name: "kim", password: "kims lösenord 1") == .failure(existingAccount: "kim"))
    #expect(throws: AccessError.unknownAccount("nobody")) { try store.disable(name: "nobody") }
  }

  @Test func disablingInAnotherProcessTakesEffect() throws {
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    let server = try makeStore(dir, seed: 1)
    try server.add(name: "kim", role: .head, password: "kims lösenord 1")
    let token = try server.newToken(name: "kim")
    #expect(server.authenticate(token: token) != nil)
    let cli = try makeStore(dir, seed: 2)
    try cli.disable(name: "kim")
    #expect(server.authenticate(token: token) == nil)
    #expect(server.principal(forAccount: "kim", method: .session) == nil)
  }

  @Test func tokenRotation() throws {
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    let store = try makeStore(dir)
    try store.add(name: "kurssystem", role: .coordinator, password: nil)
    try store.add(name: "bi", role: .office, password: nil)
    let first = try store.newToken(name: "kurssystem")
    let bi = try store.newToken(name: "bi")
    #expect(first.count == 43)
    #expect(Base64URL.decode(first)?.count == 32)
    #expect(
      store.authenticate(token: first)
        == Principal(name: "kurssystem", role: .coordinator, scopes: [], method: .token))
    let second = try store.newToken(name: "kurssystem")
    #expect(second != first)
    #expect(store.authenticate(token: first) == nil)
    #expect(store.authenticate(token: second)?.name == "kurssystem")
    #expect(store.authenticate(token: bi)?.name == "bi")
    #expect(store.authenticate(token: "") == nil)
    #expect(store.authenticate(token: String(second.dropLast()) + (second.last == "A" ? "B" : "A")) == nil)
    #expect(store.authenticate(token: second + "A") == nil)
    // Stored as SHA-256 only.
    let text = String(decoding: TemporaryDirectory.read(store.path), as: UTF8.self)
    #expect(!text.contains(second) && !text.contains(first))
    #expect(text.contains(SHA256.hash(Array(second.utf8)).hex))
    #expect(throws: AccessError.unknownAccount("x")) { try store.newToken(name: "x") }
  }

  @Test func namesPasswordsAndScopesAreChecked() throws {
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    let store = try makeStore(dir)
    for bad in ["", "två ord", "tab\tbar", String(repeating: "a", count: 65), "nolla\u{0}", "zw\u{200B}sp"] {
      #expect(throws: AccessError.self) { try store.add(name: bad, role: .head, password: "långt nog lösen") }
    }
    try store.add(name: String(repeating: "å", count: 32), role: .head, password: nil)  // 64 bytes
    #expect(throws: AccessError.self) { try store.add(name: "kort", role: .head, password: "för kort") }
    #expect(throws: AccessError.self) {
      try store.add(name: "lång", role: .head, password: String(repeating: "x", count: 1025))
    }
    #expect(throws: AccessError.self) {
      try store.add(name: "kontor", role: .office, scopes: ["u-1"], password: nil)
    }
    #expect(throws: AccessError.self) {
      try store.add(name: "skop", role: .head, scopes: ["u 1"], password: nil)
    }
    try store.add(name: "dup", role: .head, password: nil)
    #expect(throws: AccessError.accountExists("dup")) {
      try store.add(name: "dup", role: .office, password: nil)
    }
    let error = AccessError.invalidName("två ord", reason: "x")
    #expect(error.description.contains("Kontonamnet"))
    // Refused changes left the file as it was.
    #expect(try store.list().map(\.name) == ["dup", String(repeating: "å", count: 32)])
  }

  @Test func fileIsPrivateAndVersioned() throws {
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    umask(0o022)
    let store = try makeStore(dir)
    try store.add(name: "a", role: .admin, password: nil)
    #expect(store.path == dir.path + "/accounts.json")
    #expect(TemporaryDirectory.mode(store.path) == 0o600)
    let root = try JSONValue.parse(TemporaryDirectory.read(store.path))
    #expect(root["format"] == "liggare-accounts")
    #expect(root["version"] == 2)
    #expect(!FileManager.default.fileExists(atPath: store.path + ".tmp"))
  }

  /// Version 2 added a head's own person id; a version 1 file is read as it is and written as
  /// version 2 at the next change, keeping every account.
  @Test func versionOneIsReadAndWrittenAsVersionTwoWithPersons() throws {
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.path + "/accounts.json"
    TemporaryDirectory.write(
      "{\"format\":\"liggare-accounts\",\"version\":1,\"accounts\":[{\"name\":\"gammal\",\"role\":\"head\",\"scopes\":[\"u-1\"],\"disabled\":false,\"created\":\"2026-01-01T00:00:00Z\",\"changed\":\"2026-01-01T00:00:00Z\",\"password\":null,\"token\":null}]}",
      to: path)
    let store = try makeStore(dir)
    #expect(try store.account(named: "gammal")?.person == nil)
    try store.add(name: "sol", role: .head, scopes: ["u-1"], person: "p-100", password: nil)
    let root = try JSONValue.parse(TemporaryDirectory.read(path))
    #expect(root["version"] == 2)
    let reopened = try makeStore(dir)
    #expect(try reopened.account(named: "sol")?.person == "p-100")
    #expect(try reopened.account(named: "gammal")?.scopes == ["u-1"])
    #expect(reopened.principal(forAccount: "sol", method: .session)?.person == "p-100")
    // Only heads take a person, and it must look like an id.
    #expect(throws: AccessError.self) {
      try store.add(name: "kurs", role: .coordinator, person: "p-1", password: nil)
    }
    #expect(throws: AccessError.self) { try store.add(name: "h2", role: .head, person: "p 1", password: nil) }
    #expect(try store.account(named: "kurs") == nil)
  }

  @Test(arguments: [
    ("{\"format\":\"liggare-accounts\",\"version\":3,\"accounts\":[]}", "formatversion 3"),
    ("{\"format\":\"liggare-accounts\",\"version\":\"1\",\"accounts\":[]}", "formatversion \"1\""),
    ("{\"format\":\"liggare-accounts\",\"accounts\":[]}", "\"version\" saknas"),
    ("{\"format\":\"något annat\",\"version\":1,\"accounts\":[]}", "inte en Liggare-kontofil"),
    ("{\"format\":\"liggare-accounts\",\"version\":1,\"accounts\":[", "inte giltig JSON"),
    ("", "inte giltig JSON"),
    ("[]", "inte ett JSON-objekt"),
    ("{\"format\":\"liggare-accounts\",\"version\":1,\"accounts\":{}}", "\"accounts\" saknas"),
    ("{\"format\":\"liggare-accounts\",\"version\":1,\"accounts\":[],\"extra\":1}", "okänt fält"),
    (
      "{\"format\":\"liggare-accounts\",\"version\":1,\"accounts\":[{\"name\":\"a b\",\"role\":\"head\",\"scopes\":[],\"disabled\":false,\"created\":\"2026-01-01T00:00:00Z\",\"changed\":\"2026-01-01T00:00:00Z\",\"password\":null,\"token\":null}]}",
      "konto nummer 1"
    ),
    (
      "{\"format\":\"liggare-accounts\",\"version\":1,\"accounts\":[{\"name\":\"a\",\"role\":\"boss\",\"scopes\":[],\"disabled\":false,\"created\":\"2026-01-01T00:00:00Z\",\"changed\":\"2026-01-01T00:00:00Z\",\"password\":null,\"token\":null}]}",
      "\"role\""
    ),
    (
      "{\"format\":\"liggare-accounts\",\"version\":1,\"accounts\":[{\"name\":\"a\",\"role\":\"head\",\"scopes\":[],\"disabled\":false,\"created\":\"2026-01-01T00:00:00Z\",\"changed\":\"2026-01-01T00:00:00Z\",\"password\":{\"algorithm\":\"pbkdf2-sha256\",\"iterations\":1e12,\"salt\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"hash\":\"AAAAAAAAAAAAAAAAAAAAAA\"},\"token\":null}]}",
      "\"iterations\""
    ),
    (
      "{\"format\":\"liggare-accounts\",\"version\":1,\"accounts\":[{\"name\":\"a\",\"role\":\"head\",\"scopes\":[],\"disabled\":false,\"created\":\"2026-01-01T00:00:00Z\",\"changed\":\"2026-01-01T00:00:00Z\",\"password\":null,\"token\":null},{\"name\":\"a\",\"role\":\"head\",\"scopes\":[],\"disabled\":false,\"created\":\"2026-01-01T00:00:00Z\",\"changed\":\"2026-01-01T00:00:00Z\",\"password\":null,\"token\":null}]}",
      "två gånger"
    ),
    (
      "{\"format\":\"liggare-accounts\",\"version\":1,\"accounts\":[{\"name\":\"a\",\"role\":\"head\",\"scopes\":[],\"person\":\"p-1\",\"disabled\":false,\"created\":\"2026-01-01T00:00:00Z\",\"changed\":\"2026-01-01T00:00:00Z\",\"password\":null,\"token\":null}]}",
      "okänt fält \"person\""
    ),
    (
      "{\"format\":\"liggare-accounts\",\"version\":2,\"accounts\":[{\"name\":\"a\",\"role\":\"office\",\"scopes\":[],\"person\":\"p-1\",\"disabled\":false,\"created\":\"2026-01-01T00:00:00Z\",\"changed\":\"2026-01-01T00:00:00Z\",\"password\":null,\"token\":null}]}",
      "tar inget person-id"
    ),
    (
      "{\"format\":\"liggare-accounts\",\"version\":2,\"accounts\":[{\"name\":\"a\",\"role\":\"head\",\"scopes\":[],\"disabled\":false,\"created\":\"2026-01-01T00:00:00Z\",\"changed\":\"2026-01-01T00:00:00Z\",\"password\":null,\"token\":null}]}",
      "\"person\" saknas"
    ),
  ])
  func badFilesAreRefusedInSwedishNamingTheFile(content: String, expected: String) throws {
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.path + "/accounts.json"
    TemporaryDirectory.write(content, to: path)
    do throws(AccessError) {
      _ = try AccountStore(logDirectory: dir.path, passwordIterations: 10, clock: TestClock().closure)
      Issue.record("accepted: \(content)")
    } catch {
      #expect(error.description.hasPrefix("Kontofilen \(path) "))
      #expect(error.description.contains(expected), "\(error.description)")
    }
    // A running store that finds the file replaced by a bad one refuses too, and logs nobody in.
    TemporaryDirectory.write(
      "{\"format\":\"liggare-accounts\",\"version\":1,\"accounts\":[]}", to: path)
    let store = try makeStore(dir)
    try store.add(name: "a", role: .head, password: "ett långt lösenord")
    TemporaryDirectory.write(content, to: path)
    #expect(throws: AccessError.self) { try store.list() }
    #expect(store.authenticate(name: "a", password: "ett långt lösenord") == nil)
    // And a change does not overwrite the file it cannot read.
    #expect(throws: AccessError.self) { try store.add(name: "b", role: .head, password: nil) }
    #expect(String(decoding: TemporaryDirectory.read(path), as: UTF8.self) == content)
  }

  @Test func concurrentAddsFromTwoStoresLoseNothing() async throws {
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    let a = try makeStore(dir, seed: 1)
    let b = try makeStore(dir, seed: 2)
    await withTaskGroup(of: Void.self) { group in
      for i in 0..<20 {
        group.addTask {
          _ = try? (i.isMultiple(of: 2) ? a : b).add(name: "user\(i)", role: .head, password: nil)
        }
      }
    }
    #expect(try a.list().count == 20)
    #expect(try b.list().count == 20)
  }

  /// Readers authenticating from many threads while tokens are rotated and an account disabled:
  /// a token works until it is replaced, never after, and the last one works at the end.
  @Test func authenticateWhileChanging() async throws {
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    let store = try makeStore(dir)
    try store.add(name: "api", role: .office, password: nil)
    try store.add(name: "gone", role: .head, password: "ett långt lösenord")
    let first = try store.newToken(name: "api")
    let wrong = await withTaskGroup(of: Int.self) { group in
      group.addTask {
        var last = first
        for _ in 0..<20 { last = (try? store.newToken(name: "api")) ?? last }
        try? store.disable(name: "gone")
        return store.authenticate(token: last)?.name == "api" ? 0 : 1
      }
      for _ in 0..<6 {
        group.addTask {
          var wrong = 0
          for _ in 0..<50 {
            if let p = store.authenticate(token: first), p.name != "api" { wrong += 1 }
            if let p = store.authenticate(name: "gone", password: "ett långt lösenord"), p.name != "gone" {
              wrong += 1
            }
          }
          return wrong
        }
      }
      return await group.reduce(0, +)
    }
    #expect(wrong == 0)
    #expect(store.authenticate(token: first) == nil)
    #expect(store.authenticate(name: "gone", password: "ett långt lösenord") == nil)
  }
}

@Suite struct AccountPersonTests {
  @Test func aHeadsPersonIdIsSetAndRemovedAndOtherRolesAreRefused() throws {
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    let store = try makeStore(dir, clock: TestClock())
    try store.add(name: "rektor", role: .head, scopes: ["u-1"], password: nil)
    try store.add(name: "analys", role: .office, password: nil)
    try store.setPerson(name: "rektor", person: "p-7")
    #expect(try store.account(named: "rektor")?.person == "p-7")
    #expect(store.principal(forAccount: "rektor", method: .token)?.person == "p-7")
    try store.setPerson(name: "rektor", person: nil)
    #expect(try store.account(named: "rektor")?.person == nil)
    #expect(throws: AccessError.self) { try store.setPerson(name: "analys", person: "p-7") }
    #expect(throws: AccessError.self) { try store.setPerson(name: "rektor", person: "p 7") }
    #expect(throws: AccessError.self) { try store.setPerson(name: "okänd", person: "p-7") }
    #expect(try store.account(named: "analys")?.person == nil)
  }
}
