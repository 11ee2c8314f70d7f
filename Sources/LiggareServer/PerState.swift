import Synchronization

/// One value made for one published state (`ServerState.generation`), kept until a newer state
/// asks: unlike `AnswerCache` it is never evicted for its size (the search corpus at national
/// scale is larger than a cache entry may be) and is made at most once per state at a time.
///
/// A reader holding an older state than the one kept gets a value made for its own state, not
/// kept (so an answer is never computed from another state's value).
final class PerState<Value: Sendable>: Sendable {
  private let kept = Mutex<(generation: UInt64, value: Value)?>(nil)
  /// Held while making a value, so that concurrent first askers make it once.
  private let making = Mutex(())

  /// The value for `generation`, made by `make` when not kept.
  func value(generation: UInt64, make: () -> Value) -> Value {
    if let v = kept.withLock({ $0?.generation == generation ? $0?.value : nil }) { return v }
    return making.withLock { _ in
      if let current = kept.withLock({ $0 }) {
        if current.generation == generation { return current.value }
        if current.generation > generation { return make() }
      }
      let value = make()
      kept.withLock { k in
        if (k?.generation ?? 0) <= generation { k = (generation, value) }
      }
      return value
    }
  }

  /// Drops a value kept for a generation before `generation`.
  func advance(to generation: UInt64) {
    kept.withLock { k in
      if let g = k?.generation, g < generation { k = nil }
    }
  }
}
