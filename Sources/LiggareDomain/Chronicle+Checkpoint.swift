import LiggareBasics

extension Chronicle {
  /// The chronicle as bytes for the checkpoint cache: plain arrays as raw memory (fast to load),
  /// the few records holding strings (units, courses, symbols) field by field.
  ///
  /// Raw memory depends on the compiled code, so the cache must key it by the code version.
  public func checkpointBytes() -> [UInt8] {
    var bytes: [UInt8] = []
    writeCheckpoint { bytes.append(contentsOf: $0) }
    return bytes
  }

  /// Streams `checkpointBytes()` to `sink` in pieces: small records gathered in a buffer, large
  /// arrays straight from their own memory, so a city's few hundred MB are never copied into one
  /// growing array (each doubling of which costs page faults).
  ///
  /// - Parameter sink: receives the pieces in order; the buffer is valid only during the call.
  public func writeCheckpoint(to sink: (UnsafeRawBufferPointer) -> Void) {
    withoutActuallyEscaping(sink) { sink in
      var w = CheckpointStream(sink: sink)
      write(to: &w)
      w.flush()
    }
  }

  private func write(to w: inout CheckpointStream) {
    // Part 2's histories follow the completions (see `writePart2`).
    w.write(Int(lastSeq))
    for table in [
      unitSymbols, personSymbols, courseSymbols, goalSymbols, frameworkSymbols, competenceSymbols,
      requirementSymbols, measureSymbols, labelSymbols,
    ] {
      w.write(table.names.count)
      for name in table.names { w.write(name) }
    }
    w.write(units.count)
    for history in units {
      w.write(history.count)
      for v in history {
        w.writePlain([v.date])
        w.writePlain([v.seq, v.retractedBy])
        switch v.value {
        case .established(let name, let kind, let parent, let form):
          w.write(0)
          w.write(name)
          w.writePlain([kind])
          w.writePlain([parent ?? -1])
          w.writePlain([form])
        case .renamed(let name):
          w.write(1)
          w.write(name)
        case .moved(let parent):
          w.write(2)
          w.writePlain([parent])
        case .merged(let into):
          w.write(3)
          w.writePlain([into])
        case .closed: w.write(4)
        }
      }
    }
    w.write(persons.count)
    for p in persons {
      w.writePlain(p.registrations)
      w.writePlain(p.placements)
      w.writePlain(p.levels)
      w.writePlain(p.examinerRoles)
    }
    w.write(courses.count)
    for history in courses {
      w.write(history.count)
      for v in history {
        w.writePlain([v.date])
        w.writePlain([v.seq, v.retractedBy])
        w.write(v.value.title)
        w.writePlain([v.value.hours])
        w.writePlain([v.value.area])
      }
    }
    w.write(goals.count)
    for history in goals { w.writePlain(history) }
    w.writePlain(completions)
    writePart2(to: &w)
    w.writePlain(locators)
    w.writePlain(recordedTimes)
    w.writePlain(eventIDs.bytes)
    w.writePlain(eventIDs.ends)
    w.writePlain(eventIDs.slots)
    w.write(eventIDs.distinct)
    w.write(eventIDs.indexedCount)
  }

