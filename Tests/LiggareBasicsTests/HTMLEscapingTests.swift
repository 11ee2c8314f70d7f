import LiggareBasics
import Testing

@Suite struct HTMLEscapingTests {
  @Test func markupCharactersBecomeEntities() {
    #expect(
      HTMLEscaping.escape("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
    #expect(HTMLEscaping.escape("\" onfocus=\"x\" a=&amp;") == "&quot; onfocus=&quot;x&quot; a=&amp;amp;")
    #expect(HTMLEscaping.escape("Åsa Öberg – 5 %") == "Åsa Öberg – 5 %")
  }

  @Test func controlsAndNoncharactersAreDroppedButWhitespaceKept() {
    // (U+FDD0 cannot be written in a Swift literal.)
    let nonCharacter = String(Character(Unicode.Scalar(0xFDD0)!))
    #expect(HTMLEscaping.escape("a\u{0}b\u{1B}c\u{7F}d" + nonCharacter + "e") == "abcde")
    #expect(HTMLEscaping.escape("a\tb\nc\rd") == "a\tb\nc\rd")
  }
}
