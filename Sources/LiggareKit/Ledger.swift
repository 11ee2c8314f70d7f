import Foundation
public import LiggareBasics
public import LiggareDomain
public import LiggareStorage

/// The event log with its meaning: events decoded into a `Chronicle`, every append checked by the
/// `Rulebook`, personal data routed to the `PersonRegister`.
///
/// The ledger always holds a committed `snapshot`; changes go through a `LedgerTransaction` that is
/// committed (a new snapshot) or abandoned (nothing changes). A ledger opened for reading may be
/// kept open: `refresh()` folds in what other processes appended, and a transaction takes the
/// writer lock for its own duration. Not thread-safe itself: one thread (or a lock) drives it, and
/// other threads read the snapshots it hands out.
///
/// A `final class` because it owns an open log (and, for writers, its lock).
public final class Ledger {
  /// How a ledger gets the writer lock.
  enum Writing {
    /// Opened for writing: the lock is held for the ledger's life.
    case holdsLock
    /// Opened for reading: each transaction takes the lock, waiting at most `lockWait` seconds.
    case perTransaction
  }

  public let directory: String
  /// The log as last opened: a writer's for the ledger's life, or a reader's, reopened when the
  /// head moves.
  public internal(set) var log: EventLog
  let writing: Writing
  /// The committed state readers hold.
  public internal(set) var snapshot: LedgerSnapshot
  /// A chronicle at an earlier committed head that only this ledger refers to (once readers of the
  /// snapshot it came from are done), caught up and reused by the next transaction so that a
  /// change does not copy the whole chronicle. Nil until `prepareSpare()` or a commit.
  var spare: Chronicle?
  /// The events of the last commit, in seq order, when it was a small batch: they bring `spare`
  /// (the chronicle before that commit) up to the head without reading the log again (finding the
  /// records in the last segment parses it from its start).
  var committedSinceSpare: [Event] = []
  /// The register as read while the ledger opened (`open(…, readingRegisterAlongside: true)`),
  /// taken by the first `personRegister()`.
  var registerReadAlongside: Result<PersonRegister, LedgerError>?
  /// How many events a commit keeps for `committedSinceSpare` at most.
  static let catchUpLimit = 10_000
  /// How many times the spare chronicle had to be caught up by reading the log (a test watches
  /// that small commits, streamed or not, never need it).
  public internal(set) var spareCaughtUpFromLog = 0
  /// Read on first use: views of units and the city need no names, and the register of a large
  /// city is tens of MB of JSON.
  var loadedRegister: PersonRegister? {
    didSet { registerVersion &+= 1 }
  }
  /// Changes whenever the register held in memory changes (read again, names added, forgotten), so
  /// a server can tell when to rebuild what it derives from it.
  public private(set) var registerVersion = 0
  /// Names committed to the log but not yet written to the register file (bulk loads).
  var unsavedPeople: [String: PersonalData] = [:]
  /// Names committed with their events but not yet in the saved register: the journal
  /// (`personregister.pending`) holds them until the register is written.
  var journalled: [PendingNames.Entry] = []
  /// Said on standard error by the caller: things that did not stop the operation (a register or
  /// checkpoint that could not be written after a commit, files cleaned up, a missing head file).
  public internal(set) var warnings: [String] = []
  /// Where a test may stop the world (copy the folder, as a `kill -9` at that instant would leave
  /// it): after the names are journalled and before the commit, and right after the commit.
  enum FaultPoint { case beforeCommit, afterCommit }
  var faultPointForTesting: ((FaultPoint) -> Void)?
  /// Lost names filled in from re-sent `PersonRegistered` events (see `restoreLostNames`).
  public internal(set) var namesRestored = 0
  public let clock: LedgerClock
  /// Who is logging, for events that do not name an actor.
  public let actor: String
  /// The content fingerprint re-sent ids are first compared by (a test injects one that collides).
  var contentFingerprint: (CivilDate, Payload) -> Int = Ledger.fingerprint
  /// When false, names from appends are kept in memory until `saveRegister()` (bulk loads such as
  /// the demo; a crash before it loses only names, which then show as keys).
  public var savesRegisterAfterEachAppend = true
  /// How long a transaction of a reading ledger waits for the writer lock.
  public var lockWait: Double = 10
  /// What the folder looked like when last looked at (readers).
  var probe = LogChangeProbe()

