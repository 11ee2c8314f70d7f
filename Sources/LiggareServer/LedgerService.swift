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

  /// Keeps `ledger` (opened for reading) open and publishes its snapshot.
  public init(ledger: sending Ledger) {
    directory = ledger.directory
    let state = LedgerService.state(of: ledger)
    registerVersion.withLock { $0 = ledger.registerVersion }
    ledger.prepareSpare()
    self.box = LedgerBox(ledger)
    self.published = Mutex(state)
  }

  static func state(of ledger: Ledger) -> ServerState {
    let register = ledger.register
    return ServerState(snapshot: ledger.snapshot, register: register, names: register.names)
  }

  private func publish(from ledger: Ledger) {
    let snapshot = ledger.snapshot
    let version = ledger.registerVersion
    let unchanged = registerVersion.withLock { $0 == version }
    if unchanged {
      published.withLock { old in
        old = ServerState(snapshot: snapshot, register: old.register, names: old.names)
      }
    } else {
      let register = ledger.register
      let state = ServerState(snapshot: snapshot, register: register, names: register.names)
      registerVersion.withLock { $0 = ledger.registerVersion }
      published.withLock { $0 = state }
    }
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
