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
    var reader = try LineReader(path: path)
    defer { reader.close() }
    var s = makeStager()
    if !dryRun {
      do {
        try log.beginBatch(expectingHead: log.head)
      } catch {
        throw .log(error)
      }
    }
    let name = reader.name
    var body: [UInt8] = []
    body.reserveCapacity(512)
    do {
      while try reader.next(
        limit: Ledger.maxLineBytes,
        { (line, number) throws(LedgerError) in
          try importLine(line, at: .init(file: name, line: number), into: &s, body: &body, dryRun: dryRun)
        })
      {}
      try confirmDuplicates(s)
    } catch {
      if !dryRun { try? log.abandonBatch() }
      throw error
    }
    if dryRun {
      return try finish(s, dryRun: true) { () throws(LogError) in }
    }
    if s.appended == 0 {
      try? log.abandonBatch()
      return try finish(s, dryRun: false) { () throws(LogError) in }
    }
    return try finish(s, dryRun: false) { () throws(LogError) in
      _ = try log.commitBatch()
    }
  }

  func importLine(
    _ line: UnsafeRawBufferPointer, at place: LedgerError.Place, into s: inout Stager, body: inout [UInt8],
    dryRun: Bool
  ) throws(LedgerError) {
    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
    let draft: EventDraft
    do {
      draft = try EventCodec.decodeEnvelope(line, personalDataAllowed: true)
    } catch {
      throw .decoding(place: place, error: error)
    }
    guard let event = try stage(draft, at: place, in: &s), !dryRun else { return }
    body.removeAll(keepingCapacity: true)
    EventCodec.writeBody(of: event, to: &body)
    do {
      try log.add(body)
    } catch {
      throw .log(error)
    }
  }
}
