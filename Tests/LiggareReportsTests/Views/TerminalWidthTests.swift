import Testing

@testable import LiggareReports

/// Issue 13 item 6: views use the terminal's width and never cut a number.
@Suite struct TerminalWidthTests {
  static func table(name: String) -> TextTable {
    TextTable(
      columns: [
        TextTable.Column("Nämnd", truncatable: true), TextTable.Column("Personal", .right),
        TextTable.Column("Timmar", .right),
      ],
      rows: [[name, "29 138", "123 456,5"]])
  }

  @Test func aWideTerminalShowsWholeNames() {
    let name = String(repeating: "Björkhöjdens stadsdelsnämnd ", count: 4)
    let narrow = Self.table(name: name).lines
    #expect(narrow.allSatisfy { $0.count <= 100 })
    #expect(narrow[2].contains("…"))
    let wide = TextTable.$terminalWidth.withValue(200) { Self.table(name: name).lines }
    #expect(wide[2].contains(TextTable.trimmed(name)))
    #expect(wide[2].hasSuffix("29 138  123 456,5"))
  }

  @Test func numbersAreNeverCut() {
    // Names cut to their floor still leave the row wider than 40 columns: the row is kept whole.
    let lines = TextTable.$terminalWidth.withValue(40) {
      TextTable(
        columns: [TextTable.Column("Nämnd", truncatable: true)]
          + (1...6).map { TextTable.Column("T\($0)", .right) },
        rows: [["Utbildningsförvaltningen"] + (1...6).map { _ in "12 345" }]
      ).lines
    }
    #expect(lines[2].hasSuffix("12 345  12 345  12 345  12 345  12 345  12 345"))
    #expect(lines[2].hasPrefix("Utbildn…"))
    // A row is cut only when the cut loses no digit; prose is wrapped at spaces.
    #expect(
      TextTable.fit(String(repeating: "a", count: 90) + "  " + String(repeating: "b", count: 30)).count == 100
    )
    let figures = String(repeating: "a", count: 95) + "  29 138"
    #expect(TextTable.fit(figures) == figures)
    let prose = Array(repeating: "uppföljning för 2011", count: 8).joined(separator: ", ")
    let wrapped = TextTable.fit(prose).split(separator: "\n")
    #expect(wrapped.count == 2 && wrapped.allSatisfy { $0.count <= 100 })
    #expect(wrapped.joined(separator: " ") == prose)
  }

  @Test func theDefaultIsAHundredColumns() {
    #expect(TextTable.defaultWidth == 100)
    #expect(TextTable.standardWidth == 100)
    #expect(TextTable.$terminalWidth.withValue(132) { TextTable.standardWidth } == 132)
  }
}
