import Foundation

/// One side of a hand-over between two threads, as a `Worker` ends it when its body ends or when
/// it is joined or cancelled.
protocol HandOver: AnyObject, Sendable {
  /// The normal end, said by the sending side: what was put is still taken, then the end.
  func close()
  /// The abrupt end, said by either side: nothing more is put or taken, and both sides wake.
  func cancel()
}

/// A bounded queue between two threads: the sender waits while it is full, the receiver while it
/// is empty. It ends in one of two ways:
///
/// - `close()` (the sender is done): `take` hands out what is left, then returns nil.
/// - `cancel()` (one side has stopped or failed): `take` returns nil at once, `put` returns false
///   at once (also a `put` already waiting on a full queue), and what is left is dropped.
///
/// Neither side can then wait for ever on the other, which is what lets a failure on one side of
/// a `Worker` stop the other.
final class BlockingQueue<Element>: HandOver, @unchecked Sendable {
  private enum State { case open, closed, cancelled }

  private let condition = NSCondition()
  private var items: [Element] = []
  private var state = State.open
  private let capacity: Int
  private var waitingToPut = 0

  /// - Parameter capacity: how many elements may wait to be taken (at least 1).
  init(capacity: Int) {
    self.capacity = max(capacity, 1)
  }

  /// Adds an element, waiting while the queue is full.
  ///
  /// - Returns: false, with the element dropped, when the queue is cancelled (the receiver has
  ///   stopped: send nothing more) or already closed.
  func put(_ element: Element) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while items.count >= capacity && state == .open {
      waitingToPut += 1
      condition.wait()
      waitingToPut -= 1
    }
    guard state == .open else { return false }
    items.append(element)
    condition.broadcast()
    return true
  }

  /// The next element, waiting while the queue is empty; nil once it is closed and drained, or
  /// cancelled.
  func take() -> Element? {
    condition.lock()
    defer { condition.unlock() }
    while items.isEmpty && state == .open { condition.wait() }
    guard state != .cancelled, !items.isEmpty else { return nil }
    let first = items.removeFirst()
    condition.broadcast()
    return first
  }

  /// The sender is done: `take` returns nil once what was put is taken. No effect on a cancelled
  /// queue.
  func close() {
    condition.lock()
    if state == .open { state = .closed }
    condition.broadcast()
    condition.unlock()
  }

  /// Ends the hand-over at once: waiting `put`s and `take`s return (false, nil), and what is left
  /// is dropped.
  func cancel() {
    condition.lock()
    state = .cancelled
    items.removeAll()
    condition.broadcast()
    condition.unlock()
  }

  /// How many `put`s are blocked on a full queue now (tests wait for a sender to be blocked).
  ///
  /// 0 while the queue has room: a sender woken by a `take` counts itself out only when it runs
  /// again, and counting it until then made tests act while it was about to put.
  var sendersWaiting: Int {
    condition.lock()
    defer { condition.unlock() }
    return items.count >= capacity ? waitingToPut : 0
  }
}
