/// One dated change in an entity's history, with when it was learnt and, if so, retracted.
struct Version<Value: Sendable>: Sendable {
  var date: Int32
  var seq: UInt64
  /// The seq of the retraction that removed this change, or `UInt64.max`.
  var retractedBy: UInt64 = .max
  var value: Value

  @inline(__always) func isVisible(knownAt k: UInt64) -> Bool {
    seq <= k && retractedBy > k
  }

  @inline(__always) func isAtOrBefore(_ p: Position) -> Bool {
    date < p.date.daysSinceEpoch || (date == p.date.daysSinceEpoch && seq <= p.seq)
  }

  @inline(__always) func isAfter(date d: Int32, seq s: UInt64) -> Bool {
    date > d || (date == d && seq > s)
  }
}

extension Array {
  /// Inserts a version keeping (date, seq) order; appends in the common in-order case.
  mutating func insertInFoldOrder<V>(_ v: Version<V>) where Element == Version<V> {
    if let last = self.last, last.date > v.date || (last.date == v.date && last.seq > v.seq) {
      var lo = 0
      var hi = count
      while lo < hi {
        let mid = (lo + hi) / 2
        let m = self[mid]
        if m.date < v.date || (m.date == v.date && m.seq < v.seq) { lo = mid + 1 } else { hi = mid }
      }
      insert(v, at: lo)
    } else {
      append(v)
    }
  }

  /// Index one past the last version at or before `p`.
  func endIndex<V>(atOrBefore p: Position) -> Int where Element == Version<V> {
    if let last = self.last, last.isAtOrBefore(p) { return count }
    var lo = 0
    var hi = count
    while lo < hi {
      let mid = (lo + hi) / 2
      if self[mid].isAtOrBefore(p) { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// The latest version at or before `p` that is visible when known at `k`.
  func latest<V>(atOrBefore p: Position, knownAt k: UInt64) -> Version<V>? where Element == Version<V> {
    var i = endIndex(atOrBefore: p) - 1
    while i >= 0 {
      if self[i].isVisible(knownAt: k) { return self[i] }
      i -= 1
    }
    return nil
  }

  /// Marks the version with `seq` as retracted by `retraction`.
  mutating func markRetracted<V>(seq: UInt64, by retraction: UInt64) where Element == Version<V> {
    if let i = firstIndex(where: { $0.seq == seq }) { self[i].retractedBy = retraction }
  }
}
