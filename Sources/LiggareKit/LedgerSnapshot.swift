public import LiggareBasics
public import LiggareDomain
public import LiggareStorage

/// The ledger at one committed head: the folded chronicle, the head and a reader of the log as far
/// as that head. Immutable: readers hold one for as long as they answer, whatever commits meanwhile.
///
/// `@unchecked Sendable` because of `log`: a log opened for reading is never changed after it is
/// opened (reads map the segment files afresh and stop at the head it was opened at), so it may be
/// read from any thread.
public struct LedgerSnapshot: @unchecked Sendable {
  /// The last committed record this snapshot folds in.
  public let head: LogHead
  /// The folded log through `head`.
  public let chronicle: Chronicle
  /// The log, read no further than `head`.
  let log: EventLog
  /// Look-ups that let a view read only what it shows (a server keeps one per commit); nil for a
  /// one-off question, which scans once anyway. Answers are the same either way.
  public let index: ChronicleIndex?

  init(head: LogHead, chronicle: Chronicle, log: EventLog, index: ChronicleIndex? = nil) {
    self.head = head
    self.chronicle = chronicle
    self.log = log
    self.index = index
  }

  /// The same snapshot with an index over its chronicle (built on first use, or by
  /// `index?.prepare()`).
  public func indexed() -> LedgerSnapshot {
    index != nil
      ? self : LedgerSnapshot(head: head, chronicle: chronicle, log: log, index: ChronicleIndex(chronicle))
  }

  /// The state as of `date` as known at `knownAt` (nil: everything in the snapshot).
  public func state(asOf date: CivilDate, knownAt: Timestamp? = nil) -> CityState {
    let seq = knownAt.map { chronicle.lastSeq(knownAt: $0) } ?? chronicle.lastSeq
    return CityState(chronicle: chronicle, position: .endOf(date), knownAtSeq: seq, index: index)
  }

  /// The chain hash of the record at `seq` (the empty log's zero hash for 0).
  ///
  /// - Throws: `LedgerError.log` if the record cannot be read, or `seq` is past the head.
  public func recordHash(atSeq seq: UInt64) throws(LedgerError) -> SHA256.Digest {
    guard seq > 0 else { return .zero }
    if seq == head.seq { return head.hash }
    var found: SHA256.Digest?
    do {
      // From the nearer end of the record's segment: a report known shortly before the head asks
      // for a record near the end of the last one.
      found = try log.withRecord(atSeq: seq) { $0.hash }
    } catch {
      if let logError = error as? LogError { throw .log(logError) }
      throw .io(path: log.directory, reason: "\(error)")
    }
    guard let found else { throw .io(path: log.directory, reason: "seq \(seq) finns inte i loggen") }
    return found
  }

  /// Calls `body` with each committed record from `first` through `last` (at most the head).
  ///
  /// - Throws: what the log or `body` throws.
  public func forEachRecord(
    from first: UInt64 = 1, through last: UInt64? = nil, _ body: (RecordView) throws -> Void
  ) throws {
    try log.forEachRecord(from: first, through: min(last ?? head.seq, head.seq), body)
  }

  /// Calls `body` with each committed record from `seq` (nil: the head; at most the head) down
  /// towards 1, newest first, until `body` returns false. Reads back from the end of the segment holding
  /// the first one visited, no further than the last visited (see `EventLog.forEachRecordBackward`).
  ///
  /// - Throws: what the log or `body` throws.
  public func forEachRecordBackward(from seq: UInt64? = nil, _ body: (RecordView) throws -> Bool) throws {
    try log.forEachRecordBackward(from: min(seq ?? head.seq, head.seq), body)
  }
}
