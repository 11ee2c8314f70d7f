/// Europe/Stockholm's offset from UTC, by rule rather than through Foundation's time zone database.
///
/// Sweden has kept CET (+1) with summer time (+2) since 1980 (from 6 April that year): from the last Sunday of March to the
/// last Sunday of September until 1995, and to the last Sunday of October from 1996 (EU rule).
/// Changes happen at 01:00 UTC. Before 1980 the offset is +1 (the 1916 summer time is ignored).
public enum Stockholm {
  /// Offset from UTC in seconds at `instant`.
  public static func offsetSeconds(at instant: Timestamp) -> Int {
    let seconds = Timestamp.floorDiv(instant.microseconds, 1_000_000)
    // Instants near the ends of the calendar (a date at 9999-12-31 plus a day) take year 9999's
    // rule rather than trap on a year no date can have.
    let year = min(CivilDate(daysSinceEpoch: Int32(Timestamp.floorDiv(seconds, 86_400))).year, 9999)
    guard year >= 1980 else { return 3600 }
    // 1980, the first year, began on 6 April.
    let start =
      year == 1980
      ? (CivilDate(year: 1980, month: 4, day: 6) ?? CivilDate(daysSinceEpoch: 3748))
      : lastSunday(month: 3, year: year)
    let end = lastSunday(month: year <= 1995 ? 9 : 10, year: year)
    let startSecond = Int64(start.daysSinceEpoch) * 86_400 + 3600
    let endSecond = Int64(end.daysSinceEpoch) * 86_400 + 3600
    return (seconds >= startSecond && seconds < endSecond) ? 7200 : 3600
  }

  /// The Stockholm calendar date at `instant`.
  public static func localDate(of instant: Timestamp) -> CivilDate {
    let local = instant.microseconds + Int64(offsetSeconds(at: instant)) * 1_000_000
    return CivilDate(daysSinceEpoch: Int32(Timestamp.floorDiv(local, 86_400_000_000)))
  }

  /// The instant at which `date` begins in Stockholm (midnight is never inside a transition).
  public static func startOfDay(_ date: CivilDate) -> Timestamp {
    let midnightAsUTC = Int64(date.daysSinceEpoch) * 86_400
    let guess = Timestamp(seconds: midnightAsUTC - 3600)
    return Timestamp(seconds: midnightAsUTC - Int64(offsetSeconds(at: guess)))
  }

  static func lastSunday(month: Int, year: Int) -> CivilDate {
    let last =
      CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))
      ?? CivilDate.endOfYear(year)
    return last.adding(days: -last.weekday)
  }
}
