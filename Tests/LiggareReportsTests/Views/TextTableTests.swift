import Testing

@testable import LiggareReports

@Suite struct TextTableTests {
  @Test func alignsAndRules() {
    let table = TextTable(
      columns: [TextTable.Column("Namn"), TextTable.Column("Antal", .right)],
      rows: [["Solrosen", "3"], ["Ek", "12"]], footer: [["Totalt", "15"]])
    #expect(
      table.lines == [
        "Namn      Antal", "--------  -----", "Solrosen      3", "Ek           12", "--------  -----",
        "Totalt       15",
      ])
  }

  @Test func cutsTheWidestTruncatableColumnFirst() {
    let table = TextTable(
      columns: [
        TextTable.Column("A", truncatable: true), TextTable.Column("B", truncatable: true),
        TextTable.Column("N", .right),
      ],
      rows: [[String(repeating: "a", count: 30), String(repeating: "b", count: 10), "12345"]], maxWidth: 30)
    #expect(table.widths == [11, 10, 5])
    #expect(table.lines[2] == "aaaaaaaaaa…  bbbbbbbbbb  12345")
    #expect(table.lines.allSatisfy { $0.count <= 30 })
  }

  /// Issue 13 item 6: a number is never cut ("2…" lost the hours column); a row that cannot fit is
  /// written whole.
  @Test func numbersAreNeverCut() {
    let table = TextTable(
      columns: [TextTable.Column("N", .right)], rows: [[String(repeating: "9", count: 20)]], maxWidth: 10)
    #expect(table.lines[2] == String(repeating: "9", count: 20))
  }

  @Test(arguments: [("kort", 10, "kort"), ("långt namn här", 6, "långt…"), ("abc", 0, "")])
  func truncation(text: String, width: Int, expected: String) {
    #expect(TextTable.truncated(text, to: width) == expected)
  }

  @Test func fitDropsTrailingSpaces() {
    #expect(TextTable.fit("abc   ") == "abc")
  }
}
