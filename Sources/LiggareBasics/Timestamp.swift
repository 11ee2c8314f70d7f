/// An instant in recorded time (UTC), stored as microseconds since 1970-01-01T00:00:00Z.
///
/// The canonical text form is `YYYY-MM-DDTHH:MM:SSZ`, with `.ffffff` only when the instant has a
/// fraction, so that formatting after parsing gives back the same bytes.
public struct Timestamp: Sendable, Hashable, Comparable {
  /// Microseconds since the Unix epoch.
  public var microseconds: Int64

  /// Creates an instant from microseconds since the epoch.
  public init(microseconds: Int64) {
    self.microseconds = microseconds
  }

  /// Creates an instant from whole seconds since the epoch.
  public init(seconds: Int64) {
    self.microseconds = seconds * 1_000_000
  }

  /// The earliest representable instant, used as "before everything".
  public static let distantPast = Timestamp(microseconds: .min)
  /// The latest representable instant, used as "after everything".
  public static let distantFuture = Timestamp(microseconds: .max)

  /// Parses RFC 3339 with a `Z` or `±HH:MM` offset and up to 9 fraction digits (kept to microseconds).
  public init?(parsing text: some StringProtocol) {
    var text = String(text)
    let parsed: Timestamp? = text.withUTF8 { Timestamp(utf8: $0) }
    guard let parsed else { return nil }
    self = parsed
  }

  /// Parses RFC 3339 from UTF-8 bytes; see ``init(parsing:)``.
  public init?(utf8 b: UnsafeBufferPointer<UInt8>) {
    guard b.count >= 20, b[10] == 0x54 || b[10] == 0x74, b[13] == 0x3A, b[16] == 0x3A else {
      return nil
    }
    guard let date = CivilDate(utf8: UnsafeBufferPointer(rebasing: b[0..<10])),
      let hh = CivilDate.digits(b, 11, 2), let mm = CivilDate.digits(b, 14, 2),
      let ss = CivilDate.digits(b, 17, 2), hh < 24, mm < 60, ss < 60
    else { return nil }
    var i = 19
    var micros: Int64 = 0
    if b[i] == 0x2E {
      i += 1
      var n = 0
      while i < b.count, b[i] &- 0x30 < 10 {
        if n < 6 { micros = micros * 10 + Int64(b[i] - 0x30) }
        n += 1
        i += 1
      }
      guard (1...9).contains(n) else { return nil }
      var scale = n
      while scale < 6 {
        micros *= 10
        scale += 1
      }
    }
    guard i < b.count else { return nil }
    var offsetSeconds = 0
    if b[i] == 0x5A || b[i] == 0x7A {
      i += 1
    } else if b[i] == 0x2B || b[i] == 0x2D {
      guard b.count == i + 6, b[i + 3] == 0x3A, let oh = CivilDate.digits(b, i + 1, 2),
        let om = CivilDate.digits(b, i + 4, 2), oh < 24, om < 60
      else { return nil }
      offsetSeconds = (oh * 3600 + om * 60) * (b[i] == 0x2D ? -1 : 1)
      i += 6
    } else {
      return nil
    }
    guard i == b.count else { return nil }
    let seconds =
      Int64(date.daysSinceEpoch) * 86_400 + Int64(hh * 3600 + mm * 60 + ss) - Int64(offsetSeconds)
    // An offset may carry the instant outside the years a date can have (9999-12-31T23:59:59-01:00):
    // refused, so no later conversion to a date meets a year it cannot represent.
    guard seconds >= Timestamp.firstSecond, seconds <= Timestamp.lastSecond else { return nil }
    self.microseconds = seconds * 1_000_000 + micros
  }

  /// The first and last second a timestamp may name: 0001-01-01T00:00:00Z and
  /// 9999-12-31T23:59:59Z, in seconds from the epoch.
  static let firstSecond: Int64 = Int64(CivilDate.startOfYear(1).daysSinceEpoch) * 86_400
  static let lastSecond: Int64 = Int64(CivilDate.endOfYear(9999).daysSinceEpoch) * 86_400 + 86_399

  /// The UTC calendar date of this instant.
  public var utcDate: CivilDate {
    CivilDate(daysSinceEpoch: Int32(Timestamp.floorDiv(microseconds, 86_400_000_000)))
  }

  /// The calendar date of this instant in Europe/Stockholm.
  public var stockholmDate: CivilDate {
    Stockholm.localDate(of: self)
  }

  /// The last microsecond of `date` in Europe/Stockholm (what `--known-at 2013-02-15` means).
  public static func endOfDayInStockholm(_ date: CivilDate) -> Timestamp {
    Timestamp(microseconds: Stockholm.startOfDay(date.adding(days: 1)).microseconds - 1)
  }

  /// Whole seconds and the microsecond remainder.
  var secondsAndMicros: (Int64, Int64) {
    let s = Timestamp.floorDiv(microseconds, 1_000_000)
    return (s, microseconds - s * 1_000_000)
  }

  static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }

  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
    lhs.microseconds < rhs.microseconds
  }
}

extension Timestamp: CustomStringConvertible {
  /// Canonical RFC 3339 in UTC: `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
  public var description: String {
    let (s, us) = secondsAndMicros
    let day = Timestamp.floorDiv(s, 86_400)
    let sod = Int(s - day * 86_400)
    var out = CivilDate(daysSinceEpoch: Int32(day)).description
    out.reserveCapacity(27)
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    out += "T" + two(sod / 3600) + ":" + two((sod / 60) % 60) + ":" + two(sod % 60)
    if us != 0 {
      let frac = String(us)
      out += "." + String(repeating: "0", count: 6 - frac.count) + frac
    }
    out += "Z"
    return out
  }
}
