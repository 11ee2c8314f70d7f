import LiggareSystem

extension EventLog {
  /// Calls `body` with the committed record `seq`, read from whichever end of its segment is
  /// nearer: from the segment's start as `forEachRecord(from: seq, through: seq)` reads it, or back
  /// from the segment's end (the head's end for the last segment) when that is fewer records away.
  /// A report known a moment before the head asks for a record near the end of a 64 MiB segment.
  ///
  /// Every record passed on the way is checked as `forEachRecord` checks it (CRC, and that the seqs
  /// follow one another up to `seq`); the chain is not recomputed. The backward reading is
  /// `forEachRecordBackward`'s, stopped at the first record it visits.
  /// - Returns: what `body` returns, or nil when `seq` is 0 or past the head.
  /// - Throws: `LogError.damaged` at the first bad record met, or what `body` throws.
  public func withRecord<T>(atSeq seq: UInt64, _ body: (RecordView) throws -> T) throws -> T? {
    guard seq >= 1, seq <= head.seq, !segments.isEmpty else { return nil }
    var index = 0
    for (i, segment) in segments.enumerated() where segment.firstSeq <= seq { index = i }
    let segment = segments[index]
    let lastSeq = lastSeq(ofSegment: index)
    guard segment.firstSeq <= seq, seq <= lastSeq, lastSeq - seq < seq - segment.firstSeq else {
      var result: T?
      try forEachRecord(from: seq, through: seq) { result = try body($0) }
      return result
    }
    var result: T?
    try walkBackward(fromEndOf: index, visitingFrom: seq) { record in
      result = try body(record)
      return false
    }
    return result
  }
}
