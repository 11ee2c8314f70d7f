public import LiggareDomain

extension LedgerSnapshot {
  /// The events `actor` recorded among the last `window` records up to the head, newest first, at
  /// most `limit` of them: the coordinator's "your recent registrations".
  ///
  /// Reads back from the head and stops at the `limit`th found; a record's actor is read without
  /// decoding it where it can be (`EventCodec.plainActor`), so only the actor's own are decoded.
  /// A record that does not decode is passed over; a damaged log ends the list where the damage is.
  public func recentEvents(by actor: String, within window: UInt64, limit: Int) -> [Event] {
    var events: [Event] = []
    guard limit > 0, window > 0 else { return events }
    var visited: UInt64 = 0
    try? forEachRecordBackward { record in
      visited += 1
      let body = UnsafeRawBufferPointer(rebasing: record.line[..<record.bodyEnd])
      if EventCodec.plainActor(in: body).map({ $0 == actor }) ?? true {
        let whole = record.body
        if let event = try? whole.withUnsafeBytes({ raw throws(EventDecodingError) in
          try EventCodec.decodeRecord(raw, seq: record.seq)
        }), event.actor == actor {
          events.append(event)
        }
      }
      return events.count < limit && visited < window
    }
    return events
  }
}
