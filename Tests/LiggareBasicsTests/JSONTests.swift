import Foundation
import LiggareBasics
import Testing

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
