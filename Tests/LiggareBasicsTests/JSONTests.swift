import Foundation
import Testing

@testable import LiggareBasics

@Suite struct JSONTests {
  @Test(arguments: [
    ("{\"a\":1,\"b\":[true,false,null],\"c\":\"x\"}", "{\"a\":1,\"b\":[true,false,null],\"c\":\"x\"}"),
    ("  {\"b\" : 2 , \"a\" : 1.5 }\r\n", "{\"a\":1.5,\"b\":2}"),
    ("\"\\u00e5\\u00E4\\u00f6 \\ud83d\\ude00\"", "\"åäö 😀\""),
    ("\"tab\\there \\\"q\\\" \\\\ \\/\"", "\"tab\\there \\\"q\\\" \\\\ /\""),
    ("[-0.5,1e3,-12,0,2.5E-3]", "[-0.5,1000,-12,0,0.0025]"),
    ("\"\\u0001\"", "\"\\u0001\""),
  ])
  func parsesAndWritesCanonically(input: String, canonical: String) throws {
    let value = try JSONValue.parse(Array(input.utf8))
    #expect(value.canonicalText == canonical)
    #expect(try JSONValue.parse(Array(value.canonicalText.utf8)) == value)
  }

  @Test func agreesWithFoundationOnUnicodeStrings() throws {
    let samples = ["å ä ö Å Ä Ö", "emoji 👩‍👩‍👧 🇸🇪", "citat \" och \\ och /", "rad\nny\rvagn\u{7F}", "\u{0}\u{1F}"]
    for sample in samples {
      let ours = JSONValue.string(sample).canonicalText
      let decoded = try JSONDecoder().decode(String.self, from: Data(ours.utf8))
      #expect(decoded == sample)
      #expect(try JSONValue.parse(Array(ours.utf8)) == .string(sample))
    }
  }

  @Test(arguments: [
    ("", "texten tar slut"),
    ("{\"a\":1,}", "förväntade en nyckel"),
    ("{\"a\":1,\"a\":2}", "\"a\" förekommer två gånger"),
    ("[01]", "börja med 0"),
    ("1e400", "utanför"),
    ("-1e400", "utanför"),
    ("NaN", "oväntat tecken"),
    ("[1,2", "texten tar slut"),
    ("\"a\u{1}\"", "styrtecken"),
    ("\"\\x\"", "escape"),
    ("\"\\ud800\"", "surrogat"),
    ("{} {}", "mer text"),
    ("[1.]", "decimalpunkten"),
    ("tru", "texten tar slut"),
  ])
  func refusesInvalidText(input: String, fragment: String) {
    #expect {
      _ = try JSONValue.parse(Array(input.utf8))
    } throws: { error in
      "\(error)".contains(fragment)
    }
  }

  @Test func refusesByteOrderMarkAndInvalidUTF8() {
    #expect(throws: JSONSyntaxError(offset: 0, reason: .byteOrderMark)) {
      try JSONValue.parse([0xEF, 0xBB, 0xBF] + Array("{}".utf8))
    }
    #expect(throws: JSONSyntaxError(offset: 1, reason: .invalidUTF8)) {
      try JSONValue.parse([0x22, 0xC3, 0x28, 0x22])
    }
    #expect(throws: JSONSyntaxError(offset: 1, reason: .invalidUTF8)) {
      try JSONValue.parse([0x22, 0xED, 0xA0, 0x80, 0x22])
    }
  }

  @Test func refusesDeepNestingWithoutCrashing() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: JSONSyntaxError(offset: 64, reason: .tooDeep(limit: 64))) {
      try JSONValue.parse(Array(deep.utf8))
    }
    let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    #expect(throws: Never.self) { try JSONValue.parse(Array(ok.utf8)) }
  }

  @Test func errorNamesTheBytePosition() {
    #expect {
      _ = try JSONValue.parse(Array("{\"a\":x}".utf8))
    } throws: { error in
      "\(error)" == "ogiltig JSON vid tecken 6: oväntat tecken 'x', förväntade ett JSON-värde"
    }
  }

  @Test func prettyTextIsSortedAndIndented() {
    let value: JSONValue = ["b": [1, 2], "a": ["c": nil]]
    #expect(value.prettyText == "{\n  \"a\": {\n    \"c\": null\n  },\n  \"b\": [\n    1,\n    2\n  ]\n}\n")
  }

  @Test func numbersRoundTrip() throws {
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      let n = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF) * (Bool.random() ? 1 : -1)
      let text = JSONValue.number(n).canonicalText
      #expect(try JSONValue.parse(Array(text.utf8)) == .number(n), "\(text)")
    }
  }
}

/// The writer's shortcuts (whole strings without escapes, integers without a `String`) write the
/// bytes the plain ways write: the log's records and the reports depend on them.
@Suite struct JSONWriterShortcutTests {
  @Test(
    arguments: [
      0, 1, -1, 9, 10, -10, 42, 1_000_000, -9_007_199_254_740_991, 9_007_199_254_740_991, Int64.max,
      Int64.min,
    ] as [Int64])
  func integersAreWrittenAsStringWritesThem(_ v: Int64) {
    var out: [UInt8] = []
    JSONWriter.writeInteger(v, to: &out)
    #expect(String(decoding: out, as: UTF8.self) == String(v))
  }

  @Test(arguments: ["", "plain", "Åsa Öberg 👩‍🏫", "a\"b", "a\\b", "rad\nny", "\u{1}", "tab\tx", "sist\""])
  func stringsAreWrittenWithTheSameEscapes(_ s: String) throws {
    var out: [UInt8] = []
    JSONWriter.writeString(s, to: &out)
    // Foundation's reader gives the string back, and only the characters that must be escaped are.
    let back = try JSONSerialization.jsonObject(with: Data(out), options: .fragmentsAllowed) as? String
    #expect(back == s)
    let plain = !s.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
    #expect(plain == (out == [0x22] + Array(s.utf8) + [0x22]))
  }

  @Test func numbersKeepTheirForm() {
    for (n, text) in [(3.0, "3"), (-0.0, "0"), (2.5, "2.5"), (1e300, "1e+300"), (-12.0, "-12")] {
      var out: [UInt8] = []
      JSONWriter.writeNumber(n, to: &out)
      #expect(String(decoding: out, as: UTF8.self) == text, "\(n)")
    }
  }
}
