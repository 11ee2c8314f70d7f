import LiggareBasics
import LiggareSystem

#if canImport(Glibc)
  import Glibc
#endif

/// An append-only log of JSON records in a folder: segment files, a per-record CRC-32C, a SHA-256
/// hash chain, all-or-nothing batches and one writer at a time.
///
/// The log knows nothing of what records mean: a body is any JSON object. See `RecordLine` for the
/// line format and `docs/storage.md` for the guarantees.
public final class EventLog {
  /// How the log is opened.
  public enum Access: Sendable, Hashable {
    /// Readers never block and never see an unfinished batch.
    case read
    /// One writer across processes (an exclusive `flock`); `wait` blocks until the lock is free.
    case write(wait: Bool)
  }

  /// The largest record accepted, so a hostile import cannot grow one line without bound.
  public static let maxRecordBytes = 1 << 20
  /// Default segment size: a city's year of events fits in a few segments.
  public static let defaultSegmentBytes = 64 << 20

  public let directory: String
  public let access: Access
  public let manifest: LogManifest
  /// The last committed record when opened, moved on by each commit.
  public internal(set) var head: LogHead
  /// Unfinished tails moved aside when a writer opened the log (paths).
  public internal(set) var quarantined: [String] = []
  /// Records after the last commit that a reader left alone: a write in progress, or the trace of
  /// a crash that the next writer sets aside. Not damage.
  public internal(set) var unfinishedRecords = 0
  /// The `head` file as read when the log was opened (before the segments were listed, so a
  /// concurrent commit can never make it look ahead of the files).
  public internal(set) var headWitness: HeadWitness = .absent
  /// Things the caller should say on standard error: they did not stop the operation (a head
  /// file that could not be rewritten after a commit, temporary files cleaned, …).
  public internal(set) var warnings: [String] = []

  var segments: [Segment]
  /// Committed length of the last segment (readers stop there).
  var committedEnd: Int
  var lockFile: FileDescriptor?
  /// The head file, opened by a writer before anything is appended (so a `head` that cannot be
  /// written stops the writer before a commit, not after it).
  var headFile: FileDescriptor?
  var writer: SegmentWriter?
  var batch: Batch?

  struct Segment {
    var firstSeq: UInt64
    var path: String
  }

  struct SegmentWriter {
    var fd: FileDescriptor
    var size: Int
  }

  struct Batch {
    var startHead: LogHead
    var startSegmentCount: Int
    var startSize: Int
    var pending: [UInt8]?
    var buffer: [UInt8] = []
    var chain: SHA256.Digest
    var nextSeq: UInt64
    var wroteInCurrentSegment = false
  }

  init(directory: String, access: Access, manifest: LogManifest, segments: [Segment]) {
    self.directory = directory
    self.access = access
    self.manifest = manifest
    self.segments = segments
    self.head = .empty
    self.committedEnd = 0
  }

  deinit {
    writer?.fd.close()
    headFile?.close()
    lockFile?.close()
  }

  /// Opens the log in `directory`, recovering the head from the tail of the last segment.
  ///
  /// A writer moves an unfinished tail (a torn record or an uncommitted batch) to `quarantine/`
  /// and truncates it away; a reader just stops before it.
  /// - Parameters:
  ///   - directory: the log folder.
  ///   - access: `.read` or `.write(wait:)`.
  ///   - createIfMissing: create an empty log (writers only).
  ///   - segmentBytes: segment size for a new log.
  /// - Throws: `LogError` (not a log, unknown version, locked, damaged, or a failed system call).
  public static func open(
    directory: String, access: Access, createIfMissing: Bool = false,
    segmentBytes: Int = EventLog.defaultSegmentBytes
  ) throws(LogError) -> EventLog {
    let manifestPath = directory + "/manifest.json"
    if !FileSystem.exists(manifestPath) {
      guard createIfMissing, case .write = access else { throw .notALog(directory: directory) }
      // A folder that holds segments is a log whose identity was lost: never make up a new one.
      if FileSystem.isDirectory(directory) {
        let names = (try? FileSystem.list(directory)) ?? []
        if names.contains(where: {
          $0.hasPrefix(EventLog.segmentPrefix) && $0.hasSuffix(EventLog.segmentSuffix)
        }) {
          throw .manifestMissing(directory: directory)
        }
      }
      try system {
        try FileSystem.makeDirectory(directory)
        let bytes = Array(LogManifest(segmentBytes: segmentBytes).json.prettyText.utf8)
        try FileSystem.writeAtomically(bytes, to: manifestPath)
        try FileSystem.syncDirectory(FileSystem.directoryOf(directory))
      }
    }
    let manifestBytes = try system { () throws -> [UInt8] in
      let fd = try FileDescriptor.open(manifestPath, O_RDONLY)
      defer { fd.close() }
      return try fd.read(count: 4096, at: 0)
    }
    let manifest = try LogManifest.read(manifestBytes, path: manifestPath)
    let log = EventLog(directory: directory, access: access, manifest: manifest, segments: [])
    if case .write(let wait) = access {
      try log.lock(wait: wait)
      log.headFile = try system {
        try FileDescriptor.open(directory + "/head", O_RDWR | O_CREAT, mode: 0o644)
      }
      log.removeLeftoverTemporaryFiles()
    }
    // The witness first, then the files: a commit between the two can only put the files ahead.
    log.headWitness = log.readHeadWitness()
    log.segments = try log.listSegments()
    do {
      try log.recoverHead()
    } catch {
      if case .write = access, case .damaged(let damage) = error { throw .writeRefused(damage) }
      throw error
    }
    if case .write = access { try log.refuseToWriteOverLostRecords() }
    return log
  }

