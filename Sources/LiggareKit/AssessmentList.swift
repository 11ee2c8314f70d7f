import Foundation
public import LiggareBasics
public import LiggareDomain

/// A self-assessment survey as Microsoft Forms or Google Forms exports it (saved from Excel): a
/// person column and one column per competence, headed by the competence's id or title, with a
/// level label (or nothing) in each cell. Read with the attendance list's CSV reader.
public struct AssessmentList: Sendable {
  /// One level given: the row's person, the competence, the label and the line in the file.
  public struct Cell: Sendable, Hashable {
    public var person: String
    public var competence: String
    public var level: String
    public var line: Int
  }

  public var cells: [Cell]

  /// Survey metadata columns that a Forms export adds and that carry no assessment.
  static let ignoredHeaders: Set<String> = [
    "starttid", "sluttid", "tidpunkt", "tidsstämpel", "timestamp", "start time", "completion time",
    "e-post", "email", "e-postadress", "email address", "namn", "name", "senaste ändringstid",
    "last modified time",
  ]

  /// Reads and checks a list against the framework's competences and levels; every row must be
  /// usable or the whole list is refused.
  ///
  /// - Throws: `LedgerError.attendance` naming the file, row and column.
  public static func read(
    path: String, competences: [CompetenceSnapshot], levels: [String]
  ) throws(LedgerError) -> AssessmentList {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .io(path: path, reason: "filen finns inte eller kan inte läsas")
    }
    return try parse(Array(data), name: path, competences: competences, levels: levels)
  }

  /// Parses the bytes of a list named `name` (for messages).
  ///
  /// - Parameters:
  ///   - competences: the framework's competences as of the date.
  ///   - levels: the framework's labels as of the date.
  /// - Throws: `LedgerError.attendance` naming the row and column.
  public static func parse(
    _ bytes: [UInt8], name: String, competences: [CompetenceSnapshot], levels: [String]
  ) throws(LedgerError) -> AssessmentList {
    let table = try CSVTable.read(bytes, name: name)
    guard let headerIndex = table.firstIndex(where: { !$0.cells.allSatisfy { $0.trimmed.isEmpty } }) else {
      throw .attendance(place: .init(file: name), reason: "listan är tom")
    }
    let header = table[headerIndex]
    let names = header.cells.map { $0.trimmed.lowercased() }
    // "person" first: a Forms export's first column "ID" is the response number.
    guard
      let personColumn = names.firstIndex(of: "person")
        ?? names.firstIndex(where: { AttendanceList.personHeaders.contains($0) && $0 != "id" })
        ?? names.firstIndex(of: "id")
    else {
      throw .attendance(
        place: .init(file: name, line: header.line),
        reason: "hittar ingen kolumn för person; rubrikraden ska ha en kolumn som heter \"person\"; "
          + "rubrikerna var: \(header.cells.map { "\"\($0.trimmed)\"" }.joined(separator: ", "))")
    }
    var columns: [(index: Int, competence: String)] = []
    for (i, raw) in header.cells.enumerated() where i != personColumn {
      let title = raw.trimmed
      if title.isEmpty || ignoredHeaders.contains(title.lowercased()) { continue }
      if names[i] == "id" && personColumn != i { continue }
      let match =
        competences.first { $0.id == title }
        ?? competences.first { $0.title.lowercased() == title.lowercased() }
      guard let match else {
        throw .attendance(
          place: .init(file: name, line: header.line),
          reason:
            "kolumn \(i + 1) \"\(title)\" är ingen kompetens i ramverket; rubriken ska vara kompetensens id "
            + "eller titel (t.ex. \(competences.prefix(3).map { "\"\($0.id)\"" }.joined(separator: ", ")))")
      }
      if let earlier = columns.first(where: { $0.competence == match.id }) {
        throw .attendance(
          place: .init(file: name, line: header.line),
          reason:
            "kolumn \(i + 1) \"\(title)\" och kolumn \(earlier.index + 1) är samma kompetens (\(match.id))")
      }
      columns.append((i, match.id))
    }
    guard !columns.isEmpty else {
      throw .attendance(
        place: .init(file: name, line: header.line), reason: "listan har inga kolumner för kompetenser")
    }
    var cells: [Cell] = []
    var seen: [String: Int] = [:]
    for row in table[(headerIndex + 1)...] {
      if row.cells.allSatisfy({ $0.trimmed.isEmpty }) { continue }
      let place = LedgerError.Place(file: name, line: row.line)
      try CSVTable.checkWidth(row, header: header, name: name)
      let person = try AttendanceList.personKey(row, column: personColumn, header: header, place: place)
      if let first = seen[person] {
        throw .attendance(place: place, reason: "\(person) finns redan på rad \(first); en rad per person")
      }
      seen[person] = row.line
      for (i, competence) in columns {
        let raw = i < row.cells.count ? row.cells[i].trimmed : ""
        if raw.isEmpty { continue }
        guard
          let label = levels.first(where: { $0 == raw })
            ?? levels.first(where: { $0.lowercased() == raw.lowercased() })
        else {
          throw .attendance(
            place: place,
            reason: "kolumn \(i + 1) \"\(header.cells[i].trimmed)\" har \"\(raw)\"; tillåtna nivåer är "
              + "\(levels.joined(separator: ", ")) eller en tom cell")
        }
        cells.append(Cell(person: person, competence: competence, level: label, line: row.line))
      }
    }
    guard !cells.isEmpty else {
      throw .attendance(place: .init(file: name), reason: "listan har inga bedömningar")
    }
    return AssessmentList(cells: cells)
  }

  /// One `CompetenceAssessed` per filled cell; no ids, so the ledger gives each a content id and a
  /// re-import of the same list appends nothing.
  public func drafts(method: AssessmentMethod, assessor: String?, date: CivilDate) -> [EventDraft] {
    cells.map {
      EventDraft(
        occurredOn: date,
        payload: .competenceAssessed(
          person: $0.person, competence: $0.competence, level: $0.level, method: method,
          assessor: method == .head ? assessor : nil))
    }
  }
}
