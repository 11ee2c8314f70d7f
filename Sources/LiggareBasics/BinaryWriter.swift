/// Appends integers, strings and arrays of plain values as little-endian bytes: the checkpoint
/// format's writer (`BinaryReader` reads it back).
public struct BinaryWriter {
  public private(set) var bytes: [UInt8] = []

  /// Creates an empty writer.
  public init() {}

  /// Empties the writer, keeping its capacity.
  public mutating func removeAll() {
    bytes.removeAll(keepingCapacity: true)
  }

  /// Appends an integer's 8 bytes.
  public mutating func write(_ value: Int) {
    withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
  }

  /// Appends a string as its UTF-8 length and bytes.
  public mutating func write(_ value: String) {
    let utf8 = Array(value.utf8)
    write(utf8.count)
    bytes.append(contentsOf: utf8)
  }

  /// Appends an array of a trivial type (no references) as its count and raw memory.
  ///
  /// The memory layout is the compiler's; checkpoints are therefore keyed by the code version.
  public mutating func writePlain<T>(_ values: [T]) {
    precondition(_isPOD(T.self), "only plain values can be written as raw memory")
    write(values.count)
    values.withUnsafeBytes { bytes.append(contentsOf: $0) }
  }
}
