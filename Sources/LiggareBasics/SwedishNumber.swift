/// Numbers written the Swedish way, by hand and the same on every machine (Foundation's
/// `NumberFormatter` depends on locale data that is unreliable on Linux, and reports must be
/// byte-identical everywhere): digits in groups of three, decimal comma, rounding half away from zero.
///
/// The one formatter for the report, the terminal views and the command line's summaries; each picks
/// a `Style` for its medium.
public enum SwedishNumber {
  /// Non-breaking space: between digit groups and before `%` in running text, so a number never
  /// wraps apart.
  public static let nbsp = "\u{00A0}"
  /// The typographic minus sign for text.
  public static let minus = "\u{2212}"

  /// How a medium writes numbers: the digit-group separator, the minus sign, the decimal mark and
  /// the space before `%`.
  public struct Style: Sendable, Hashable {
    public var group: String
    public var minus: String
    public var mark: Character
    public var percentSpace: String

    /// Creates a style.
    public init(group: String, minus: String, mark: Character, percentSpace: String) {
      self.group = group
      self.minus = minus
      self.mark = mark
      self.percentSpace = percentSpace
    }

    /// Reports and pages: no-break spaces, `−` ("30 124", "−3,5 %").
    public static let text = Style(
      group: SwedishNumber.nbsp, minus: SwedishNumber.minus, mark: ",", percentSpace: SwedishNumber.nbsp)
    /// The terminal: plain spaces (one column in every terminal) and ASCII `-`.
    public static let terminal = Style(group: " ", minus: "-", mark: ",", percentSpace: " ")

    /// A spreadsheet cell: no grouping, ASCII `-`, the dialect's decimal mark.
    public static func spreadsheet(mark: Character) -> Style {
      Style(group: "", minus: "-", mark: mark, percentSpace: "")
    }
  }

  /// `value` × 10^digits rounded half away from zero; nil when it is not finite or too large to
  /// write exactly.
  public static func scaled(_ value: Double, digits: Int) -> Int64? {
    var factor = 1.0
    for _ in 0..<digits { factor *= 10 }
    let v = (value * factor).rounded(.toNearestOrAwayFromZero)
    guard v.isFinite, abs(v) < 9e15 else { return nil }
    return Int64(v)
  }

  /// The digits of a non-negative integer in threes, separated by `separator`.
  public static func grouped(_ n: UInt64, separator: String) -> String {
    let digits = String(n)
    guard digits.count > 3, !separator.isEmpty else { return digits }
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out += separator }
      out.append(c)
    }
    return out
  }

  /// An integer with digit groups ("30 124", "−2").
  public static func integer(_ n: some BinaryInteger, style: Style = .text) -> String {
    (n < 0 ? style.minus : "") + grouped(UInt64(n.magnitude), separator: style.group)
  }

  /// A scaled integer (`scaled(_:digits:)`) written with `digits` decimals.
  public static func number(scaled: Int64, digits: Int, style: Style = .text) -> String {
    var factor: UInt64 = 1
    for _ in 0..<digits { factor *= 10 }
    let magnitude = scaled.magnitude
    var out = scaled < 0 ? style.minus : ""
    out += grouped(magnitude / factor, separator: style.group)
    if digits > 0 {
      let fraction = String(magnitude % factor)
      out.append(style.mark)
      out += String(repeating: "0", count: digits - fraction.count) + fraction
    }
    return out
  }

  /// `value` with exactly `digits` decimals ("1 234,5"); `invalid` when it cannot be written.
  public static func decimal(_ value: Double, digits: Int, style: Style = .text, invalid: String = "–")
    -> String
  {
    scaled(value, digits: digits).map { number(scaled: $0, digits: digits, style: style) } ?? invalid
  }

  /// A value rounded half away from zero to the tenth, written without decimals when that is whole
  /// and with one otherwise: hours ("1 234", "2,5") and goals' target shares ("90", "87,5");
  /// `invalid` when it cannot be written. (`exact` with one decimal at most.)
  public static func wholeOrTenths(_ h: Double, style: Style = .text, invalid: String = "–") -> String {
    exact(h, maxDigits: 1, style: style, invalid: invalid)
  }

  /// `value` as it was given, with up to `maxDigits` decimals and no trailing zeros ("2", "2,5",
  /// "1,25", "90"): for echoing a number back (a course's hours, a goal's share), where rounding to
  /// a fixed number of decimals would misstate it and Swift's own `description` would show the
  /// binary approximation ("90.00000000000001" for 0.9 × 100) or an exponent ("1e-05").
  /// `invalid` when it cannot be written.
  public static func exact(_ value: Double, maxDigits: Int = 6, style: Style = .text, invalid: String = "–")
    -> String
  {
    guard var n = scaled(value, digits: maxDigits) else { return invalid }
    var digits = maxDigits
    while digits > 0 && n % 10 == 0 {
      n /= 10
      digits -= 1
    }
    return number(scaled: n, digits: digits, style: style)
  }

  /// A share 0–1 as a percentage with `digits` decimals ("41,2 %"); `invalid` alone when it cannot
  /// be written.
  public static func percent(_ share: Double, digits: Int = 1, style: Style = .text, invalid: String = "–")
    -> String
  {
    guard let n = scaled(share * 100, digits: digits) else { return invalid }
    return number(scaled: n, digits: digits, style: style) + style.percentSpace + "%"
  }
}
