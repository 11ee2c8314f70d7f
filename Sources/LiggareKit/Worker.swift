import Foundation

/// A thread of its own that runs one body to its end and hands back what the body returned or
/// threw: the one way LiggareKit puts work on a second core (replay, import reading and writing,
/// the register read alongside a load).
///
/// Elements pass between the worker and the thread that started it through `BlockingQueue`s the
/// worker is told about, in either direction: it hands elements to its *outputs* and takes them
/// from its *inputs*. The lifecycle:
///
/// 1. `start(…)` starts the thread at once.
/// 2. Meanwhile the starting thread takes from the outputs and puts to the inputs.
/// 3. When the body ends, however it ends, the worker closes its outputs (what it put is still
///    taken, then `take` returns nil, so an error comes after every element before it) and cancels
///    its inputs (a `put`, also one waiting on a full queue, returns false at once).
/// 4. `join()` ends the starting thread's side: it closes the inputs (the worker takes what was
///    put, then sees the end), cancels the outputs (what was not taken is dropped, so take them
///    until nil first to have everything), waits for the thread and returns the body's value or
///    rethrows its error.
/// 5. `cancel()` is `join()` for a starting thread that has failed: inputs and outputs are
///    cancelled, so the worker stops at its next `put` or `take`, and its value or error is
///    dropped. A worker without queues cannot be stopped early: `cancel()` waits for it.
///
/// Neither side can leave the other waiting for ever, as long as the body stops when `put`
/// returns false and when `take` returns nil: a failure on either side cancels the queue the other
/// may be waiting on. `join()` and `cancel()` may be called again (they then return at once, the
/// same outcome), but only from the starting thread.
///
/// What the body captures it uses alone until the worker is joined (`UncheckedBox` hands over a
/// value that is not `Sendable`); the starting thread touches it again only after `join()` or
/// `cancel()`, which is what makes the hand-over sound. The value the body returns is handed to
/// the joining thread in the same way.
///
/// A `final class` because it owns a running thread.
final class Worker<Value, Failure: Error>: @unchecked Sendable {
  private let outputs: [any HandOver]
  private let inputs: [any HandOver]
  private let ended = NSCondition()
  /// Set once by the worker's thread as its last step, under `ended`.
  private var outcome: Result<Value, Failure>?

  private init(outputs: [any HandOver], inputs: [any HandOver]) {
    self.outputs = outputs
    self.inputs = inputs
  }

  /// Starts `body` on a new thread.
  ///
  /// - Parameters:
  ///   - name: the thread's name (debuggers and `top -H` show it).
  ///   - stackSize: bytes of stack; decoding is recursive, so more than a thread's default.
  ///   - outputs: queues the body puts to; closed when it ends.
  ///   - inputs: queues the body takes from; cancelled when it ends.
  ///   - body: the work; it stops when a `put` returns false or a `take` returns nil.
  /// - Returns: the running worker, to be joined or cancelled.
  static func start(
    name: String, stackSize: Int = 8 << 20, handingTo outputs: [any HandOver] = [],
    takingFrom inputs: [any HandOver] = [], _ body: @escaping @Sendable () throws(Failure) -> Value
  ) -> Worker {
    let worker = Worker(outputs: outputs, inputs: inputs)
    let thread = Thread { worker.run(body) }
    thread.name = name
    thread.stackSize = stackSize
    thread.start()
    return worker
  }

  private func run(_ body: () throws(Failure) -> Value) {
    let result: Result<Value, Failure>
    do throws(Failure) {
      result = .success(try body())
    } catch {
      result = .failure(error)
    }
    for queue in outputs { queue.close() }
    for queue in inputs { queue.cancel() }
    ended.lock()
    outcome = result
    ended.broadcast()
    ended.unlock()
  }

  /// Ends the starting thread's side (inputs closed, outputs cancelled), waits for the worker and
  /// returns what its body returned or threw.
  func joinResult() -> Result<Value, Failure> {
    for queue in inputs { queue.close() }
    for queue in outputs { queue.cancel() }
    return waitForOutcome()
  }

  /// Ends the starting thread's side (inputs closed, outputs cancelled), waits for the worker and
  /// returns its body's value.
  ///
  /// - Throws: the body's error.
  func join() throws(Failure) -> Value {
    try joinResult().get()
  }

  /// Stops the worker at its next `put` or `take` (inputs and outputs cancelled) and waits for it;
  /// its value or error is dropped. Used when the starting thread has failed.
  func cancel() {
    for queue in inputs { queue.cancel() }
    for queue in outputs { queue.cancel() }
    _ = waitForOutcome()
  }

  private func waitForOutcome() -> Result<Value, Failure> {
    ended.lock()
    defer { ended.unlock() }
    while true {
      if let outcome { return outcome }
      ended.wait()
    }
  }
}
