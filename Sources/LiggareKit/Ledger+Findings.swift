public import LiggareDomain
import LiggareStorage

extension Ledger {
  /// Events that no longer pass their rules with what is known now (contract decision 4),
  /// streamed from the log in chunks so memory stays flat.
  ///
  /// - Throws: `LedgerError` if a record cannot be read.
  public func findings() throws(LedgerError) -> [Finding] {
    var result: [Finding] = []
    var chunk: [Event] = []
    chunk.reserveCapacity(65_536)
    let chronicle = self.chronicle
    do {
      try log.forEachRecord(through: chronicle.lastSeq) { record in
        let body = UnsafeRawBufferPointer(rebasing: record.line[..<record.bodyEnd])
        chunk.append(try EventCodec.decodeRecord(body, seq: record.seq))
        if chunk.count == 65_536 {
          result += Rulebook.findings(in: chunk, chronicle: chronicle)
          chunk.removeAll(keepingCapacity: true)
        }
      }
    } catch {
      throw .io(path: directory, reason: "\(error)")
    }
    result += Rulebook.findings(in: chunk, chronicle: chronicle)
    result += RepeatedCompletionFinder.findings(in: chronicle)
    return result.sorted { $0.seq < $1.seq }
  }
}
