/// The event ids of the log in seq order, with an open-addressing hash index over them.
///
/// Plain arrays of integers and bytes, no `String` or `Dictionary` per event: folding 3 million
/// events allocates nothing per id, and a checkpoint can store and load the table as raw bytes.
///
/// The hash index may cover only a prefix of the ids (`indexedCount`): replay appends ids without
/// indexing them, because views never look an event up by id and a random insert into a table of
/// millions costs a cache miss each. Look-ups scan the unindexed tail; `indexAll()` brings the
/// index up to date before appends, which look ids up for every event.
public struct EventIDTable: Sendable {
  /// The UTF-8 bytes of every id, back to back.
  var bytes: [UInt8] = []
  /// `ends[i]` is where the id of seq i + 1 ends in `bytes`.
  var ends: [Int] = []
  /// Slots of the hash index (at most three quarters full): 0 empty, else the seq of the first event with an id hashing there
  /// in the low 32 bits and the high 32 bits of its hash above, so that a probe rarely has to
  /// read the id itself (each such read is a cache miss in a table of millions).
  var slots: [UInt64] = [UInt64](repeating: 0, count: 1024)
  /// Number of distinct ids in `slots`.
  var distinct = 0
  /// The ids of seqs 1...indexedCount are in `slots`.
  var indexedCount = 0

  /// Creates an empty table.
  public init() {}

  /// Number of ids, one per seq.
  public var count: Int { ends.count }

  /// Makes room for `additional` more ids.
  public mutating func reserveCapacity(forAdditional additional: Int) {
    ends.reserveCapacity(ends.count + additional)
    let average = ends.isEmpty ? 12 : bytes.count / ends.count + 1
    bytes.reserveCapacity(bytes.count + additional * average)
    // The hash index sized once for them: growing it step by step rehashes every id again.
    while (distinct + ends.count - indexedCount + additional) * 4 > slots.count * 3 { grow() }
  }

  /// The id of the event at `seq`.
  public func id(atSeq seq: UInt64) -> String {
    let i = Int(seq - 1)
    let start = i == 0 ? 0 : ends[i - 1]
    return String(decoding: bytes[start..<ends[i]], as: UTF8.self)
  }

  /// Whether every id is in the hash index.
  public var isFullyIndexed: Bool { indexedCount == ends.count }

  /// The seq of the first event with `id`, if any.
  public func seq(of id: String) -> UInt64? {
    var utf8 = id
    if let hit = utf8.withUTF8({ indexedSeq(of: $0) }) { return hit }
    return isFullyIndexed ? nil : seqs(of: [id])[0]
  }

