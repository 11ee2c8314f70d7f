import LiggareBasics
import LiggareDomain
import LiggareStorage

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
    let reader = try LineReader(path: path)
    let expected = reader.expectedLineCount
    let name = reader.name
    var s: Stager
    do {
      s = try makeStager()
    } catch {
      reader.close()
      throw error
    }
    // One thread reads and decodes lines, this one checks and stages them, a third encodes,
    // hashes and writes: the cores share a large import.
    let drafts = DraftReaderThread(reader: reader, limit: Ledger.maxLineBytes)
    defer { drafts.stop() }
    if expected > 4096 { s.working.reserveCapacity(forAdditionalEvents: expected) }
    if dryRun {
      do {
        while let chunk = drafts.next() {
          for (draft, line) in chunk { _ = try stage(draft, at: .init(file: name, line: line), in: &s) }
        }
        try drafts.finish()
        try confirmDuplicates(s)
      } catch {
        handBack(s, dirty: true)
        throw error
      }
      return try finish(s, dryRun: true) { () throws(LogError) in }
    }
    do {
      try log.beginBatch(expectingHead: log.head)
    } catch {
      handBack(s, dirty: false)
      throw .log(error)
    }
    let writer = BatchWriterThread(log: log)
    var pending: [Event] = []
    pending.reserveCapacity(1024)
    do {
      while let chunk = drafts.next() {
        for (draft, line) in chunk {
          if let event = try stage(draft, at: .init(file: name, line: line), in: &s) { pending.append(event) }
        }
        if pending.count >= 1024 {
          try writer.send(pending)
          pending.removeAll(keepingCapacity: true)
        }
      }
      try drafts.finish()
      if !pending.isEmpty { try writer.send(pending) }
      try writer.finish()
      try confirmDuplicates(s)
    } catch {
      writer.cancel()
      try? log.abandonBatch()
      handBack(s, dirty: true)
      throw error
    }
    if s.appended == 0 {
      try? log.abandonBatch()
      return try finish(s, dryRun: false) { () throws(LogError) in }
    }
    return try finish(s, dryRun: false) { () throws(LogError) in
      _ = try log.commitBatch()
    }
  }
}
