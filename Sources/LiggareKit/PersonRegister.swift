import Foundation
import LiggareBasics
public import LiggareDomain
import LiggareStorage
import LiggareSystem

#if canImport(Glibc)
  import Glibc
#endif

/// Names and e-mail of people, beside the log and never in it: a file readable only by its owner
/// (mode 0600), rewritten atomically, from which `forget` erases a person for good.
public struct PersonRegister: Sendable {
  public static let formatName = "liggare-person-register"
  public static let currentVersion = 1

  public let path: String
  public private(set) var people: [String: PersonalData]
  /// Keys of people erased with `forget`: a registered person without a name who is not here
  /// lost the name some other way (a crash before names were journalled, a restored register).
  public private(set) var forgotten: Set<String> = []

  /// What the register knows about a person's name.
  public enum NameStatus: Sendable, Hashable {
    case named(String)
    /// Erased on purpose with `forget`.
    case forgotten
    /// Neither a name nor a `forget`: the name was lost.
    case missing
  }

  /// An empty register that will be written at `path`.
  public static func empty(path: String) -> PersonRegister {
    PersonRegister(path: path, people: [:])
  }

  /// Reads the register at `path`; a missing file is an empty register.
  ///
  /// - Throws: `LedgerError.register` for an unreadable file or an unknown format version.
  public static func load(path: String) throws(LedgerError) -> PersonRegister {
    let data: [UInt8]
    switch PrivateFile.read(path) {
    case .success(let bytes?): data = bytes
    case .success(nil): return PersonRegister(path: path, people: [:])
    case .failure(let error): throw .register(path: path, reason: "filen går inte att läsa: \(error)")
    }
    let parsed: (format: String?, version: Double?, people: [String: PersonalData], forgotten: Set<String>)
    do {
      parsed = try data.withUnsafeBytes { raw in try readFields(raw) }
    } catch {
      throw .register(path: path, reason: "filen går inte att läsa: \(error)")
    }
    guard parsed.format == formatName else {
      throw .register(path: path, reason: "filen är inte ett Liggare-personregister")
    }
    guard parsed.version == Double(currentVersion) else {
      throw .register(
        path: path,
        reason: "formatversion \(parsed.version.map { "\($0)" } ?? "saknas") stöds inte; uppgradera Liggare")
    }
    var register = PersonRegister(path: path, people: parsed.people)
    register.forgotten = parsed.forgotten
    return register
  }

  /// Reads the register's fields straight into the map: a city's register has tens of thousands of
  /// people, and building a `JSONValue` tree first would double the time to the first view.
  static func readFields(_ bytes: UnsafeRawBufferPointer) throws -> (
    format: String?, version: Double?, people: [String: PersonalData], forgotten: Set<String>
  ) {
    var r = JSONReader(bytes)
    var format: String?
    var version: Double?
    var people: [String: PersonalData] = [:]
    var forgotten: Set<String> = []
    func members(_ r: inout JSONReader, _ body: (inout JSONReader, String) throws -> Void) throws {
      r.skipWhitespace()
      try r.expect(UInt8(ascii: "{"), "'{'")
      r.skipWhitespace()
      if r.peek() == UInt8(ascii: "}") {
        r.offset += 1
        return
      }
      while true {
        r.skipWhitespace()
        let key = try r.readString()
        r.skipWhitespace()
        try r.expect(UInt8(ascii: ":"), "':'")
        r.skipWhitespace()
        try body(&r, key)
        r.skipWhitespace()
        if r.peek() == UInt8(ascii: ",") {
          r.offset += 1
          continue
        }
        try r.expect(UInt8(ascii: "}"), "',' eller '}'")
        return
      }
    }
    try members(&r) { r, key in
      switch key {
      case "format": format = try r.readString()
      case "version": version = try r.readNumber()
      case "people":
        people.reserveCapacity(4096)
        try members(&r) { r, person in
          var name: String?
          var email: String?
          try members(&r) { r, field in
            switch (field, r.peek()) {
            case ("name", UInt8(ascii: "\"")?): name = try r.readString()
            case ("email", UInt8(ascii: "\"")?): email = try r.readString()
            default: _ = try r.readValue(depth: 3)
            }
          }
          if let name { people[person] = PersonalData(name: name, email: email) }
        }
      case "forgotten":
        if case .array(let keys) = try r.readValue(depth: 1) {
          for case .string(let key) in keys { forgotten.insert(key) }
        }
      default: _ = try r.readValue(depth: 1)
      }
    }
    r.skipWhitespace()
    if r.offset != r.bytes.count { throw r.fail(.trailingContent) }
    return (format, version, people, forgotten)
  }

