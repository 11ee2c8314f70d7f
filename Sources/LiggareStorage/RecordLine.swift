/// The on-disk form of one record: the caller's JSON object with the log's integrity fields added.
///
///     {…body fields…,"seq":N,"commit":true,"hash":"<64 hex>","crc":"<8 hex>"}\n
///
/// `hash` = SHA-256(previous record's hash ‖ the line up to and including the `seq` value), so the
/// chain depends on the events alone, not on how they were grouped into batches (an export
/// re-imported in one batch reaches the same head hash);
/// `crc` = CRC-32C of the line up to the `,"crc"` key. `commit` is true on the last record of a
/// batch: records after the last commit are an unfinished batch, invisible to readers.
/// The keys `seq`, `commit`, `hash` and `crc` are therefore reserved in bodies.
enum RecordLine {
  static let hashKey = Array(",\"hash\":\"".utf8)
  static let crcKey = Array(",\"crc\":\"".utf8)
  static let commitTrue = Array(",\"commit\":true".utf8)
  static let commitFalse = Array(",\"commit\":false".utf8)
  static let seqKey = Array("\"seq\":".utf8)

  /// Appends the line for `body` to `out` and returns the new chain hash.
  static func append(
    body: UnsafeRawBufferPointer, seq: UInt64, commit: Bool, previous: SHA256.Digest, to out: inout [UInt8]
  ) -> SHA256.Digest {
    let start = out.count
    out.append(contentsOf: body.dropLast())
    if body.count > 2 { out.append(UInt8(ascii: ",")) }
    out.append(contentsOf: seqKey)
    out.append(contentsOf: String(seq).utf8)
    var hasher = SHA256()
    previous.bytes.withUnsafeBytes { hasher.update($0) }
    out.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[start...])) }
    let digest = hasher.finalize()
    out.append(contentsOf: commit ? commitTrue : commitFalse)
    out.append(contentsOf: hashKey)
    digest.appendHex(to: &out)
    out.append(UInt8(ascii: "\""))
    let crc = out.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[start...])) }
    out.append(contentsOf: crcKey)
    appendHex32(crc, to: &out)
    out.append(contentsOf: "\"}\n".utf8)
    return digest
  }

  static func appendHex32(_ value: UInt32, to out: inout [UInt8]) {
    let digits: StaticString = "0123456789abcdef"
    for shift in stride(from: 28, through: 0, by: -4) {
      out.append(digits.utf8Start[Int((value >> UInt32(shift)) & 0xF)])
    }
  }

  /// The parts of a line, found from its fixed-shape end.
  struct Parts {
    var seq: UInt64
    var commit: Bool
    /// Bytes of the body fields (without the closing brace).
    var bodyEnd: Int
    /// End of the bytes the chain hash covers.
    var contentEnd: Int
    /// Offset of the 64 hex digits of the chain hash.
    var hashStart: Int
    var crc: UInt32
    /// End of the bytes the CRC covers.
    var crcCoverageEnd: Int
  }

  /// Why a line is not a record.
  enum Defect: Error, Equatable {
    case malformed(String)
    case checksumMismatch
  }

  /// Splits a line (without its newline) and checks its CRC.
  static func parse(_ line: UnsafeRawBufferPointer) -> Result<Parts, Defect> {
    let n = line.count
    guard n >= 2 + 14 + 9 + 64 + 1 + 8 + 8 + 2, line[n - 1] == UInt8(ascii: "}"), line[n - 2] == 0x22 else {
      return .failure(.malformed("raden slutar inte med integritetsfälten"))
    }
    let crcStart = n - 10
    guard matches(line, at: crcStart - crcKey.count, crcKey) else {
      return .failure(.malformed("fältet crc saknas"))
    }
    guard let crc = parseHex32(line, at: crcStart) else {
      return .failure(.malformed("fältet crc är ogiltigt"))
    }
    let crcCoverageEnd = crcStart - crcKey.count
    guard line[crcCoverageEnd - 1] == 0x22 else { return .failure(.malformed("fältet hash är ogiltigt")) }
    let hashStart = crcCoverageEnd - 1 - 64
    // The hex digits are covered by the CRC; they are decoded only when someone asks for the hash.
    guard hashStart > hashKey.count, matches(line, at: hashStart - hashKey.count, hashKey) else {
      return .failure(.malformed("fältet hash saknas eller är ogiltigt"))
    }
    let contentEnd = hashStart - hashKey.count
    let commit: Bool
    let seqEnd: Int
    if matches(line, at: contentEnd - commitTrue.count, commitTrue) {
      commit = true
      seqEnd = contentEnd - commitTrue.count
    } else if matches(line, at: contentEnd - commitFalse.count, commitFalse) {
      commit = false
      seqEnd = contentEnd - commitFalse.count
    } else {
      return .failure(.malformed("fältet commit saknas"))
    }
    var i = seqEnd
    var seq: UInt64 = 0
    var multiplier: UInt64 = 1
    while i > 0, line[i - 1] >= UInt8(ascii: "0"), line[i - 1] <= UInt8(ascii: "9"), seqEnd - i < 19 {
      seq += UInt64(line[i - 1] - UInt8(ascii: "0")) * multiplier
      multiplier *= 10
      i -= 1
    }
    guard i < seqEnd, i >= seqKey.count + 1, matches(line, at: i - seqKey.count, seqKey) else {
      return .failure(.malformed("fältet seq saknas"))
    }
    let keyStart = i - seqKey.count
    let separator = line[keyStart - 1]
    guard separator == UInt8(ascii: ",") || (separator == UInt8(ascii: "{") && keyStart == 1) else {
      return .failure(.malformed("fältet seq står fel"))
    }
    guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: line[..<crcCoverageEnd])) == crc else {
      return .failure(.checksumMismatch)
    }
    return .success(
      Parts(
        seq: seq, commit: commit, bodyEnd: separator == UInt8(ascii: "{") ? keyStart : keyStart - 1,
        contentEnd: seqEnd, hashStart: hashStart, crc: crc,
        crcCoverageEnd: crcCoverageEnd))
  }

  /// The chain hash written in `line` (nil when its digits are not lowercase hex).
  static func hash(in line: UnsafeRawBufferPointer, at start: Int) -> SHA256.Digest? {
    SHA256.Digest(hex: UnsafeRawBufferPointer(rebasing: line[start..<(start + 64)]))
  }

  @inline(__always)
  static func matches(_ line: UnsafeRawBufferPointer, at offset: Int, _ pattern: [UInt8]) -> Bool {
    guard offset >= 0, offset + pattern.count <= line.count else { return false }
    for (i, b) in pattern.enumerated() where line[offset + i] != b { return false }
    return true
  }

  static func parseHex32(_ line: UnsafeRawBufferPointer, at offset: Int) -> UInt32? {
    var v: UInt32 = 0
    for i in 0..<8 {
      let c = line[offset + i]
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): v = v << 4 | UInt32(c - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): v = v << 4 | UInt32(c - UInt8(ascii: "a") + 10)
      default: return nil
      }
    }
    return v
  }
}
