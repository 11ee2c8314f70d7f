import Testing

@testable import LiggareCLI

/// Issue 13 item 6: `COLUMNS`, then the terminal's size, else 100.
@Suite struct TerminalTests {
  @Test func columnsThenTheTerminalThenAHundred() {
    #expect(Terminal.width(columns: "200", terminalColumns: 80, default: 100) == 200)
    #expect(Terminal.width(columns: nil, terminalColumns: 132, default: 100) == 132)
    #expect(Terminal.width(columns: "", terminalColumns: 132, default: 100) == 132)
    #expect(Terminal.width(columns: "bred", terminalColumns: nil, default: 100) == 100)
    #expect(Terminal.width(columns: nil, terminalColumns: nil, default: 100) == 100)
    #expect(Terminal.width(columns: "10", terminalColumns: nil, default: 100) == 40)
    #expect(Terminal.width(columns: "99999", terminalColumns: nil, default: 100) == 1000)
  }
}
