import Foundation
public import LiggareBasics
public import LiggareStorage
import LiggareSystem

/// The result of the last check of the log (`liggare verify`, or "Kontrollera loggen nu" on the
/// status page), kept beside the log in `last-verify.json` so the status page can show it:
///
///     {"format": "liggare-last-verify", "version": 1, "at": "2026-12-02T03:00:00Z",
///      "result": "ok", "records": 42, "headSeq": 42, "headHash": "<64 hex>", "damage": null,
///      "doubtful": 0, "by": "liggare verify"}
///
/// `doubtful` is the number of doubtful events when the domain's findings were checked too, else
/// null (an integrity check only). The file holds no personal data. Unknown versions are refused.
public struct LastVerification: Sendable, Hashable {
  /// The file's name in the log's folder.
  public static let fileName = "last-verify.json"
  /// The `format` member.
  public static let formatName = "liggare-last-verify"
  /// The only version written and read.
  public static let currentVersion = 1

  /// When the check ended.
  public var at: Timestamp
  /// True when checksums, seq and hash chain held.
  public var intact: Bool
  /// Records checked.
  public var records: UInt64
  /// The head checked.
  public var head: LogHead
  /// The first damage, in Swedish, when not intact.
  public var damage: String?
  /// Doubtful events found by the rules (nil when only the integrity was checked).
  public var doubtful: Int?
  /// Who ran it: `liggare verify`, or the account on the status page.
  public var by: String

  /// A result to record.
  public init(
    at: Timestamp, intact: Bool, records: UInt64, head: LogHead, damage: String?, doubtful: Int?, by: String
  ) {
    self.at = at
    self.intact = intact
    self.records = records
    self.head = head
    self.damage = damage
    self.doubtful = doubtful
    self.by = by
  }

  static func path(_ logDirectory: String) -> String {
    (logDirectory.hasSuffix("/") ? String(logDirectory.dropLast()) : logDirectory) + "/" + fileName
  }

  /// The file's bytes.
  public var bytes: [UInt8] {
    let root: JSONValue = [
      "format": .string(Self.formatName), "version": .number(Double(Self.currentVersion)),
      "at": .string(at.description), "result": .string(intact ? "ok" : "damaged"),
      "records": .number(Double(records)), "headSeq": .number(Double(head.seq)),
      "headHash": .string(head.hash.hex), "damage": damage.map { .string(String($0.prefix(2000))) } ?? .null,
      "doubtful": doubtful.map { .number(Double($0)) } ?? .null, "by": .string(String(by.prefix(200))),
    ]
    return Array(root.prettyText.utf8)
  }

  /// Writes the result beside the log (atomically).
  public func write(logDirectory: String) throws(LedgerError) {
    let path = Self.path(logDirectory)
    do {
      try FileSystem.writeAtomically(bytes, to: path)
    } catch {
      throw .io(path: path, reason: "\(error)")
    }
  }

  /// The last result recorded beside the log, or nil when none was.
  ///
  /// - Throws: `LedgerError.io` naming the file when it cannot be read or has another format or
  ///   version.
  public static func read(logDirectory: String) throws(LedgerError) -> LastVerification? {
    let path = Self.path(logDirectory)
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    guard let data = FileManager.default.contents(atPath: path), data.count <= 64 * 1024 else {
      throw .io(path: path, reason: "filen kan inte läsas eller är större än 64 KiB")
    }
    func bad(_ why: String) -> LedgerError { .io(path: path, reason: why) }
    let root: JSONValue
    do {
      root = try JSONValue.parse(Array(data))
    } catch {
      throw bad("den är inte giltig JSON")
    }
    guard root["format"]?.stringValue == formatName else { throw bad("den är inte ett kontrollresultat") }
    guard root["version"]?.numberValue == Double(currentVersion) else {
      throw bad("okänd version; uppgradera Liggare")
    }
    guard let atText = root["at"]?.stringValue, let at = Timestamp(parsing: atText),
      let result = root["result"]?.stringValue, result == "ok" || result == "damaged",
      let records = root["records"]?.numberValue, records >= 0, records < 1e15,
      let seq = root["headSeq"]?.numberValue, seq >= 0, seq < 1e15,
      let hashText = root["headHash"]?.stringValue,
      let hash = SHA256.Digest(hex: Array(hashText.utf8)), let by = root["by"]?.stringValue
    else { throw bad("ett fält saknas eller har fel slag") }
    return LastVerification(
      at: at, intact: result == "ok", records: UInt64(records), head: LogHead(seq: UInt64(seq), hash: hash),
      damage: root["damage"]?.stringValue, doubtful: root["doubtful"]?.numberValue.map { Int($0) }, by: by)
  }
}
