import Foundation
import LiggareBasics
import LiggareDomain
import LiggareStorage

/// The names of a batch, written and fsynced beside the log before the batch commits
/// (`personregister.pending`, mode 0600), so a crash between the commit and the register's
/// rewrite loses no name: the next writer (or a reader, in memory) completes the register from it.
///
/// Each entry carries the seq and id its `PersonRegistered` was given. Only the lock holder assigns
/// seqs and every writer completes the journal before its first append, so an entry whose seq the
/// log has reached (with the same event id there) was committed; the others belong to a batch that
/// never committed and are dropped.
struct PendingNames {
  static let formatName = "liggare-pending-names"
  static let currentVersion = 1
  static let fileName = "personregister.pending"

  struct Entry: Sendable, Hashable {
    var seq: UInt64
    var eventID: String
    var person: String
    var data: PersonalData
  }

  var entries: [Entry]

  /// The journal at `path`, nil when there is none.
  ///
  /// - Throws: `LedgerError.register` when it cannot be read or is not a journal of this version.
  static func load(path: String) throws(LedgerError) -> PendingNames? {
    let bytes: [UInt8]
    switch PrivateFile.read(path) {
    case .success(let found?): bytes = found
    case .success(nil): return nil
    case .failure(let error): throw .register(path: path, reason: "journalen går inte att läsa: \(error)")
    }
    guard let value = try? JSONValue.parse(bytes), value["format"]?.stringValue == formatName else {
      throw .register(path: path, reason: "journalen är inte en Liggare-namnjournal")
    }
    guard value["version"]?.numberValue == Double(currentVersion) else {
      throw .register(path: path, reason: "journalens formatversion stöds inte; uppgradera Liggare")
    }
    guard case .array(let items)? = value["entries"] else {
      throw .register(path: path, reason: "journalen saknar fältet entries")
    }
    var entries: [Entry] = []
    for item in items {
      guard let seq = item["seq"]?.numberValue, seq >= 1, seq <= 9_007_199_254_740_992,
        seq == seq.rounded(.towardZero), let id = item["id"]?.stringValue,
        let person = item["person"]?.stringValue, let name = item["name"]?.stringValue
      else { throw .register(path: path, reason: "journalen har en ogiltig post") }
      entries.append(
        Entry(
          seq: UInt64(seq), eventID: id, person: person,
          data: PersonalData(name: name, email: item["email"]?.stringValue)))
    }
    return PendingNames(entries: entries)
  }

  /// Writes the journal atomically and durably.
  func save(path: String) throws(LedgerError) {
    let items: [JSONValue] = entries.map { entry in
      var fields: [String: JSONValue] = [
        "seq": .number(Double(entry.seq)), "id": .string(entry.eventID), "person": .string(entry.person),
        "name": .string(entry.data.name),
      ]
      if let email = entry.data.email { fields["email"] = .string(email) }
      return .object(fields)
    }
    let value: JSONValue = [
      "format": .string(PendingNames.formatName), "version": .number(Double(PendingNames.currentVersion)),
      "entries": .array(items),
    ]
    do {
      try PrivateFile.write(Array(value.canonicalText.utf8), to: path)
    } catch {
      throw .register(path: path, reason: "namnjournalen kan inte skrivas: \(error)")
    }
  }

  /// The entries whose events are in `chronicle` (same seq, same id).
  func committed(in chronicle: Chronicle) -> [Entry] {
    entries.filter {
      $0.seq <= chronicle.lastSeq && chronicle.eventID(atSeq: $0.seq).utf8.elementsEqual($0.eventID.utf8)
    }
  }
}