  /// Releases the writer lock and files; the log must not be used afterwards.
  public func close() {
    writer?.fd.close()
    writer = nil
    headFile?.close()
    headFile = nil
    lockFile?.close()
    lockFile = nil
  }

  // MARK: - Locking

  func lock(wait: Bool) throws(LogError) {
    let path = directory + "/lock"
    let fd = try system { try FileDescriptor.open(path, O_RDWR | O_CREAT, mode: 0o644) }
    let acquired = try system { try fd.lockExclusively(wait: wait) }
    guard acquired else {
      let holder = (try? fd.read(count: 256, at: 0)).map { String(decoding: $0, as: UTF8.self) } ?? ""
      fd.close()
      let trimmed = holder.trimmingSuffix { $0 == "\n" || $0 == " " }
      throw .locked(directory: directory, holder: trimmed.isEmpty ? "okänd process" : trimmed)
    }
    lockFile = fd
    let note = Array("pid \(getpid())\n".utf8)
    try? fd.truncate(to: 0)
    _ = try? fd.writeWhole(note, at: 0)
  }

  // MARK: - Segments

  static let segmentPrefix = "seg-"
  static let segmentSuffix = ".jsonl"

  static func segmentName(firstSeq: UInt64) -> String {
    let digits = String(firstSeq)
    return segmentPrefix + String(repeating: "0", count: max(0, 20 - digits.count)) + digits + segmentSuffix
  }

  func listSegments() throws(LogError) -> [Segment] {
    let names = try system { try FileSystem.list(directory) }
    var found: [Segment] = []
    for name in names where name.hasPrefix(EventLog.segmentPrefix) && name.hasSuffix(EventLog.segmentSuffix) {
      let digits = name.dropFirst(EventLog.segmentPrefix.count).dropLast(EventLog.segmentSuffix.count)
      guard digits.count == 20, let first = UInt64(digits) else { continue }
      found.append(Segment(firstSeq: first, path: directory + "/" + name))
    }
    return found.sorted { $0.firstSeq < $1.firstSeq }
  }

  // MARK: - Recovery

  /// Finds the last committed record; a writer quarantines and truncates whatever follows it.
  func recoverHead() throws(LogError) {
    let anchor = headWitness.head
    unfinishedRecords = 0
    while let last = segments.last {
      let file = try system { try MappedFile(path: last.path) }
      if let (end, parts, hash) = EventLog.lastCommit(in: file.bytes) {
        if end < file.bytes.count {
          try refuseToLoseCommitted(anchor: anchor, recoveredSeq: parts.seq, file: last.path, offset: end)
          unfinishedRecords += EventLog.countLines(UnsafeRawBufferPointer(rebasing: file.bytes[end...]))
          if case .write = access {
            try quarantine(tailOf: last.path, from: end, bytes: file.bytes)
          }
        }
        head = LogHead(seq: parts.seq, hash: hash)
        committedEnd = end
        return
      }
      // No commit in the whole segment: it belongs entirely to an unfinished batch.
      try refuseToLoseCommitted(anchor: anchor, recoveredSeq: last.firstSeq - 1, file: last.path, offset: 0)
      unfinishedRecords += EventLog.countLines(file.bytes)
      guard case .write = access else {
        segments.removeLast()
        continue
      }
      try quarantine(wholeSegment: last.path)
      segments.removeLast()
    }
    if let anchor, anchor.seq > 0 {
      throw .damaged(
        LogDamage(
          file: directory + "/head", byteOffset: 0, seq: anchor.seq,
          kind: .headFileAhead(headSeq: anchor.seq, logSeq: 0)))
    }
    head = .empty
    committedEnd = 0
  }

  /// An unfinished tail never reaches below the head file, which is written after each commit.
  func refuseToLoseCommitted(anchor: LogHead?, recoveredSeq: UInt64, file: String, offset: Int)
    throws(LogError)
  {
    guard let anchor, anchor.seq > recoveredSeq else { return }
    throw .damaged(
      LogDamage(
        file: file, byteOffset: offset, seq: recoveredSeq + 1,
        kind: .headFileAhead(headSeq: anchor.seq, logSeq: recoveredSeq)))
  }

