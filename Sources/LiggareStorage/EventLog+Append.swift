import LiggareSystem

#if canImport(Glibc)
  import Glibc
#endif

extension EventLog {
  /// Appends records as one all-or-nothing batch, durable when this returns.
  ///
  /// - Parameters:
  ///   - bodies: canonical JSON objects, one per record (without the reserved keys).
  ///   - expected: the head the caller last read; nil skips the check.
  /// - Returns: the new head.
  /// - Throws: `LogError.headMismatch` if another writer appended since `expected`, or why the
  ///   batch could not be written (then nothing of it is in the log).
  @discardableResult
  public func append(_ bodies: [[UInt8]], expectingHead expected: LogHead? = nil) throws(LogError) -> LogHead
  {
    try beginBatch(expectingHead: expected)
    do {
      for body in bodies { try add(body) }
      return try commitBatch()
    } catch {
      try? abandonBatch()
      throw error
    }
  }

  /// Starts a batch that may be larger than memory: records stream to disk, invisible until commit.
  ///
  /// - Parameter expected: the head the caller last read; nil skips the check.
  /// - Throws: `LogError` when opened for reading, when a batch is open, or on a head mismatch.
  public func beginBatch(expectingHead expected: LogHead? = nil) throws(LogError) {
    guard case .write = access else { throw .readOnly(directory: directory) }
    guard batch == nil else { throw .batchInProgress }
    if let expected, expected != head { throw .headMismatch(expected: expected, actual: head) }
    if writer == nil, let last = segments.last {
      let fd = try system { try FileDescriptor.open(last.path, O_WRONLY | O_APPEND) }
      writer = SegmentWriter(fd: fd, size: committedEnd)
    }
    batch = Batch(
      startHead: head, startSegmentCount: segments.count, startSize: writer?.size ?? 0, chain: head.hash,
      nextSeq: head.seq + 1)
  }

  /// Adds one record to the open batch and returns the seq it will have.
  ///
  /// - Parameter body: a JSON object's bytes (`{…}`), at most `maxRecordBytes`.
  /// - Throws: `LogError` for a body that is not an object or too large, or a failed write.
  @discardableResult
  public func add(_ body: [UInt8]) throws(LogError) -> UInt64 {
    guard var current = batch else { throw .noBatchInProgress }
    batch = nil
    let index = Int(current.nextSeq - current.startHead.seq - 1) + (current.pending == nil ? 0 : 1)
    guard body.count >= 2, body.first == UInt8(ascii: "{"), body.last == UInt8(ascii: "}") else {
      batch = current
      throw .bodyNotAnObject(index: index)
    }
    guard body.count <= EventLog.maxRecordBytes else {
      batch = current
      throw .recordTooLarge(index: index, bytes: body.count)
    }
    do {
      if let pending = current.pending { try encode(pending, commit: false, into: &current) }
      current.pending = body
      if current.buffer.count >= 1 << 20 { try flush(&current) }
    } catch {
      batch = current
      throw error
    }
    batch = current
    return current.nextSeq
  }

  /// Makes the batch durable and visible: data fsynced, then the commit record written and fsynced.
  ///
  /// - Returns: the new head.
  /// - Throws: `LogError` on a failed write; the batch is then abandoned. Once the commit record is
  ///   durable nothing throws: a head file that cannot be rewritten becomes a warning.
  @discardableResult
  public func commitBatch() throws(LogError) -> LogHead {
    guard var current = batch else { throw .noBatchInProgress }
    guard let last = current.pending else {
      batch = nil
      return head
    }
    do {
      try flush(&current)
      if current.wroteInCurrentSegment { try system { try writer!.fd.sync() } }
      try encode(last, commit: true, into: &current)
      try flush(&current)
      try system { try writer!.fd.sync() }
    } catch {
      batch = current
      try? abandonBatch()
      throw error
    }
    head = LogHead(seq: current.nextSeq - 1, hash: current.chain)
    committedEnd = writer!.size
    batch = nil
    // The batch is committed: nothing after this point may report it as failed. A head file left
    // behind is what a crash here leaves too, and the next writer accepts it (its record is checked).
    do {
      try writeHeadFile()
    } catch {
      warnings.append(
        "varning: filen head kunde inte skrivas efter seq \(head.seq) (\(error)); satsen är sparad")
    }
    return head
  }

