import Testing

@testable import LiggareReports

@Suite struct ViewFormatTests {
  @Test(arguments: [(0, "0"), (999, "999"), (1000, "1 000"), (48213, "48 213"), (-1_234_567, "-1 234 567")])
  func integers(n: Int, expected: String) {
    #expect(ViewFormat.integer(n) == expected)
  }

  @Test(arguments: [(7.0, "7"), (7.5, "7,5"), (0.25, "0,3"), (1234.04, "1 234"), (12345.67, "12 345,7")])
  func hours(h: Double, expected: String) {
    #expect(ViewFormat.hours(h) == expected)
  }

  @Test func percentAndShare() {
    #expect(ViewFormat.percent(0.875) == "87,5 %")
    #expect(ViewFormat.percent(1) == "100,0 %")
    #expect(ViewFormat.share(1, of: 6) == "16,7 %")
    #expect(ViewFormat.share(0, of: 0) == "–")
  }

  @Test func swedishOrder() {
    let names = ["Ärla", "Öberg", "Åke", "zeta", "Anna", "Émile", "Eva"]
    #expect(
      names.sorted(by: ViewCollation.precedes) == ["Anna", "Émile", "Eva", "zeta", "Åke", "Ärla", "Öberg"])
  }
}
