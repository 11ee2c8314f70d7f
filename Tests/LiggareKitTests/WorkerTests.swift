import Foundation
import Testing

@testable import LiggareKit

/// Issue 13, item 12: the one worker-thread type and its bounded hand-over. Every scenario runs
/// under `WorkerTests.withoutDeadlock`, so a side left waiting fails the test instead of hanging
/// it (a guard, not a speed assertion: the limit is a minute for work of milliseconds).
@Suite struct WorkerTests {
  enum Failure: Error, Equatable {
    case producerFailed(after: Int)
    case consumerFailed(taken: Int)
  }

  /// Runs `body` on a thread of its own and waits at most `limit` seconds for it; nil if it did
  /// not end (a deadlock).
  static func withoutDeadlock<T>(limit: Double = 60, _ body: @escaping @Sendable () -> T) -> T? {
    let result = UncheckedBox<T?>(nil)
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      result.value = body()
      done.signal()
    }
    thread.start()
    guard done.wait(timeout: .now() + limit) == .success else { return nil }
    return result.value
  }

  /// Waits until a `put` is blocked on `queue` (bounded: gives up after a minute, and the test
  /// then fails on what follows).
  static func waitForBlockedSender<T>(on queue: BlockingQueue<T>) {
    for _ in 0..<60_000 where queue.sendersWaiting == 0 { usleep(1000) }
  }

  /// A sender woken by a `take` is not counted as blocked, though it has not run yet: the tests
  /// above waited for a blocked sender and then found it a put further than they expected
  /// (`cancelReleasesAProducerBlockedOnAFullQueue` failed under load).
  @Test func aSenderWokenByATakeIsNotCountedAsBlocked() {
    let outcome = Self.withoutDeadlock { () -> [Int] in
      var seen: [Int] = []
      for _ in 0..<20 {
        let queue = BlockingQueue<Int>(capacity: 1)
        let worker = Worker<Void, Never>.start(name: "test", handingTo: [queue]) {
          _ = queue.put(0)
          _ = queue.put(1)
        }
        Self.waitForBlockedSender(on: queue)
        _ = queue.take()
        seen.append(queue.sendersWaiting)
        worker.cancel()
      }
      return seen
    }
    #expect(outcome == Array(repeating: 0, count: 20))
  }

  @Test func joinHandsBackWhatTheBodyReturned() {
    let outcome = Self.withoutDeadlock {
      let worker = Worker<[Int], Never>.start(name: "test") { [6, 7] }
      return worker.join()
    }
    #expect(outcome == [6, 7])
  }

  @Test func joinRethrowsWhatTheBodyThrew() {
    let outcome = Self.withoutDeadlock {
      let worker = Worker<Int, Failure>.start(name: "test") { () throws(Failure) in
        throw .producerFailed(after: 0)
      }
      return worker.joinResult()
    }
    #expect(outcome == .failure(.producerFailed(after: 0)))
  }

  /// The sender puts everything, then `join()` says the end: the worker takes every element, in
  /// order, and returns.
  @Test func aConsumerTakesEverythingSentBeforeJoin() {
    let outcome = Self.withoutDeadlock { () -> [Int] in
      let queue = BlockingQueue<Int>(capacity: 3)
      let worker = Worker<[Int], Never>.start(name: "test", takingFrom: [queue]) {
        var taken: [Int] = []
        while let element = queue.take() { taken.append(element) }
        return taken
      }
      for element in 0..<100 where !queue.put(element) { return [] }
      return worker.join()
    }
    #expect(outcome == Array(0..<100))
  }

  /// A worker whose input fails after N items: the taking side gets the N items, then the end,
  /// and `join()` throws the error.
  @Test func aProducerThatFailsAfterNItemsEndsWithItsErrorAfterTheItems() {
    let outcome = Self.withoutDeadlock { () -> ([Int], Result<Void, Failure>) in
      let queue = BlockingQueue<Int>(capacity: 2)
      let worker = Worker<Void, Failure>.start(name: "test", handingTo: [queue]) { () throws(Failure) in
        for element in 0..<25 where !queue.put(element) { return }
        throw .producerFailed(after: 25)
      }
      var taken: [Int] = []
      while let element = queue.take() { taken.append(element) }
      return (taken, worker.joinResult())
    }
    #expect(outcome?.0 == Array(0..<25))
    #expect(throws: Failure.producerFailed(after: 25)) { try outcome?.1.get() }
  }

  /// A consumer that throws while the sender is blocked on a full queue: the sender's `put`
  /// returns false at once, and `join()` throws the consumer's error.
  @Test func aConsumerThatFailsReleasesASenderBlockedOnAFullQueue() {
    let outcome = Self.withoutDeadlock { () -> (sent: Int, Result<Void, Failure>) in
      let queue = BlockingQueue<Int>(capacity: 1)
      let worker = Worker<Void, Failure>.start(name: "test", takingFrom: [queue]) { () throws(Failure) in
        guard queue.take() != nil else { return }
        Self.waitForBlockedSender(on: queue)
        throw .consumerFailed(taken: 1)
      }
      var sent = 0
      while sent < 1000, queue.put(sent) { sent += 1 }
      return (sent, worker.joinResult())
    }
    // One taken, one in the queue, the third refused.
    #expect(outcome?.sent == 2)
    #expect(throws: Failure.consumerFailed(taken: 1)) { try outcome?.1.get() }
  }

  /// The taking side fails while the worker is blocked on a full queue: `cancel()` makes its `put`
  /// return false, the worker stops and is joined.
  @Test func cancelReleasesAProducerBlockedOnAFullQueue() {
    let outcome = Self.withoutDeadlock { () -> Result<Int, Never> in
      let queue = BlockingQueue<Int>(capacity: 1)
      let worker = Worker<Int, Never>.start(name: "test", handingTo: [queue]) {
        for element in 0..<1000 where !queue.put(element) { return element }
        return 1000
      }
      _ = queue.take()
      Self.waitForBlockedSender(on: queue)
      worker.cancel()
      return worker.joinResult()
    }
    // 0 taken, 1 in the queue, 2 refused.
    #expect(outcome == .success(2))
  }

  /// A consumer waiting on an empty queue is stopped by `cancel()`, and what was not taken is
  /// dropped.
  @Test func cancelStopsAConsumerWaitingOnAnEmptyQueue() {
    let outcome = Self.withoutDeadlock { () -> Result<Int, Never> in
      let queue = BlockingQueue<Int>(capacity: 4)
      let started = DispatchSemaphore(value: 0)
      let worker = Worker<Int, Never>.start(name: "test", takingFrom: [queue]) {
        started.signal()
        var count = 0
        while queue.take() != nil { count += 1 }
        return count
      }
      started.wait()
      worker.cancel()
      return worker.joinResult()
    }
    #expect(outcome == .success(0))
  }

  /// A worker without queues: `cancel()` waits for it, and `joinResult()` afterwards gives its
  /// outcome, the same every time.
  @Test func joiningAgainGivesTheSameOutcome() {
    let outcome = Self.withoutDeadlock { () -> [Result<Int, Failure>] in
      let worker = Worker<Int, Failure>.start(name: "test") { () throws(Failure) in
        usleep(10_000)
        throw .consumerFailed(taken: 7)
      }
      worker.cancel()
      return [worker.joinResult(), worker.joinResult()]
    }
    #expect(outcome == [.failure(.consumerFailed(taken: 7)), .failure(.consumerFailed(taken: 7))])
  }

  @Test func aClosedQueueHandsOutWhatIsLeftACancelledOneNothing() {
    let closed = BlockingQueue<Int>(capacity: 4)
    #expect(closed.put(1) && closed.put(2))
    closed.close()
    #expect(!closed.put(3))
    #expect(closed.take() == 1)
    #expect(closed.take() == 2)
    #expect(closed.take() == nil)

    let cancelled = BlockingQueue<Int>(capacity: 4)
    #expect(cancelled.put(1))
    cancelled.cancel()
    #expect(!cancelled.put(2))
    #expect(cancelled.take() == nil)
    cancelled.close()
    #expect(cancelled.take() == nil)
  }
}
