import Testing

@testable import LiggareKit

/// The hand-written code page 850 and Mac Roman tables against known byte → character pairs,
/// and the rule that tells them and Windows-1252 apart (issue 10, item 11).
@Suite struct LegacyEncodingTests {
  static let letters: [Unicode.Scalar] = ["å", "ä", "ö", "Å", "Ä", "Ö", "é", "ü"]

  @Test func codePage850() {
    let bytes: [UInt8] = [0x86, 0x84, 0x94, 0x8F, 0x8E, 0x99, 0x82, 0x81]
    #expect(bytes.map { LegacyEncoding.codePage850.scalar($0) } == Self.letters)
    #expect(LegacyEncoding.codePage850.scalar(0xFF) == "\u{00A0}")
    #expect(LegacyEncoding.codePage850.scalar(0xC4) == "\u{2500}")
  }

  @Test func macRoman() {
    let bytes: [UInt8] = [0x8C, 0x8A, 0x9A, 0x81, 0x80, 0x85, 0x8E, 0x9F]
    #expect(bytes.map { LegacyEncoding.macRoman.scalar($0) } == Self.letters)
    #expect(LegacyEncoding.macRoman.scalar(0xDB) == "€")
    #expect(LegacyEncoding.macRoman.scalar(0xCA) == "\u{00A0}")
  }

  @Test func windows1252() {
    let bytes: [UInt8] = [0xE5, 0xE4, 0xF6, 0xC5, 0xC4, 0xD6, 0xE9, 0xFC]
    #expect(bytes.map { LegacyEncoding.windows1252.scalar($0) } == Self.letters)
    #expect(LegacyEncoding.windows1252.scalar(0x80) == "€")
    #expect(LegacyEncoding.windows1252.scalar(0x81) == nil)
  }

  @Test func theEncodingWithTheMostSwedishLettersWins() {
    // "Åsa Öberg är här" in each encoding.
    func encode(_ table: LegacyEncoding) -> [UInt8] {
      "Åsa Öberg är här\r\n".unicodeScalars.map { scalar in
        scalar.value < 0x80
          ? UInt8(scalar.value) : UInt8((0x80...0xFF).first { table.scalar(UInt8($0)) == scalar }!)
      }
    }
    #expect(TextDecoding.guess(encode(.windows1252)) == .windows1252)
    #expect(TextDecoding.guess(encode(.codePage850)) == .codePage850)
    #expect(TextDecoding.guess(encode(.macRoman)) == .macRoman)
    // "café" in Mac Roman (é = 0x8E) is "cafÄ" in code page 850: CR-only lines tip it to Mac Roman.
    #expect(TextDecoding.guess(Array("caf".utf8) + [0x8E, 0x0D]) == .macRoman)
    #expect(TextDecoding.guess(Array("caf".utf8) + [0x8E, 0x0D, 0x0A]) == .codePage850)
    for table in LegacyEncoding.allCases {
      if case .success(let text) = TextDecoding.decode(encode(table)) {
        #expect(text == "Åsa Öberg är här\r\n")
      } else {
        Issue.record("\(table) not decoded")
      }
    }
  }
}