  /// Reads `checkpointBytes()`; nil when the bytes are not a whole, consistent chronicle.
  ///
  /// - Parameters:
  ///   - bytes: the checkpoint.
  ///   - owner: when given, it keeps `bytes` alive and valid for as long as the chronicle or a copy
  ///     of it lives, and the event locators and ids are left in `bytes` until first needed.
  public init?(
    checkpointBytes bytes: UnsafeRawBufferPointer, keepingAlive owner: (any AnyObject & Sendable)? = nil
  ) {
    var r = BinaryReader(bytes)
    do throws(BinaryReader.Malformed) {
      var c = Chronicle()
      c.lastSeq = UInt64(try r.readInt())
      var tables: [SymbolTable] = []
      for _ in 0..<9 {
        var table = SymbolTable()
        let n = try r.readInt()
        guard n >= 0 else { return nil }
        for _ in 0..<n { _ = table.intern(try r.readString()) }
        tables.append(table)
      }
      (c.unitSymbols, c.personSymbols, c.courseSymbols, c.goalSymbols) = (
        tables[0], tables[1], tables[2], tables[3]
      )
      (c.frameworkSymbols, c.competenceSymbols, c.requirementSymbols, c.measureSymbols, c.labelSymbols) = (
        tables[4], tables[5], tables[6], tables[7], tables[8]
      )
      let unitCount = try r.readInt()
      guard unitCount == c.unitSymbols.count else { return nil }
      c.units.reserveCapacity(unitCount)
      for _ in 0..<unitCount {
        let n = try r.readInt()
        guard n >= 0 else { return nil }
        var history: [Version<UnitChange>] = []
        for _ in 0..<n {
          guard let date = try r.readPlain(Int32.self).first else { return nil }
          let seqs = try r.readPlain(UInt64.self)
          guard seqs.count == 2 else { return nil }
          let value: UnitChange
          switch try r.readInt() {
          case 0:
            let name = try r.readString()
            guard let kind = try r.readPlain(UnitKind.self).first,
              let parent = try r.readPlain(Int32.self).first,
              let form = try r.readPlain(SchoolForm?.self).first
            else { return nil }
            value = .established(name: name, kind: kind, parent: parent < 0 ? nil : parent, schoolForm: form)
          case 1: value = .renamed(try r.readString())
          case 2:
            guard let p = try r.readPlain(Int32.self).first else { return nil }
            value = .moved(parent: p)
          case 3:
            guard let i = try r.readPlain(Int32.self).first else { return nil }
            value = .merged(into: i)
          case 4: value = .closed
          default: return nil
          }
          history.append(Version(date: date, seq: seqs[0], retractedBy: seqs[1], value: value))
        }
        c.units.append(history)
      }
      let personCount = try r.readInt()
      guard personCount == c.personSymbols.count else { return nil }
      c.persons.reserveCapacity(personCount)
      for _ in 0..<personCount {
        var p = PersonHistory()
        p.registrations = try r.readPlain()
        p.placements = try r.readPlain()
        p.levels = try r.readPlain()
        p.examinerRoles = try r.readPlain()
        c.persons.append(p)
      }
      let courseCount = try r.readInt()
      guard courseCount == c.courseSymbols.count else { return nil }
      for _ in 0..<courseCount {
        let n = try r.readInt()
        guard n >= 0 else { return nil }
        var history: [Version<CourseDefinition>] = []
        for _ in 0..<n {
          guard let date = try r.readPlain(Int32.self).first else { return nil }
          let seqs = try r.readPlain(UInt64.self)
          let title = try r.readString()
          guard seqs.count == 2, let hours = try r.readPlain(Double.self).first,
            let area = try r.readPlain(StrategyArea.self).first
          else { return nil }
          history.append(
            Version(
              date: date, seq: seqs[0], retractedBy: seqs[1],
              value: CourseDefinition(title: title, hours: hours, area: area)))
        }
        c.courses.append(history)
      }
      let goalCount = try r.readInt()
      guard goalCount == c.goalSymbols.count else { return nil }
      for _ in 0..<goalCount { c.goals.append(try r.readPlain()) }
      c.completions = try r.readPlain()
      guard try c.readPart2(from: &r) else { return nil }
      let locators = try r.skipPlain(EventLocator.self)
      c.recordedTimes = try r.readPlain()
      let idBytes = try r.skipPlain(UInt8.self)
      let idEnds = try r.skipPlain(Int.self)
      let slots = try r.skipPlain(UInt64.self)
      let distinct = try r.readInt()
      let indexedCount = try r.readInt()
      let n = Int(c.lastSeq)
      let lastEnd =
        idEnds.count == 0
        ? 0 : idEnds.bytes.loadUnaligned(fromByteOffset: (idEnds.count - 1) * 8, as: Int.self)
      guard r.isAtEnd, locators.count == n, c.recordedTimes.count == n, idEnds.count == n,
        lastEnd == idBytes.count, slots.count.nonzeroBitCount == 1, slots.count * 3 >= distinct * 4,
        (0...n).contains(indexedCount), distinct <= indexedCount
      else { return nil }
      let sections = DeferredEventIndex.Sections(
        locators: locators.bytes, locatorCount: locators.count, idBytes: idBytes.bytes, idEnds: idEnds.bytes,
        idEndCount: idEnds.count, slots: slots.bytes, slotCount: slots.count, distinct: distinct,
        indexedCount: indexedCount)
      if let owner {
        c.deferredIndex = DeferredEventIndex(owner: owner, sections: sections)
      } else {
        c.storedLocators = DeferredEventIndex.copy(sections.locators, count: n, as: EventLocator.self)
        c.storedEventIDs.bytes = DeferredEventIndex.copy(idBytes.bytes, count: idBytes.count, as: UInt8.self)
        c.storedEventIDs.ends = DeferredEventIndex.copy(idEnds.bytes, count: n, as: Int.self)
        c.storedEventIDs.slots = DeferredEventIndex.copy(slots.bytes, count: slots.count, as: UInt64.self)
        c.storedEventIDs.distinct = distinct
        c.storedEventIDs.indexedCount = indexedCount
      }
      self = c
    } catch {
      return nil
    }
  }
}

/// A `BinaryWriter` that hands its bytes on in pieces, and large arrays without copying them.
struct CheckpointStream {
  let sink: (UnsafeRawBufferPointer) -> Void
  var buffer = BinaryWriter()

  init(sink: @escaping (UnsafeRawBufferPointer) -> Void) {
    self.sink = sink
  }

  mutating func write(_ value: Int) {
    buffer.write(value)
  }

  mutating func write(_ value: String) {
    buffer.write(value)
    if buffer.bytes.count >= 1 << 20 { flush() }
  }

  mutating func writePlain<T>(_ values: [T]) {
    if values.count * MemoryLayout<T>.stride < 1 << 16 {
      buffer.writePlain(values)
      if buffer.bytes.count >= 1 << 20 { flush() }
      return
    }
    precondition(_isPOD(T.self), "only plain values can be written as raw memory")
    buffer.write(values.count)
    flush()
    values.withUnsafeBytes { sink($0) }
  }

  mutating func flush() {
    guard !buffer.bytes.isEmpty else { return }
    buffer.bytes.withUnsafeBytes { sink($0) }
    buffer.removeAll()
  }
}
