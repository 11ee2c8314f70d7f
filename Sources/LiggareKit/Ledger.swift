import Dispatch
import Foundation
public import LiggareBasics
public import LiggareDomain
public import LiggareStorage

/// The event log with its meaning: events decoded into a `Chronicle`, every append checked by the
/// `Rulebook`, personal data routed to the `PersonRegister`.
///
/// A `final class` because it owns an open log (and, for writers, its lock).
public final class Ledger {
  public let directory: String
  public let log: EventLog
  /// The folded log; after a rejected or dry-run append it is refolded on next use.
  var current: Chronicle
  /// Set when `current` holds staged events that were not appended.
  var needsReload = false
  /// Read on first use: views of units and the city need no names, and the register of a large
  /// city is tens of MB of JSON.
  var loadedRegister: PersonRegister?
  public let clock: LedgerClock
  /// Who is logging, for events that do not name an actor.
  public let actor: String
  /// Content fingerprints by seq, built on first need (a re-sent id).
  var fingerprints: [Int]?
  /// When false, names from appends are kept in memory until `saveRegister()` (bulk loads such as
  /// the demo; a crash before it loses only names, which then show as keys).
  public var savesRegisterAfterEachAppend = true
  var registerIsDirty = false

  /// The seq of the checkpoint the cache holds for this log (0: none).
  public internal(set) var loadedFromCheckpoint: UInt64 = 0
  /// The seq the chronicle was read from the cache at when opened (0: replayed from the log).
  public internal(set) var startedFromCheckpoint: UInt64 = 0

  init(directory: String, log: EventLog, clock: LedgerClock, actor: String) {
    self.directory = directory
    self.log = log
    self.current = Chronicle()
    self.clock = clock
    self.actor = actor
  }

  /// Opens the ledger in `directory` and folds the log into a chronicle (from the checkpoint cache
  /// when it matches the log).
  ///
  /// - Parameters:
  ///   - directory: the log folder.
  ///   - access: `.read`, or `.write(wait:)` to append.
  ///   - createIfMissing: create an empty log (writers).
  ///   - clock: where "now" comes from.
  ///   - actor: default actor; nil means the OS user.
  ///   - useCheckpoints: read and refresh the checkpoint cache.
  /// - Throws: `LedgerError`.
  public static func open(
    directory: String, access: EventLog.Access, createIfMissing: Bool = false, clock: LedgerClock = .system,
    actor: String? = nil, useCheckpoints: Bool = true
  ) throws(LedgerError) -> Ledger {
    let log: EventLog
    do {
      log = try EventLog.open(directory: directory, access: access, createIfMissing: createIfMissing)
    } catch {
      throw .log(error)
    }
    let ledger = Ledger(
      directory: directory, log: log, clock: clock,
      actor: actor ?? OperatingSystemUser.name)
    try ledger.load(useCheckpoints: useCheckpoints)
    return ledger
  }

  /// The log folded into a chronicle: every committed event, nothing staged.
  public var chronicle: Chronicle {
    if needsReload { try? load(useCheckpoints: true) }
    return current
  }

  /// The person register, read on first use.
  ///
  /// - Throws: `LedgerError.register` for an unreadable register or an unknown format version.
  public func personRegister() throws(LedgerError) -> PersonRegister {
    if let loadedRegister { return loadedRegister }
    let register = try PersonRegister.load(path: directory + "/personregister.json")
    loadedRegister = register
    return register
  }

  /// The person register, or an empty one if it cannot be read (views then show keys).
  public var register: PersonRegister {
    (try? personRegister()) ?? PersonRegister.empty(path: directory + "/personregister.json")
  }

  /// Writes the person register if names were added since it was last written.
  ///
  /// - Throws: `LedgerError.register` if it cannot be written.
  public func saveRegister() throws(LedgerError) {
    guard registerIsDirty, let loadedRegister else { return }
    try loadedRegister.save()
    registerIsDirty = false
  }

  /// Saves the checkpoint cache if the log has grown since it was last saved or loaded (after a
  /// large import, so the next command starts from it).
  public func saveCheckpoint() {
    guard current.lastSeq > loadedFromCheckpoint, !needsReload else { return }
    CheckpointCache(directory: directory).store(current, head: log.head)
    loadedFromCheckpoint = current.lastSeq
  }

