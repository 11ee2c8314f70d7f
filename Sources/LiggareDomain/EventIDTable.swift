/// The event ids of the log in seq order, with an open-addressing hash index over them.
///
/// Plain arrays of integers and bytes, no `String` or `Dictionary` per event: folding 3 million
/// events allocates nothing per id, and a checkpoint can store and load the table as raw bytes.
struct EventIDTable: Sendable {
  /// The UTF-8 bytes of every id, back to back.
  var bytes: [UInt8] = []
  /// `ends[i]` is where the id of seq i + 1 ends in `bytes`.
  var ends: [Int] = []
  /// Slots of the hash index: 0 empty, else the seq of the first event with an id hashing there.
  var slots: [UInt32] = [UInt32](repeating: 0, count: 1024)
  /// Number of distinct ids in `slots`.
  var distinct = 0

  var count: Int { ends.count }

  /// The id of the event at `seq`.
  func id(atSeq seq: UInt64) -> String {
    let i = Int(seq - 1)
    let start = i == 0 ? 0 : ends[i - 1]
    return String(decoding: bytes[start..<ends[i]], as: UTF8.self)
  }

  /// The seq of the first event with `id`, if any.
  func seq(of id: String) -> UInt64? {
    var id = id
    return id.withUTF8 { utf8 in
      let mask = slots.count - 1
      var slot = Int(truncatingIfNeeded: EventIDTable.hash(UnsafeRawBufferPointer(utf8))) & mask
      while true {
        let s = slots[slot]
        if s == 0 { return nil }
        if matches(seq: Int(s), utf8) { return UInt64(s) }
        slot = (slot + 1) & mask
      }
    }
  }

  /// Appends the id of the next seq; indexes it unless an earlier event has the same id.
  mutating func append(_ id: String) {
    var id = id
    id.withUTF8 { utf8 in
      bytes.append(contentsOf: utf8)
      ends.append(bytes.count)
      if (distinct + 1) * 2 > slots.count { grow() }
      let seq = ends.count
      let mask = slots.count - 1
      var slot = Int(truncatingIfNeeded: EventIDTable.hash(UnsafeRawBufferPointer(utf8))) & mask
      while slots[slot] != 0 {
        if matches(seq: Int(slots[slot]), utf8) { return }
        slot = (slot + 1) & mask
      }
      slots[slot] = UInt32(seq)
      distinct += 1
    }
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
    var bigger = [UInt32](repeating: 0, count: slots.count * 2)
    let mask = bigger.count - 1
    bytes.withUnsafeBytes { all in
      for s in slots where s != 0 {
        let seq = Int(s)
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
