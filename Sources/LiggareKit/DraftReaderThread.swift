import Foundation
import LiggareDomain

/// Reads and decodes an import's lines on a thread of its own, ahead of the thread that checks
/// and stages them, in chunks of drafts with their line numbers.
///
/// A bad line ends the reading; its error is kept and thrown by `finish()` after every line
/// before it was handed over, so errors still come in line order.
final class DraftReaderThread: @unchecked Sendable {
  typealias Chunk = [(draft: EventDraft, line: Int)]

  private let queue = BlockingQueue<Chunk>(capacity: 8)
  private let done = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var failure: LedgerError?
  private var stopped = false
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
    lock.lock()
    defer { lock.unlock() }
    return stopped
  }

  private func setFailure(_ error: LedgerError) {
    lock.lock()
    failure = error
    lock.unlock()
  }

  /// The next chunk of drafts; nil when the reading has ended (see `finish()`).
  func next() -> Chunk? {
    queue.take()
  }

  /// Waits for the thread and throws the error that ended the reading, if any.
  func finish() throws(LedgerError) {
    join()
    lock.lock()
    defer { lock.unlock() }
    if let failure { throw failure }
  }

  /// Stops the reading early (the import failed) and waits for the thread.
  func stop() {
    lock.lock()
    stopped = true
    lock.unlock()
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
