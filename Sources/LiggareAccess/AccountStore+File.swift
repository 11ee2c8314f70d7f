import LiggareBasics

/// The accounts file, version 2:
///
///     {"format": "liggare-accounts", "version": 2, "accounts": [
///       {"name": "anna", "role": "coordinator", "scopes": ["b-3"], "person": null, "disabled": false,
///        "created": "2026-01-05T08:00:00Z", "changed": "2026-01-05T08:00:00Z",
///        "password": {"algorithm": "pbkdf2-sha256", "iterations": 600000,
///                     "salt": "<base64url>", "hash": "<base64url>"},
///        "token": {"algorithm": "sha256", "hash": "<hex>", "issued": "2026-01-05T08:00:00Z"}}]}
///
/// `password`, `token` and `person` may be null. Version 1 is the same without `person` (read as
/// null; a version 1 file with `person` is refused); every change writes version 2. Unknown
/// members and versions are refused, so a newer program's file is never half understood.
extension AccountStore {
  /// Reads and checks the file at `path`; a missing file has no accounts.
  static func readRecords(_ path: String) throws(AccessError) -> [Record] {
    guard let bytes = try Files.read(path, limit: maximumFileSize) else { return [] }
    let root: JSONValue
    do {
      root = try JSONValue.parse(bytes)
    } catch {
      throw .accountFile(path: path, reason: "den är inte giltig JSON (\(error))")
    }
    guard case .object(let members) = root else {
      throw .accountFile(path: path, reason: "den är inte ett JSON-objekt")
    }
    guard members["format"]?.stringValue == formatName else {
      throw .accountFile(
        path: path, reason: "den är inte en Liggare-kontofil (\"format\" saknas eller är fel)")
    }
    guard let versionValue = members["version"] else {
      throw .accountFile(path: path, reason: "\"version\" saknas")
    }
    guard let version = versionValue.numberValue.flatMap({ n in readableVersions.first { Double($0) == n } })
    else {
      let shown: String
      if case .number(let n) = versionValue {
        shown = JSONValue.number(n).canonicalText
      } else {
        shown = versionValue.canonicalText
      }
      throw .unsupportedVersion(path: path, version: String(shown.prefix(40)))
    }
    for key in members.keys where !["format", "version", "accounts"].contains(key) {
      throw .accountFile(path: path, reason: "okänt fält \"\(key.prefix(40))\"")
    }
    guard case .array(let entries)? = members["accounts"] else {
      throw .accountFile(path: path, reason: "\"accounts\" saknas eller är inte en lista")
    }
    guard entries.count <= maximumAccounts else {
      throw .accountFile(path: path, reason: "fler än \(maximumAccounts) konton")
    }
    var records: [Record] = []
    var names: Set<String> = []
    for (index, entry) in entries.enumerated() {
      let record = try decode(entry, path: path, index: index, version: version)
      guard names.insert(record.account.name).inserted else {
        throw .accountFile(path: path, reason: "kontot \"\(record.account.name)\" finns två gånger")
      }
      records.append(record)
    }
    return records
  }

