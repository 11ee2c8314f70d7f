import LiggareBasics
public import LiggareDomain
public import LiggareStorage
import LiggareSystem

#if canImport(Glibc)
  import Glibc
#endif

/// A change to the ledger in progress: drafts checked against the rules one by one and folded into
/// a working chronicle of its own. Nothing is visible until `Ledger.commit(_:)` appends it (a new
/// snapshot); `Ledger.abandon(_:)` (or an error) leaves the ledger as it was.
///
/// Begun by `Ledger.begin(dryRun:expectingHead:)`; a writing transaction holds the log's writer
/// lock until it is committed or abandoned.
public struct LedgerTransaction {
  /// The committed head the transaction started from.
  public let base: LogHead
  /// Check only: commit appends nothing.
  public let dryRun: Bool
  /// The log to append through (nil for a dry run).
  let writer: EventLog?
  /// Whether the writer was opened (and locked) for this transaction alone.
  let ownsWriter: Bool
  /// Actor for drafts that name none.
  let actor: String
  /// When set, the actor of every event whatever the draft says (a server's signed-in account).
  let forcedActor: String?

  var working: Chronicle
  /// Checks staged events against `working` without copying it.
  var rules = RuleChecker()
  /// How content is fingerprinted (`Ledger.contentFingerprint`).
  let fingerprint: (CivilDate, Payload) -> Int
  var latest: Timestamp?
  var now: Timestamp
  /// The content fingerprints of the batch's events in seq order (an id seen again within the
  /// batch is found in `working`; no dictionary per event).
  var batchPrints: [Int] = []
  /// Events staged and not yet handed to the writer.
  var pending: [Event] = []
  /// Whether records were streamed into an open batch of `writer` (a large import).
  var streaming = false
  /// The events handed to a streaming writer while they are few (`Ledger.catchUpLimit`), so that
  /// the commit catches the spare chronicle up without reading the log; nil once there are more.
  var handedOver: [Event]? = []
  /// Events that will be appended (or, dry, would be).
  public private(set) var appended = 0
  /// Drafts already in the log with the same content: no-ops.
  public private(set) var alreadyPresent = 0
  var personal: [PendingNames.Entry] = []
  /// Names sent again with an event already in the log: they fill a register that lost them
  /// (never one that forgot them).
  var resent: [(person: String, data: PersonalData)] = []
  /// Re-sent ids whose content is compared with the log's record at commit (the committed ones,
  /// and those of the batch already handed to the writer): the draft's content bytes are
  /// `checkedContent[content]`.
  var duplicateChecks: [(seq: UInt64, content: Range<Int>, id: String, place: LedgerError.Place)] = []
  /// The content bytes of `duplicateChecks`, back to back (no array per re-sent event).
  var checkedContent: [UInt8] = []
  /// Whether a completion of the same person, course and date as one in force is accepted as a
  /// real second completion; by default it is refused as the same fact sent twice.
  public var allowsRepeatedCompletions = false
  var repeats = RepeatedCompletionFinder()

  /// The seq before the batch.
  var startSeq: UInt64 { base.seq }

  /// The working state: the committed one with this transaction's events folded in.
  public var chronicle: Chronicle { working }

