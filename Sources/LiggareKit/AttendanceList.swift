import Foundation
public import LiggareBasics
public import LiggareDomain

/// An attendance list as a course registration system or Excel exports it: a person column and an
/// optional hours column, `;`, `,` or tab separated, UTF-8 with or without BOM, or Windows-1252.
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
    let text = decodeText(bytes)
    let table = CSVTable.parse(text)
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
      let person = personColumn < row.cells.count ? row.cells[personColumn].trimmed : ""
      guard !person.isEmpty else {
        throw .attendance(place: place, reason: "kolumnen \"\(header.cells[personColumn].trimmed)\" är tom")
      }
      var hours: Double?
      if let hoursColumn, hoursColumn < row.cells.count {
        let raw = row.cells[hoursColumn].trimmed
        if !raw.isEmpty {
          let normal = raw.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: " ", with: "")
            .replacingOccurrences(of: "\u{00A0}", with: "")
          guard let value = Double(normal), value.isFinite, value > 0 else {
            throw .attendance(
              place: place,
              reason:
                "kolumnen \"\(header.cells[hoursColumn].trimmed)\" har \"\(raw)\"; ange timmar som ett tal "
                + "större än 0, t.ex. 2,5")
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

  /// UTF-8 (a BOM is dropped); bytes that are not UTF-8 are read as Windows-1252, Excel's Swedish default.
  static func decodeText(_ bytes: [UInt8]) -> String {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    if let text = String(validating: body, as: UTF8.self) { return text }
    return String(body.map { Character(windows1252($0)) })
  }

  static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
    let high: [UInt32] = [
      0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
      0x8D,
      0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161,
      0x203A,
      0x0153, 0x9D, 0x017E, 0x0178,
    ]
    if byte >= 0x80 && byte < 0xA0 { return Unicode.Scalar(high[Int(byte - 0x80)])! }
    return Unicode.Scalar(byte)
  }
}

/// A small CSV reader: quotes, doubled quotes, separators and newlines inside quotes, CRLF.
struct CSVTable {
  struct Row {
    var cells: [String]
    var line: Int
  }

  static func parse(_ text: String) -> [Row] {
    let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
    let candidates: [Character] = [";", ",", "\t"]
    let separator =
      candidates.max { a, b in
        firstLine.filter { $0 == a }.count < firstLine.filter { $0 == b }.count
      } ?? ";"
    var rows: [Row] = []
    var cells: [String] = []
    var cell = ""
    var inQuotes = false
    var line = 1
    var rowLine = 1
    var iterator = text.makeIterator()
    var pending: Character?
    func next() -> Character? {
      if let p = pending {
        pending = nil
        return p
      }
      return iterator.next()
    }
    while let c = next() {
      if inQuotes {
        if c == "\"" {
          if let n = next() {
            if n == "\"" {
              cell.append("\"")
            } else {
              inQuotes = false
              pending = n
            }
          } else {
            inQuotes = false
          }
        } else {
          if c == "\n" || c == "\r\n" { line += 1 }
          cell.append(c)
        }
      } else if c == "\"" && cell.allSatisfy({ $0 == " " }) {
        cell = ""
        inQuotes = true
      } else if c == separator {
        cells.append(cell)
        cell = ""
      } else if c == "\n" || c == "\r\n" || c == "\r" {
        cells.append(cell)
        rows.append(Row(cells: cells, line: rowLine))
        cells = []
        cell = ""
        line += 1
        rowLine = line
      } else {
        cell.append(c)
      }
    }
    if !cell.isEmpty || !cells.isEmpty {
      cells.append(cell)
      rows.append(Row(cells: cells, line: rowLine))
    }
    return rows
  }
}

extension String {
  var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
