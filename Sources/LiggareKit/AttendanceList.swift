import Foundation
public import LiggareBasics
public import LiggareDomain

/// An attendance list as a course registration system or Excel exports it: a person column and an
/// optional hours column, `;`, `,` or tab separated, in UTF-8, UTF-16 with a BOM, Windows-1252, code
/// page 850 or Mac Roman (`TextDecoding`).
public struct AttendanceList: Sendable {
  /// One participant: the person key, hours if given, and the line in the file.
  public struct Row: Sendable, Hashable {
    public var person: String
    public var hours: Double?
    public var line: Int
  }

  public var rows: [Row]

  static let personHeaders: Set<String> = [
    "person", "personid", "person-id", "person_id", "deltagare", "deltagar-id", "id", "användare",
    "användar-id",
    "personnyckel", "nyckel", "anställningsnummer",
  ]
  static let hourHeaders: Set<String> = ["timmar", "hours", "tid", "antal timmar", "tid (h)", "timmar (h)"]

  /// Reads and checks a list; every row must be usable or the whole list is refused.
  ///
  /// - Throws: `LedgerError.attendance` naming the file, row and column.
  public static func read(path: String) throws(LedgerError) -> AttendanceList {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .io(path: path, reason: "filen finns inte eller kan inte läsas")
    }
    return try parse(Array(data), name: path)
  }

  /// Parses the bytes of a list named `name` (for messages).
  ///
  /// - Throws: `LedgerError.attendance` naming the row and column.
  public static func parse(_ bytes: [UInt8], name: String) throws(LedgerError) -> AttendanceList {
    let table = try CSVTable.read(bytes, name: name)
    guard let headerIndex = table.firstIndex(where: { !$0.cells.allSatisfy { $0.trimmed.isEmpty } }) else {
      throw .attendance(place: .init(file: name), reason: "listan är tom")
    }
    let header = table[headerIndex]
    let names = header.cells.map { $0.trimmed.lowercased() }
    guard let personColumn = names.firstIndex(where: { personHeaders.contains($0) }) else {
      throw .attendance(
        place: .init(file: name, line: header.line),
        reason: "hittar ingen kolumn för person; rubrikraden ska ha en kolumn som heter \"person\" "
          + "(eller deltagare, id); rubrikerna var: \(header.cells.map { "\"\($0.trimmed)\"" }.joined(separator: ", "))"
      )
    }
    let hoursColumn = names.firstIndex(where: { hourHeaders.contains($0) })
    var rows: [Row] = []
    for row in table[(headerIndex + 1)...] {
      if row.cells.allSatisfy({ $0.trimmed.isEmpty }) { continue }
      let place = LedgerError.Place(file: name, line: row.line)
      try CSVTable.checkWidth(row, header: header, name: name)
      let person = try personKey(row, column: personColumn, header: header, place: place)
      var hours: Double?
      if let hoursColumn, hoursColumn < row.cells.count {
        let raw = row.cells[hoursColumn].trimmedCell
        if !raw.isEmpty {
          guard let value = plainHours(raw), value > 0, value <= EventBounds.maxHours else {
            throw .attendance(
              place: place,
              reason:
                "kolumnen \"\(header.cells[hoursColumn].trimmed)\" har \(EventBounds.shown(raw)); ange timmar som "
                + "ett decimaltal större än 0 och högst 1000, med siffror och högst ett decimaltecken, "
                + "t.ex. 2,5 eller 0,5")
          }
          hours = value
        }
      }
      rows.append(Row(person: person, hours: hours, line: row.line))
    }
    guard !rows.isEmpty else {
      throw .attendance(place: .init(file: name), reason: "listan har inga deltagare")
    }
    return AttendanceList(rows: rows)
  }

  /// One `CourseCompleted` per row; no ids, so the ledger gives each a content id and a re-import
  /// of the same list appends nothing.
  public func drafts(course: String, date: CivilDate) -> [EventDraft] {
    rows.map {
      EventDraft(
        occurredOn: date, payload: .courseCompleted(person: $0.person, course: course, hours: $0.hours))
    }
  }

  /// The person key of `row`: spaces and tabs around it dropped, any other space or invisible
  /// character refused (issue 10, item 11: `p1` and a zero-width space is not `p1`).
  static func personKey(
    _ row: CSVTable.Row, column: Int, header: CSVTable.Row, place: LedgerError.Place
  ) throws(LedgerError) -> String {
    let title = header.cells[column].trimmed
    let person = column < row.cells.count ? row.cells[column].trimmedCell : ""
    guard !person.isEmpty else {
      throw .attendance(place: place, reason: "kolumnen \"\(title)\" är tom")
    }
    if let why = EventBounds.textProblem(person) {
      throw .attendance(
        place: place,
        reason: "kolumnen \"\(title)\" har \(EventBounds.shown(person)); en personnyckel är \(why)")
    }
    return person
  }

  /// A plain decimal number: digits, then at most one decimal point or comma followed by digits
  /// (`2`, `2,5`, `0.5`), at most 15 significant digits. Nothing else: no sign, exponent, hex,
  /// spaces inside, `.5` or `5.`, NaN or infinity (issue 10, item 11; **Beslut** in
  /// docs/semantics.md).
  static func plainHours(_ raw: String) -> Double? {
    raw.utf8.first == UInt8(ascii: "-") ? nil : PlainDecimal.parse(raw)
  }
}