  /// Completes a draft (id, recordedAt, actor), checks it against the committed events and those
  /// staged before it, and folds it into the working chronicle.
  ///
  /// - Returns: the event to write, or nil when it is already in the log (a no-op).
  /// - Throws: `LedgerError` naming `place`, the event id and the rule broken; the transaction
  ///   must then be abandoned.
  @discardableResult
  public mutating func stage(_ draft: EventDraft, at place: LedgerError.Place = .init()) throws(LedgerError)
    -> Event?
  {
    let id = draft.id ?? Ledger.contentID(of: draft)
    let print = fingerprint(draft.occurredOn, draft.payload)
    if let seq = working.seq(ofEvent: id) {
      // The fingerprint only tells a different content early; the same content is the same
      // bytes, compared here when the earlier event is at hand, else at commit.
      if seq > startSeq {
        let index = Int(seq - startSeq - 1)
        guard batchPrints[index] == print else {
          throw .conflictingDuplicate(place: place, id: id, existingSeq: seq)
        }
        let firstPending = appended - pending.count
        if index >= firstPending {
          let earlier = pending[index - firstPending]
          guard Ledger.sameContent(earlier.occurredOn, earlier.payload, as: draft.occurredOn, draft.payload)
          else {
            throw .conflictingDuplicate(place: place, id: id, existingSeq: seq)
          }
        } else {
          checkLater(seq: seq, draft: draft, id: id, place: place)
        }
      } else {
        checkLater(seq: seq, draft: draft, id: id, place: place)
      }
      if let data = draft.personalData, case .personRegistered(let person) = draft.payload {
        resent.append((person, data))
      }
      alreadyPresent += 1
      return nil
    }
    // Errors name the draft's own id; a content id was never written, and would only confuse.
    let named = draft.id ?? ""
    let recordedAt: Timestamp
    if let given = draft.recordedAt {
      if let latest, given < latest {
        throw .recordedAtTooEarly(place: place, id: named, given: given, latest: latest)
      }
      if given > now { throw .recordedAtInFuture(place: place, id: named, given: given, now: now) }
      recordedAt = given
    } else {
      recordedAt = max(now, latest ?? now)
    }
    if let error = EventBounds.violation(of: draft, id: id, actor: draft.actor ?? actor) {
      throw .decoding(place: place, error: error)
    }
    let event = Event(
      seq: working.lastSeq + 1, id: id, occurredOn: draft.occurredOn, recordedAt: recordedAt,
      actor: forcedActor ?? draft.actor ?? actor, payload: draft.payload)
    do {
      try rules.check(event, against: &working)
    } catch {
      throw .rule(place: place, id: named, violation: error)
    }
    if !allowsRepeatedCompletions, case .courseCompleted(let person, let course, _) = draft.payload,
      let earlier = repeats.earlier(person: person, course: course, on: draft.occurredOn, in: working)
    {
      throw .rule(
        place: place, id: named,
        violation: .repeatedCompletion(
          person: person, course: course, on: draft.occurredOn, earlier: working.eventID(atSeq: earlier)))
    }
    working.record(event)
    latest = recordedAt
    batchPrints.append(print)
    appended += 1
    pending.append(event)
    if let data = draft.personalData, case .personRegistered(let person) = draft.payload {
      personal.append(PendingNames.Entry(seq: event.seq, eventID: id, person: person, data: data))
    }
    return event
  }

  /// Keeps the draft's content bytes to compare with the record at `seq` at commit.
  mutating func checkLater(seq: UInt64, draft: EventDraft, id: String, place: LedgerError.Place) {
    let start = checkedContent.count
    Ledger.appendContent(occurredOn: draft.occurredOn, payload: draft.payload, to: &checkedContent)
    duplicateChecks.append((seq, start..<checkedContent.count, id, place))
  }

  /// Hands the staged events over (to a writer thread streaming a large batch).
  mutating func takePending() -> [Event] {
    defer { pending.removeAll(keepingCapacity: true) }
    if let kept = handedOver {
      handedOver = kept.count + pending.count <= Ledger.catchUpLimit ? kept + pending : nil
    }
    return pending
  }
}

