import Dispatch

/// A pure computation started on another thread, whose value is waited for when needed: the annual
/// report uses the machine's second core for figures that do not depend on the rest.
final class InBackground<Value: Sendable>: @unchecked Sendable {
  private let work: @Sendable () -> Value
  private let done = DispatchSemaphore(value: 0)
  /// Written once by the worker before it signals `done`; read only after waiting for it.
  private var result: Value?

  init(_ work: @escaping @Sendable () -> Value) {
    self.work = work
    DispatchQueue.global(qos: .userInitiated).async {
      self.result = work()
      self.done.signal()
    }
  }

  /// The value, once the worker has made it (waits; call once).
  func value() -> Value {
    done.wait()
    return result ?? work()
  }
}
