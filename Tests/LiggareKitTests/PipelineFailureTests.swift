import Foundation
import LiggareStorage
import Testing

@testable import LiggareKit

/// Issue 13, item 12: the import and the replay run on `Worker`s; a failure on either side of a
/// hand-over ends with its error, in line order, with nothing appended and no thread left waiting
/// (each run under `WorkerTests.withoutDeadlock`, a guard, not a speed assertion).
@Suite struct PipelineFailureTests {
  /// More lines than the reading thread may have ahead (8 chunks of 1024), so that it is blocked
  /// on a full queue when the checking side fails early.
  static let count = 12_000

  static func units(_ count: Int) -> [String] {
    (0..<count).map { n in
      #"{"id":"e\#(n)","type":"UnitEstablished","occurredOn":"2011-01-01","recordedAt":"2011-01-02T08:00:00Z","data":{"unit":"e\#(n)","name":"Enhet \#(n)","kind":"unit","parent":"n","schoolForm":"förskola"}}"#
    }
  }

  static let unknownPerson =
    #"{"id":"bad","type":"StaffAssigned","occurredOn":"2011-01-01","recordedAt":"2011-01-02T08:00:00Z","data":{"person":"p-999","unit":"f","role":"förskollärare"}}"#

  /// Imports `lines` after the base into a fresh log; returns the error and the head afterwards
  /// (as a new reader sees it), or nil if the import did not end.
  static func failingImport(_ lines: [String]) throws -> (error: LedgerError?, seq: UInt64)? {
    let dir = LedgerTests.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    LedgerTests.write(LedgerTests.base, to: dir + "/a.jsonl")
    LedgerTests.write(lines, to: dir + "/b.jsonl")
    let ledger = try LedgerTests.open(dir)
    try ledger.importEvents(from: dir + "/a.jsonl")
    let importing = UncheckedBox(ledger)
    let error = WorkerTests.withoutDeadlock { () -> LedgerError? in
      do throws(LedgerError) {
        try importing.value.importEvents(from: dir + "/b.jsonl")
        return nil
      } catch {
        return error
      }
    }
    guard let error else { return nil }
    let reader = try Ledger.open(directory: dir + "/log", access: .read, clock: LedgerTests.clock)
    return (error, reader.chronicle.lastSeq)
  }

  static func line(of error: LedgerError?) -> Int? {
    switch error {
    case .rule(let place, _, _)?, .decoding(let place, _)?: place.line
    default: nil
    }
  }

  /// The checking side fails on line 20 while the reader is blocked on a full queue.
  @Test func aRuleViolationEarlyInALongImportStopsTheReaderAndAppendsNothing() throws {
    var lines = Self.units(Self.count)
    lines.insert(Self.unknownPerson, at: 19)
    let outcome = try #require(try Self.failingImport(lines), "the import did not end")
    #expect(Self.line(of: outcome.error) == 20)
    if case .rule = outcome.error {
    } else {
      Issue.record("expected a rule violation: \(String(describing: outcome.error))")
    }
    #expect(outcome.seq == UInt64(LedgerTests.base.count))
  }

  /// The reader fails on a late line: the lines before it were checked (and streamed to the
  /// writer) first, the error names it, and nothing is appended.
  @Test func aBadLineLateInALongImportIsReportedAndAppendsNothing() throws {
    var lines = Self.units(Self.count)
    lines.insert("{not json", at: 10_999)
    let outcome = try #require(try Self.failingImport(lines), "the import did not end")
    #expect(Self.line(of: outcome.error) == 11_000)
    if case .decoding = outcome.error {
    } else {
      Issue.record("expected a decoding error: \(String(describing: outcome.error))")
    }
    #expect(outcome.seq == UInt64(LedgerTests.base.count))
  }

  /// Errors come in line order across the threads: a rule violation on line 5000 is reported,
  /// not the unreadable line 9000 that the reader met meanwhile.
  @Test func errorsComeInLineOrderAcrossTheThreads() throws {
    var lines = Self.units(Self.count)
    lines.insert(Self.unknownPerson, at: 4999)
    lines.insert("{not json", at: 8999)
    let outcome = try #require(try Self.failingImport(lines), "the import did not end")
    #expect(Self.line(of: outcome.error) == 5000)
    if case .rule = outcome.error {
    } else {
      Issue.record("expected a rule violation: \(String(describing: outcome.error))")
    }
    #expect(outcome.seq == UInt64(LedgerTests.base.count))
  }

  /// A record that does not decode, after many that do: the replay's reading thread fails, the
  /// folding side ends, and opening throws `corruptRecord` with its seq.
  @Test func aCorruptRecordEndsTheReplayWithItsSeq() throws {
    let dir = LedgerTests.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    LedgerTests.write(LedgerTests.base + Self.units(5000), to: dir + "/a.jsonl")
    do {
      let ledger = try LedgerTests.open(dir)
      try ledger.importEvents(from: dir + "/a.jsonl")
    }
    let log = try EventLog.open(directory: dir + "/log", access: .write(wait: false))
    try log.append([Array(#"{"inte":"en händelse"}"#.utf8)])
    try log.append(Self.units(1).map { _ in Array(#"{"inte":"heller"}"#.utf8) })
    let expectedSeq = UInt64(LedgerTests.base.count + 5000 + 1)
    let outcome = WorkerTests.withoutDeadlock { () -> LedgerError? in
      do throws(LedgerError) {
        _ = try Ledger.open(
          directory: dir + "/log", access: .read, clock: LedgerTests.clock, useCheckpoints: false)
        return nil
      } catch {
        return error
      }
    }
    let ended = try #require(outcome, "the replay did not end")
    guard case .corruptRecord(let seq, _)? = ended else {
      Issue.record("expected a corrupt record: \(String(describing: ended))")
      return
    }
    #expect(seq == expectedSeq)
  }
}
