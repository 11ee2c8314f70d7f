#if arch(x86_64)
  internal import _Builtin_intrinsics.intel

  /// The SHA-256 compression function with the x86 SHA extensions (`sha256rnds2`, `sha256msg1/2`),
  /// several times faster than the portable rounds: the log's hash chain runs it for every record
  /// appended and verified.
  ///
  /// Callers must check `SHA256.hardwareIsAvailable` (CPUID: SHA, SSSE3, SSE 4.1) first.
  public enum HardwareSHA256 {
    /// Whether this build has the hardware path at all.
    public static let isCompiled = true

    /// Compresses `blocks` 64-byte blocks at `data` into `state` (a, b, c, d, e, f, g, h).
    ///
    /// - Parameters:
    ///   - state: the eight working words, updated.
    ///   - blocks: how many 64-byte blocks.
    ///   - data: the first block.
    ///   - roundConstants: FIPS 180-4's 64 constants K (the portable `SHA256` owns the table).
    public static func compress(
      _ state: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
      blocks: Int, at data: UnsafeRawPointer, roundConstants: UnsafeBufferPointer<UInt32>
    ) {
      // The instructions keep the state as ABEF and CDGH, highest lane first.
      var abef = _mm_set_epi32(
        Int32(bitPattern: state.0), Int32(bitPattern: state.1), Int32(bitPattern: state.4),
        Int32(bitPattern: state.5))
      var cdgh = _mm_set_epi32(
        Int32(bitPattern: state.2), Int32(bitPattern: state.3), Int32(bitPattern: state.6),
        Int32(bitPattern: state.7))
      let byteSwap = _mm_set_epi64x(0x0c0d_0e0f_0809_0a0b, 0x0405_0607_0001_0203)
      // alignr(cur, prev, 4) from two byte shuffles: the intrinsic is a macro Swift cannot import.
      let prevTail = _mm_set_epi64x(
        Int64(bitPattern: 0x8080_8080_0f0e_0d0c), Int64(bitPattern: 0x0b0a_0908_0706_0504))
      let curHead = _mm_set_epi64x(
        Int64(bitPattern: 0x0302_0100_8080_8080), Int64(bitPattern: 0x8080_8080_8080_8080))
      precondition(roundConstants.count == 64, "SHA-256 has 64 round constants")
      let k = UnsafeRawBufferPointer(roundConstants)
      for block in 0..<blocks {
        let p = data + block * 64
        let savedABEF = abef
        let savedCDGH = cdgh
        var m0 = _mm_setzero_si128()
        var m1 = _mm_setzero_si128()
        var m2 = _mm_setzero_si128()
        var m3 = _mm_setzero_si128()
        for g in 0..<16 {
          // m0 is the current group's words, m3 the previous, m1 the next (rotated below).
          if g < 4 {
            m0 = _mm_shuffle_epi8(
              _mm_loadu_si128(p.advanced(by: g * 16).assumingMemoryBound(to: __m128i.self)), byteSwap)
          }
          var msg = _mm_add_epi32(
            m0, _mm_loadu_si128(k.baseAddress!.advanced(by: g * 16).assumingMemoryBound(to: __m128i.self)))
          cdgh = _mm_sha256rnds2_epu32(cdgh, abef, msg)
          if g >= 3 && g <= 14 {
            let tmp = _mm_or_si128(_mm_shuffle_epi8(m3, prevTail), _mm_shuffle_epi8(m0, curHead))
            m1 = _mm_sha256msg2_epu32(_mm_add_epi32(m1, tmp), m0)
          }
          msg = _mm_unpackhi_epi64(msg, msg)
          abef = _mm_sha256rnds2_epu32(abef, cdgh, msg)
          if g >= 1 && g <= 12 { m3 = _mm_sha256msg1_epu32(m3, m0) }
          (m0, m1, m2, m3) = (m1, m2, m3, m0)
        }
        abef = _mm_add_epi32(abef, savedABEF)
        cdgh = _mm_add_epi32(cdgh, savedCDGH)
      }
      var lanes: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0, 0)
      withUnsafeMutableBytes(of: &lanes) { out in
        _mm_storeu_si128(out.baseAddress!.assumingMemoryBound(to: __m128i.self), abef)
        _mm_storeu_si128(out.baseAddress!.advanced(by: 16).assumingMemoryBound(to: __m128i.self), cdgh)
      }
      // Lanes low to high: F E B A, then H G D C.
      state = (lanes.3, lanes.2, lanes.7, lanes.6, lanes.1, lanes.0, lanes.5, lanes.4)
    }
  }
#else
  /// No hardware path on this architecture; `SHA256` uses its portable rounds.
  public enum HardwareSHA256 {
    /// Whether this build has the hardware path at all.
    public static let isCompiled = false

    /// Never called on this architecture.
    public static func compress(
      _ state: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
      blocks: Int, at data: UnsafeRawPointer, roundConstants: UnsafeBufferPointer<UInt32>
    ) {
      preconditionFailure("no hardware SHA-256 on this architecture")
    }
  }
#endif
