import Foundation
import LiggareBasics
public import LiggareDomain
public import LiggareStorage

extension Ledger {
  /// A stable id from content, so a re-sent event without an id is recognised.
  static func contentID(of draft: EventDraft) -> String {
    var bytes = Array(draft.payload.type.rawValue.utf8)
    bytes.append(0x0A)
    bytes.append(contentsOf: draft.occurredOn.description.utf8)
    bytes.append(0x0A)
    JSONWriter.write(draft.payload.data(), to: &bytes)
    return "ev-" + String(SHA256.hash(bytes).hex.prefix(24))
  }

  /// A hash of the content (type, `occurredOn`, canonical data bytes). Over bytes, not over the
  /// `Payload` value: Swift hashes and compares `String`s under canonical equivalence, and a
  /// re-sent id whose text differs only in Unicode normal form is other content (issue 10, item 13).
  static func fingerprint(occurredOn: CivilDate, payload: Payload) -> Int {
    var hasher = Hasher()
    hasher.combine(occurredOn)
    hasher.combine(payload.type)
    var data: [UInt8] = []
    data.reserveCapacity(128)
    payload.writeCanonicalData(to: &data)
    data.withUnsafeBytes { hasher.combine(bytes: $0) }
    return hasher.finalize()
  }

  /// Re-sent ids must carry the same content as the events already in the log.
  func confirmDuplicates(_ s: LedgerTransaction) throws(LedgerError) {
    guard !s.duplicateChecks.isEmpty else { return }
    let prints = try contentFingerprints()
    for check in s.duplicateChecks where prints[Int(check.seq - 1)] != check.fingerprint {
      throw .conflictingDuplicate(place: check.place, id: check.id, existingSeq: check.seq)
    }
  }

  func contentFingerprints() throws(LedgerError) -> [Int] {
    if let fingerprints, fingerprints.count == Int(log.head.seq) { return fingerprints }
    var prints: [Int] = []
    prints.reserveCapacity(Int(log.head.seq))
    do {
      try log.forEachRecord { record in
        let body = UnsafeRawBufferPointer(rebasing: record.line[..<record.bodyEnd])
        let event = try EventCodec.decodeRecord(body, seq: record.seq)
        prints.append(Ledger.fingerprint(occurredOn: event.occurredOn, payload: event.payload))
      }
    } catch {
      throw .io(path: directory, reason: "\(error)")
    }
    fingerprints = prints
    return prints
  }

  /// Appends drafts as one all-or-nothing batch: every draft is checked first; any error appends
  /// nothing.
  ///
  /// - Parameters:
  ///   - drafts: the events, in order.
  ///   - dryRun: check only.
  ///   - source: the input's name, for error messages.
  ///   - lines: the input line of each draft, for error messages (default: its position).
  ///   - expectedHead: refuse (`LedgerError.headMoved`) unless the log's head is this one.
  ///   - actor: the actor of every event, whatever the drafts say.
  ///   - allowingRepeatedCompletions: accept a completion of the same person, course and date as
  ///     one in force (a real second completion); by default it is refused as sent twice.
  /// - Returns: what was appended and what was already there.
  /// - Throws: `LedgerError` naming the draft (line = position in `drafts`, from 1) and the rule.
  @discardableResult
  public func append(
    _ drafts: [EventDraft], dryRun: Bool = false, source: String? = nil, places lines: [Int]? = nil,
    expectingHead expectedHead: LogHead? = nil, actor: String? = nil,
    allowingRepeatedCompletions: Bool = false
  ) throws(LedgerError) -> AppendOutcome {
    var transaction = try begin(dryRun: dryRun, expectingHead: expectedHead, actor: actor)
    transaction.allowsRepeatedCompletions = allowingRepeatedCompletions
    do {
      for (i, draft) in drafts.enumerated() {
        let line = lines?[i] ?? (drafts.count > 1 ? i + 1 : nil)
        try transaction.stage(draft, at: .init(file: source, line: line))
      }
    } catch {
      abandon(transaction)
      throw error
    }
    return try commit(transaction)
  }
}
