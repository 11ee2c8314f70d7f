import LiggareSystem

extension EventLog {
  /// Calls `body` with each committed record from `seq` down towards 1 (seq, seq-1, …), until
  /// `body` returns false or the first record has been visited.
  ///
  /// The walk reads from the end of the segment holding `seq` (the head's end for the last one),
  /// so a walk from the head reads only what it visits. Every record read is checked as
  /// `forEachRecord` checks it: its CRC, that the seqs follow one another, that each segment holds
  /// exactly the records its name and the next segment's name promise; the chain is not
  /// recomputed. Records after `seq` in its segment are read and checked but not visited.
  /// - Parameters:
  ///   - seq: the first seq visited (at most the head as opened; 0 visits nothing).
  ///   - body: called with a view valid only during the call; returns whether to go on.
  /// - Throws: `LogError.damaged` at the first bad record met, or what `body` throws.
  public func forEachRecordBackward(from seq: UInt64, _ body: (RecordView) throws -> Bool) throws {
    let from = min(seq, head.seq)
    guard from >= 1, !segments.isEmpty else { return }
    var index = 0
    for (i, segment) in segments.enumerated() where segment.firstSeq <= from { index = i }
    try walkBackward(fromEndOf: index, visitingFrom: from, body)
  }

  /// The seq of the last record segment `index` should hold: the head for the last segment, else
  /// the one before the next segment's first.
  func lastSeq(ofSegment index: Int) -> UInt64 {
    index == segments.count - 1 ? head.seq : max(segments[index + 1].firstSeq, 1) - 1
  }

  /// Walks back from the end of segment `index` into the segments before it, checking each record
  /// and calling `body` for those at or below `from` until it returns false.
  func walkBackward(
    fromEndOf start: Int, visitingFrom from: UInt64, _ body: (RecordView) throws -> Bool
  ) throws {
    var index = start
    var expected = lastSeq(ofSegment: index)
    while true {
      let segment = segments[index]
      let isLast = index == segments.count - 1
      let file = try system { try MappedFile(path: segment.path) }
      let limit = isLast ? min(committedEnd, file.bytes.count) : file.bytes.count
      let bytes = UnsafeRawBufferPointer(rebasing: file.bytes[..<limit])
      func damage(_ offset: Int, _ seq: UInt64, _ kind: LogDamage.Kind) -> LogError {
        LogError.damaged(LogDamage(file: segment.path, byteOffset: offset, seq: seq, kind: kind))
      }
      var end = bytes.count  // one past the newline ending the record `expected`
      // The records `expected` down to the segment's first, last first.
      while expected >= max(segment.firstSeq, 1) {
        // Out of bytes before the record the name promises first: records are missing.
        guard end > 0 else {
          throw damage(0, expected, .segmentNameMismatch(expectedFirstSeq: segment.firstSeq))
        }
        guard bytes[end - 1] == 0x0A else { throw damage(end, expected, .missingNewline) }
        var lineStart = end - 1
        while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[lineStart..<(end - 1)])
        let parts: RecordLine.Parts
        switch RecordLine.parse(line) {
        case .success(let p): parts = p
        case .failure(.checksumMismatch): throw damage(lineStart, expected, .checksumMismatch)
        case .failure(.malformed(let why)): throw damage(lineStart, expected, .malformedRecord(why))
        }
        guard parts.seq == expected else {
          throw damage(lineStart, expected, .seqOutOfOrder(expected: expected, found: parts.seq))
        }
        if expected <= from {
          let view = RecordView(
            seq: parts.seq, line: line, bodyEnd: parts.bodyEnd, hashStart: parts.hashStart)
          guard try body(view) else { return }
        }
        end = lineStart
        expected -= 1
      }
      // Bytes left before the record the name promises first: the name does not match.
      guard end == 0 else {
        throw damage(0, expected, .segmentNameMismatch(expectedFirstSeq: segment.firstSeq))
      }
      guard index > 0, expected >= 1 else { return }
      index -= 1
    }
  }
}
