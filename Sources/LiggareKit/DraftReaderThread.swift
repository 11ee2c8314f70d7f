import Foundation
import LiggareDomain
import Synchronization

/// Reads and decodes an import's lines on a thread of its own, ahead of the thread that checks
/// and stages them, in chunks of drafts with their line numbers.
///
/// A bad line ends the reading; its error is kept and thrown by `finish()` after every line
/// before it was handed over, so errors still come in line order.
final class DraftReaderThread: @unchecked Sendable {
  typealias Chunk = [(draft: EventDraft, line: Int)]

  private let queue = BlockingQueue<Chunk>(capacity: 8)
  private let done = DispatchSemaphore(value: 0)
  private let failure = Mutex<LedgerError?>(nil)
  private let stopped = Mutex(false)
  private var joined = false

  /// Starts reading; the thread owns `reader` and closes it at the end.
  init(reader: LineReader, limit: Int) {
    let box = UncheckedBox(reader)
    let thread = Thread { [self] in
      defer {
        box.value.close()
        queue.close()
        done.signal()
      }
      let name = box.value.name
      var chunk: Chunk = []
      chunk.reserveCapacity(1024)
      do throws(LedgerError) {
        while try box.value.next(
          limit: limit,
          { (line, number) throws(LedgerError) in
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            let draft: EventDraft
            do throws(EventDecodingError) {
              draft = try EventCodec.decodeEnvelope(line, personalDataAllowed: true)
            } catch {
              throw .decoding(place: .init(file: name, line: number), error: error)
            }
            chunk.append((draft, number))
          })
        {
          if chunk.count >= 1024 {
            guard !isStopped else { return }
            queue.put(chunk)
            chunk.removeAll(keepingCapacity: true)
          }
        }
      } catch {
        setFailure(error)
      }
      if !chunk.isEmpty && !isStopped { queue.put(chunk) }
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  private var isStopped: Bool {
    stopped.withLock { $0 }
  }

  private func setFailure(_ error: LedgerError) {
    failure.withLock { $0 = error }
  }

  /// The next chunk of drafts; nil when the reading has ended (see `finish()`).
  func next() -> Chunk? {
    queue.take()
  }

  /// Waits for the thread and throws the error that ended the reading, if any.
  func finish() throws(LedgerError) {
    join()
    if let error = failure.withLock({ $0 }) { throw error }
  }

  /// Stops the reading early (the import failed) and waits for the thread.
  func stop() {
    stopped.withLock { $0 = true }
    // Closing lets a producer blocked on a full queue go on, see `stopped` and end.
    queue.close()
    while queue.take() != nil {}
    join()
  }

  private func join() {
    guard !joined else { return }
    joined = true
    done.wait()
  }
}
