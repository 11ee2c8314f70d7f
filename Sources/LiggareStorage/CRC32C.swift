internal import LiggareHardware

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the per-record checksum of the log.
///
/// The SSE 4.2 instruction where the CPU has it (about 10 GB/s), else slicing-by-8 tables (about
/// 2.5 GB/s); replay checks every record, so this is a fifth of its reading thread's work in software.
public enum CRC32C {
  /// Whether the CPU has SSE 4.2 and this build the hardware path; read once.
  public static let hardwareIsAvailable = HardwareCRC32C.isCompiled && CPUFeatures.sse42

  private static let tables: [UInt32] = {
    var t = [UInt32](repeating: 0, count: 8 * 256)
    for i in 0..<256 {
      var c = UInt32(i)
      for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
      t[i] = c
    }
    for i in 0..<256 {
      for s in 1..<8 { t[s * 256 + i] = (t[(s - 1) * 256 + i] >> 8) ^ t[Int(t[(s - 1) * 256 + i] & 0xFF)] }
    }
    return t
  }()

  /// The checksum of `bytes`.
  public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    hardwareIsAvailable ? HardwareCRC32C.checksum(bytes) : softwareChecksum(bytes)
  }

  /// The checksum of `bytes` by the tables, whatever the CPU (the tests hold the two paths equal).
  public static func softwareChecksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    guard let base = bytes.baseAddress else { return 0 }
    var i = 0
    let n = bytes.count
    tables.withUnsafeBufferPointer { t in
      while i + 8 <= n {
        let lo = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt32.self)) ^ crc
        let hi = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self))
        crc =
          t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)]
          ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
          ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int((hi >> 8) & 0xFF)]
          ^ t[1 * 256 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
        i += 8
      }
      while i < n {
        crc = (crc >> 8) ^ t[Int((crc ^ UInt32(base.load(fromByteOffset: i, as: UInt8.self))) & 0xFF)]
        i += 1
      }
    }
    return ~crc
  }

  /// The checksum of an array.
  public static func checksum(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBytes { checksum($0) }
  }
}
