import Foundation
import LiggareDomain
import LiggareStorage
import Synchronization

/// Encodes and adds checked events to the log's open batch on a thread of its own.
///
/// The log is used only by this thread between `init` and `finish`/`cancel`; the caller touches it
/// again only after joining, which is what makes handing it over sound.
final class BatchWriterThread: @unchecked Sendable {
  private let queue = BlockingQueue<[Event]>(capacity: 16)
  private let done = DispatchSemaphore(value: 0)
  private let failure = Mutex<LedgerError?>(nil)
  private var joined = false

  init(log: EventLog) {
    let box = UncheckedBox(log)
    let thread = Thread { [self] in
      defer { done.signal() }
      var body: [UInt8] = []
      body.reserveCapacity(512)
      while let events = queue.take() {
        if currentFailure != nil { continue }
        for event in events {
          body.removeAll(keepingCapacity: true)
          EventCodec.writeBody(of: event, to: &body)
          do {
            try box.value.add(body)
          } catch let error as LogError {
            setFailure(.log(error))
            break
          } catch {
            setFailure(.io(path: box.value.directory, reason: "\(error)"))
            break
          }
        }
      }
    }
    thread.start()
  }

  private var currentFailure: LedgerError? {
    failure.withLock { $0 }
  }

  private func setFailure(_ error: LedgerError) {
    failure.withLock { $0 = error }
  }

  /// Hands over a chunk; throws the writer's error if it has failed.
  func send(_ events: [Event]) throws(LedgerError) {
    if let error = currentFailure { throw error }
    queue.put(events)
  }

  /// Waits until everything sent is written; throws the writer's error if any.
  func finish() throws(LedgerError) {
    join()
    if let error = currentFailure { throw error }
  }

  /// Stops after what was already sent and waits (the caller then abandons the batch).
  func cancel() {
    setFailure(.io(path: "", reason: "avbruten"))
    join()
  }

  private func join() {
    guard !joined else { return }
    joined = true
    queue.close()
    done.wait()
  }
}
