import LiggareSystem

extension EventLog {
  /// Calls `body` with the committed record `seq`, read from whichever end of its segment is
  /// nearer: from the segment's start as `forEachRecord(from: seq, through: seq)` reads it, or back
  /// from the segment's end (the head's end for the last segment) when that is fewer records away.
  /// A report known a moment before the head asks for a record near the end of a 64 MiB segment.
  ///
  /// Every record passed on the way is checked as `forEachRecord` checks it (CRC, and that the seqs
  /// follow one another up to `seq`); the chain is not recomputed.
  /// - Returns: what `body` returns, or nil when `seq` is 0 or past the head.
  /// - Throws: `LogError.damaged` at the first bad record met, or what `body` throws.
  public func withRecord<T>(atSeq seq: UInt64, _ body: (RecordView) throws -> T) throws -> T? {
    guard seq >= 1, seq <= head.seq, !segments.isEmpty else { return nil }
    var index = 0
    for (i, segment) in segments.enumerated() where segment.firstSeq <= seq { index = i }
    let segment = segments[index]
    let isLast = index == segments.count - 1
    let lastSeq = isLast ? head.seq : max(segments[index + 1].firstSeq, 1) - 1
    guard segment.firstSeq <= seq, seq <= lastSeq, lastSeq - seq < seq - segment.firstSeq else {
      var result: T?
      try forEachRecord(from: seq, through: seq) { result = try body($0) }
      return result
    }
    let file = try system { try MappedFile(path: segment.path) }
    let limit = isLast ? min(committedEnd, file.bytes.count) : file.bytes.count
    let bytes = UnsafeRawBufferPointer(rebasing: file.bytes[..<limit])
    func damage(_ offset: Int, _ expected: UInt64, _ kind: LogDamage.Kind) -> LogError {
      LogError.damaged(LogDamage(file: segment.path, byteOffset: offset, seq: expected, kind: kind))
    }
    var expected = lastSeq
    var end = bytes.count  // one past the newline ending the record `expected`
    while true {
      guard end > 0, bytes[end - 1] == 0x0A else { throw damage(end, expected, .missingNewline) }
      var start = end - 1
      while start > 0 && bytes[start - 1] != 0x0A { start -= 1 }
      let line = UnsafeRawBufferPointer(rebasing: bytes[start..<(end - 1)])
      let parts: RecordLine.Parts
      switch RecordLine.parse(line) {
      case .success(let p): parts = p
      case .failure(.checksumMismatch): throw damage(start, expected, .checksumMismatch)
      case .failure(.malformed(let why)): throw damage(start, expected, .malformedRecord(why))
      }
      guard parts.seq == expected else {
        throw damage(start, expected, .seqOutOfOrder(expected: expected, found: parts.seq))
      }
      if expected == seq {
        return try body(
          RecordView(seq: parts.seq, line: line, bodyEnd: parts.bodyEnd, hashStart: parts.hashStart))
      }
      guard start > 0 else {
        // The segment's first record is not the one its name promises.
        throw damage(0, expected, .segmentNameMismatch(expectedFirstSeq: segment.firstSeq))
      }
      expected -= 1
      end = start
    }
  }
}
