import LiggareBasics
import Testing

@testable import LiggareWeb

/// The pages write numbers with the one Swedish formatter (`SwedishNumber`, text style): the copy
/// of digit grouping the web module had lost the sign of small negative hours and trapped on
/// numbers too large for an `Int`.
@Suite struct WebFormatTests {
  @Test func numbersAreTheSharedFormattersTextStyle() {
    for n in [0, 7, 999, 1_000, -1_234, 30_124, 1_234_567] {
      #expect(WebFormat.integer(n) == SwedishNumber.integer(n, style: .text))
    }
    #expect(WebFormat.integer(30_124) == "30\u{00A0}124")
    #expect(WebFormat.hours(12) == "12")
    #expect(WebFormat.hours(7.5) == "7,5")
    #expect(WebFormat.hours(1_234.25) == "1\u{00A0}234,3")
    #expect(WebFormat.percent(0.6) == "60\u{00A0}%")
    #expect(WebFormat.percent(0.875) == "88\u{00A0}%")
  }

  @Test func oddInputKeepsItsSignAndNeverTraps() {
    #expect(WebFormat.hours(-0.5) == "\u{2212}0,5")
    #expect(WebFormat.hours(.nan) == "0")
    #expect(WebFormat.hours(1e300) == "0")
    #expect(WebFormat.percent(1e300) == "–")
    #expect(WebFormat.percent(.infinity) == "–")
  }
}
