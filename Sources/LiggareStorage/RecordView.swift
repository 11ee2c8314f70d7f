/// One committed record as a reader sees it; the bytes are valid only inside the callback.
public struct RecordView {
  public let seq: UInt64
  /// The whole line without its newline, integrity fields included.
  public let line: UnsafeRawBufferPointer
  /// Where the body's fields end in `line` (the `,"seq"` key starts there).
  public let bodyEnd: Int
  let hashStart: Int

  /// The record's chain hash (decoded from the line on each call).
  public var hash: SHA256.Digest { RecordLine.hash(in: line, at: hashStart) ?? .zero }

  /// The caller's original JSON object, rebuilt (a copy; for cold paths).
  public var body: [UInt8] {
    var out = Array(UnsafeRawBufferPointer(rebasing: line[..<bodyEnd]))
    out.append(UInt8(ascii: "}"))
    return out
  }
}
