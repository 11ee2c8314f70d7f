import Dispatch
import LiggareSystem

#if canImport(Glibc)
  import Glibc
#endif

/// What `verify` found: the counts, and the first damage if any.
public struct VerificationResult: Sendable, Hashable {
  public var records: UInt64
  public var segments: Int
  public var bytes: Int
  public var head: LogHead
  public var damage: LogDamage?
  /// Records after the last commit: a write in progress or a crash's trace, set aside by the next
  /// writer. Not damage: they were never part of the log.
  public var unfinishedRecords = 0
  /// Things worth saying that are not damage (a missing head file).
  public var warnings: [String] = []
}

extension EventLog {
  /// Walks every committed record: CRC, seq without gaps, segment names, the hash chain, and the
  /// head file as read at open. Records after the last commit are counted, not reported as damage.
  ///
  /// - Returns: counts and the first damage (nil when the log is intact).
  /// - Throws: `LogError.system` when a file cannot be read at all.
  public func verify() throws(LogError) -> VerificationResult {
    var result = VerificationResult(records: 0, segments: segments.count, bytes: 0, head: head, damage: nil)
    if let damage = try walkInTwoHalves(counting: &result) {
      result.damage = damage
      return result
    }
    result.unfinishedRecords = unfinishedRecords
    let headPath = directory + "/head"
    switch headWitness {
    case .absent:
      if head.seq > 0 {
        result.warnings.append(
          "filen \(headPath) saknas: loggens slut kan inte kontrolleras mot den (den skrivs om vid nästa skrivning)"
        )
      }
    case .unreadable(let why):
      result.damage = LogDamage(file: headPath, byteOffset: 0, seq: head.seq, kind: .headFileUnreadable(why))
    case .unsupportedVersion(let version):
      throw .unsupportedVersion(file: headPath, version: version)
    case .head(let anchor):
      if anchor.seq > head.seq {
        result.damage = LogDamage(
          file: headPath, byteOffset: 0, seq: anchor.seq,
          kind: .headFileAhead(headSeq: anchor.seq, logSeq: head.seq))
      } else if anchor.seq > 0 {
        var recorded: SHA256.Digest?
        try? forEachRecord(from: anchor.seq, through: anchor.seq) { recorded = $0.hash }
        if recorded != anchor.hash {
          result.damage = LogDamage(
            file: headPath, byteOffset: 0, seq: anchor.seq, kind: .headFileHashMismatch(seq: anchor.seq))
        }
      }
    }
    return result
  }

  /// Walks the segments in two halves on two threads: every record stores its hash, so the second
  /// half's first link is checked against the hash stored at the end of the first half, and each
  /// half is a chain of its own. The first damage in seq order is reported, as a single walk would.
  ///
  /// - Returns: the first damage, or nil; `result` gets the record and byte counts.
  private func walkInTwoHalves(counting result: inout VerificationResult) throws(LogError) -> LogDamage? {
    guard head.seq > 0 else { return nil }
    let split = segments.count >= 2 ? segments.count / 2 : segments.count
    let ranges = split < segments.count ? [0..<split, split..<segments.count] : [0..<segments.count]
    let outcomes = UnsafeMutableBufferPointer<HalfOutcome>.allocate(capacity: ranges.count)
    outcomes.initialize(repeating: HalfOutcome())
    defer { outcomes.deallocate() }
    let shared = HalvesShared(log: self, outcomes: outcomes)
    DispatchQueue.concurrentPerform(iterations: ranges.count) { k in
      let log = shared.log
      let range = ranges[k]
      let start = k == 0 ? UInt64(1) : log.segments[range.lowerBound].firstSeq
      let previous: SHA256.Digest? = k == 0 ? .zero : log.storedHashOfLastRecord(in: range.lowerBound - 1)
      var outcome = HalfOutcome()
      do {
        let walked = try log.walk(
          range, expecting: start, after: previous, from: 1, through: log.head.seq, verifyingChain: true
        ) { record in
          outcome.records += 1
          outcome.bytes += record.line.count + 1
        }
        outcome.next = walked.next
        outcome.reachedEnd = walked.reachedEnd
      } catch let error as LogError {
        outcome.error = error
      } catch {
        outcome.error = .system(SystemCallError(call: "verify", path: log.directory, errno: 0))
      }
      shared.outcomes[k] = outcome
    }
    for (k, outcome) in outcomes.enumerated() {
      if let error = outcome.error {
        if case .damaged(let damage) = error { return damage }
        throw error
      }
      result.records += outcome.records
      result.bytes += outcome.bytes
      if k + 1 < ranges.count {
        // The first half must end just before the second half's first segment begins.
        let next = ranges[k + 1].lowerBound
        if outcome.reachedEnd || outcome.next != segments[next].firstSeq {
          return LogDamage(
            file: segments[next].path, byteOffset: 0, seq: outcome.next,
            kind: .segmentNameMismatch(expectedFirstSeq: segments[next].firstSeq))
        }
      } else if !outcome.reachedEnd {
        return LogDamage(
          file: segments.last?.path ?? directory, byteOffset: committedEnd, seq: outcome.next,
          kind: .malformedRecord("loggen tar slut före huvudet"))
      }
    }
    return nil
  }
}

/// What the halves share. Sound to send: the log is only read while they run, each half writes
/// only its own outcome, and `concurrentPerform` returns after both are done.
private final class HalvesShared: @unchecked Sendable {
  let log: EventLog
  let outcomes: UnsafeMutableBufferPointer<HalfOutcome>

  init(log: EventLog, outcomes: UnsafeMutableBufferPointer<HalfOutcome>) {
    self.log = log
    self.outcomes = outcomes
  }
}

/// What one half of a parallel verification found.
private struct HalfOutcome {
  var records: UInt64 = 0
  var bytes = 0
  var next: UInt64 = 0
  var reachedEnd = false
  var error: LogError?
}

/// What `EventLog.setAsideUnfinishedWrite(directory:)` found.
public enum UnfinishedWrite: Sendable, Equatable {
  /// No records after the last commit.
  case none
  /// A writer holds the lock: its write may be in progress and is left alone.
  case writerBusy(holder: String)
  /// No writer held the lock: the records after the last commit were moved to these files.
  case setAside(records: Int, files: [String])
}

extension EventLog {
  /// `verify`'s share of recovery (issue 10, item 4), as SQLite's next reader rolls back a hot
  /// journal: when no writer holds the lock, take it without waiting and move an unfinished
  /// write to `quarantine/` exactly as the next writer would; when a writer holds it, leave its
  /// write alone.
  ///
  /// - Throws: `LogError` when the log cannot be opened for writing (read-only folder, damage).
  public static func setAsideUnfinishedWrite(directory: String) throws(LogError) -> UnfinishedWrite {
    let log: EventLog
    do {
      log = try open(directory: directory, access: .write(wait: false))
    } catch {
      if case .locked(_, let holder) = error { return .writerBusy(holder: holder) }
      throw error
    }
    defer { log.close() }
    return log.quarantined.isEmpty ? .none : .setAside(records: log.unfinishedRecords, files: log.quarantined)
  }
}
