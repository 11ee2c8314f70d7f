import LiggareBasics
import LiggareSystem

#if canImport(Glibc)
  import Glibc
#endif

/// The `head` file as found: the log's witness of its last commit, written after each commit.
///
/// The files alone cannot tell a log cut back at a record boundary from a shorter log; the head
/// file can, so a writer refuses to go on when it says more was committed than the files hold.
public enum HeadWitness: Sendable, Hashable {
  /// No head file, or an empty one (a log that has not committed since the writer created it).
  case absent
  /// The head as written after the last commit the file saw.
  case head(LogHead)
  /// Present but not a head file (garbage, a wrong field, cannot be read): why, in Swedish.
  case unreadable(String)
  /// A head file of a format version this code does not know.
  case unsupportedVersion(String)

  /// The head, when the file holds one.
  public var head: LogHead? {
    if case .head(let head) = self { return head }
    return nil
  }

  /// The largest seq a head file may name (exact in a JSON number).
  static let maxSeq: Double = 9_007_199_254_740_992

  /// Reads the file's bytes: `{"format":"liggare-head","hash":…,"seq":…,"version":1}`, padded.
  static func parse(_ bytes: [UInt8]) -> HeadWitness {
    if bytes.isEmpty { return .absent }
    guard bytes.count <= EventLog.headFileSize else {
      return .unreadable("filen är längre än \(EventLog.headFileSize) byte")
    }
    guard let value = try? JSONValue.parse(bytes) else { return .unreadable("filen är inte JSON") }
    guard value["format"]?.stringValue == "liggare-head" else {
      return .unreadable("fältet format är inte \"liggare-head\"")
    }
    guard let version = value["version"] else { return .unsupportedVersion("saknas") }
    guard version.numberValue == 1 else { return .unsupportedVersion(version.canonicalText) }
    guard let seq = value["seq"]?.numberValue, seq >= 0, seq <= maxSeq, seq == seq.rounded(.towardZero)
    else { return .unreadable("fältet seq är inget heltal mellan 0 och 2^53") }
    guard let hashText = value["hash"]?.stringValue, hashText.utf8.count == 64,
      let hash = SHA256.Digest(hex: Array(hashText.utf8))
    else { return .unreadable("fältet hash är inte 64 hexadecimala tecken") }
    return .head(LogHead(seq: UInt64(seq), hash: hash))
  }
}

extension EventLog {
  /// A writer's checks before its first append: the segments follow one another without a gap,
  /// and the head file names no commit the files do not hold. Appending over lost records would
  /// hide the loss for good (the next `verify` would pass), so the writer refuses instead.
  func refuseToWriteOverLostRecords() throws(LogError) {
    if let first = segments.first, first.firstSeq != 1 {
      throw .writeRefused(
        LogDamage(
          file: first.path, byteOffset: 0, seq: 1, kind: .segmentGap(lastSeq: 0, nextFirstSeq: first.firstSeq)
        ))
    }
    for index in segments.indices.dropLast() {
      let next = segments[index + 1]
      guard let last = lastRecordSeq(in: index) else {
        throw .writeRefused(
          LogDamage(
            file: segments[index].path, byteOffset: 0, seq: next.firstSeq - 1,
            kind: .malformedRecord("sista posten i ett stängt segment går inte att läsa")))
      }
      if last + 1 != next.firstSeq {
        throw .writeRefused(
          LogDamage(
            file: next.path, byteOffset: 0, seq: last + 1,
            kind: .segmentGap(lastSeq: last, nextFirstSeq: next.firstSeq)))
      }
    }
    let headPath = directory + "/head"
    switch headWitness {
    case .absent:
      if head.seq > 0 {
        warnings.append(
          "varning: filen \(headPath) saknas; loggens slut kan inte kontrolleras mot den. "
            + "Den skrivs om efter nästa fullbordade sats.")
      }
    case .unreadable(let why):
      throw .writeRefused(
        LogDamage(file: headPath, byteOffset: 0, seq: head.seq, kind: .headFileUnreadable(why)))
    case .unsupportedVersion(let version):
      throw .unsupportedVersion(file: headPath, version: version)
    case .head(let anchor):
      if anchor.seq > head.seq {
        throw .writeRefused(
          LogDamage(
            file: headPath, byteOffset: 0, seq: anchor.seq,
            kind: .headFileAhead(headSeq: anchor.seq, logSeq: head.seq)))
      }
      guard anchor.seq > 0 else { return }
      var recorded: SHA256.Digest?
      if anchor.seq == head.seq {
        recorded = head.hash
      } else {
        // A crash between a commit and the head file's rewrite leaves it behind: check its record.
        try? forEachRecord(from: anchor.seq, through: anchor.seq) { recorded = $0.hash }
      }
      if recorded != anchor.hash {
        throw .writeRefused(
          LogDamage(
            file: headPath, byteOffset: 0, seq: anchor.seq, kind: .headFileHashMismatch(seq: anchor.seq)))
      }
    }
  }

  /// The seq of the last record of segment `index` (nil when its last line cannot be read).
  func lastRecordSeq(in index: Int) -> UInt64? {
    guard let file = try? MappedFile(path: segments[index].path), file.bytes.count > 1 else { return nil }
    let bytes = file.bytes
    guard bytes[bytes.count - 1] == 0x0A else { return nil }
    var start = bytes.count - 1
    while start > 0 && bytes[start - 1] != 0x0A { start -= 1 }
    let line = UnsafeRawBufferPointer(rebasing: bytes[start..<(bytes.count - 1)])
    guard case .success(let parts) = RecordLine.parse(line) else { return nil }
    return parts.seq
  }

  /// Removes what killed writers left behind: `*.tmp` files in the log folder, `cache/` and
  /// `quarantine/` (never a segment, never the register itself). Said as a warning.
  func removeLeftoverTemporaryFiles() {
    for folder in [directory, directory + "/cache", directory + "/quarantine"] {
      guard let names = try? FileSystem.list(folder) else { continue }
      for name in names where name.hasSuffix(".tmp") {
        let path = folder + "/" + name
        // A reader may be writing the checkpoint cache as `<name>.<pid>.tmp`: leave a live one.
        let parts = name.split(separator: ".")
        if parts.count >= 3, let pid = Int32(parts[parts.count - 2]), SystemProcess.isRunning(pid) {
          continue
        }
        guard !FileSystem.isDirectory(path), (try? FileSystem.remove(path)) != nil else { continue }
        warnings.append("städade bort en kvarlämnad temporär fil från en avbruten skrivning: \(path)")
      }
    }
  }
}
