import LiggareAccess
import Testing

@Suite struct CryptoTests {
  static func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
  }

  static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

  /// RFC 4231 §4.2–4.8 (test case 5 compares the first 128 bits, as the RFC does).
  @Test(arguments: [
    (
      [UInt8](repeating: 0x0b, count: 20), bytes("Hi There"),
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
    ),
    (
      bytes("Jefe"), bytes("what do ya want for nothing?"),
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    ),
    (
      [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
      "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
    ),
    (
      Array(1...25), [UInt8](repeating: 0xcd, count: 50),
      "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
    ),
    ([UInt8](repeating: 0x0c, count: 20), bytes("Test With Truncation"), "a3b6167473100ee06e0c796c2955552b"),
    (
      [UInt8](repeating: 0xaa, count: 131), bytes("Test Using Larger Than Block-Size Key - Hash Key First"),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
    ),
    (
      [UInt8](repeating: 0xaa, count: 131),
      bytes(
        "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."
      ), "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
    ),
  ])
  func hmacRFC4231(key: [UInt8], data: [UInt8], expected: String) {
    let tag = CryptoTests.hex(HMACSHA256.authenticate(data, key: key))
    #expect(tag.hasPrefix(expected))
    #expect(tag.count == 64)
  }

  /// Feeding the message in pieces gives the one-call tag; a keyed value can be reused.
  @Test func hmacIncremental() {
    let key = CryptoTests.bytes("key")
    let message = Array((0..<300).map { UInt8(truncatingIfNeeded: $0 * 7) })
    let keyed = HMACSHA256(key: key)
    var mac = keyed
    mac.update(Array(message[0..<1]))
    mac.update(Array(message[1..<65]))
    mac.update(Array(message[65...]))
    #expect(mac.finalize() == HMACSHA256.authenticate(message, key: key))
    var other = keyed
    other.update(message)
    #expect(other.finalize() == mac.finalize())
    #expect(HMACSHA256.authenticate(message, key: CryptoTests.bytes("kez")) != mac.finalize())
  }

  /// RFC 7914 §11 (the two PBKDF2-HMAC-SHA256 vectors, c = 1 and c = 80000) and the widely used
  /// vectors of the RFC 6070 inputs with SHA-256 (Stack Overflow 5130513, also in many libraries'
  /// test suites).
  @Test(arguments: [
    (
      "passwd", "salt", 1, 64,
      "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"
    ),
    (
      "Password", "NaCl", 80000, 64,
      "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"
    ),
    ("password", "salt", 1, 32, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"),
    ("password", "salt", 2, 32, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"),
    ("password", "salt", 4096, 32, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"),
    (
      "passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 40,
      "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9"
    ),
    ("pass\u{0}word", "sa\u{0}lt", 4096, 16, "89b69d0516f829893c696226650a8687"),
  ])
  func pbkdf2Vectors(password: String, salt: String, iterations: Int, length: Int, expected: String) {
    let derived = PBKDF2.sha256(
      password: CryptoTests.bytes(password), salt: CryptoTests.bytes(salt), iterations: iterations,
      keyLength: length)
    #expect(CryptoTests.hex(derived) == expected)
  }

  @Test func constantTimeEquality() {
    #expect(ConstantTime.equal([1, 2, 3], [1, 2, 3]))
    #expect(!ConstantTime.equal([1, 2, 3], [1, 2, 4]))
    #expect(!ConstantTime.equal([0, 2, 3], [1, 2, 3]))
    #expect(!ConstantTime.equal([1, 2, 3], [1, 2]))
    #expect(ConstantTime.equal([UInt8](), [UInt8]()))
  }

  /// RFC 4648 §10 vectors in the URL alphabet without padding, and refusals.
  @Test func base64URL() {
    let vectors = [
      ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
      ("foobar", "Zm9vYmFy"),
    ]
    for (plain, encoded) in vectors {
      #expect(Base64URL.encode(CryptoTests.bytes(plain)) == encoded)
      #expect(Base64URL.decode(encoded) == CryptoTests.bytes(plain))
    }
    #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
    #expect(Base64URL.decode("-_8") == [0xfb, 0xff])
    #expect(Base64URL.decode("Zm9v=") == nil)
    #expect(Base64URL.decode("Zm+v") == nil)
    #expect(Base64URL.decode("Z") == nil)
    #expect(Base64URL.decode("Zh") == nil)  // leftover bits not zero
    let random = SeededRandom(seed: 7)
    for n in 0..<70 {
      let b = random.bytes(n)
      #expect(Base64URL.decode(Base64URL.encode(b)) == b)
    }
  }

  @Test func seededRandomIsDeterministicAndSystemRandomIsNot() {
    #expect(SeededRandom(seed: 1).bytes(40) == SeededRandom(seed: 1).bytes(40))
    #expect(SeededRandom(seed: 1).bytes(40) != SeededRandom(seed: 2).bytes(40))
    let system = SystemRandom()
    #expect(system.bytes(32).count == 32)
    #expect(system.bytes(32) != system.bytes(32))
  }

  @Test func anUnreadableGeneratorIsASwedishErrorAtStartupNotACrash() throws {
    try SystemRandom.probe()
    #expect(throws: AccessError.self) { try SystemRandom.probe(path: "/finns-inte/urandom") }
    do {
      try SystemRandom.probe(path: "/dev/null")  // readable, but gives nothing
      Issue.record("an empty generator was accepted")
    } catch {
      #expect(
        "\(error)".hasPrefix(
          "Slumptal går inte att läsa från operativsystemet (/dev/null tog slut efter 0 byte)"))
    }
  }
}
