import Foundation
import LiggareBasics
public import LiggareDomain
import LiggareStorage

extension Ledger {
  /// Checks drafts against the rules one by one and stages them for one batch.
  struct Stager {
    var working: Chronicle
    var latest: Timestamp?
    var now: Timestamp
    /// The seq before the batch, and the content fingerprints of the batch's events in seq order
    /// (an id seen again within the batch is found in `working`; no dictionary per event).
    var startSeq: UInt64
    var batchPrints: [Int] = []
    var appended = 0
    var alreadyPresent = 0
    var personal: [(String, PersonalData)] = []
    var duplicateChecks: [(seq: UInt64, fingerprint: Int, id: String, place: LedgerError.Place)] = []
  }

  /// A stable id from content, so a re-sent event without an id is recognised.
  static func contentID(of draft: EventDraft) -> String {
    var bytes = Array(draft.payload.type.rawValue.utf8)
    bytes.append(0x0A)
    bytes.append(contentsOf: draft.occurredOn.description.utf8)
    bytes.append(0x0A)
    JSONWriter.write(draft.payload.data(), to: &bytes)
    return "ev-" + String(SHA256.hash(bytes).hex.prefix(24))
  }

  static func fingerprint(occurredOn: CivilDate, payload: Payload) -> Int {
    var hasher = Hasher()
    hasher.combine(occurredOn)
    hasher.combine(payload)
    return hasher.finalize()
  }

  /// Completes a draft (id, recordedAt, actor), checks it, and folds it into the working chronicle.
  ///
  /// - Returns: the event to write, or nil when it is already in the log (a no-op).
  func stage(_ draft: EventDraft, at place: LedgerError.Place, in s: inout Stager) throws(LedgerError)
    -> Event?
  {
    let id = draft.id ?? Ledger.contentID(of: draft)
    let print = Ledger.fingerprint(occurredOn: draft.occurredOn, payload: draft.payload)
    if let seq = s.working.seq(ofEvent: id) {
      if seq > s.startSeq {
        guard s.batchPrints[Int(seq - s.startSeq - 1)] == print else {
          throw .conflictingDuplicate(place: place, id: id, existingSeq: seq)
        }
      } else {
        s.duplicateChecks.append((seq, print, id, place))
      }
      s.alreadyPresent += 1
      return nil
    }
    let recordedAt: Timestamp
    if let given = draft.recordedAt {
      if let latest = s.latest, given < latest {
        throw .recordedAtTooEarly(place: place, id: id, given: given, latest: latest)
      }
      if given > s.now { throw .recordedAtInFuture(place: place, id: id, given: given, now: s.now) }
      recordedAt = given
    } else {
      recordedAt = max(s.now, s.latest ?? s.now)
    }
    let event = Event(
      seq: s.working.lastSeq + 1, id: id, occurredOn: draft.occurredOn, recordedAt: recordedAt,
      actor: draft.actor ?? actor, payload: draft.payload)
    do {
      try Rulebook.check(event, against: s.working)
    } catch {
      throw .rule(place: place, id: id, violation: error)
    }
    s.working.record(event)
    s.latest = recordedAt
    s.batchPrints.append(print)
    s.appended += 1
    if let data = draft.personalData, case .personRegistered(let person) = draft.payload {
      s.personal.append((person, data))
    }
    return event
  }

  /// Moves the chronicle into a stager (no copy of its arrays); `handBack` returns it.
  func makeStager() throws(LedgerError) -> Stager {
    if needsReload { try load(useCheckpoints: true) }
    var working = current
    current = Chronicle()
    // Every staged event is looked up by id; a replayed chronicle has its ids unindexed.
    working.indexEventIDs()
    return Stager(
      working: working, latest: working.latestRecordedAt, now: clock.now(), startSeq: working.lastSeq)
  }

  /// Takes the chronicle back from a stager; `dirty` when it holds events that were not appended.
  func handBack(_ s: Stager, dirty: Bool) {
    current = s.working
    needsReload = dirty
  }

  /// Re-sent ids must carry the same content as the events already in the log.
  func confirmDuplicates(_ s: Stager) throws(LedgerError) {
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
  /// - Returns: what was appended and what was already there.
  /// - Throws: `LedgerError` naming the draft (line = position in `drafts`, from 1) and the rule.
  @discardableResult
  public func append(
    _ drafts: [EventDraft], dryRun: Bool = false, source: String? = nil, places lines: [Int]? = nil
  ) throws(LedgerError) -> AppendOutcome {
    var s = try makeStager()
    var bodies: [[UInt8]] = []
    do {
      for (i, draft) in drafts.enumerated() {
        let line = lines?[i] ?? (drafts.count > 1 ? i + 1 : nil)
        if let event = try stage(draft, at: .init(file: source, line: line), in: &s) {
          bodies.append(EventCodec.body(of: event))
        }
      }
      try confirmDuplicates(s)
    } catch {
      handBack(s, dirty: true)
      throw error
    }
    return try finish(s, dryRun: dryRun) { () throws(LogError) in
      if !bodies.isEmpty { try log.append(bodies, expectingHead: log.head) }
    }
  }

  /// Commits the staged state: the log first, then the register (a name without its event would be
  /// harmless; an event without its name shows the key).
  func finish(_ s: Stager, dryRun: Bool, write: () throws(LogError) -> Void) throws(LedgerError)
    -> AppendOutcome
  {
    let before = log.head
    if dryRun || s.appended == 0 {
      handBack(s, dirty: s.appended > 0)
      return AppendOutcome(
        appended: s.appended, alreadyPresent: s.alreadyPresent, head: before,
        firstSeq: s.appended > 0 ? before.seq + 1 : nil, dryRun: dryRun)
    }
    do {
      try write()
    } catch {
      handBack(s, dirty: true)
      throw .log(error)
    }
    handBack(s, dirty: false)
    fingerprints = nil
    if !s.personal.isEmpty {
      var updated = try personRegister()
      for (person, data) in s.personal { updated.set(data, for: person) }
      loadedRegister = updated
      registerIsDirty = true
      if savesRegisterAfterEachAppend { try saveRegister() }
    }
    return AppendOutcome(
      appended: s.appended, alreadyPresent: s.alreadyPresent, head: log.head, firstSeq: before.seq + 1,
      dryRun: false)
  }
}
