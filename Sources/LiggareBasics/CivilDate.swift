/// A calendar date without time of day (valid time, Europe/Stockholm), stored as days since 1970-01-01.
///
/// Parsing and formatting are hand-written because Foundation's ISO 8601 formatter parses only
/// about 14,000 dates a second on Linux, and replay parses one date per event.
public struct CivilDate: Sendable, Hashable, Comparable {
  /// Days since 1970-01-01 (negative before it).
  public var daysSinceEpoch: Int32

  /// Creates a date from a day number.
  public init(daysSinceEpoch: Int32) {
    self.daysSinceEpoch = daysSinceEpoch
  }

  /// Creates a date from year, month and day, or returns nil when no such date exists.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
      day <= CivilDate.daysIn(month: month, year: year)
    else { return nil }
    self.daysSinceEpoch = Int32(CivilDate.days(fromYear: year, month: month, day: day))
  }

  /// Parses exactly `YYYY-MM-DD`; returns nil for anything else, including impossible dates.
  public init?(parsing text: some StringProtocol) {
    var text = String(text)
    let parsed: CivilDate? = text.withUTF8 { CivilDate(utf8: $0) }
    guard let parsed else { return nil }
    self = parsed
  }

  /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes.
  public init?(utf8 b: UnsafeBufferPointer<UInt8>) {
    guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
    guard let y = CivilDate.digits(b, 0, 4), let m = CivilDate.digits(b, 5, 2),
      let d = CivilDate.digits(b, 8, 2)
    else { return nil }
    guard let date = CivilDate(year: y, month: m, day: d) else { return nil }
    self = date
  }

  /// The year, month and day of this date.
  public var components: (year: Int, month: Int, day: Int) {
    // Howard Hinnant's civil_from_days.
    let z = Int(daysSinceEpoch) + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }

  /// The calendar year.
  public var year: Int { components.year }

  /// The date `days` later (or earlier, when negative).
  public func adding(days: Int) -> CivilDate {
    CivilDate(daysSinceEpoch: daysSinceEpoch + Int32(days))
  }

  /// 31 December of `year` (clamped to the years 1–9999 a date can have, so no input traps).
  public static func endOfYear(_ year: Int) -> CivilDate {
    CivilDate(year: min(max(year, 1), 9999), month: 12, day: 31) ?? CivilDate(daysSinceEpoch: 0)
  }

  /// 1 January of `year` (clamped to the years 1–9999 a date can have, so no input traps).
  public static func startOfYear(_ year: Int) -> CivilDate {
    CivilDate(year: min(max(year, 1), 9999), month: 1, day: 1) ?? CivilDate(daysSinceEpoch: 0)
  }

  /// Day of week, 0 = Sunday … 6 = Saturday.
  public var weekday: Int {
    let d = Int(daysSinceEpoch)
    return ((d % 7) + 7 + 4) % 7  // 1970-01-01 was a Thursday.
  }

  public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
    lhs.daysSinceEpoch < rhs.daysSinceEpoch
  }

  static func days(fromYear y0: Int, month m: Int, day d: Int) -> Int {
    // Howard Hinnant's days_from_civil.
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = m > 2 ? m - 3 : m + 9
    let doy = (153 * mp + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  static func digits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
    var value = 0
    for i in start..<(start + count) {
      let c = b[i] &- 0x30
      guard c < 10 else { return nil }
      value = value * 10 + Int(c)
    }
    return value
  }
}

extension CivilDate: CustomStringConvertible {
  /// `YYYY-MM-DD`.
  public var description: String {
    let (y, m, d) = components
    var bytes = [UInt8](repeating: 0x30, count: 10)
    bytes[0] = UInt8(0x30 + (y / 1000) % 10)
    bytes[1] = UInt8(0x30 + (y / 100) % 10)
    bytes[2] = UInt8(0x30 + (y / 10) % 10)
    bytes[3] = UInt8(0x30 + y % 10)
    bytes[4] = 0x2D
    bytes[5] = UInt8(0x30 + m / 10)
    bytes[6] = UInt8(0x30 + m % 10)
    bytes[7] = 0x2D
    bytes[8] = UInt8(0x30 + d / 10)
    bytes[9] = UInt8(0x30 + d % 10)
    return String(decoding: bytes, as: UTF8.self)
  }
}
