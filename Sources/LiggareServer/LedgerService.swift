public import LiggareKit
import Synchronization

/// What every reader of the running server holds for one answer: the ledger at a committed head and
/// the names beside it. Immutable; a commit publishes a new one and never touches this.
public struct ServerState: Sendable {
  /// The folded log at a committed head.
  public let snapshot: LedgerSnapshot
  /// The person register as of that commit.
  public let register: PersonRegister
  /// Names by person key, for the views.
  public let names: [String: String]
  /// Counts the states published: a new head or a changed register is a new generation, and
  /// answers kept for one generation (`AnswerCache`) are never given for another.
  public var generation: UInt64 = 0
}

/// The ledger kept open by the server: one writer at a time (under the log's writer lock, shared
/// with CLI processes), any number of readers answering from the last published `ServerState`.
///
/// A write never blocks a read: readers take the published state without waiting; if no one is
/// writing they first fold in what other processes appended (a few `stat` calls when nothing did).
public final class LedgerService: Sendable {
  /// The ledger, touched only under `lock`.
  private let box: LedgerBox
  private let lock = Mutex(())
  private let published: Mutex<ServerState>
  private let registerVersion = Mutex(-1)
  /// The log folder.
  public let directory: String
  /// Called (on the publishing thread, so it must be quick) with each newly published state.
  private let listeners = Mutex<[@Sendable (ServerState) -> Void]>([])

  /// Keeps `ledger` (opened for reading) open and publishes its snapshot.
  public init(ledger: sending Ledger) {
    directory = ledger.directory
    // The spare first, so that the published snapshot no longer holds the mapped checkpoint.
    ledger.prepareSpare()
    let state = LedgerService.state(of: ledger)
    registerVersion.withLock { $0 = ledger.registerVersion }
    self.box = LedgerBox(ledger)
    self.published = Mutex(state)
  }

  static func state(of ledger: Ledger) -> ServerState {
    let register = ledger.register
    return ServerState(snapshot: ledger.snapshot.indexed(), register: register, names: register.names)
  }

  /// Publishes the ledger's state when its head or register changed since the last one (the same
  /// head keeps its snapshot, with the index already built), and tells the listeners.
  private func publish(from ledger: Ledger) {
    let snapshot = ledger.snapshot
    let version = ledger.registerVersion
    let unchanged = registerVersion.withLock { $0 == version }
    let register = unchanged ? nil : ledger.register
    let new: ServerState? = published.withLock { old in
      let sameHead =
        old.snapshot.head == snapshot.head && old.snapshot.chronicle.lastSeq == snapshot.chronicle.lastSeq
      if sameHead && unchanged { return nil }
      var state = ServerState(
        snapshot: sameHead ? old.snapshot : snapshot.indexed(), register: register ?? old.register,
        names: register?.names ?? old.names)
      state.generation = old.generation + 1
      old = state
      return state
    }
    if !unchanged { registerVersion.withLock { $0 = version } }
    if let new { for listener in listeners.withLock({ $0 }) { listener(new) } }
  }

  /// Calls `listener` with every state published from now on (quickly: hand work to another thread).
  public func onPublish(_ listener: @escaping @Sendable (ServerState) -> Void) {
    listeners.withLock { $0.append(listener) }
  }

  /// The state to answer from: the last published one, after folding in appends by other
  /// processes unless a write (or another reader's refresh) is under way.
  public func current() -> ServerState {
    lock.withLockIfAvailable { _ in
      let ledger = box.ledger
      let version = ledger.registerVersion
      if (try? ledger.refresh()) == true || version != ledger.registerVersion { publish(from: ledger) }
    }
    return published.withLock { $0 }
  }

  /// The last published state, without looking at the log.
  public var published_: ServerState { published.withLock { $0 } }

  /// Runs a change on the ledger (one at a time), then publishes the new snapshot.
  ///
  /// - Throws: what `body` throws; the published state is then unchanged unless the ledger
  ///   folded in appends by other processes meanwhile.
  public func write<T: Sendable>(_ body: (Ledger) throws(LedgerError) -> T) throws(LedgerError) -> T {
    let result: Result<T, LedgerError> = lock.withLock { _ in
      let ledger = box.ledger
      let outcome = Result { () throws(LedgerError) -> T in try body(ledger) }
      publish(from: ledger)
      return outcome
    }
    return try result.get()
  }
}

/// Holds the ledger for `LedgerService`, which only touches it under its lock.
private final class LedgerBox: @unchecked Sendable {
  let ledger: Ledger
  init(_ ledger: Ledger) { self.ledger = ledger }
}