  private static func decode(_ entry: JSONValue, path: String, index: Int, version: Int) throws(AccessError)
    -> Record
  {
    func bad(_ reason: String) -> AccessError {
      .accountFile(path: path, reason: "konto nummer \(index + 1): \(reason)")
    }
    guard case .object(let m) = entry else { throw bad("är inte ett JSON-objekt") }
    var known: Set<String> = [
      "name", "role", "scopes", "disabled", "created", "changed", "password", "token",
    ]
    if version >= 2 { known.insert("person") }
    for key in m.keys where !known.contains(key) { throw bad("okänt fält \"\(key.prefix(40))\"") }
    guard let name = m["name"]?.stringValue else { throw bad("\"name\" saknas eller är inte text") }
    if let problem = Account.problem(withName: name) { throw bad(problem) }
    guard let roleText = m["role"]?.stringValue, let role = Role(rawValue: roleText) else {
      throw bad("\"role\" saknas eller är inte coordinator, head, office eller admin")
    }
    guard case .array(let scopeValues)? = m["scopes"] else {
      throw bad("\"scopes\" saknas eller är inte en lista")
    }
    var scopes: [String] = []
    for value in scopeValues {
      guard let scope = value.stringValue else { throw bad("en omfattning är inte text") }
      if let problem = Account.problem(withScope: scope) { throw bad(problem) }
      scopes.append(scope)
    }
    if !role.takesScopes && !scopes.isEmpty { throw bad("rollen \(role) tar ingen omfattning") }
    var person: String?
    switch m["person"] {
    case nil where version < 2, .null?: person = nil
    case .string(let p)?:
      if let problem = Account.problem(withPerson: p) { throw bad(problem) }
      if !role.takesPerson { throw bad("rollen \(role) tar inget person-id") }
      person = p
    default: throw bad("\"person\" saknas eller är inte text eller null")
    }
    guard case .bool(let disabled)? = m["disabled"] else {
      throw bad("\"disabled\" saknas eller är inte true/false")
    }
    guard let created = m["created"]?.stringValue.flatMap({ Timestamp(parsing: $0) }),
      let changed = m["changed"]?.stringValue.flatMap({ Timestamp(parsing: $0) })
    else { throw bad("\"created\" eller \"changed\" saknas eller är ingen tidpunkt") }

    var password: PasswordHash?
    switch m["password"] {
    case .null?: password = nil
    case .object(let p)?:
      guard p["algorithm"]?.stringValue == "pbkdf2-sha256", p.count == 4 else {
        throw bad("\"password\" ska ha algorithm \"pbkdf2-sha256\", iterations, salt och hash")
      }
      guard let n = p["iterations"]?.numberValue, n == n.rounded(), n >= 1,
        n <= Double(PBKDF2.maximumIterations)
      else { throw bad("\"iterations\" ska vara ett heltal mellan 1 och \(PBKDF2.maximumIterations)") }
      guard let salt = p["salt"]?.stringValue.flatMap(Base64URL.decode), salt.count >= 8, salt.count <= 64,
        let hash = p["hash"]?.stringValue.flatMap(Base64URL.decode), hash.count >= 16, hash.count <= 64
      else { throw bad("\"salt\" eller \"hash\" är inte base64url av rimlig längd") }
      password = PasswordHash(iterations: Int(n), salt: salt, hash: hash)
    default: throw bad("\"password\" saknas (null för konton utan lösenord)")
    }

    var token: TokenHash?
    switch m["token"] {
    case .null?: token = nil
    case .object(let t)?:
      guard t["algorithm"]?.stringValue == "sha256", t.count == 3,
        let hex = t["hash"]?.stringValue, let digest = SHA256Hex.decode(hex),
        let issued = t["issued"]?.stringValue.flatMap({ Timestamp(parsing: $0) })
      else { throw bad("\"token\" ska ha algorithm \"sha256\", hash (64 hexsiffror) och issued") }
      token = TokenHash(hash: digest, issued: issued)
    default: throw bad("\"token\" saknas (null för konton utan token)")
    }

    let account = Account(
      name: name, role: role, scopes: scopes, person: person, disabled: disabled,
      hasPassword: password != nil,
      hasToken: token != nil, created: created, changed: changed)
    return Record(account: account, password: password, token: token)
  }

  /// The file's bytes for `records` (indented, sorted keys, final newline).
  static func encode(_ records: [Record]) -> [UInt8] {
    let accounts: [JSONValue] = records.map { record in
      let a = record.account
      var password = JSONValue.null
      if let p = record.password {
        password = [
          "algorithm": "pbkdf2-sha256", "iterations": .number(Double(p.iterations)),
          "salt": .string(Base64URL.encode(p.salt)), "hash": .string(Base64URL.encode(p.hash)),
        ]
      }
      var token = JSONValue.null
      if let t = record.token {
        token = [
          "algorithm": "sha256", "hash": .string(SHA256Hex.encode(t.hash)),
          "issued": .string(t.issued.description),
        ]
      }
      return [
        "name": .string(a.name), "role": .string(a.role.rawValue),
        "scopes": .array(a.scopes.map { .string($0) }), "person": a.person.map { .string($0) } ?? .null,
        "disabled": .bool(a.disabled), "created": .string(a.created.description),
        "changed": .string(a.changed.description), "password": password, "token": token,
      ]
    }
    let root: JSONValue = [
      "format": .string(formatName), "version": .number(Double(currentVersion)), "accounts": .array(accounts),
    ]
    return Array(root.prettyText.utf8)
  }
}

/// Lowercase hex of 32-byte digests.
enum SHA256Hex {
  static func encode(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for b in bytes {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func decode(_ text: String) -> [UInt8]? {
    let utf8 = Array(text.utf8)
    guard utf8.count == 64 else { return nil }
    var out: [UInt8] = []
    for i in stride(from: 0, to: 64, by: 2) {
      guard let high = nibble(utf8[i]), let low = nibble(utf8[i + 1]) else { return nil }
      out.append(high << 4 | low)
    }
    return out
  }

  private static func nibble(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    default: nil
    }
  }
}