  /// The seq of the checkpoint the cache holds for this log (0: none).
  public internal(set) var loadedFromCheckpoint: UInt64 = 0
  /// The seq the chronicle was read from the cache at when opened (0: replayed from the log).
  public internal(set) var startedFromCheckpoint: UInt64 = 0

  init(directory: String, log: EventLog, clock: LedgerClock, actor: String) {
    self.directory = directory
    self.log = log
    if case .write = log.access { writing = .holdsLock } else { writing = .perTransaction }
    self.snapshot = LedgerSnapshot(head: .empty, chronicle: Chronicle(), log: log)
    self.clock = clock
    self.actor = actor
  }

  /// Opens the ledger in `directory` and folds the log into a chronicle (from the checkpoint cache
  /// when it matches the log).
  ///
  /// - Parameters:
  ///   - directory: the log folder.
  ///   - access: `.read` (transactions then take the writer lock each), or `.write(wait:)` to hold
  ///     the lock while open.
  ///   - createIfMissing: create an empty log (writers).
  ///   - clock: where "now" comes from.
  ///   - actor: default actor; nil means the OS user.
  ///   - useCheckpoints: read and refresh the checkpoint cache.
  /// - Throws: `LedgerError`.
  public static func open(
    directory: String, access: EventLog.Access, createIfMissing: Bool = false, clock: LedgerClock = .system,
    actor: String? = nil, useCheckpoints: Bool = true, readingRegisterAlongside: Bool = false
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
    // A view that shows names reads the register (tens of MB of JSON at city scale) on a second
    // core while this one loads the checkpoint; the same file the first use would read.
    let path = directory + "/personregister.json"
    let registerReader =
      readingRegisterAlongside
      ? Worker.start(name: "liggare-register") { () throws(LedgerError) in try PersonRegister.load(path: path)
      }
      : nil
    do {
      try ledger.load(useCheckpoints: useCheckpoints)
    } catch {
      registerReader?.cancel()
      throw error
    }
    if let registerReader { ledger.registerReadAlongside = registerReader.joinResult() }
    if case .write = access { ledger.completeJournalledNames() }
    return ledger
  }

  var journalPath: String { directory + "/" + PendingNames.fileName }

  /// A writer's first step: names journalled for batches that committed go into the register, the
  /// rest (a batch that never committed) are dropped, and the journal is removed. A failure is a
  /// warning: the journal stays and is tried again by the next writer.
  func completeJournalledNames() {
    do {
      guard let journal = try PendingNames.load(path: journalPath) else { return }
      loadedRegister = nil
      var updated = try PersonRegister.load(path: directory + "/personregister.json")
      let committed = journal.committed(in: snapshot.chronicle)
      for entry in committed { updated.set(entry.data, for: entry.person) }
      if !committed.isEmpty { try updated.save() }
      loadedRegister = updated
      do {
        try PrivateFile.remove(journalPath)
      } catch {
        throw LedgerError.register(path: journalPath, reason: "journalen kan inte tas bort: \(error)")
      }
      journalled = []
      if !committed.isEmpty {
        warnings.append(
          "personregistret kompletterades med \(committed.count) namn från en skrivning som avbröts efter att "
            + "händelserna sparats")
      }
    } catch {
      warnings.append(
        "varning: \(error); namnen ligger kvar i \(journalPath) och förs in vid nästa skrivning")
    }
  }

  /// The committed chronicle (the snapshot's).
  public var chronicle: Chronicle { snapshot.chronicle }

