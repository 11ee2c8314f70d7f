import LiggareBasics
import LiggareDomain
import LiggareStorage
import LiggareSystem

#if canImport(Glibc)
  import Glibc
#endif

/// A rebuildable cache of the folded chronicle beside the log (`cache/chronicle.checkpoint`),
/// keyed by the log head it was built from and the code that built it.
///
/// One snapshot is enough: the chronicle is bitemporal, so it answers every (as-of, known-at)
/// question up to its seq without replaying. A cache that does not match the log (another head
/// hash at its seq, a later seq, other code, a bad checksum) is ignored, never trusted; deleting
/// it changes no answer, only the time to the first answer.
struct CheckpointCache {
  static let formatName = "liggare-checkpoint"
  static let formatVersion = 5
  /// Rewrite the cache when the log has grown by at least this many events since it was built.
  static let refreshAfter: UInt64 = 1000

  let directory: String
  var path: String { directory + "/cache/chronicle.checkpoint" }

  /// The running executable's identity (size and modification time): raw memory in the cache is
  /// laid out by this code, so another build must not read it.
  static let codeVersion: String = {
    guard let st = FileSystem.status("/proc/self/exe") else { return "okänd" }
    return "\(formatVersion)-\(st.st_size)-\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
  }()

  /// The cached chronicle if it matches `log`; nil otherwise.
  func load(matching log: EventLog) -> Chronicle? {
    guard let mapped = try? MappedFile(path: path, populate: true) else { return nil }
    let raw = mapped.bytes
    guard let newline = raw.firstIndex(of: 0x0A), newline < 1024,
      let header = try? JSONValue.parse(Array(raw[..<newline])),
      header["format"]?.stringValue == CheckpointCache.formatName,
      header["version"]?.numberValue == Double(CheckpointCache.formatVersion),
      header["code"]?.stringValue == CheckpointCache.codeVersion,
      let seqValue = header["seq"]?.numberValue, let hash = header["hash"]?.stringValue,
      let sumText = header["checksum"]?.stringValue, let sum = UInt64(sumText, radix: 16)
    else { return nil }
    let seq = UInt64(seqValue)
    guard seq > 0, seq <= log.head.seq, hash == CheckpointCache.hash(of: log, atSeq: seq)?.hex else {
      return nil
    }
    let payload = UnsafeRawBufferPointer(rebasing: raw[(newline + 1)...])
    // The chronicle keeps the mapping alive and reads event locators and ids from it on demand.
    // Checked on both cores, before any of it is read as a chronicle.
    guard PiecewiseChecksum.of(payload) == sum,
      let chronicle = Chronicle(checkpointBytes: payload, keepingAlive: mapped), chronicle.lastSeq == seq
    else { return nil }
    return chronicle
  }

  static func hash(of log: EventLog, atSeq seq: UInt64) -> SHA256.Digest? {
    if seq == log.head.seq { return log.head.hash }
    return (try? log.withRecord(atSeq: seq) { $0.hash }) ?? nil
  }

  /// Writes the cache atomically (temporary file and rename). A failure loses only the cache, so it
  /// is returned for a line on standard error, never thrown.
  ///
  /// The chronicle is streamed twice, once for the checksum the header states and once to the
  /// file, rather than serialised into one buffer of hundreds of MB. The file is renamed into place
  /// without an fsync on purpose: after a crash it may be missing, empty or torn, and `load`
  /// refuses any file whose header (seq and chain hash) or checksum over the whole content does not
  /// match, so the worst a crash can do is cost one full replay. See docs/storage.md.
  /// - Returns: nil when stored (or nothing to store), else why not, in Swedish.
  @discardableResult
  func store(_ chronicle: Chronicle, head: LogHead) -> String? {
    guard chronicle.lastSeq == head.seq, head.seq > 0 else { return nil }
    // Replay leaves the ids unindexed; every later append would index them all again (a third of
    // a second at city scale), so the stored checkpoint carries the whole index, built once here.
    var chronicle = chronicle
    chronicle.indexEventIDs()
    var sum = PiecewiseChecksum()
    chronicle.writeCheckpoint { sum.update($0) }
    let header: JSONValue = [
      "format": .string(CheckpointCache.formatName),
      "version": .number(Double(CheckpointCache.formatVersion)),
      "code": .string(CheckpointCache.codeVersion), "seq": .number(Double(head.seq)),
      "hash": .string(head.hash.hex),
      "checksum": .string(String(sum.finalize(), radix: 16)),
    ]
    var headerBytes = Array(header.canonicalText.utf8)
    headerBytes.append(0x0A)
    try? FileSystem.makeDirectory(directory + "/cache")
    do throws(SystemCallError) {
      // A temporary file per process: a reader that finds a live one leaves it (HeadWitness).
      try FileSystem.writeAtomically(
        to: path, temporary: path + ".\(getpid()).tmp", durable: false
      ) { fd throws(SystemCallError) in
        try fd.writeAll(headerBytes)
        var failure: SystemCallError?
        chronicle.writeCheckpoint { piece in
          guard failure == nil else { return }
          do throws(SystemCallError) {
            try fd.writeAll(piece)
          } catch {
            failure = error
          }
        }
        if let failure { throw failure }
      }
    } catch {
      return
        "varning: checkpointen (en cache) kunde inte sparas, nästa kommando läser om hela loggen: \(error)"
    }
    return nil
  }
}
