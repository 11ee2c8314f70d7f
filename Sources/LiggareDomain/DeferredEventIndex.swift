import Synchronization

/// A chronicle's locators and event ids still in the bytes of a checkpoint, decoded on first use.
///
/// Views read entity histories only; leaving these two sections (about half a city's checkpoint)
/// in the mapped file saves copying them on every cold start. `owner` keeps the bytes alive.
final class DeferredEventIndex: Sendable {
  struct Sections: @unchecked Sendable {
    var locators: UnsafeRawBufferPointer
    var locatorCount: Int
    var idBytes: UnsafeRawBufferPointer
    var idEnds: UnsafeRawBufferPointer
    var idEndCount: Int
    var slots: UnsafeRawBufferPointer
    var slotCount: Int
    var distinct: Int
    var indexedCount: Int
  }

  private let owner: any AnyObject & Sendable
  private let sections: Sections
  private let cache = Mutex<(locators: [EventLocator]?, ids: EventIDTable?)>((nil, nil))

  init(owner: any AnyObject & Sendable, sections: Sections) {
    self.owner = owner
    self.sections = sections
  }

  var locators: [EventLocator] {
    cache.withLock { state in
      if let l = state.locators { return l }
      let l = DeferredEventIndex.copy(sections.locators, count: sections.locatorCount, as: EventLocator.self)
      state.locators = l
      return l
    }
  }

  /// The smallest date among the first `count` locators, read from the mapped bytes (or the copy
  /// when one was made) without copying them.
  func minimumDate(count: Int) -> Int32 {
    if let copied = cache.withLock({ $0.locators }) {
      var m = Int32.max
      for l in copied.prefix(count) { m = min(m, l.date) }
      return m
    }
    let n = min(count, sections.locatorCount)
    let stride = MemoryLayout<EventLocator>.stride
    let offset = MemoryLayout<EventLocator>.offset(of: \EventLocator.date) ?? 4
    var m = Int32.max
    for i in 0..<n {
      m = min(m, sections.locators.loadUnaligned(fromByteOffset: i * stride + offset, as: Int32.self))
    }
    return m
  }

  var eventIDs: EventIDTable {
    cache.withLock { state in
      if let t = state.ids { return t }
      var t = EventIDTable()
      t.bytes = DeferredEventIndex.copy(sections.idBytes, count: sections.idBytes.count, as: UInt8.self)
      t.ends = DeferredEventIndex.copy(sections.idEnds, count: sections.idEndCount, as: Int.self)
      t.slots = DeferredEventIndex.copy(sections.slots, count: sections.slotCount, as: UInt64.self)
      t.distinct = sections.distinct
      t.indexedCount = sections.indexedCount
      state.ids = t
      return t
    }
  }

  static func copy<T>(_ raw: UnsafeRawBufferPointer, count: Int, as type: T.Type) -> [T] {
    [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      if count > 0 {
        UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(
          from: raw.baseAddress!, byteCount: count * MemoryLayout<T>.stride)
      }
      initialized = count
    }
  }
}
