import LiggareBasics
import LiggareDomain
public import LiggareStorage

extension Ledger {
  /// The longest line `import` accepts; an event is a few hundred bytes.
  public static let maxLineBytes = 64 * 1024

  /// Imports the contract's JSON Lines from `path` ("-" for standard input) as one batch.
  ///
  /// Streams: lines are read in chunks and records written as they pass, invisible until the
  /// commit at the end; the first error abandons the batch, so a rejected import appends nothing.
  /// Blank lines are skipped; CRLF line ends are accepted.
  /// - Parameters:
  ///   - path: the file, or "-".
  ///   - dryRun: check only.
  /// - Returns: what was appended and what was already in the log.
  /// - Throws: `LedgerError` naming the file, line, event id and field.
  @discardableResult
  public func importEvents(from path: String, dryRun: Bool = false) throws(LedgerError) -> AppendOutcome {
    try importEvents(from: try LineReader(path: path), dryRun: dryRun, expectingHead: nil, actor: nil)
  }

  /// Imports the contract's JSON Lines held in `bytes` (a request body) as one batch, as
  /// `importEvents(from:dryRun:)` does a file.
  ///
  /// - Parameters:
  ///   - bytes: the lines.
  ///   - name: what messages call the input.
  ///   - dryRun: check only.
  ///   - expectedHead: refuse (`LedgerError.headMoved`) unless the committed head is this one.
  ///   - actor: the actor of every event, whatever the lines say (the account of a server request).
  /// - Returns: what was appended and what was already in the log.
  /// - Throws: `LedgerError` naming the line, event id and field.
  @discardableResult
  public func importEvents(
    bytes: [UInt8], name: String, dryRun: Bool = false, expectingHead expectedHead: LogHead? = nil,
    actor: String? = nil
  ) throws(LedgerError) -> AppendOutcome {
    try importEvents(
      from: LineReader(bytes: bytes, name: name), dryRun: dryRun, expectingHead: expectedHead, actor: actor)
  }

  func importEvents(
    from reader: LineReader, dryRun: Bool, expectingHead expectedHead: LogHead?, actor: String?
  )
    throws(LedgerError) -> AppendOutcome
  {
    let expected = reader.expectedLineCount
    let name = reader.name
    var t: LedgerTransaction
    do {
      t = try begin(dryRun: dryRun, expectingHead: expectedHead, actor: actor)
      // Decision (docs/semantics.md): an integration's events carry their own ids, and a repeated
      // completion among them is listed by verify, not refused.
      t.allowsRepeatedCompletions = true
    } catch {
      reader.close()
      throw error
    }
    // One thread reads and decodes lines, this one checks and stages them, a third encodes,
    // hashes and writes: the cores share a large import.
    let drafts = DraftReaderThread(reader: reader, limit: Ledger.maxLineBytes)
    defer { drafts.stop() }
    if expected > 4096 { t.working.reserveCapacity(forAdditionalEvents: expected) }
    guard let log = t.writer else {
      do {
        while let chunk = drafts.next() {
          for (draft, line) in chunk { try t.stage(draft, at: .init(file: name, line: line)) }
        }
        try drafts.finish()
      } catch {
        abandon(t)
        throw error
      }
      return try commit(t)
    }
    do {
      try log.beginBatch(expectingHead: t.base)
    } catch {
      abandon(t)
      throw .log(error)
    }
    t.streaming = true
    let writer = BatchWriterThread(log: log)
    do {
      while let chunk = drafts.next() {
        for (draft, line) in chunk { try t.stage(draft, at: .init(file: name, line: line)) }
        if t.pending.count >= 1024 { try writer.send(t.takePending()) }
      }
      try drafts.finish()
      if !t.pending.isEmpty { try writer.send(t.takePending()) }
      try writer.finish()
    } catch {
      writer.cancel()
      abandon(t)
      throw error
    }
    return try commit(t)
  }
}
