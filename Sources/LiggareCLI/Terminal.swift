#if canImport(Glibc)
  import Glibc
#endif

/// The width of the terminal the views are written to.
enum Terminal {
  /// The narrowest and widest widths taken from the environment; outside them the value is clamped.
  static let widthRange = 40...1000

  /// `COLUMNS` when it is a positive number, else the terminal's own width when standard output is
  /// a terminal, else `TextTable.defaultWidth` (100).
  static func width(columns: String?, terminalColumns: Int?, default fallback: Int) -> Int {
    if let text = columns?.trimmingCharacters(in: .whitespaces), let n = Int(text), n > 0 {
      return min(max(n, widthRange.lowerBound), widthRange.upperBound)
    }
    if let n = terminalColumns, n > 0 {
      return min(max(n, widthRange.lowerBound), widthRange.upperBound)
    }
    return fallback
  }

  /// The width for this process: `COLUMNS`, then `TIOCGWINSZ` on standard output.
  static func current(default fallback: Int) -> Int {
    let columns = getenv("COLUMNS").map { String(cString: $0) }
    return width(columns: columns, terminalColumns: ttyColumns(), default: fallback)
  }

  /// The columns of the terminal on standard output, or nil when it is not a terminal.
  static func ttyColumns() -> Int? {
    #if canImport(Glibc)
      guard isatty(STDOUT_FILENO) == 1 else { return nil }
      var size = winsize()
      guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
      return Int(size.ws_col)
    #else
      return nil
    #endif
  }
}