  /// Calls `body` with each record of the open batch (written or still buffered) in seq order:
  /// its seq and its body without the closing brace (what `RecordView.line[..<bodyEnd]` is for a
  /// committed record). For checks before the commit; the batch stays open and invisible.
  ///
  /// - Throws: `LogError` when no batch is open, a buffered record cannot be written, or a
  ///   written one does not read back; or what `body` throws.
  public func forEachRecordOfOpenBatch(_ body: (UInt64, UnsafeRawBufferPointer) throws -> Void) throws {
    guard var current = batch else { throw LogError.noBatchInProgress }
    batch = nil
    do {
      try flush(&current)
    } catch {
      batch = current
      throw error
    }
    batch = current
    var seq = current.startHead.seq + 1
    let startIndex = current.startSegmentCount - 1
    for index in max(startIndex, 0)..<segments.count {
      let path = segments[index].path
      let file = try system { try MappedFile(path: path) }
      let bytes = file.bytes
      var offset = index == startIndex ? current.startSize : 0
      while offset < bytes.count {
        guard let newline = EventLog.indexOfNewline(in: bytes, from: offset) else {
          throw LogError.damaged(LogDamage(file: path, byteOffset: offset, seq: seq, kind: .missingNewline))
        }
        let line = UnsafeRawBufferPointer(rebasing: bytes[offset..<newline])
        guard case .success(let parts) = RecordLine.parse(line), parts.seq == seq else {
          throw LogError.damaged(
            LogDamage(
              file: path, byteOffset: offset, seq: seq,
              kind: .malformedRecord("en okommitterad post läses inte tillbaka")))
        }
        try body(seq, UnsafeRawBufferPointer(rebasing: line[..<parts.bodyEnd]))
        seq += 1
        offset = newline + 1
      }
    }
    if let last = current.pending {
      try last.withUnsafeBytes { try body(seq, UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
    }
  }

  /// Throws the open batch away: the log is as before `beginBatch`.
  ///
  /// - Throws: `LogError` if truncating or removing files fails (a writer reopening then
  ///   quarantines the unfinished tail, so nothing uncommitted ever becomes visible).
  public func abandonBatch() throws(LogError) {
    guard let current = batch else { throw .noBatchInProgress }
    batch = nil
    writer?.fd.close()
    writer = nil
    while segments.count > current.startSegmentCount {
      let removed = segments.removeLast()
      try system { try FileSystem.remove(removed.path) }
    }
    if let last = segments.last {
      try system {
        let fd = try FileDescriptor.open(last.path, O_WRONLY)
        defer { fd.close() }
        try fd.truncate(to: current.startSize)
        try fd.sync()
      }
    }
    try system { try FileSystem.syncDirectory(directory) }
    head = current.startHead
    committedEnd = current.startSize
  }

  /// Encodes one record, starting a new segment first when it would overflow the current one.
  func encode(_ body: [UInt8], commit: Bool, into batch: inout Batch) throws(LogError) {
    let estimate = body.count + 160
    if writer == nil
      || (writer!.size > 0 && writer!.size + batch.buffer.count + estimate > manifest.segmentBytes)
    {
      try startSegment(firstSeq: batch.nextSeq, batch: &batch)
    }
    batch.chain = body.withUnsafeBytes { raw in
      RecordLine.append(
        body: raw, seq: batch.nextSeq, commit: commit, previous: batch.chain, to: &batch.buffer)
    }
    batch.nextSeq += 1
  }

  func flush(_ batch: inout Batch) throws(LogError) {
    guard !batch.buffer.isEmpty, writer != nil else { return }
    let buffer = batch.buffer
    try system { try writer!.fd.writeAll(buffer) }
    writer!.size += buffer.count
    batch.buffer.removeAll(keepingCapacity: true)
    batch.wroteInCurrentSegment = true
  }

  func startSegment(firstSeq: UInt64, batch: inout Batch) throws(LogError) {
    if writer != nil {
      try flush(&batch)
      if batch.wroteInCurrentSegment { try system { try writer!.fd.sync() } }
      writer!.fd.close()
      writer = nil
    }
    let path = directory + "/" + EventLog.segmentName(firstSeq: firstSeq)
    let fd = try system { try FileDescriptor.open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND, mode: 0o644) }
    writer = SegmentWriter(fd: fd, size: 0)
    segments.append(Segment(firstSeq: firstSeq, path: path))
    batch.wroteInCurrentSegment = false
    try system { try FileSystem.syncDirectory(directory) }
  }
}
