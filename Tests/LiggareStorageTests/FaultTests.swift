import Foundation
import LiggareBasics
import Testing

@testable import LiggareStorage

/// Issue 10: what the log does under faults on its files. Each test reproduces a defect found by
/// the fault hunt (the item number is in the name) and fails on the code before the fix.
@Suite struct FaultTests {
  static func makeLog(_ tmp: TemporaryDirectory, records: Int = 49, segmentBytes: Int = 64 << 20) throws
    -> String
  {
    let dir = tmp.path + "/log"
    let log = try EventLog.open(
      directory: dir, access: .write(wait: false), createIfMissing: true, segmentBytes: segmentBytes)
    // Batches of ten, so a small segment size rolls segments.
    for start in stride(from: 1, through: records, by: 10) {
      try log.append((start...min(records, start + 9)).map { EventLogTests.body($0, "före") })
    }
    log.close()
    return dir
  }

  static func segment(_ dir: String, _ first: UInt64 = 1) -> String {
    dir + "/" + EventLog.segmentName(firstSeq: first)
  }

  static func expectWriteRefused(_ dir: String, _ comment: Comment) {
    do {
      let log = try EventLog.open(directory: dir, access: .write(wait: false), createIfMissing: true)
      log.close()
      Issue.record("a writer opened a log that lost committed records: \(comment)")
    } catch {
      guard case .writeRefused = error else {
        Issue.record("expected writeRefused, got \(error): \(comment)")
        return
      }
      #expect("\(error)".contains("Återställ"), comment)
    }
  }