extension Ledger {
  /// Begins a change from the committed snapshot.
  ///
  /// A ledger opened for reading first folds in what other processes appended and, unless
  /// `dryRun`, takes the writer lock (waiting at most `lockWait` seconds) until the transaction ends.
  /// - Parameters:
  ///   - dryRun: check only; no lock is taken and nothing will be appended.
  ///   - expectedHead: refuse unless the committed head is this one (optimistic concurrency).
  ///   - actor: the actor of every event, whatever the drafts say (the account of a server request).
  /// - Throws: `LedgerError.headMoved`, `.log(.locked)` when the lock stays taken, or why the log
  ///   cannot be read.
  public func begin(
    dryRun: Bool = false, expectingHead expectedHead: LogHead? = nil, actor forced: String? = nil
  )
    throws(LedgerError)
    -> LedgerTransaction
  {
    var writer: EventLog?
    var owns = false
    switch writing {
    case .holdsLock:
      if !dryRun { writer = log }
    case .perTransaction:
      if dryRun {
        try refresh()
      } else {
        let locked = try lockWriter()
        warnings += locked.warnings.filter { !warnings.contains($0) }
        writer = locked
        owns = true
        // This transaction holds the lock now: names a killed writer journalled come first.
        if FileSystem.exists(journalPath) { completeJournalledNames() }
        do throws(LedgerError) {
          if locked.head != snapshot.head || probeChanged() { try refreshUnderLock() }
          guard locked.head == snapshot.head else {
            throw LedgerError.io(path: directory, reason: "loggen ändrades medan den lästes; försök igen")
          }
        } catch {
          locked.close()
          throw error
        }
      }
    }
    if let expectedHead, expectedHead != snapshot.head {
      if owns { writer?.close() }
      throw .headMoved(expected: expectedHead, actual: snapshot.head)
    }
    var working = takeCaughtUpSpare() ?? snapshot.chronicle
    // Every staged event is looked up by id; a replayed chronicle has its ids unindexed.
    working.indexEventIDs()
    return LedgerTransaction(
      base: snapshot.head, dryRun: dryRun, writer: writer, ownsWriter: owns, actor: actor,
      forcedActor: forced,
      working: working, fingerprint: contentFingerprint,
      latest: working.latestRecordedAt, now: clock.now())
  }

  /// Appends the transaction's events as one durable batch and makes them the committed snapshot.
  /// A dry run, or one with nothing new, appends nothing.
  ///
  /// Everything that can fail is done before the commit, so an error means nothing was appended:
  /// the register is read and the batch's names are journalled (written and fsynced,
  /// `PendingNames`). Then the log commits, then the register is rewritten; a failure there is only
  /// a warning, since the journal holds the names and the next writer completes the register.
  /// - Returns: what was appended and what was already there.
  /// - Throws: `LedgerError`; then nothing of the transaction is in the log.
  @discardableResult
  public func commit(_ transaction: consuming LedgerTransaction) throws(LedgerError) -> AppendOutcome {
    var t = transaction
    let before = t.base
    do {
      try confirmDuplicates(t)
    } catch {
      abandon(t)
      throw error
    }
    if !t.dryRun && t.appended == 0 && !t.resent.isEmpty {
      do {
        try restoreLostNames(t.resent)
      } catch {
        abandon(t)
        throw error
      }
    }
    guard !t.dryRun, t.appended > 0, let writer = t.writer else {
      let outcome = AppendOutcome(
        appended: t.appended, alreadyPresent: t.alreadyPresent, head: before,
        firstSeq: t.appended > 0 ? before.seq + 1 : nil, dryRun: t.dryRun)
      abandon(t)
      return outcome
    }
    var updated: PersonRegister?
    if !t.personal.isEmpty {
      do {
        updated = try personRegister()
        if savesRegisterAfterEachAppend {
          try PendingNames(entries: journalled + t.personal).save(path: journalPath)
        }
      } catch {
        abandon(t)
        throw error
      }
    }
    faultPointForTesting?(.beforeCommit)
    var committed: [Event] = []
    do {
      if t.streaming {
        for event in t.takePending() { try writer.add(EventCodec.body(of: event)) }
        try writer.commitBatch()
        committed = t.handedOver ?? []
      } else {
        committed = t.takePending()
        try writer.append(committed.map { EventCodec.body(of: $0) }, expectingHead: before)
      }
    } catch {
      if t.streaming { try? writer.abandonBatch() }
      if t.ownsWriter { writer.close() }
      throw .log(error)
    }
    // Committed: from here on nothing throws.
    faultPointForTesting?(.afterCommit)
    warnings += writer.warnings.filter { !warnings.contains($0) }
    let head = writer.head
    var reader = writer
    if t.ownsWriter, let reopened = try? EventLog.open(directory: directory, access: .read),
      reopened.head == head
    {
      reader = reopened
    }
    let previous = snapshot.chronicle
    snapshot = LedgerSnapshot(head: head, chronicle: t.working, log: reader)
    spare = previous
    // The spare is one commit behind: a small batch's events catch it up without the log.
    committedSinceSpare =
      committed.count <= Ledger.catchUpLimit && committed.first?.seq == before.seq + 1
        && committed.last?.seq == head.seq
      ? committed : []
    log = reader
    if var updated {
      for entry in t.personal {
        updated.set(entry.data, for: entry.person)
        unsavedPeople[entry.person] = entry.data
      }
      loadedRegister = updated
      if savesRegisterAfterEachAppend {
        journalled += t.personal
        do {
          try saveRegister()
        } catch {
          warnings.append(
            "varning: \(error); händelserna är sparade och namnen finns i \(journalPath), "
              + "de förs in i personregistret vid nästa skrivning")
        }
      }
    }
    if !t.resent.isEmpty { try? restoreLostNames(t.resent) }
    if t.ownsWriter {
      probe = LogChangeProbe(directory: directory, lastSegment: reader.lastSegmentPath)
      writer.close()
    }
    return AppendOutcome(
      appended: t.appended, alreadyPresent: t.alreadyPresent, head: head, firstSeq: before.seq + 1,
      dryRun: false)
  }

