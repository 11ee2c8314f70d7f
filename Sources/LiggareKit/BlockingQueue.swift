import Foundation

/// A bounded queue between two threads: the producer waits when it is full, the consumer when
/// it is empty. Used to decode records on one core while the other folds them.
final class BlockingQueue<Element>: @unchecked Sendable {
  private let condition = NSCondition()
  private var items: [Element] = []
  private var closed = false
  private let capacity: Int

  init(capacity: Int) {
    self.capacity = capacity
  }

  /// Adds an element, waiting while the queue is full.
  func put(_ element: Element) {
    condition.lock()
    while items.count >= capacity && !closed { condition.wait() }
    items.append(element)
    condition.broadcast()
    condition.unlock()
  }

  /// Marks the end: `take` returns nil once the queue is drained.
  func close() {
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
  }

  /// The next element, waiting while the queue is empty; nil after `close` and drain.
  func take() -> Element? {
    condition.lock()
    defer { condition.unlock() }
    while items.isEmpty && !closed { condition.wait() }
    guard !items.isEmpty else { return nil }
    let first = items.removeFirst()
    condition.broadcast()
    return first
  }
}
