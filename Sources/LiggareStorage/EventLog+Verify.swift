#if canImport(Glibc)
  import Glibc
#endif

/// What `verify` found: the counts, and the first damage if any.
public struct VerificationResult: Sendable, Hashable {
  public var records: UInt64
  public var segments: Int
  public var bytes: Int
  public var head: LogHead
  public var damage: LogDamage?
}

extension EventLog {
  /// Walks every record: CRC, seq without gaps, segment names, the hash chain, the head file, and
  /// that nothing but a committed record ends the log.
  ///
  /// - Returns: counts and the first damage (nil when the log is intact).
  /// - Throws: `LogError.system` when a file cannot be read at all.
  public func verify() throws(LogError) -> VerificationResult {
    var result = VerificationResult(records: 0, segments: segments.count, bytes: 0, head: head, damage: nil)
    do {
      try forEachRecord(verifyingChain: true) { record in
        result.records += 1
        result.bytes += record.line.count + 1
      }
    } catch let error as LogError {
      if case .damaged(let damage) = error {
        result.damage = damage
        return result
      }
      throw error
    } catch {
      throw .system(SystemCallError(call: "verify", path: directory, errno: 0))
    }
    if let last = segments.last {
      let size = try system { () throws -> Int in
        let fd = try FileDescriptor.open(last.path, O_RDONLY)
        defer { fd.close() }
        return try fd.size()
      }
      if size > committedEnd {
        let tail = try system { () throws -> [UInt8] in
          let fd = try FileDescriptor.open(last.path, O_RDONLY)
          defer { fd.close() }
          return try fd.read(count: size - committedEnd, at: committedEnd)
        }
        let lines = tail.split(separator: 0x0A, omittingEmptySubsequences: false).count - 1
        result.damage = LogDamage(
          file: last.path, byteOffset: committedEnd, seq: head.seq + 1,
          kind: .uncommittedTail(records: max(lines, 1)))
        return result
      }
    }
    if let anchor = readHeadFile() {
      if anchor.seq > head.seq {
        result.damage = LogDamage(
          file: directory + "/head", byteOffset: 0, seq: anchor.seq,
          kind: .headFileAhead(headSeq: anchor.seq, logSeq: head.seq))
      } else if anchor.seq > 0 {
        var recorded: SHA256.Digest?
        try? forEachRecord(from: anchor.seq, through: anchor.seq) { recorded = $0.hash }
        if recorded != anchor.hash {
          result.damage = LogDamage(
            file: directory + "/head", byteOffset: 0, seq: anchor.seq,
            kind: .headFileHashMismatch(seq: anchor.seq))
        }
      }
    }
    return result
  }
}
