import Synchronization

/// Answers computed for one published state (`ServerState.generation`: a head and a person
/// register), kept within a byte budget and dropped as soon as a newer state is asked about.
///
/// A reader holding an older state than the cache's neither reads nor fills it, so an answer is
/// only ever returned with the state (and so the `ETag`) it was computed for. Least recently used
/// entries go first when the budget is exceeded.
public final class AnswerCache: Sendable {
  struct Entry {
    var value: any Sendable
    var cost: Int
    var lastUsed: UInt64
  }

  struct Store {
    var generation: UInt64 = 0
    var entries: [String: Entry] = [:]
    var bytes = 0
    var tick: UInt64 = 0
    var hits = 0
    var misses = 0
  }

  /// The most the entries may cost, in (estimated) bytes.
  public let budget: Int
  private let store = Mutex(Store())

  /// A cache of at most `budget` bytes (64 MiB by default; 0 keeps nothing).
  public init(budget: Int = 64 << 20) {
    self.budget = budget
  }

  /// The value for `key` as computed for `generation`, if kept.
  public func value<T: Sendable>(_ key: String, generation: UInt64, as: T.Type = T.self) -> T? {
    store.withLock { s in
      guard s.generation == generation, var entry = s.entries[key], let value = entry.value as? T else {
        s.misses += 1
        return nil
      }
      s.tick += 1
      entry.lastUsed = s.tick
      s.entries[key] = entry
      s.hits += 1
      return value
    }
  }

  /// Keeps `value` for `key` at `generation` (a newer generation first drops everything; an older
  /// one is not kept).
  public func store<T: Sendable>(_ value: T, cost: Int, for key: String, generation: UInt64) {
    guard cost <= budget / 4 else { return }
    store.withLock { s in
      if generation > s.generation {
        s = Store(generation: generation, hits: s.hits, misses: s.misses)
      }
      guard generation == s.generation else { return }
      s.tick += 1
      if let old = s.entries[key] { s.bytes -= old.cost }
      s.entries[key] = Entry(value: value, cost: cost, lastUsed: s.tick)
      s.bytes += cost
      if s.bytes > budget {
        // Down to three quarters, oldest first, so that eviction is not paid on every store.
        for (k, e) in s.entries.sorted(by: { $0.value.lastUsed < $1.value.lastUsed }) {
          guard s.bytes > budget / 4 * 3 else { break }
          s.entries[k] = nil
          s.bytes -= e.cost
        }
      }
    }
  }

  /// Drops everything kept for generations before `generation` (called when a state is published,
  /// so that nothing of an old state stays in memory).
  public func advance(to generation: UInt64) {
    store.withLock { s in
      if generation > s.generation { s = Store(generation: generation, hits: s.hits, misses: s.misses) }
    }
  }

  /// The value for `key` at `generation`, computed by `make` (and kept) when not already there.
  func value<T: Sendable, E: Error>(
    _ key: String, generation: UInt64, cost: (T) -> Int, make: () throws(E) -> T
  ) throws(E) -> T {
    if let kept: T = value(key, generation: generation) { return kept }
    let made = try make()
    store(made, cost: cost(made), for: key, generation: generation)
    return made
  }

  /// Entries, their estimated bytes, hits and misses so far (for tests and diagnostics).
  public var statistics: (entries: Int, bytes: Int, hits: Int, misses: Int, generation: UInt64) {
    store.withLock { ($0.entries.count, $0.bytes, $0.hits, $0.misses, $0.generation) }
  }
}