  /// The person register, read on first use.
  ///
  /// - Throws: `LedgerError.register` for an unreadable register or an unknown format version.
  public func personRegister() throws(LedgerError) -> PersonRegister {
    if let loadedRegister { return loadedRegister }
    var register: PersonRegister
    if let read = registerReadAlongside {
      registerReadAlongside = nil
      register = try read.get()
    } else {
      register = try PersonRegister.load(path: directory + "/personregister.json")
    }
    if case .perTransaction = writing {
      // A writer killed after its commit left the names in the journal; a reader sees them too.
      if let journal = try? PendingNames.load(path: journalPath) {
        for entry in journal.committed(in: snapshot.chronicle) { register.set(entry.data, for: entry.person) }
      }
    }
    loadedRegister = register
    return register
  }

  /// The person register, or an empty one if it cannot be read (views then show keys, and a
  /// warning says why).
  public var register: PersonRegister {
    do {
      return try personRegister()
    } catch {
      let warning = "varning: \(error); namn visas som personnycklar"
      if !warnings.contains(warning) { warnings.append(warning) }
      return PersonRegister.empty(path: directory + "/personregister.json")
    }
  }

  /// Writes the person register if names were added since it was last written, then removes the
  /// names' journal.
  ///
  /// - Throws: `LedgerError.register` if it cannot be written.
  public func saveRegister() throws(LedgerError) {
    guard !unsavedPeople.isEmpty, let loadedRegister else { return }
    try loadedRegister.save()
    unsavedPeople = [:]
    guard !journalled.isEmpty else { return }
    do {
      try PrivateFile.remove(journalPath)
    } catch {
      throw .register(path: journalPath, reason: "journalen kan inte tas bort: \(error)")
    }
    journalled = []
  }

  /// Registered people with no name in the register who were not forgotten: names lost (the
  /// register restored from an older copy, or written by a version without the journal).
  public func peopleWithLostNames() throws(LedgerError) -> [String] {
    let register = try personRegister()
    return chronicle.registeredPersonKeys.filter { register.status(of: $0) == .missing }
  }

  /// Saves the checkpoint cache if the log has grown since it was last saved or loaded (after a
  /// large import, so the next command starts from it). A failure is a warning: it is a cache.
  public func saveCheckpoint() {
    guard snapshot.chronicle.lastSeq > loadedFromCheckpoint else { return }
    if let failure = CheckpointCache(directory: directory).store(snapshot.chronicle, head: snapshot.head) {
      warnings.append(failure)
    }
    loadedFromCheckpoint = snapshot.chronicle.lastSeq
  }

  /// Everything worth a line on standard error: the log's warnings, then the ledger's.
  public var allWarnings: [String] { log.warnings + warnings }

  /// Folds the log into the chronicle, starting from a checkpoint when one matches.
  func load(useCheckpoints: Bool) throws(LedgerError) {
    var start = Chronicle()
    let cache = CheckpointCache(directory: directory)
    if useCheckpoints, var cached = cache.load(matching: log) {
      loadedFromCheckpoint = cached.lastSeq
      startedFromCheckpoint = cached.lastSeq
      // Folding records onto it reads its locators and ids out of the mapped checkpoint anyway:
      // read them first, so that the mapping (300 MB at city scale) is let go before the fold,
      // which then changes the only copy (`consume`) instead of copying it beside the mapping.
      if cached.lastSeq < log.head.seq { cached.materializeIndex() }
      start = cached
    }
    probe = LogChangeProbe(directory: directory, lastSegment: log.lastSegmentPath)
    let chronicle = try Ledger.fold(log, onto: consume start)
    snapshot = LedgerSnapshot(head: log.head, chronicle: chronicle, log: log)
    if useCheckpoints && chronicle.lastSeq >= loadedFromCheckpoint + CheckpointCache.refreshAfter {
      if let failure = cache.store(chronicle, head: log.head) { warnings.append(failure) }
      loadedFromCheckpoint = chronicle.lastSeq
    }
  }

