/// Dates and moments as Swedish text for people (reports, pages, the command line).
///
/// The canonical forms (`2025-01-31`, `2025-01-31T22:59:59.999999Z`) stay wherever a value is
/// meant to be typed back or compared; these are for reading.
public enum SwedishTime {
  /// The months' names, January first.
  public static let months = [
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
    "november", "december",
  ]

  /// "31 december 2012".
  public static func longDate(_ date: CivilDate) -> String {
    let (y, m, d) = date.components
    return "\(d) \(months[m - 1]) \(y)"
  }

  /// A moment in Stockholm time: "30 november 2026 kl. 14.05", with seconds when they are not zero
  /// ("15 februari 2013 kl. 23.59.59"); fractions of a second are not shown.
  public static func moment(_ t: Timestamp) -> String {
    let local = t.microseconds + Int64(Stockholm.offsetSeconds(at: t)) * 1_000_000
    let seconds = Timestamp.floorDiv(local, 1_000_000)
    let day = CivilDate(daysSinceEpoch: Int32(clamping: Timestamp.floorDiv(seconds, 86_400)))
    let ofDay = Int(seconds - Int64(day.daysSinceEpoch) * 86_400)
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    var clock = "\(two(ofDay / 3600)).\(two(ofDay / 60 % 60))"
    if ofDay % 60 != 0 { clock += ".\(two(ofDay % 60))" }
    return "\(longDate(day)) kl. \(clock)"
  }

  /// A moment for people with its canonical form to type back (into `--known-at`, say):
  /// "31 januari 2025 kl. 23.59.59 (2025-01-31T22:59:59.999999Z)".
  public static func momentWithUTC(_ t: Timestamp) -> String { "\(moment(t)) (\(t))" }
}
