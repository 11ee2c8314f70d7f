import Foundation
import LiggareBasics
public import LiggareDomain

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

  /// An empty register that will be written at `path`.
  public static func empty(path: String) -> PersonRegister {
    PersonRegister(path: path, people: [:])
  }

  /// Reads the register at `path`; a missing file is an empty register.
  ///
  /// - Throws: `LedgerError.register` for an unreadable file or an unknown format version.
  public static func load(path: String) throws(LedgerError) -> PersonRegister {
    guard let data = FileManager.default.contents(atPath: path) else {
      return PersonRegister(path: path, people: [:])
    }
    let parsed: (format: String?, version: Double?, people: [String: PersonalData])
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
    let people = parsed.people
    return PersonRegister(path: path, people: people)
  }

  /// Reads the register's fields straight into the map: a city's register has tens of thousands of
  /// people, and building a `JSONValue` tree first would double the time to the first view.
  static func readFields(_ bytes: UnsafeRawBufferPointer) throws -> (
    format: String?, version: Double?, people: [String: PersonalData]
  ) {
    var r = JSONReader(bytes)
    var format: String?
    var version: Double?
    var people: [String: PersonalData] = [:]
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
      default: _ = try r.readValue(depth: 1)
      }
    }
    r.skipWhitespace()
    if r.offset != r.bytes.count { throw r.fail(.trailingContent) }
    return (format, version, people)
  }

  /// The name of `person`, if registered and not forgotten.
  public func name(of person: String) -> String? {
    people[person]?.name
  }

  /// All names by person key, for views.
  public var names: [String: String] {
    people.mapValues(\.name)
  }

  /// Records or replaces a person's data.
  public mutating func set(_ data: PersonalData, for person: String) {
    people[person] = data
  }

  /// Erases a person's data; returns whether there was any.
  @discardableResult
  public mutating func forget(_ person: String) -> Bool {
    people.removeValue(forKey: person) != nil
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
    let value: JSONValue = [
      "format": .string(PersonRegister.formatName), "version": .number(Double(PersonRegister.currentVersion)),
      "people": .object(members),
    ]
    let bytes = Array(value.prettyText.utf8)
    let temporary = path + ".tmp"
    let fd = Glibc.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw .register(path: path, reason: "kan inte skrivas (errno \(errno))") }
    fchmod(fd, 0o600)
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else {
        Glibc.close(fd)
        throw .register(path: path, reason: "kan inte skrivas (errno \(errno))")
      }
      written += n
    }
    guard fsync(fd) == 0 else {
      Glibc.close(fd)
      throw .register(path: path, reason: "fsync misslyckades (errno \(errno))")
    }
    Glibc.close(fd)
    guard rename(temporary, path) == 0 else {
      throw .register(path: path, reason: "kan inte byta namn (errno \(errno))")
    }
    let folder = (path as NSString).deletingLastPathComponent
    let dirFD = Glibc.open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY)
    if dirFD >= 0 {
      fsync(dirFD)
      Glibc.close(dirFD)
    }
  }
}
