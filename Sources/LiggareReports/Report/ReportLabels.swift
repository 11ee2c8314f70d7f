import LiggareDomain

/// The report's headings and column labels, in one place for the HTML and Markdown renderers (they
/// had drifted apart: "Per enhet" in one, "Per nämnd och enhet" in the other).
enum ReportLabels {
  static let summary = "Sammanfattning"
  static let staff = "Personal och PIM-nivåer"
  static let goals = "Mål och måluppfyllelse"
  static let year = "Under året"
  static let examiners = "Examinatorer"
  static let withoutExaminer = "Enheter utan examinator vid årets slut"
  static let furthest = "Enheter längst från målet"
  static let units = "Per nämnd och enhet"
  static let requirements = "Kompetenskrav"
  static let assessments = "Bedömningar under året"
  static let followUp = "Enheternas uppföljning"
  static func withoutFollowUp(_ y: Int) -> String { "Enheter utan uppföljning för \(y)" }
  static let measures = "Åtgärder i handlingsplanerna"
  static let overdueMeasures = "Försenade åtgärder"
  static let about = "Om rapporten"
  static let unattributed = "Ej knutet till någon enhet"
  /// The header of a column naming the city, its boards or units.
  static let organisation = "Organisation"
  static let changeInPoints = "Förändring (p.e.)"

  static func title(_ y: Int) -> String { "Årsredovisning \(y)" }
  static let subtitle = "Kompetensutveckling och PIM"
  /// The subtitle inside a sentence or after a dash.
  static let subtitleInline = "kompetensutveckling och PIM"

  static func staffCount(_ y: Int) -> [String] {
    ["Personal \(y - 1)", "Personal \(y)"] + (0...5).map { "Nivå \($0)" }
  }

  static func shares(_ levels: [Int], _ y: Int) -> [String] {
    levels.flatMap { ["Nivå ≥\($0) \(y - 1)", "Nivå ≥\($0) \(y)", changeInPoints] }
  }

  static func goalColumns(_ y: Int) -> [String] {
    ["Mål", "Omfattning", "Bedömt", "Andel \(y - 1)", "Andel", "Personal", "Status"]
  }

  static let levelsAttained = ["Nivå 1", "Nivå 2", "Nivå 3", "Nivå 4", "Nivå 5", "Totalt"]
  static let areas = StrategyArea.allCases.map { $0.rawValue.reportCapitalized }
  static let hours = areas + ["Totalt", "Per anställd"]

  static func examinerColumns(_ y: Int) -> [String] {
    ["31 dec \(y - 1)", "Förordnade \(y)", "Avslutade \(y)", "31 dec \(y)"]
  }

  static let withoutExaminerColumns = ["Enhet", "Nämnd", "Skolform", "Personal"]

  static func furthestColumns(_ level: Int) -> [String] {
    ["Enhet", "Nämnd", "Personal", "Under nivå \(level)", "Andel nivå ≥\(level)", "Nivåer kvar i snitt"]
  }

  /// The unit table's figures, after the unit (and, in Markdown, its board) and school form.
  static func unitFigures(_ y: Int, level: Int) -> [String] {
    [
      "Personal \(y - 1)", "Personal \(y)", "Nivå ≥\(level) \(y - 1)", "Nivå ≥\(level) \(y)", changeInPoints,
      "Nivåer uppnådda", "Kurstimmar", "Timmar per anställd", "Examinatorer",
    ]
  }

  static func requirementColumns(_ y: Int) -> [String] {
    [
      "Gäller \(y - 1)", "Uppnår \(y - 1)", "Andel \(y - 1)", "Gäller \(y)", "Uppnår \(y)", "Ej bedömda \(y)",
      "Andel \(y)",
    ]
  }

  static let assessmentColumns = ["Självskattningar", "Chefsbedömningar", "Totalt"]
  static let followUpColumns = areas + ["Enheter med uppföljning", "Utan uppföljning"]
  static let measureColumns = ["Planerade", "Pågår", "Genomförda", "Inställda", "Försenade"]
  static let overdueColumns = ["Åtgärd", "Gäller", "Nämnd", "Område", "Klar senast", "Status", "Ansvarig"]
}