  /// The end offset (after the newline) and parts of the last committed record in a segment.
  static func lastCommit(in bytes: UnsafeRawBufferPointer) -> (Int, RecordLine.Parts, SHA256.Digest)? {
    var end = bytes.count
    // A partial last line (no newline) is torn by definition.
    while end > 0 && bytes[end - 1] != 0x0A { end -= 1 }
    while end > 0 {
      let lineEnd = end - 1
      var start = lineEnd
      while start > 0 && bytes[start - 1] != 0x0A { start -= 1 }
      let line = UnsafeRawBufferPointer(rebasing: bytes[start..<lineEnd])
      if case .success(let parts) = RecordLine.parse(line), parts.commit,
        let hash = RecordLine.hash(in: line, at: parts.hashStart)
      {
        return (end, parts, hash)
      }
      end = start
    }
    return nil
  }

  func quarantine(tailOf path: String, from offset: Int, bytes: UnsafeRawBufferPointer) throws(LogError) {
    let folder = directory + "/quarantine"
    let name = FileSystem.baseName(path) + ".from-byte-\(offset)." + EventLog.uniqueSuffix()
    try system {
      try FileSystem.makeDirectory(folder)
      try FileSystem.writeAtomically(Array(bytes[offset...]), to: folder + "/" + name)
      try FileSystem.syncDirectory(directory)
      let fd = try FileDescriptor.open(path, O_WRONLY)
      defer { fd.close() }
      try fd.truncate(to: offset)
      try fd.sync()
    }
    quarantined.append(folder + "/" + name)
  }

  func quarantine(wholeSegment path: String) throws(LogError) {
    let folder = directory + "/quarantine"
    let target = folder + "/" + FileSystem.baseName(path) + "." + EventLog.uniqueSuffix()
    try system {
      try FileSystem.makeDirectory(folder)
      try FileSystem.rename(path, target)
      try FileSystem.syncDirectory(folder)
      try FileSystem.syncDirectory(directory)
    }
    quarantined.append(target)
  }

  static func uniqueSuffix() -> String {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return "\(now.tv_sec)-\(getpid())"
  }

  // MARK: - Head file

  static let headFileSize = 160

  /// The head file as it is now: absent, a head, unreadable, or of a version this code does not know.
  func readHeadWitness() -> HeadWitness {
    let path = directory + "/head"
    let fd: FileDescriptor
    do {
      fd = try FileDescriptor.open(path, O_RDONLY)
    } catch {
      return error.errno == ENOENT ? .absent : .unreadable("\(error)")
    }
    defer { fd.close() }
    let bytes: [UInt8]
    do {
      bytes = try fd.read(count: EventLog.headFileSize + 1, at: 0)
    } catch {
      return .unreadable("\(error)")
    }
    return HeadWitness.parse(bytes)
  }

  /// The head as last written after a commit, or nil when absent or unreadable.
  func readHeadFile() -> LogHead? {
    readHeadWitness().head
  }

  /// Overwrites the fixed-size head file in place: one small write, so it is old or new, never mixed.
  func writeHeadFile() throws(LogError) {
    let value: JSONValue = [
      "format": "liggare-head", "version": 1, "seq": .number(Double(head.seq)),
      "hash": .string(head.hash.hex),
    ]
    var bytes = Array(value.canonicalText.utf8)
    bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: EventLog.headFileSize - 1 - bytes.count))
    bytes.append(0x0A)
    guard let fd = headFile else { throw .readOnly(directory: directory) }
    try system { try fd.writeWhole(bytes, at: 0) }
  }

  /// Lines (records) in `bytes`, a torn last line counted as one.
  static func countLines(_ bytes: UnsafeRawBufferPointer) -> Int {
    guard !bytes.isEmpty else { return 0 }
    var count = 0
    var offset = 0
    while let newline = indexOfNewline(in: bytes, from: offset) {
      count += 1
      offset = newline + 1
    }
    return count + (offset < bytes.count ? 1 : 0)
  }
}

/// Runs a system-call block, wrapping its error for the log's callers.
@inline(__always)
func system<T>(_ body: () throws -> T) throws(LogError) -> T {
  do {
    return try body()
  } catch let error as SystemCallError {
    throw .system(error)
  } catch let error as LogError {
    throw error
  } catch {
    throw .system(SystemCallError(call: "\(error)", path: "", errno: 0))
  }
}

extension FileSystem {
  static func baseName(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }
}

extension String {
  func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
    var s = Substring(self)
    while let last = s.last, predicate(last) { s = s.dropLast() }
    return String(s)
  }
}
