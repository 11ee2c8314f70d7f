import LiggareStorage
import Testing

@Suite struct SHA256AfterBlocksTests {
  /// The allocation-free finish (HMAC's inner and outer step) equals the general one, on the
  /// hardware path and the portable one, after 1 and 3 whole blocks.
  @Test(arguments: [false, true], [1, 3])
  func finishAfterBlocksEqualsFinalize(portable: Bool, blocks: Int) {
    let prefix = (0..<(64 * blocks)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    let tail = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 1) }
    var hasher = SHA256(portable: portable)
    hasher.update(prefix)
    var out = [UInt8](repeating: 0, count: 32)
    tail.withUnsafeBytes { t in
      out.withUnsafeMutableBytes { hasher.finalize(afterBlocksWith: t.baseAddress!, into: $0.baseAddress!) }
    }
    #expect(out == SHA256.hash(prefix + tail).bytes)
    // The hasher itself is unchanged: finishing it normally still hashes only the prefix.
    #expect(hasher.finalize() == SHA256.hash(prefix))
  }
}
