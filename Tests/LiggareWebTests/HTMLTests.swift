import Testing

@testable import LiggareWeb

/// Hostile strings that must never become markup, in any context.
let hostileStrings = [
  "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' onmouseover='alert(1)",
  "&lt;already&gt;",
  "</textarea><script>x</script>", "javascript:alert(1)", "a\u{0}b\u{1}c", "]]><!--", "<!-- -->",
  "x\" autofocus \"",
  "💥 åäö ÅÄÖ", "\u{202E}reversed", "<svg/onload=alert(1)>", "`${x}`",
]

@Suite struct HTMLEscapingTests {
  @Test(arguments: hostileStrings) func textContextHasNoMarkup(_ value: String) {
    let markup = el("p", text: value).markup
    let inner = markup.dropFirst("<p>".count).dropLast("</p>".count)
    #expect(!inner.contains("<"))
    #expect(!inner.contains(">"))
    #expect(!inner.contains("\""))
    #expect(!inner.contains("'"))
    #expect(!inner.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" })
  }

  @Test(arguments: hostileStrings) func attributeContextStaysInsideItsQuotes(_ value: String) {
    let markup = HTML.void("input", [Attribute("value", value), Attribute("title", value)]).markup
    // Exactly four double quotes: the two pairs the builder wrote.
    #expect(markup.filter { $0 == "\"" }.count == 4)
    #expect(markup.filter { $0 == "<" }.count == 1)
    #expect(markup.filter { $0 == ">" }.count == 1)
    #expect(!markup.contains("'"))
  }

  @Test func entitiesAreEscapedAgain() {
    #expect(HTML.text("&amp;").markup == "&amp;amp;")
    #expect(HTML.text("a<b").markup == "a&lt;b")
    #expect(HTML.escape("\"'") == "&quot;&#39;")
  }

  @Test(arguments: hostileStrings) func linksStayOnTheServer(_ value: String) {
    let path = WebPath("person", value).with("q", value).fragment(value)
    let s = path.string
    #expect(s.hasPrefix("/person/"))
    #expect(!s.contains("<") && !s.contains("\"") && !s.contains("'") && !s.contains(" ") && !s.contains(":"))
    // Only one "?" and one "#", the ones the builder wrote.
    #expect(s.filter { $0 == "?" }.count == 1)
    #expect(s.filter { $0 == "#" }.count == 1)
    let markup = el("a", [.href(path)], text: value).markup
    #expect(markup.hasPrefix("<a href=\"/person/"))
  }

  @Test func pathSegmentsCannotClimbOrLeave() {
    #expect(WebPath("unit", "../admin").string == "/unit/..%2Fadmin")
    #expect(WebPath("unit", "//evil.example").string == "/unit/%2F%2Fevil.example")
  }

  @Test func builderControlFlow() {
    let items = ["a", "<b>"]
    let html = el("ul") {
      for i in items { el("li", text: i) }
      if items.isEmpty { "tom" } else { "två" }
    }
    #expect(html.markup == "<ul><li>a</li><li>&lt;b&gt;</li>två</ul>")
  }

  @Test func booleanAttributeHasNoValue() {
    #expect(HTML.void("input", [.flag("required")]).markup == "<input required>")
  }
}
