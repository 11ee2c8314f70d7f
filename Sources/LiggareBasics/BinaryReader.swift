public import LiggareSystem

/// Reads what `BinaryWriter` wrote; every read checks bounds and fails softly, since a cache file
/// may be truncated or corrupt and must then be ignored, never trusted.
///
/// Inlinable, so that the generic reads are specialised where the element type is known: a
/// checkpoint reads a quarter of a million small arrays, and unspecialised calls looked up type
/// metadata for each.
@frozen
public struct BinaryReader {
  /// Raised when the bytes run out or a count is impossible.
  public struct Malformed: Error {
    @inlinable public init() {}
  }

  @usableFromInline let bytes: UnsafeRawBufferPointer
  @usableFromInline var position = 0
  /// Bytes read so far.
  @inlinable public var offset: Int { position }

  /// A reader over `bytes`, which must outlive it.
  @inlinable
  public init(_ bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
  }

  /// Whether every byte was read.
  @inlinable
  public var isAtEnd: Bool { position == bytes.count }

  /// Reads 8 bytes as an integer.
  @inlinable
  public mutating func readInt() throws(Malformed) -> Int {
    guard position + 8 <= bytes.count else { throw Malformed() }
    let v = bytes.loadUnaligned(fromByteOffset: position, as: Int64.self)
    position += 8
    return Int(Int64(littleEndian: v))
  }

  /// Reads a count that must fit in what is left.
  @usableFromInline
  mutating func readCount(elementSize: Int) throws(Malformed) -> Int {
    let n = try readInt()
    guard n >= 0, n <= (bytes.count - position) / max(elementSize, 1) else { throw Malformed() }
    return n
  }

  /// Reads a string.
  public mutating func readString() throws(Malformed) -> String {
    let n = try readCount(elementSize: 1)
    let s = String(
      decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + n)]), as: UTF8.self)
    position += n
    return s
  }

  /// Skips an array written by `writePlain`, returning its bytes (valid while the reader's are)
  /// and element count, so that a caller can decode it later.
  @inlinable
  public mutating func skipPlain<T>(_ type: T.Type) throws(Malformed) -> (
    bytes: UnsafeRawBufferPointer, count: Int
  ) {
    precondition(_isPOD(T.self))
    let n = try readCount(elementSize: MemoryLayout<T>.stride)
    let byteCount = n * MemoryLayout<T>.stride
    let slice = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + byteCount)])
    position += byteCount
    return (slice, n)
  }

  /// Reads an array written by `writePlain`.
  @inlinable
  public mutating func readPlain<T>(_ type: T.Type = T.self) throws(Malformed) -> [T] {
    precondition(_isPOD(T.self))
    let n = try readCount(elementSize: MemoryLayout<T>.stride)
    let byteCount = n * MemoryLayout<T>.stride
    let start = position
    let result = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
      if byteCount >= LargeAllocation.threshold {
        LargeAllocation.adviseHugePages(UnsafeMutableRawPointer(buffer.baseAddress!), byteCount: byteCount)
      }
      UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(
        from: bytes.baseAddress! + start, byteCount: byteCount)
      initialized = n
    }
    position += byteCount
    return result
  }
}