  /// The name of `person`, if registered and not forgotten.
  public func name(of person: String) -> String? {
    people[person]?.name
  }

  /// All names by person key, for views.
  public var names: [String: String] {
    people.mapValues(\.name)
  }

  /// Whether the register has a name for `person`, erased it on purpose, or lost it.
  public func status(of person: String) -> NameStatus {
    if let name = people[person]?.name { return .named(name) }
    return forgotten.contains(person) ? .forgotten : .missing
  }

  /// Records or replaces a person's data.
  public mutating func set(_ data: PersonalData, for person: String) {
    people[person] = data
    forgotten.remove(person)
  }

  /// Erases a person's data and remembers the key as forgotten; returns whether there was data.
  @discardableResult
  public mutating func forget(_ person: String) -> Bool {
    forgotten.insert(person)
    return people.removeValue(forKey: person) != nil
  }

  /// Writes the register: temporary file with mode 0600, fsync, rename, fsync of the folder.
  ///
  /// - Throws: `LedgerError.register` when the file cannot be written.
  public func save() throws(LedgerError) {
    var members: [String: JSONValue] = [:]
    for (key, data) in people {
      var entry: [String: JSONValue] = ["name": .string(data.name)]
      if let email = data.email { entry["email"] = .string(email) }
      members[key] = .object(entry)
    }
    var value: JSONValue = [
      "format": .string(PersonRegister.formatName), "version": .number(Double(PersonRegister.currentVersion)),
      "people": .object(members),
    ]
    if !forgotten.isEmpty, case .object(var top) = value {
      top["forgotten"] = .array(forgotten.sorted().map { .string($0) })
      value = .object(top)
    }
    do {
      try PrivateFile.write(Array(value.prettyText.utf8), to: path)
    } catch {
      throw .register(path: path, reason: "kan inte skrivas: \(error)")
    }
  }
}

/// Small files only their owner may read (mode 0600), written atomically: temporary file, fsync,
/// rename, fsync of the folder. For the person register and its journal.
enum PrivateFile {
  /// The file's bytes, nil when it does not exist; any other failure (no permission, a folder)
  /// is an error, never an empty file.
  static func read(_ path: String) -> Result<[UInt8]?, SystemCallError> {
    do throws(SystemCallError) {
      guard let fd = try FileDescriptor.openIfPresent(path, O_RDONLY) else { return .success(nil) }
      defer { fd.close() }
      guard (try fd.status().st_mode & S_IFMT) == S_IFREG else {
        return .failure(SystemCallError(call: "open", path: path, errno: EISDIR))
      }
      return .success(try fd.readToEnd())
    } catch {
      return .failure(error)
    }
  }

  /// Writes `bytes` to `path` atomically with mode 0600.
  static func write(_ bytes: [UInt8], to path: String) throws(SystemCallError) {
    try FileSystem.writeAtomically(bytes, to: path, mode: 0o600)
  }

  /// Removes `path` (absent is fine) and makes the removal durable.
  static func remove(_ path: String) throws(SystemCallError) {
    try FileSystem.remove(path)
    try FileSystem.syncDirectory(FileSystem.directoryOf(path))
  }
}