  /// Folds in what other processes appended since the snapshot (a reading ledger kept open), and
  /// rereads the person register if it was rewritten.
  ///
  /// A few `stat` calls when nothing changed.
  /// - Returns: whether the snapshot moved.
  /// - Throws: `LedgerError` if the log cannot be read; the snapshot is then unchanged.
  @discardableResult
  public func refresh() throws(LedgerError) -> Bool {
    guard case .perTransaction = writing else { return false }
    let now = LogChangeProbe(directory: directory, lastSegment: log.lastSegmentPath)
    guard now != probe else { return false }
    if now.register != probe.register { loadedRegister = nil }
    let reopened: EventLog
    do {
      reopened = try EventLog.open(directory: directory, access: .read)
    } catch {
      throw .log(error)
    }
    // Stamps of the reopened log: a segment started meanwhile is looked at next time.
    let stamps = LogChangeProbe(directory: directory, lastSegment: reopened.lastSegmentPath)
    guard reopened.head != snapshot.head else {
      probe = stamps
      return false
    }
    try advance(to: reopened)
    probe = stamps
    return true
  }

  /// Makes `newer` (a log whose head is at or after the snapshot's) the ledger's log and folds the
  /// records after the snapshot into a new snapshot.
  func advance(to newer: EventLog) throws(LedgerError) {
    guard newer.head.seq >= snapshot.head.seq else {
      throw .io(path: directory, reason: "loggens huvud har gått bakåt (seq \(newer.head.seq))")
    }
    var base = takeCaughtUpSpare() ?? snapshot.chronicle
    base = try Ledger.fold(newer, onto: base)
    let previous = snapshot.chronicle
    snapshot = LedgerSnapshot(head: newer.head, chronicle: base, log: newer)
    spare = previous
    committedSinceSpare = []
    log = newer
  }

  /// Makes a private copy of the snapshot's chronicle for the next change (a server does this at
  /// start, so that its first write does not pay for the copy).
  ///
  /// The snapshot's chronicle first reads its event locators and ids out of the checkpoint (a
  /// chronicle read from one leaves them in the mapped file until needed) and the mapping is let
  /// go, unless someone else holds the snapshot: the copy needs them in memory anyway, and the
  /// whole mapped checkpoint (300 MB at city scale) staying resident beside two chronicles was
  /// the server's peak memory. Call it before handing the snapshot out.
  public func prepareSpare() {
    guard spare == nil else { return }
    var own = snapshot.chronicle
    own.materializeIndex()
    snapshot = LedgerSnapshot(head: snapshot.head, chronicle: own, log: snapshot.log, index: nil)
    var copy = snapshot.chronicle
    copy.indexEventIDs()
    copy.reserveCapacity(forAdditionalEvents: 4096)
    spare = copy
  }

  /// The spare chronicle brought up to the snapshot's head, or nil when there is none (or it
  /// cannot be read: the snapshot's chronicle is then copied on change instead).
  func takeCaughtUpSpare() -> Chronicle? {
    guard var chronicle = spare else { return nil }
    spare = nil
    guard chronicle.lastSeq <= snapshot.head.seq else { return nil }
    if chronicle.lastSeq == snapshot.head.seq { return chronicle }
    let events = committedSinceSpare
    committedSinceSpare = []
    if let first = events.first, let last = events.last, first.seq == chronicle.lastSeq + 1,
      last.seq == snapshot.head.seq
    {
      for event in events { chronicle.record(event) }
      return chronicle
    }
    spareCaughtUpFromLog += 1
    do {
      try snapshot.log.forEachRecord(from: chronicle.lastSeq + 1, through: snapshot.head.seq) { record in
        let body = UnsafeRawBufferPointer(rebasing: record.line[..<record.bodyEnd])
        chronicle.record(try EventCodec.decodeRecord(body, seq: record.seq))
      }
    } catch {
      return nil
    }
    return chronicle.lastSeq == snapshot.head.seq ? chronicle : nil
  }

