import LiggareBasics
import LiggareDomain

/// Numbers and words written the Swedish way for the terminal views, with `SwedishNumber`'s
/// terminal style: digit groups use a plain space, which every terminal shows one column wide;
/// decimals use a comma.
enum ViewFormat {
  /// Groups the digits of an integer in threes: "48 213".
  static func integer(_ n: Int) -> String {
    SwedishNumber.integer(n, style: .terminal)
  }

  /// A value with exactly `digits` decimals, rounded half away from zero: "87,5".
  static func decimal(_ value: Double, digits: Int) -> String {
    SwedishNumber.decimal(value, digits: digits, style: .terminal)
  }

  /// Hours with at most one decimal, and none when whole: "7", "7,5", "1 200".
  static func hours(_ h: Double) -> String {
    SwedishNumber.wholeOrTenths(h, style: .terminal)
  }

  /// A share 0–1 as a percentage with one decimal: "87,5 %".
  static func percent(_ share: Double) -> String {
    decimal(share * 100, digits: 1) + " %"
  }

  /// The share of `part` in `whole`, or "–" when there is no one to count.
  static func share(_ part: Int, of whole: Int) -> String {
    whole == 0 ? "–" : percent(Double(part) / Double(whole))
  }

  /// A goal by what it asks, then its id: "nivå 3 för 100 % senast 2013-12-31 (sdn-pim3)" (the
  /// wording the annual report uses, `GoalSnapshot.meaning`).
  static func goal(_ goal: GoalSnapshot) -> String {
    "\(goal.meaning(style: .terminal)) (\(goal.id))"
  }

  /// "ja" or "nej".
  static func yesNo(_ value: Bool) -> String {
    value ? "ja" : "nej"
  }

  /// "Name (id)" in at most `width` characters: the name is cut (with "…") before the id is, because
  /// the id is what the user types next.
  static func label(name: String, id: String, width: Int = .max) -> String {
    let full = "\(name) (\(id))"
    guard full.count > width else { return full }
    let room = width - id.count - 3
    return room >= 2 ? "\(TextTable.truncated(name, to: room)) (\(id))" : TextTable.truncated(full, to: width)
  }

  /// The room left on a line of the standard width after `prefix`.
  static func room(after prefix: String) -> Int {
    TextTable.standardWidth - prefix.count
  }

  /// The text with its first character upper-cased ("förskola, under …" → "Förskola, under …").
  static func capitalized(_ text: String) -> String {
    guard let first = text.first else { return text }
    return first.uppercased() + text.dropFirst()
  }

  /// The Swedish word for a node kind.
  static func kind(_ kind: UnitKind) -> String {
    switch kind {
    case .city: "stad"
    case .board: "nämnd"
    case .unit: "enhet"
    }
  }

  /// The line every view starts its body with: which date, and which knowledge.
  static func header(state: CityState, knownAt: Timestamp?) -> String {
    let moment = knownAt.map { " (\($0))" } ?? ""
    if state.knownAtSeq == 0 {
      return "Per \(state.asOf), enligt loggen före första händelsen\(moment)"
    }
    return "Per \(state.asOf), enligt loggen till och med händelse \(integer(Int(state.knownAtSeq)))\(moment)"
  }
}
