import LiggareBasics
import Testing

@Suite struct SwedishTimeTests {
  func moment(_ text: String) throws -> String { SwedishTime.moment(try #require(Timestamp(parsing: text))) }

  @Test func momentsAreStockholmTimeInSwedish() throws {
    #expect(try moment("2026-11-30T13:05:00.123456Z") == "30 november 2026 kl. 14.05")
    #expect(try moment("2026-07-01T12:00:00Z") == "1 juli 2026 kl. 14.00")
    // The end of a day as --known-at means it: the last microsecond, shown to the second.
    #expect(try moment("2025-01-31T22:59:59.999999Z") == "31 januari 2025 kl. 23.59.59")
    // Across midnight and the year: 23:30 UTC on New Year's Eve is already next year in Stockholm.
    #expect(try moment("2024-12-31T23:30:00Z") == "1 januari 2025 kl. 00.30")
    // Summer time ends on the last Sunday of October at 01:00 UTC.
    #expect(try moment("2026-10-25T00:59:00Z") == "25 oktober 2026 kl. 02.59")
    #expect(try moment("2026-10-25T01:00:00Z") == "25 oktober 2026 kl. 02.00")
    // Before 1970 (negative microseconds) the division still floors.
    #expect(try moment("1969-12-31T22:59:59Z") == "31 december 1969 kl. 23.59.59")
  }

  @Test func longDatesNameTheMonth() throws {
    #expect(SwedishTime.longDate(try #require(CivilDate(parsing: "2012-12-31"))) == "31 december 2012")
    #expect(SwedishTime.longDate(try #require(CivilDate(parsing: "0001-01-01"))) == "1 januari 1")
  }
}