  /// Folds the records after `chronicle.lastSeq` into it.
  ///
  /// Two threads: one reads, checks and decodes records in chunks and keeps their ids, the other
  /// folds them, so both cores work. The ids are not hashed here: views never look events up by
  /// id, and the append path indexes them when it needs to (`Chronicle.indexEventIDs()`).
  static func fold(_ log: EventLog, onto chronicle: consuming Chronicle) throws(LedgerError) -> Chronicle {
    guard log.head.seq > chronicle.lastSeq else { return chronicle }
    let additional = Int(log.head.seq - chronicle.lastSeq)
    // One reservation for a long replay (the id table too, before it goes to the reading thread);
    // a few events more keep the arrays' own growth.
    if additional >= 4096 { chronicle.reserveCapacity(forAdditionalEvents: additional) }
    let chunks = BlockingQueue<[Event]>(capacity: 8)
    let first = chronicle.lastSeq + 1
    let handOver = UncheckedBox((log: log, ids: chronicle.detachEventIDs()))
    let reader = Worker.start(name: "liggare-replay", handingTo: [chunks]) { () throws(LedgerError) in
      // Taken out of the box, so that the table is not copied on its first append.
      var ids = EventIDTable()
      swap(&ids, &handOver.value.ids)
      try decodeRecords(of: handOver.value.log, from: first, into: chunks, keepingIDsIn: &ids)
      return ids
    }
    while let events = chunks.take() {
      for event in events { chronicle.recordDetached(event) }
    }
    chronicle.attachEventIDs(try reader.join())
    return chronicle
  }

  /// The reading side of `fold`: decodes the records from `first` on, in chunks put to `chunks`,
  /// and appends their ids to `ids`.
  ///
  /// - Throws: `LedgerError.corruptRecord` for a record that does not decode, `.log` if the log
  ///   cannot be read (after every chunk before it was put).
  private static func decodeRecords(
    of log: EventLog, from first: UInt64, into chunks: BlockingQueue<[Event]>,
    keepingIDsIn ids: inout EventIDTable
  ) throws(LedgerError) {
    var chunk: [Event] = []
    chunk.reserveCapacity(4096)
    var corrupt: LedgerError?
    var stopped = false
    do {
      try log.forEachRecord(from: first) { record in
        let body = UnsafeRawBufferPointer(rebasing: record.line[..<record.bodyEnd])
        let event: Event
        do {
          event = try EventCodec.decodeRecord(body, seq: record.seq)
        } catch let error as EventDecodingError {
          corrupt = .corruptRecord(seq: record.seq, error: error)
          throw error
        }
        ids.appendWithoutIndexing(event.id)
        chunk.append(event)
        if chunk.count == 4096 {
          guard chunks.put(chunk) else {
            stopped = true
            throw CancellationError()
          }
          chunk.removeAll(keepingCapacity: true)
        }
      }
    } catch {
      // The folding side stopped taking (it never does today): end quietly.
      if stopped { return }
      if let corrupt { throw corrupt }
      if let logError = error as? LogError { throw .log(logError) }
      throw .io(path: log.directory, reason: "\(error)")
    }
    if !chunk.isEmpty { _ = chunks.put(chunk) }
  }

  /// The state as of `date` as known at `knownAt` (nil: everything in the log).
  public func state(asOf date: CivilDate, knownAt: Timestamp? = nil) -> CityState {
    snapshot.state(asOf: date, knownAt: knownAt)
  }

  /// The chain hash of the record at `seq` (the empty log's zero hash for 0).
  ///
  /// - Throws: `LedgerError.log` if the record cannot be read.
  public func recordHash(atSeq seq: UInt64) throws(LedgerError) -> SHA256.Digest {
    try snapshot.recordHash(atSeq: seq)
  }

  /// Today's date in Stockholm, by the injected clock.
  public var today: CivilDate { clock.now().stockholmDate }
}
