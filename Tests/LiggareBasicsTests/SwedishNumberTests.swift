import LiggareBasics
import Testing

/// Issue 13 item 12: one Swedish number formatter for the report, the views and the command line.
@Suite struct SwedishNumberTests {
  @Test func groupsDigitsInThrees() {
    #expect(SwedishNumber.integer(0) == "0")
    #expect(SwedishNumber.integer(999) == "999")
    #expect(SwedishNumber.integer(1000) == "1\u{00A0}000")
    #expect(SwedishNumber.integer(2_278_601, style: .terminal) == "2 278 601")
    #expect(SwedishNumber.integer(-30_124) == "\u{2212}30\u{00A0}124")
    #expect(SwedishNumber.integer(-30_124, style: .terminal) == "-30 124")
    #expect(SwedishNumber.integer(Int.min, style: .terminal) == "-9 223 372 036 854 775 808")
    #expect(SwedishNumber.integer(UInt64(12_345), style: .spreadsheet(mark: ".")) == "12345")
  }

  /// A number echoed back as given: no binary tail, no exponent, no fixed decimals (the command
  /// line's event descriptions wrote `"\(value)"` with the point replaced, so a goal of 29 % showed
  /// as "28,999999999999996" and a hundred-thousandth as "1e-05").
  @Test func exactEchoesTheValueGiven() {
    #expect(SwedishNumber.exact(0.29 * 100, style: .terminal) == "29")
    #expect(SwedishNumber.exact(0.07 * 100, style: .terminal) == "7")
    #expect(SwedishNumber.exact(2.5, style: .terminal) == "2,5")
    #expect(SwedishNumber.exact(1.25, style: .terminal) == "1,25")
    #expect(SwedishNumber.exact(0.00001, style: .terminal) == "0,00001")
    #expect(SwedishNumber.exact(1000, style: .terminal) == "1 000")
    #expect(SwedishNumber.exact(-0.5, style: .terminal) == "-0,5")
    #expect(SwedishNumber.exact(0.1234567, style: .terminal) == "0,123457")
    #expect(SwedishNumber.exact(.nan) == "–")
    #expect(SwedishNumber.exact(.infinity, invalid: "?") == "?")
  }

  @Test func decimalsRoundHalfAwayFromZero() {
    #expect(SwedishNumber.decimal(1234.45, digits: 1) == "1\u{00A0}234,5")
    #expect(SwedishNumber.decimal(-0.05, digits: 1, style: .terminal) == "-0,1")
    #expect(SwedishNumber.decimal(2.5, digits: 0, style: .terminal) == "3")
    #expect(SwedishNumber.decimal(7, digits: 2, style: .spreadsheet(mark: ".")) == "7.00")
    #expect(SwedishNumber.decimal(.nan, digits: 1) == "–")
    #expect(SwedishNumber.decimal(.infinity, digits: 1, invalid: "0") == "0")
    #expect(SwedishNumber.scaled(1e20, digits: 0) == nil)
  }

  @Test func percentages() {
    #expect(SwedishNumber.percent(0.875) == "87,5\u{00A0}%")
    #expect(SwedishNumber.percent(0.875, style: .terminal) == "87,5 %")
    #expect(SwedishNumber.percent(1, digits: 0) == "100\u{00A0}%")
    #expect(SwedishNumber.percent(.nan) == "–")
  }

  @Test func wholeOrTenthsDropsOnlyAZeroTenth() {
    #expect(SwedishNumber.wholeOrTenths(1234) == "1\u{00A0}234")
    #expect(SwedishNumber.wholeOrTenths(7.5, style: .terminal) == "7,5")
    #expect(SwedishNumber.wholeOrTenths(2.96, style: .terminal) == "3")
    #expect(SwedishNumber.wholeOrTenths(2.04, style: .terminal) == "2")
    #expect(SwedishNumber.wholeOrTenths(-0.5) == "\u{2212}0,5")
    #expect(SwedishNumber.wholeOrTenths(1500.25, style: .spreadsheet(mark: ".")) == "1500.3")
    #expect(SwedishNumber.wholeOrTenths(.nan) == "–")
    #expect(SwedishNumber.wholeOrTenths(.infinity, invalid: "0") == "0")
  }
}
