import Testing

@testable import LiggareBasics

/// Issue 10, item 14: no timestamp, date or clock near the ends of the calendar may trap.
@Suite struct CalendarBoundsTests {
  @Test(arguments: [
    "9999-12-31T23:59:59-01:00", "9999-12-31T23:00:00-23:59", "0001-01-01T00:00:00+00:01",
    "0001-01-01T00:30:00+01:00",
  ])
  func aTimestampWhoseOffsetLeavesTheYears1To9999IsRefused(_ text: String) {
    #expect(Timestamp(parsing: text) == nil, "\(text)")
  }

  @Test(arguments: ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "9999-12-31T22:59:59+01:00"])
  func theEndsOfTheCalendarConvertWithoutATrap(_ text: String) throws {
    let instant = try #require(Timestamp(parsing: text))
    _ = instant.stockholmDate
    _ = Stockholm.offsetSeconds(at: instant)
    _ = instant.utcDate
  }

  @Test func theLastDayEndsWithoutATrap() throws {
    let last = try #require(CivilDate(parsing: "9999-12-31"))
    _ = Timestamp.endOfDayInStockholm(last)
    _ = Stockholm.startOfDay(last.adding(days: 1))
    #expect(CivilDate.endOfYear(10_000) == last)
    #expect(CivilDate.startOfYear(0) == CivilDate(parsing: "0001-01-01"))
  }
}
