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
    let drafts = BlockingQueue<DraftChunk>(capacity: 8)
    let input = UncheckedBox(reader)
    let reading = Worker.start(name: "liggare-import-reader", handingTo: [drafts]) { () throws(LedgerError) in
      try Ledger.readDrafts(from: &input.value, limit: Ledger.maxLineBytes, into: drafts)
    }
    // A no-op once joined; otherwise (this thread failed) stops the reading at its next chunk.
    defer { reading.cancel() }
    if expected > 4096 { t.working.reserveCapacity(forAdditionalEvents: expected) }
    guard let log = t.writer else {
      do {
        while let chunk = drafts.take() {
          for (draft, line) in chunk { try t.stage(draft, at: .init(file: name, line: line)) }
        }
        try reading.join()
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
    // The log is the writing thread's alone until it is joined or cancelled.
    let batches = BlockingQueue<[Event]>(capacity: 16)
    let output = UncheckedBox(log)
    let writing = Worker.start(name: "liggare-import-writer", takingFrom: [batches]) {
      () throws(LedgerError) in
      try Ledger.writeBatches(from: batches, to: output.value)
    }
    /// Hands events to the writing thread; throws its error if it has stopped.
    func send(_ events: [Event]) throws(LedgerError) {
      guard batches.put(events) else {
        try writing.join()
        // The writer takes until the end unless it fails; should it not, nothing is committed.
        throw .io(path: directory, reason: "skrivningen av importen slutade i förtid")
      }
    }
    do {
      while let chunk = drafts.take() {
        for (draft, line) in chunk { try t.stage(draft, at: .init(file: name, line: line)) }
        if t.pending.count >= 1024 { try send(t.takePending()) }
      }
      try reading.join()
      if !t.pending.isEmpty { try send(t.takePending()) }
      try writing.join()
    } catch {
      writing.cancel()
      abandon(t)
      throw error
    }
    return try commit(t)
  }

  /// Drafts with the line numbers they came from, as the reading thread hands them over.
  typealias DraftChunk = [(draft: EventDraft, line: Int)]

  /// The reading side of an import: reads and decodes lines in chunks put to `drafts`, and
  /// closes `reader` at the end.
  ///
  /// A bad line ends the reading after the lines before it were put, so errors come in line
  /// order. Stops quietly when `drafts` is cancelled (the import failed).
  /// - Throws: `LedgerError.decoding` or `.lineTooLong` naming the line, `.io` if it cannot be read.
  static func readDrafts(
    from reader: inout LineReader, limit: Int, into drafts: BlockingQueue<DraftChunk>
  ) throws(LedgerError) {
    defer { reader.close() }
    let name = reader.name
    var chunk: DraftChunk = []
    chunk.reserveCapacity(1024)
    do throws(LedgerError) {
      while try reader.next(
        limit: limit,
        { (line, number) throws(LedgerError) in
          if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
          let draft: EventDraft
          do throws(EventDecodingError) {
            draft = try EventCodec.decodeEnvelope(line, personalDataAllowed: true)
          } catch {
            throw .decoding(place: .init(file: name, line: number), error: error)
          }
          chunk.append((draft, number))
        })
      {
        if chunk.count >= 1024 {
          guard drafts.put(chunk) else { return }
          chunk.removeAll(keepingCapacity: true)
        }
      }
    } catch {
      // The lines before the bad one are checked first.
      if !chunk.isEmpty { _ = drafts.put(chunk) }
      throw error
    }
    if !chunk.isEmpty { _ = drafts.put(chunk) }
  }

  /// The writing side of a streamed import: encodes the events taken from `batches` and adds them
  /// to the log's open batch (made durable by the commit, not here).
  ///
  /// - Throws: `LedgerError.log` if a record cannot be added; the caller abandons the batch.
  static func writeBatches(from batches: BlockingQueue<[Event]>, to log: EventLog) throws(LedgerError) {
    var body: [UInt8] = []
    body.reserveCapacity(512)
    while let events = batches.take() {
      for event in events {
        body.removeAll(keepingCapacity: true)
        EventCodec.writeBody(of: event, to: &body)
        do {
          try log.add(body)
        } catch {
          throw .log(error)
        }
      }
    }
  }
}
