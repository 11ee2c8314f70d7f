/// Reads what `BinaryWriter` wrote; every read checks bounds and fails softly, since a cache file
/// may be truncated or corrupt and must then be ignored, never trusted.
public struct BinaryReader {
  /// Raised when the bytes run out or a count is impossible.
  public struct Malformed: Error {}

  let bytes: UnsafeRawBufferPointer
  public private(set) var offset = 0

  /// A reader over `bytes`, which must outlive it.
  public init(_ bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
  }

  /// Whether every byte was read.
  public var isAtEnd: Bool { offset == bytes.count }

  /// Reads 8 bytes as an integer.
  public mutating func readInt() throws(Malformed) -> Int {
    guard offset + 8 <= bytes.count else { throw Malformed() }
    let v = bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self)
    offset += 8
    return Int(Int64(littleEndian: v))
  }

  /// Reads a count that must fit in what is left.
  mutating func readCount(elementSize: Int) throws(Malformed) -> Int {
    let n = try readInt()
    guard n >= 0, n <= (bytes.count - offset) / max(elementSize, 1) else { throw Malformed() }
    return n
  }

  /// Reads a string.
  public mutating func readString() throws(Malformed) -> String {
    let n = try readCount(elementSize: 1)
    let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]), as: UTF8.self)
    offset += n
    return s
  }

  /// Skips an array written by `writePlain`, returning its bytes (valid while the reader's are)
  /// and element count, so that a caller can decode it later.
  public mutating func skipPlain<T>(_ type: T.Type) throws(Malformed) -> (
    bytes: UnsafeRawBufferPointer, count: Int
  ) {
    precondition(_isPOD(T.self))
    let n = try readCount(elementSize: MemoryLayout<T>.stride)
    let byteCount = n * MemoryLayout<T>.stride
    let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + byteCount)])
    offset += byteCount
    return (slice, n)
  }

  /// Reads an array written by `writePlain`.
  public mutating func readPlain<T>(_ type: T.Type = T.self) throws(Malformed) -> [T] {
    precondition(_isPOD(T.self))
    let n = try readCount(elementSize: MemoryLayout<T>.stride)
    let byteCount = n * MemoryLayout<T>.stride
    let start = offset
    let result = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
      UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(
        from: bytes.baseAddress! + start, byteCount: byteCount)
      initialized = n
    }
    offset += byteCount
    return result
  }
}
