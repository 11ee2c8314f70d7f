import LiggareSystem

#if canImport(Glibc)
  import Glibc
#endif

extension EventLog {
  /// Calls `body` with each committed record from `first` through the head as opened, in seq order.
  ///
  /// Every record's CRC and seq are checked; `verifyingChain` also recomputes the hash chain.
  /// - Parameters:
  ///   - first: the first seq wanted (1 for all).
  ///   - last: the last seq wanted (default: the head).
  ///   - verifyingChain: recompute SHA-256 for each record (what `verify` does).
  ///   - body: called with a view valid only during the call.
  /// - Throws: `LogError.damaged` at the first bad record, or what `body` throws.
  public func forEachRecord(
    from first: UInt64 = 1, through last: UInt64? = nil, verifyingChain: Bool = false,
    _ body: (RecordView) throws -> Void
  ) throws {
    let end = min(last ?? head.seq, head.seq)
    guard first <= end else { return }
    var startIndex = 0
    for (i, segment) in segments.enumerated() where segment.firstSeq <= first { startIndex = i }
    let expected = segments[startIndex].firstSeq
    let chain: SHA256.Digest? = verifyingChain && expected == 1 ? .zero : nil
    let walked = try walk(
      startIndex..<segments.count, expecting: expected, after: chain, from: first, through: end,
      verifyingChain: verifyingChain, body)
    if !walked.reachedEnd {
      throw LogError.damaged(
        LogDamage(
          file: segments.last?.path ?? directory, byteOffset: committedEnd, seq: walked.next,
          kind: .malformedRecord("loggen tar slut före huvudet")))
    }
  }

  /// Checks and visits the records of `segments[range]`, stopping after seq `end`.
  ///
  /// - Parameters:
  ///   - expecting: the seq the first record must have.
  ///   - previous: the hash before the first record, to check its link (nil: not checked).
  /// - Returns: the seq expected after the last record walked, and whether `end` was reached.
  func walk(
    _ range: Range<Int>, expecting start: UInt64, after previous: SHA256.Digest?, from first: UInt64,
    through end: UInt64, verifyingChain: Bool, _ body: (RecordView) throws -> Void
  ) throws -> (next: UInt64, reachedEnd: Bool) {
    var expected = start
    var chain = previous
    for index in range {
      let segment = segments[index]
      let file = try system { try MappedFile(path: segment.path) }
      let limit = index == segments.count - 1 ? min(committedEnd, file.bytes.count) : file.bytes.count
      let bytes = UnsafeRawBufferPointer(rebasing: file.bytes[..<limit])
      var offset = 0
      if segment.firstSeq != expected {
        throw LogError.damaged(
          LogDamage(
            file: segment.path, byteOffset: 0, seq: expected,
            kind: .segmentNameMismatch(expectedFirstSeq: segment.firstSeq)))
      }
      while offset < bytes.count {
        guard let newline = EventLog.indexOfNewline(in: bytes, from: offset) else {
          throw LogError.damaged(
            LogDamage(file: segment.path, byteOffset: offset, seq: expected, kind: .missingNewline))
        }
        let line = UnsafeRawBufferPointer(rebasing: bytes[offset..<newline])
        let parts: RecordLine.Parts
        switch RecordLine.parse(line) {
        case .success(let p): parts = p
        case .failure(.checksumMismatch):
          throw LogError.damaged(
            LogDamage(file: segment.path, byteOffset: offset, seq: expected, kind: .checksumMismatch))
        case .failure(.malformed(let why)):
          throw LogError.damaged(
            LogDamage(file: segment.path, byteOffset: offset, seq: expected, kind: .malformedRecord(why)))
        }
        guard parts.seq == expected else {
          throw LogError.damaged(
            LogDamage(
              file: segment.path, byteOffset: offset, seq: expected,
              kind: .seqOutOfOrder(expected: expected, found: parts.seq)))
        }
        if verifyingChain {
          if let previous = chain {
            var hasher = SHA256()
            previous.bytes.withUnsafeBytes { hasher.update($0) }
            hasher.update(UnsafeRawBufferPointer(rebasing: line[..<parts.contentEnd]))
            guard hasher.finalize() == RecordLine.hash(in: line, at: parts.hashStart) else {
              throw LogError.damaged(
                LogDamage(file: segment.path, byteOffset: offset, seq: expected, kind: .hashMismatch))
            }
          }
          chain = RecordLine.hash(in: line, at: parts.hashStart) ?? .zero
        }
        if parts.seq >= first {
          try body(RecordView(seq: parts.seq, line: line, bodyEnd: parts.bodyEnd, hashStart: parts.hashStart))
        }
        if parts.seq == end { return (expected + 1, true) }
        expected += 1
        offset = newline + 1
      }
    }
    return (expected, false)
  }

  /// The hash stored in the last record of a closed segment (nil if it cannot be read), so that
  /// the next segment's first link can be checked without walking this one.
  func storedHashOfLastRecord(in index: Int) -> SHA256.Digest? {
    guard let file = try? MappedFile(path: segments[index].path), file.bytes.count > 1 else { return nil }
    let bytes = file.bytes
    guard bytes[bytes.count - 1] == 0x0A else { return nil }
    var start = bytes.count - 1
    while start > 0 && bytes[start - 1] != 0x0A { start -= 1 }
    let line = UnsafeRawBufferPointer(rebasing: bytes[start..<(bytes.count - 1)])
    guard case .success(let parts) = RecordLine.parse(line) else { return nil }
    return RecordLine.hash(in: line, at: parts.hashStart)
  }

  static func indexOfNewline(in bytes: UnsafeRawBufferPointer, from offset: Int) -> Int? {
    guard let base = bytes.baseAddress, offset < bytes.count else { return nil }
    guard let found = memchr(base + offset, 0x0A, bytes.count - offset) else { return nil }
    return base.distance(to: UnsafeRawPointer(found))
  }
}
