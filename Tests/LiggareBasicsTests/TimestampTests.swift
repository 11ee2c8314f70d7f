import Foundation
import LiggareBasics
import Testing

@Suite struct TimestampTests {
  @Test(arguments: [
    "2012-04-20T08:12:00Z", "1970-01-01T00:00:00Z", "2013-02-15T23:59:59.999999Z",
    "1969-12-31T23:59:59.500000Z",
  ])
  func canonicalFormRoundTrips(_ text: String) throws {
    #expect(try #require(Timestamp(parsing: text)).description == text)
  }

  @Test func offsetsAndFractionsNormalise() throws {
    let a = try #require(Timestamp(parsing: "2012-04-20T10:12:00+02:00"))
    #expect(a.description == "2012-04-20T08:12:00Z")
    let b = try #require(Timestamp(parsing: "2012-04-20T08:12:00.5Z"))
    #expect(b.description == "2012-04-20T08:12:00.500000Z")
    let c = try #require(Timestamp(parsing: "2012-04-20T08:12:00.123456789Z"))
    #expect(c.description == "2012-04-20T08:12:00.123456Z")
  }

  @Test(arguments: [
    "2012-04-20", "2012-04-20T08:12:00", "2012-04-20T24:00:00Z", "2012-04-20T08:60:00Z",
    "2012-04-20T08:12:00.Z", "2012-04-20T08:12:00Zjunk", "2012-04-20 08:12:00Z", "2012-02-30T08:12:00Z",
  ])
  func rejectsMalformed(_ text: String) {
    #expect(Timestamp(parsing: text) == nil)
  }

  @Test func stockholmDateAgreesWithFoundation() throws {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(identifier: "Europe/Stockholm"))
    // Every 53 minutes over 1980–2030 covers every transition from both sides.
    var seconds: Int64 = 315_532_800
    while seconds < 1_900_000_000 {
      let c = calendar.dateComponents(
        [.year, .month, .day], from: Date(timeIntervalSince1970: Double(seconds)))
      let ours = Timestamp(seconds: seconds).stockholmDate.components
      #expect(ours.year == c.year! && ours.month == c.month! && ours.day == c.day!, "at \(seconds)")
      seconds += 53 * 60 * 7
    }
  }

  @Test func transitionInstantsExactly() throws {
    // 2012-03-25 01:00Z summer time begins; 2012-10-28 01:00Z it ends.
    let before = try #require(Timestamp(parsing: "2012-03-25T00:59:59Z"))
    let after = try #require(Timestamp(parsing: "2012-03-25T01:00:00Z"))
    #expect(Stockholm.offsetSeconds(at: before) == 3600)
    #expect(Stockholm.offsetSeconds(at: after) == 7200)
    let late = try #require(Timestamp(parsing: "2012-10-27T22:30:00Z"))
    #expect(late.stockholmDate.description == "2012-10-28")
  }

  @Test func endOfDayInStockholm() throws {
    let winter = Timestamp.endOfDayInStockholm(try #require(CivilDate(parsing: "2013-02-15")))
    #expect(winter.description == "2013-02-15T22:59:59.999999Z")
    let summer = Timestamp.endOfDayInStockholm(try #require(CivilDate(parsing: "2013-06-15")))
    #expect(summer.description == "2013-06-15T21:59:59.999999Z")
  }
}