  /// The seq of the first event with each of `ids`, nil where there is none; one pass over the
  /// unindexed tail serves them all.
  public func seqs(of ids: [String]) -> [UInt64?] {
    var found = [UInt64?](repeating: nil, count: ids.count)
    // The ids still wanted, in a small hash table of their own (slot: index into `ids` + 1):
    // a replayed log can have millions of unindexed ids and hundreds of retractions.
    var wanted: [Int] = []
    var hashes = [UInt64](repeating: 0, count: ids.count)
    var missing = 0
    for (k, id) in ids.enumerated() {
      var id = id
      hashes[k] = id.withUTF8 { EventIDTable.hash(UnsafeRawBufferPointer($0)) }
      if let hit = id.withUTF8({ indexedSeq(of: $0) }) {
        found[k] = hit
      } else if indexedCount < ends.count {
        missing += 1
      }
    }
    guard missing > 0 else { return found }
    var size = 16
    while size < missing * 2 { size *= 2 }
    wanted = [Int](repeating: 0, count: size)
    let mask = size - 1
    for k in ids.indices where found[k] == nil {
      var slot = Int(truncatingIfNeeded: hashes[k]) & mask
      while wanted[slot] != 0 { slot = (slot + 1) & mask }
      wanted[slot] = k + 1
    }
    let utf8 = ids.map { Array($0.utf8) }
    bytes.withUnsafeBufferPointer { all in
      var start = indexedCount == 0 ? 0 : ends[indexedCount - 1]
      for i in indexedCount..<ends.count {
        let end = ends[i]
        let h = EventIDTable.hash(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: all[start..<end])))
        var slot = Int(truncatingIfNeeded: h) & mask
        while wanted[slot] != 0 {
          let k = wanted[slot] - 1
          if hashes[k] == h, found[k] == nil, utf8[k].count == end - start,
            utf8[k].withUnsafeBufferPointer({
              memcmpEqual(all.baseAddress! + start, $0.baseAddress!, $0.count)
            })
          {
            found[k] = UInt64(i + 1)
          }
          slot = (slot + 1) & mask
        }
        start = end
      }
    }
    return found
  }

  private func indexedSeq(of utf8: UnsafeBufferPointer<UInt8>) -> UInt64? {
    let h = EventIDTable.hash(UnsafeRawBufferPointer(utf8))
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let s = slots[slot]
      if s == 0 { return nil }
      if s >> 32 == h >> 32, matches(seq: Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: s)), utf8) {
        return UInt64(UInt32(truncatingIfNeeded: s))
      }
      slot = (slot + 1) & mask
    }
  }

  /// Appends the id of the next seq, indexing it if the index is complete (the append path).
  public mutating func append(_ id: String) {
    let indexed = isFullyIndexed
    appendWithoutIndexing(id)
    if indexed { indexAll() }
  }

  /// Appends the id of the next seq and leaves it to a later `indexAll()` (the replay path).
  public mutating func appendWithoutIndexing(_ id: String) {
    var id = id
    id.withUTF8 { utf8 in
      bytes.append(contentsOf: utf8)
      ends.append(bytes.count)
    }
  }

  /// Indexes every id not yet in the hash index.
  public mutating func indexAll() {
    guard indexedCount < ends.count else { return }
    while (distinct + ends.count - indexedCount) * 4 > slots.count * 3 { grow() }
    let mask = slots.count - 1
    bytes.withUnsafeBufferPointer { all in
      var start = indexedCount == 0 ? 0 : ends[indexedCount - 1]
      for i in indexedCount..<ends.count {
        let end = ends[i]
        let utf8 = UnsafeBufferPointer(rebasing: all[start..<end])
        let h = EventIDTable.hash(UnsafeRawBufferPointer(utf8))
        var slot = Int(truncatingIfNeeded: h) & mask
        var isNew = true
        while true {
          let s = slots[slot]
          if s == 0 { break }
          if s >> 32 == h >> 32, matches(seq: Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: s)), utf8) {
            isNew = false
            break
          }
          slot = (slot + 1) & mask
        }
        if isNew {
          slots[slot] = (h >> 32) << 32 | UInt64(i + 1)
          distinct += 1
        }
        start = end
      }
    }
    indexedCount = ends.count
  }

  func matches(seq: Int, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = seq == 1 ? 0 : ends[seq - 2]
    let end = ends[seq - 1]
    guard end - start == utf8.count else { return false }
    return bytes.withUnsafeBufferPointer { all in
      utf8.count == 0 || memcmpEqual(all.baseAddress! + start, utf8.baseAddress!, utf8.count)
    }
  }

  mutating func grow() {
    var bigger = [UInt64](repeating: 0, count: slots.count * 2)
    let mask = bigger.count - 1
    bytes.withUnsafeBytes { all in
      for s in slots where s != 0 {
        let seq = Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: s))
        let start = seq == 1 ? 0 : ends[seq - 2]
        var slot =
          Int(
            truncatingIfNeeded: EventIDTable.hash(
              UnsafeRawBufferPointer(rebasing: all[start..<ends[seq - 1]]))) & mask
        while bigger[slot] != 0 { slot = (slot + 1) & mask }
        bigger[slot] = s
      }
    }
    slots = bigger
  }

  /// FNV-1a, 64 bits: stable across processes, so a stored index stays valid.
  @inline(__always)
  static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    return h ^ (h >> 29)
  }
}

@inline(__always)
private func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
  for i in 0..<n where a[i] != b[i] { return false }
  return true
}
