import LiggareBasics
import LiggareDomain

/// Numbers, dates and counted nouns written the Swedish way for the report. The numbers come from
/// `SwedishNumber` (LiggareBasics), the one formatter the report, the views and the command line
/// share; this adds what only the report writes (signed changes, shares for running text, dates).
enum SwedishFormat {
  /// Non-breaking space: between digit groups and before `%`, so a number never wraps apart.
  static let nbsp = SwedishNumber.nbsp
  /// The typographic minus sign for text (CSV uses ASCII `-` so spreadsheets read the number).
  static let minus = SwedishNumber.minus

  /// Rounds half away from zero to `digits` decimals and returns the scaled integer (0 when the
  /// value cannot be written).
  static func scaled(_ value: Double, digits: Int) -> Int64 {
    SwedishNumber.scaled(value, digits: digits) ?? 0
  }

  /// A number for reading: digit groups, decimal comma, `−` for negatives ("1 234,5", "−3,0").
  static func decimal(_ value: Double, digits: Int) -> String {
    SwedishNumber.number(scaled: scaled(value, digits: digits), digits: digits, style: .text)
  }

  /// An integer for reading, digit-grouped ("30 124").
  static func integer(_ n: Int) -> String {
    SwedishNumber.integer(n, style: .text)
  }

  /// A number for a spreadsheet cell: no grouping, the dialect's decimal mark, ASCII minus.
  static func plain(_ value: Double, digits: Int, mark: Character) -> String {
    SwedishNumber.number(
      scaled: scaled(value, digits: digits), digits: digits, style: .spreadsheet(mark: mark))
  }

  /// A scaled integer with `digits` decimals, in the report's text style.
  static func number(_ scaled: Int64, digits: Int) -> String {
    SwedishNumber.number(scaled: scaled, digits: digits, style: .text)
  }

  /// Hours: whole hours without decimals, otherwise one decimal ("1 234", "2,5").
  static func hours(_ h: Double) -> String {
    SwedishNumber.wholeOrTenths(h, style: .text, invalid: "0")
  }

  /// Hours for a spreadsheet: one decimal when needed.
  static func plainHours(_ h: Double, mark: Character) -> String {
    SwedishNumber.wholeOrTenths(h, style: .spreadsheet(mark: mark), invalid: "0")
  }

  /// A share as a percentage with one decimal ("41,2 %").
  static func percent(_ share: Double) -> String {
    decimal(share * 100, digits: 1) + nbsp + "%"
  }

  /// A share as a whole percentage for running text, with one decimal when that is needed to tell
  /// it from `other` (so "ökade från 41 % till 41 %" never happens).
  static func percentForText(_ share: Double, distinctFrom other: Double? = nil) -> String {
    if let other, share != other, scaled(share * 100, digits: 0) == scaled(other * 100, digits: 0) {
      return decimal(share * 100, digits: 1) + nbsp + "%"
    }
    return decimal(share * 100, digits: 0) + nbsp + "%"
  }

  /// A change in percentage points with its sign ("+22,0", "−3,5", "±0,0").
  static func signedPoints(_ delta: Double) -> String {
    let s = scaled(delta, digits: 1)
    if s == 0 { return "±0,0" }
    return (s > 0 ? "+" : "") + decimal(delta, digits: 1)
  }

  /// The change between two shares in percentage points, computed from the shares as they are shown
  /// (one decimal), so that the three figures a reader sees agree: 38,3 % → 36,6 % is −1,7 even when
  /// the unrounded difference would round to −1,8.
  static func signedPointsBetween(_ now: Double, _ before: Double) -> String {
    let tenths = scaled(now * 100, digits: 1) - scaled(before * 100, digits: 1)
    return signedPoints(Double(tenths) / 10)
  }

  /// Two shares for running text and the change between them as the reader sees it: whole percents
  /// and whole points ("38 %", "36 %", "−2"), or one decimal for all three when the whole percents
  /// would be equal ("41,2 %", "41,4 %", "+0,2").
  static func sharesForText(before: Double, now: Double) -> (before: String, now: String, points: String) {
    let digits = percentForText(now, distinctFrom: before).contains(",") ? 1 : 0
    let a = scaled(before * 100, digits: digits)
    let b = scaled(now * 100, digits: digits)
    let delta = b - a
    let points: String
    if delta == 0 {
      points = digits == 0 ? "±0" : "±0,0"
    } else {
      points = (delta > 0 ? "+" : "") + number(delta, digits: digits)
    }
    return (
      decimal(before * 100, digits: digits) + nbsp + "%", decimal(now * 100, digits: digits) + nbsp + "%",
      points
    )
  }

  /// A goal's target share: whole percent when it is one ("90 %"), else one decimal ("87,5 %").
  static func targetPercent(_ share: Double) -> String {
    GoalSnapshot.targetPercent(share, style: .text)
  }

  /// A change in a count with its sign ("+5", "−2", "±0").
  static func signedInteger(_ delta: Int) -> String {
    delta == 0 ? "±0" : (delta > 0 ? "+" : "") + integer(delta)
  }

  /// "31 december 2012" (`SwedishTime`, shared with the pages and the command line).
  static func longDate(_ date: CivilDate) -> String { SwedishTime.longDate(date) }

  /// A moment for people in Stockholm time ("30 november 2026 kl. 14.05"; `SwedishTime`). The
  /// canonical UTC form stays in the report's parameters.
  static func timestamp(_ t: Timestamp) -> String { SwedishTime.moment(t) }

  static let smallNumbers = [
    "noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv",
  ]

  /// A count with its noun, small numbers in words as Swedish style prefers: "en enhet",
  /// "ett mål", "tre enheter", "14 enheter".
  static func count(_ n: Int, _ singular: String, _ plural: String, neuter: Bool = false) -> String {
    if n == 1 { return (neuter ? "ett " : "en ") + singular }
    let number = n >= 0 && n < smallNumbers.count ? smallNumbers[n] : integer(n)
    return number + " " + plural
  }

  /// A number in words for small values, digits otherwise (for counts without a noun).
  static func word(_ n: Int, neuter: Bool = false) -> String {
    if n == 1 { return neuter ? "ett" : "en" }
    return n >= 0 && n < smallNumbers.count ? smallNumbers[n] : integer(n)
  }

  /// "a, b och c".
  static func list(_ items: [String]) -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default: return items.dropLast().joined(separator: ", ") + " och " + items[items.count - 1]
    }
  }
}

extension String {
  /// This string with the first occurrence of `target` replaced.
  func reportReplacingFirst(_ target: Character, with replacement: String) -> String {
    guard let i = firstIndex(of: target) else { return self }
    return String(self[..<i]) + replacement + String(self[index(after: i)...])
  }
}