  /// Folds the log into the chronicle, starting from a checkpoint when one matches.
  func load(useCheckpoints: Bool) throws(LedgerError) {
    var start = Chronicle()
    let cache = CheckpointCache(directory: directory)
    if useCheckpoints, let cached = cache.load(matching: log) {
      start = cached
      loadedFromCheckpoint = cached.lastSeq
      startedFromCheckpoint = cached.lastSeq
    }
    current = try Ledger.fold(log, onto: start)
    needsReload = false
    if useCheckpoints && current.lastSeq >= loadedFromCheckpoint + CheckpointCache.refreshAfter {
      cache.store(current, head: log.head)
      loadedFromCheckpoint = current.lastSeq
    }
  }

  /// Folds the records after `chronicle.lastSeq` into it.
  ///
  /// Two threads: one reads, checks and decodes records in chunks and keeps their ids, the other
  /// folds them, so both cores work. The ids are not hashed here: views never look events up by
  /// id, and the append path indexes them when it needs to (`Chronicle.indexEventIDs()`).
  static func fold(_ log: EventLog, onto chronicle: Chronicle) throws(LedgerError) -> Chronicle {
    var chronicle = chronicle
    guard log.head.seq > chronicle.lastSeq else { return chronicle }
    let additional = Int(log.head.seq - chronicle.lastSeq)
    // One reservation for a long replay (the id table too, before it goes to the reading thread);
    // a few events more keep the arrays' own growth.
    if additional >= 4096 { chronicle.reserveCapacity(forAdditionalEvents: additional) }
    let queue = BlockingQueue<[Event]>(capacity: 8)
    let reader = UncheckedBox((log, chronicle.lastSeq + 1, chronicle.detachEventIDs()))
    let failure = UncheckedBox<LedgerError?>(nil)
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      defer {
        queue.close()
        done.signal()
      }
      var chunk: [Event] = []
      chunk.reserveCapacity(4096)
      do {
        try reader.value.0.forEachRecord(from: reader.value.1) { record in
          let body = UnsafeRawBufferPointer(rebasing: record.line[..<record.bodyEnd])
          let event: Event
          do {
            event = try EventCodec.decodeRecord(body, seq: record.seq)
          } catch let error as EventDecodingError {
            failure.value = .corruptRecord(seq: record.seq, error: error)
            throw error
          }
          reader.value.2.appendWithoutIndexing(event.id)
          chunk.append(event)
          if chunk.count == 4096 {
            queue.put(chunk)
            chunk.removeAll(keepingCapacity: true)
          }
        }
        if !chunk.isEmpty { queue.put(chunk) }
      } catch {
        if failure.value == nil {
          if let logError = error as? LogError {
            failure.value = .log(logError)
          } else {
            failure.value = .io(path: reader.value.0.directory, reason: "\(error)")
          }
        }
      }
    }
    thread.stackSize = 8 << 20
    thread.start()
    while let events = queue.take() {
      for event in events { chronicle.recordDetached(event) }
    }
    done.wait()
    if let error = failure.value { throw error }
    chronicle.attachEventIDs(reader.value.2)
    return chronicle
  }

  /// The state as of `date` as known at `knownAt` (nil: everything in the log).
  public func state(asOf date: CivilDate, knownAt: Timestamp? = nil) -> CityState {
    let seq = knownAt.map { chronicle.lastSeq(knownAt: $0) } ?? chronicle.lastSeq
    return CityState(chronicle: chronicle, position: .endOf(date), knownAtSeq: seq)
  }

  /// The chain hash of the record at `seq` (the empty log's zero hash for 0).
  ///
  /// - Throws: `LedgerError.log` if the record cannot be read.
  public func recordHash(atSeq seq: UInt64) throws(LedgerError) -> SHA256.Digest {
    guard seq > 0 else { return .zero }
    if seq == log.head.seq { return log.head.hash }
    var found = SHA256.Digest.zero
    do {
      try log.forEachRecord(from: seq, through: seq) { found = $0.hash }
    } catch {
      if let logError = error as? LogError { throw .log(logError) }
      throw .io(path: directory, reason: "\(error)")
    }
    return found
  }

  /// Today's date in Stockholm, by the injected clock.
  public var today: CivilDate { clock.now().stockholmDate }
}
