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
    var expected = segments[startIndex].firstSeq
    var chain: SHA256.Digest? = verifyingChain ? nil : .zero
    if verifyingChain && expected == 1 { chain = .zero }
    for index in startIndex..<segments.count {
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
        if parts.seq == end { return }
        expected += 1
        offset = newline + 1
      }
    }
    throw LogError.damaged(
      LogDamage(
        file: segments.last?.path ?? directory, byteOffset: committedEnd, seq: expected,
        kind: .malformedRecord("loggen tar slut före huvudet")))
  }

  static func indexOfNewline(in bytes: UnsafeRawBufferPointer, from offset: Int) -> Int? {
    guard let base = bytes.baseAddress, offset < bytes.count else { return nil }
    guard let found = memchr(base + offset, 0x0A, bytes.count - offset) else { return nil }
    return base.distance(to: UnsafeRawPointer(found))
  }
}