  /// Item 1: a committed batch cut away at a record boundary must not be written over.
  @Test func item1_aWriterRefusesALogCutBackBelowItsHeadFile() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = try Self.makeLog(tmp)
    let endOf49 = TemporaryDirectory.read(Self.segment(dir)).count
    let log = try EventLog.open(directory: dir, access: .write(wait: false))
    try log.append((50...54).map { EventLogTests.body($0) })
    log.close()
    let bytes = TemporaryDirectory.read(Self.segment(dir))
    TemporaryDirectory.write(Array(bytes[..<endOf49]), to: Self.segment(dir))
    Self.expectWriteRefused(dir, "cut back to seq 49")
    // Nothing was appended over the gap, and verify still sees it.
    #expect(TemporaryDirectory.read(Self.segment(dir)).count == endOf49)
    let reader = try EventLog.open(directory: dir, access: .read)
    #expect(try reader.verify().damage?.kind == .headFileAhead(headSeq: 54, logSeq: 49))
  }

  @Test func item1_aWriterRefusesAHeadFileWithAFlippedHashOrASeqBeyondTheFiles() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = try Self.makeLog(tmp)
    let original = TemporaryDirectory.read(dir + "/head")
    let text = String(decoding: original, as: UTF8.self)
    let hashStart = try #require(text.range(of: "\"hash\":\"")).upperBound
    var flipped = text
    let c = text[hashStart]
    flipped.replaceSubrange(hashStart...hashStart, with: c == "0" ? "1" : "0")
    TemporaryDirectory.write(Array(flipped.utf8), to: dir + "/head")
    Self.expectWriteRefused(dir, "flipped hash")
    #expect(TemporaryDirectory.read(dir + "/head") == Array(flipped.utf8), "the damage was overwritten")

    let beyond = text.replacingOccurrences(of: "\"seq\":49", with: "\"seq\":99")
    TemporaryDirectory.write(Array(beyond.utf8), to: dir + "/head")
    Self.expectWriteRefused(dir, "seq beyond the files")
  }

  @Test func item1_aWriterRefusesAMissingSegmentOfACommittedBatch() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = try Self.makeLog(tmp, records: 120, segmentBytes: 4096)
    let segments = TemporaryDirectory.files(in: dir).filter { $0.hasPrefix("seg-") }
    try #require(segments.count >= 4)
    let middle = tmp.copy(dir, to: "middle")
    try FileManager.default.removeItem(atPath: middle + "/" + segments[1])
    Self.expectWriteRefused(middle, "middle segment missing")
    let last = tmp.copy(dir, to: "last")
    try FileManager.default.removeItem(atPath: last + "/" + segments[segments.count - 1])
    Self.expectWriteRefused(last, "last segment missing")
    let first = tmp.copy(dir, to: "first")
    try FileManager.default.removeItem(atPath: first + "/" + segments[0])
    Self.expectWriteRefused(first, "first segment missing")
  }

  /// A crash between a commit and the head file's rewrite leaves the head behind: that is normal.
  @Test func item1_aHeadFileBehindTheLogWithTheRightHashIsAccepted() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = try Self.makeLog(tmp)
    let behind = TemporaryDirectory.read(dir + "/head")
    let log = try EventLog.open(directory: dir, access: .write(wait: false))
    try log.append((50...54).map { EventLogTests.body($0) })
    log.close()
    TemporaryDirectory.write(behind, to: dir + "/head")
    let reopened = try EventLog.open(directory: dir, access: .write(wait: false))
    #expect(reopened.head.seq == 54)
    #expect(try reopened.append([EventLogTests.body(55)]).seq == 55)
    #expect(try reopened.verify().damage == nil)
  }

  /// Item 3: a head file that cannot be written stops the writer before it appends, not after.
  @Test func item3_aHeadPathThatIsAFolderStopsTheWriterBeforeItAppends() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = try Self.makeLog(tmp)
    try FileManager.default.removeItem(atPath: dir + "/head")
    try FileManager.default.createDirectory(atPath: dir + "/head", withIntermediateDirectories: false)
    let before = TemporaryDirectory.read(Self.segment(dir))
    do {
      let log = try EventLog.open(directory: dir, access: .write(wait: false))
      try log.append([EventLogTests.body(50)])
      Issue.record("appended although the head file cannot be written")
    } catch {}
    #expect(TemporaryDirectory.read(Self.segment(dir)) == before)
  }

  /// Item 4: an unfinished batch is not damage; verify stops at the last commit and counts it.
  @Test func item4_verifyDuringAnUnfinishedBatchFindsNoDamage() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = try Self.makeLog(tmp, records: 3, segmentBytes: 4096)
    let writer = try EventLog.open(directory: dir, access: .write(wait: false))
    try writer.beginBatch()
    for n in 0..<100 { try writer.add(EventLogTests.body(n, String(repeating: "x", count: 40))) }
    var batch = writer.batch!
    try writer.flush(&batch)
    writer.batch = batch
    let reader = try EventLog.open(directory: dir, access: .read)
    let result = try reader.verify()
    #expect(result.damage == nil)
    #expect(result.head.seq == 3)
    #expect(result.unfinishedRecords == 99)
    try writer.abandonBatch()
  }

  /// Item 4: a commit that lands while verify runs (the head file rewritten after the reader
  /// opened) is not "head file ahead of the log".
  @Test func item4_aCommitDuringVerifyIsNoFalseAlarm() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = try Self.makeLog(tmp, records: 5)
    let reader = try EventLog.open(directory: dir, access: .read)
    let writer = try EventLog.open(directory: dir, access: .write(wait: false))
    try writer.append([EventLogTests.body(6)])
    let result = try reader.verify()
    #expect(result.damage == nil, "\(String(describing: result.damage))")
    #expect(result.head.seq == 5)
  }

  /// Item 5: no number in manifest.json may crash the program.
  @Test(arguments: [
    "1e30", "9223372036854775807", "12345678901234567890123", "-1", "4096.5", "1e400", "\"x\"",
  ])
  func item5_anOutOfRangeSegmentSizeIsRefusedNotACrash(_ number: String) throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = try Self.makeLog(tmp, records: 2)
    let manifest = #"{"format":"liggare-event-log","version":1,"segmentBytes":\#(number)}"#
    TemporaryDirectory.write(Array(manifest.utf8), to: dir + "/manifest.json")
    do {
      _ = try EventLog.open(directory: dir, access: .read)
      Issue.record("segmentBytes \(number) accepted")
    } catch {
      guard case .unsupportedVersion = error else {
        Issue.record("\(error)")
        return
      }
      #expect("\(error)".contains("segmentBytes") || "\(error)".contains("manifest"))
    }
  }

  /// Item 6: an unknown head version is refused, garbage is reported, a missing head is a warning.
  @Test func item6_theHeadFileIsCheckedByVerifyAndWriters() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = try Self.makeLog(tmp, records: 3)
    let text = String(decoding: TemporaryDirectory.read(dir + "/head"), as: UTF8.self)

    let v2 = tmp.copy(dir, to: "v2")
    TemporaryDirectory.write(
      Array(text.replacingOccurrences(of: "\"version\":1", with: "\"version\":2").utf8), to: v2 + "/head")
    #expect(throws: LogError.self) { try EventLog.open(directory: v2, access: .read).verify() }
    #expect(throws: LogError.self) { try EventLog.open(directory: v2, access: .write(wait: false)) }

    let garbage = tmp.copy(dir, to: "garbage")
    TemporaryDirectory.write(Array("nonsens".utf8), to: garbage + "/head")
    guard
      case .headFileUnreadable? = try EventLog.open(directory: garbage, access: .read).verify().damage?.kind
    else {
      Issue.record("garbage head not reported")
      return
    }
    Self.expectWriteRefused(garbage, "garbage head")

    let missing = tmp.copy(dir, to: "missing")
    try FileManager.default.removeItem(atPath: missing + "/head")
    let result = try EventLog.open(directory: missing, access: .read).verify()
    #expect(result.damage == nil)
    #expect(result.warnings.contains { $0.contains("head") && $0.contains("saknas") })
    let writer = try EventLog.open(directory: missing, access: .write(wait: false))
    #expect(writer.warnings.contains { $0.contains("saknas") })
  }

  /// Item 7: a writer never re-creates the identity of a log that has segments.
  @Test func item7_aWriterDoesNotRecreateTheManifestOfALogWithSegments() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = try Self.makeLog(tmp, records: 3)
    try FileManager.default.removeItem(atPath: dir + "/manifest.json")
    #expect(throws: LogError.manifestMissing(directory: dir)) {
      try EventLog.open(directory: dir, access: .write(wait: false), createIfMissing: true)
    }
    #expect(!FileManager.default.fileExists(atPath: dir + "/manifest.json"))
  }

  /// Item 9: temporary files left by killed writers are removed by the next writer.
  @Test func item9_leftoverTemporaryFilesAreCleanedOnWriterOpen() throws {
    let tmp = TemporaryDirectory()
    defer { tmp.remove() }
    let dir = try Self.makeLog(tmp, records: 3)
    try FileManager.default.createDirectory(atPath: dir + "/cache", withIntermediateDirectories: true)
    let leftovers = [
      dir + "/personregister.json.tmp", dir + "/cache/chronicle.checkpoint.999999999.tmp",
      dir + "/manifest.json.tmp",
    ]
    for path in leftovers { TemporaryDirectory.write(Array("x".utf8), to: path) }
    let live = dir + "/cache/chronicle.checkpoint.\(getpid()).tmp"
    TemporaryDirectory.write(Array("x".utf8), to: live)
    let writer = try EventLog.open(directory: dir, access: .write(wait: false))
    for path in leftovers { #expect(!FileManager.default.fileExists(atPath: path), "\(path)") }
    #expect(FileManager.default.fileExists(atPath: live), "a live process's temporary file was removed")
    #expect(writer.warnings.count == leftovers.count)
  }
}
