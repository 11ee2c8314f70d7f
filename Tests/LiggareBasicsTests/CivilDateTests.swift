import Foundation
import LiggareBasics
import Testing

@Suite struct CivilDateTests {
  @Test(arguments: ["1970-01-01", "2012-04-13", "2000-02-29", "2024-12-31", "1899-03-01", "9999-12-31"])
  func roundTrips(_ text: String) throws {
    let date = try #require(CivilDate(parsing: text))
    #expect(date.description == text)
  }

  @Test(arguments: [
    "2013-02-29", "2100-02-29", "2012-13-01", "2012-00-10", "2012-04-31", "2012-4-13", "2012/04/13",
    "2012-04-13T", " 2012-04-13", "", "abcd-ef-gh", "0000-01-01",
  ])
  func rejectsMalformed(_ text: String) {
    #expect(CivilDate(parsing: text) == nil)
  }

  @Test func agreesWithFoundationOverManyDays() throws {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    for day in stride(from: -40_000, through: 40_000, by: 37) {
      let date = Date(timeIntervalSince1970: Double(day) * 86_400)
      let c = calendar.dateComponents([.year, .month, .day], from: date)
      let ours = CivilDate(daysSinceEpoch: Int32(day)).components
      #expect(ours.year == c.year! && ours.month == c.month! && ours.day == c.day!)
      #expect(CivilDate(year: c.year!, month: c.month!, day: c.day!)?.daysSinceEpoch == Int32(day))
    }
  }

  @Test func weekdayOfKnownDates() throws {
    #expect(try #require(CivilDate(parsing: "2026-11-22")).weekday == 0)  // a Sunday
    #expect(try #require(CivilDate(parsing: "1970-01-01")).weekday == 4)
  }
}
