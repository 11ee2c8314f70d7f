extension EventCodec {
  /// The actor of a log record read without decoding it, when the record starts as the log writes
  /// it: `{"actor":"…"` with a string free of escapes. Nil otherwise (then decode the record to
  /// know). Since a record names its actor once (a second `actor` is refused), whenever this
  /// answers and the record decodes, the decoded event's actor equals the answer.
  ///
  /// - Parameter record: a log record's line or body (from its `{`).
  public static func plainActor(in record: UnsafeRawBufferPointer) -> String? {
    let prefix = #"{"actor":""#.utf8
    guard record.count > prefix.count, record.starts(with: prefix) else { return nil }
    var end = prefix.count
    while end < record.count {
      switch record[end] {
      case UInt8(ascii: "\""):
        return String(validating: UnsafeRawBufferPointer(rebasing: record[prefix.count..<end]), as: UTF8.self)
      case UInt8(ascii: "\\"), 0..<0x20: return nil
      default: end += 1
      }
    }
    return nil
  }
}
