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

  /// A fingerprint of the content, to tell a different content early: equal content bytes give
  /// equal fingerprints (equal bytes are equal values), but equal fingerprints prove nothing —
  /// `Payload` hashes its strings under canonical equivalence (issue 10, item 13), and any hash
  /// collides — so a match is always confirmed by comparing the bytes (`sameContent`).
  /// Cheap: no bytes are built for the events of an import that are all new.
  static func fingerprint(occurredOn: CivilDate, payload: Payload) -> Int {
    var hasher = Hasher()
    hasher.combine(occurredOn)
    hasher.combine(payload)
    return hasher.finalize()
  }

  /// Appends what "the same content" compares: the type, `occurredOn` and the canonical data, as
  /// bytes (UTF-8 as given, never normalised).
  static func appendContent(occurredOn: CivilDate, payload: Payload, to out: inout [UInt8]) {
    out.append(contentsOf: payload.type.rawValue.utf8)
    out.append(0x0A)
    out.append(contentsOf: occurredOn.description.utf8)
    out.append(0x0A)
    payload.writeCanonicalData(to: &out)
  }

  /// Whether two events' contents are the same bytes.
  static func sameContent(
    _ occurredOn: CivilDate, _ payload: Payload, as otherOccurredOn: CivilDate, _ otherPayload: Payload
  ) -> Bool {
    guard occurredOn == otherOccurredOn, payload.type == otherPayload.type else { return false }
    return payload.canonicalData == otherPayload.canonicalData
  }

  /// Re-sent ids must carry the same content, byte for byte, as the events already in the log or
  /// in the batch: each is compared with its record (read back from the log, or from the open
  /// batch), and the first that differs, in input order, is the error.
  func confirmDuplicates(_ t: LedgerTransaction) throws(LedgerError) {
    guard !t.duplicateChecks.isEmpty else { return }
    var differing = Set<Int>()
    let order = t.duplicateChecks.indices.sorted { t.duplicateChecks[$0].seq < t.duplicateChecks[$1].seq }
    var next = 0
    var compared = 0
    var content: [UInt8] = []
    func visit(_ seq: UInt64, _ body: UnsafeRawBufferPointer) throws {
      while next < order.count && t.duplicateChecks[order[next]].seq < seq { next += 1 }
      guard next < order.count, t.duplicateChecks[order[next]].seq == seq else { return }
      let event = try EventCodec.decodeRecord(body, seq: seq)
      content.removeAll(keepingCapacity: true)
      Ledger.appendContent(occurredOn: event.occurredOn, payload: event.payload, to: &content)
      while next < order.count, t.duplicateChecks[order[next]].seq == seq {
        if !content.elementsEqual(t.checkedContent[t.duplicateChecks[order[next]].content]) {
          differing.insert(order[next])
        }
        compared += 1
        next += 1
      }
    }
    do {
      let first = t.duplicateChecks[order[0]].seq
      let last = t.duplicateChecks[order[order.count - 1]].seq
      if first <= t.startSeq {
        try (t.writer ?? log).forEachRecord(from: first, through: min(last, t.startSeq)) { record in
          try visit(record.seq, UnsafeRawBufferPointer(rebasing: record.line[..<record.bodyEnd]))
        }
      }
      if last > t.startSeq {
        // Only a streaming import hands staged events over before the commit.
        guard let writer = t.writer, t.streaming else {
          throw LedgerError.io(path: directory, reason: "en upprepad händelse kan inte jämföras")
        }
        while next < order.count && t.duplicateChecks[order[next]].seq <= t.startSeq { next += 1 }
        try writer.forEachRecordOfOpenBatch(visit)
      }
    } catch let error as LedgerError {
      throw error
    } catch let error as LogError {
      throw .log(error)
    } catch {
      throw .io(path: directory, reason: "\(error)")
    }
    guard compared == order.count else {
      throw .io(
        path: directory,
        reason: "\(order.count - compared) upprepade händelser kunde inte jämföras med loggen")
    }
    if let first = t.duplicateChecks.indices.first(where: differing.contains) {
      let check = t.duplicateChecks[first]
      throw .conflictingDuplicate(place: check.place, id: check.id, existingSeq: check.seq)
    }
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