  /// Puts re-sent names into the register for people whose name is missing (not forgotten).
  func restoreLostNames(_ resent: [(person: String, data: PersonalData)]) throws(LedgerError) {
    var updated = try personRegister()
    var changed = 0
    for (person, data) in resent where updated.status(of: person) == .missing {
      updated.set(data, for: person)
      changed += 1
    }
    guard changed > 0 else { return }
    try saveRegister()
    try updated.save()
    loadedRegister = updated
    namesRestored += changed
  }

  /// Ends a transaction without appending: an open batch is thrown away and the lock released.
  public func abandon(_ transaction: consuming LedgerTransaction) {
    let t = transaction
    if t.streaming, let writer = t.writer { try? writer.abandonBatch() }
    if t.ownsWriter { t.writer?.close() }
    // Nothing staged: the working chronicle is the committed one, indexed; keep it for next time.
    if t.appended == 0 && t.working.lastSeq == snapshot.head.seq && spare == nil { spare = t.working }
  }

  /// Opens the log for writing, retrying while another process holds the lock, for `lockWait`.
  func lockWriter() throws(LedgerError) -> EventLog {
    var waited = 0.0
    while true {
      do {
        return try EventLog.open(directory: directory, access: .write(wait: false))
      } catch {
        guard case .locked = error, waited < lockWait else { throw .log(error) }
      }
      usleep(20_000)
      waited += 0.02
    }
  }

  func probeChanged() -> Bool {
    LogChangeProbe(directory: directory, lastSegment: log.lastSegmentPath) != probe
  }

  /// Folds in what another process appended, while this one holds the lock.
  func refreshUnderLock() throws(LedgerError) {
    let current = LogChangeProbe(directory: directory, lastSegment: log.lastSegmentPath)
    if current.register != probe.register { loadedRegister = nil }
    let reopened: EventLog
    do {
      reopened = try EventLog.open(directory: directory, access: .read)
    } catch {
      throw .log(error)
    }
    if reopened.head != snapshot.head { try advance(to: reopened) }
    probe = LogChangeProbe(directory: directory, lastSegment: reopened.lastSegmentPath)
  }
}
