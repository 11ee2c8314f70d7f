import Foundation
import LiggareBasics
import LiggareDomain
import LiggareStorage
import Testing

@testable import LiggareKit

@Suite struct LedgerTests {
  static let clock = LedgerClock.fixed(Timestamp(parsing: "2026-01-15T10:00:00Z")!)

  static func folder() -> String {
    let path = NSTemporaryDirectory() + "liggare-ledger-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static let base = [
    #"{"id":"u1","type":"UnitEstablished","occurredOn":"2011-01-01","recordedAt":"2011-01-02T08:00:00Z","data":{"unit":"stad","name":"Staden","kind":"city"}}"#,
    #"{"id":"u2","type":"UnitEstablished","occurredOn":"2011-01-01","recordedAt":"2011-01-02T08:00:00Z","data":{"unit":"n","name":"Nämnden","kind":"board","parent":"stad"}}"#,
    #"{"id":"u3","type":"UnitEstablished","occurredOn":"2011-01-01","recordedAt":"2011-01-02T08:00:00Z","data":{"unit":"f","name":"Förskolan \"Ö\"","kind":"unit","parent":"n","schoolForm":"förskola"}}"#,
    #"{"id":"r1","type":"PersonRegistered","occurredOn":"2011-01-01","recordedAt":"2011-01-02T08:00:00Z","data":{"person":"p-1","name":"Åsa Öberg 👩‍🏫","email":"asa.oberg@example.se"}}"#,
    #"{"id":"r2","type":"PersonRegistered","occurredOn":"2011-01-01","recordedAt":"2011-01-02T08:00:00Z","data":{"person":"p-2","name":"Kalle \\ \"K\" Ängström\u0001"}}"#,
    #"{"id":"s1","type":"StaffAssigned","occurredOn":"2011-01-01","recordedAt":"2011-01-02T08:00:00Z","data":{"person":"p-1","unit":"f","role":"förskollärare"}}"#,
    #"{"id":"s2","type":"StaffAssigned","occurredOn":"2011-01-01","recordedAt":"2011-01-02T08:00:00Z","data":{"person":"p-2","unit":"f","role":"barnskötare"}}"#,
    #"{"id":"k1","type":"CourseDefined","occurredOn":"2011-01-01","recordedAt":"2011-01-02T08:00:00Z","data":{"course":"k","title":"Kurs","hours":2.5,"area":"uppföljning"}}"#,
  ]

  static func write(_ lines: [String], to path: String, ending: String = "\n") {
    _ = FileManager.default.createFile(
      atPath: path, contents: Data((lines.joined(separator: ending) + ending).utf8))
  }

  static func segmentBytes(_ dir: String) -> [UInt8] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    return names.filter { $0.hasPrefix("seg-") }.sorted().flatMap {
      [UInt8](FileManager.default.contents(atPath: dir + "/" + $0) ?? Data())
    }
  }

  static func open(_ dir: String) throws -> Ledger {
    try Ledger.open(
      directory: dir + "/log", access: .write(wait: false), createIfMissing: true, clock: clock, actor: "test"
    )
  }

  @Test func namesGoToTheRegisterNeverToTheLog() throws {
    let dir = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Self.write(Self.base, to: dir + "/a.jsonl")
    let ledger = try Self.open(dir)
    try ledger.importEvents(from: dir + "/a.jsonl")
    let log = String(decoding: Self.segmentBytes(dir + "/log"), as: UTF8.self)
    for secret in ["Åsa", "Öberg", "asa.oberg", "example.se", "Kalle", "Ängström"] {
      #expect(!log.contains(secret), "\(secret) is in the append-only log")
    }
    #expect(ledger.register.name(of: "p-1") == "Åsa Öberg 👩‍🏫")
    let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/log/personregister.json")
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

    #expect(try ledger.forget(person: "p-1"))
    #expect(ledger.register.name(of: "p-1") == nil)
    #expect(try ledger.log.verify().damage == nil)
    let reopened = try Ledger.open(directory: dir + "/log", access: .read, clock: Self.clock)
    #expect(reopened.register.name(of: "p-1") == nil)
    #expect(reopened.state(asOf: CivilDate(parsing: "2012-01-01")!).placement(of: "p-1")?.unitID == "f")
    var exported: [UInt8] = []
    try reopened.export { exported += $0 }
    #expect(String(decoding: exported, as: UTF8.self).contains(#""name":"p-1""#))
  }

  @Test func exportRoundTripsEveryFieldToTheSameHead() throws {
    let dir = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Self.write(Self.base, to: dir + "/a.jsonl", ending: "\r\n")
    let ledger = try Self.open(dir)
    try ledger.importEvents(from: dir + "/a.jsonl")
    var exported: [UInt8] = []
    try ledger.export { exported += $0 }
    _ = FileManager.default.createFile(atPath: dir + "/e.jsonl", contents: Data(exported))
    let copy = try Ledger.open(
      directory: dir + "/copy", access: .write(wait: false), createIfMissing: true, clock: Self.clock)
    try copy.importEvents(from: dir + "/e.jsonl")
    #expect(copy.log.head == ledger.log.head)
    #expect(copy.register.name(of: "p-2") == "Kalle \\ \"K\" Ängström\u{1}")
    let units = copy.state(asOf: CivilDate(parsing: "2012-01-01")!).allUnits.map(\.name)
    #expect(units.contains("Förskolan \"Ö\""))
  }

  static let hostile: [(String, String)] = [
    (#"{"type":"StaffLeft","occurredOn":"2011-02-01","data":{"person":"p-1"}} trailing"#, "mer text"),
    (#"{"type":"NaN","occurredOn":"2011-02-01","data":{}}"#, "okänd händelsetyp"),
    (
      #"{"type":"CourseCompleted","occurredOn":"2011-02-01","data":{"person":"p-1","course":"k","hours":NaN}}"#,
      "ogiltig JSON"
    ),
    (
      #"{"type":"CourseCompleted","occurredOn":"2011-02-01","data":{"person":"p-1","course":"k","hours":1e400}}"#,
      "utanför"
    ),
    (#"{"type":"StaffLeft","occurredOn":"2011-02-01","data":{"person":"p-1","person":"p-2"}}"#, "två gånger"),
    (#"{"type":"StaffLeft","occurredOn":"2011-02-01","seq":9,"data":{"person":"p-1"}}"#, "okänt fält seq"),
    (#"{"type":"StaffLeft","data":{"person":"p-1"}}"#, "datum (occurredOn) saknas"),
    (#"{"type":"StaffLeft","occurredOn":"2011-02-01","data":{"person":"p-1","extra":1}}"#, "data.extra"),
    (
      #"{"type":"StaffLeft","occurredOn":"2026-01-16","recordedAt":"2026-01-15T10:00:00Z","data":{"person":"p-1"}}"#,
      "efter registreringsdagen"
    ),
    (
      #"{"type":"StaffLeft","occurredOn":"2011-01-01","recordedAt":"2010-06-01T10:00:00Z","data":{"person":"p-1"}}"#,
      "tidigare än loggens senaste"
    ),
    (
      #"{"type":"StaffLeft","occurredOn":"2011-01-01","recordedAt":"2027-06-01T10:00:00Z","data":{"person":"p-1"}}"#,
      "i framtiden"
    ),
    (
      #"{"type":"PimLevelAttained","occurredOn":"2011-02-01","data":{"person":"p-1","level":3,"examiner":"p-2"}}"#,
      "inte examinator"
    ),
    (String(repeating: "[", count: 10_000), "ogiltig JSON"),
    (
      "{\"type\":\"StaffLeft\",\"occurredOn\":\"2011-02-01\",\"data\":{\"person\":\"p-\u{FFFD}\"}}",
      "personen"
    ),
  ]

  /// Each bad line is the third of three; the error names the file and line, and nothing is appended.
  @Test(arguments: hostile)
  func aBadLineRejectsTheWholeImport(line: String, fragment: String) throws {
    let dir = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Self.write(Self.base, to: dir + "/a.jsonl")
    let ledger = try Self.open(dir)
    try ledger.importEvents(from: dir + "/a.jsonl")
    let head = ledger.log.head
    let before = Self.segmentBytes(dir + "/log")
    let good = #"{"type":"CourseCompleted","occurredOn":"2011-03-01","data":{"person":"p-2","course":"k"}}"#
    Self.write([good, good.replacingOccurrences(of: "03-01", with: "03-02"), line], to: dir + "/bad.jsonl")
    #expect {
      try ledger.importEvents(from: dir + "/bad.jsonl")
    } throws: { error in
      let text = "\(error)"
      return text.contains("bad.jsonl rad 3") && text.contains(fragment)
    }
    #expect(ledger.log.head == head)
    #expect(Self.segmentBytes(dir + "/log") == before)
    #expect(ledger.chronicle.lastSeq == head.seq)
  }

  /// Lines are decoded on another thread in chunks of 1 024: a rule broken on an early line is
  /// reported before a syntax error on a later one, whichever chunk each is in, and a rejected
  /// import leaves the ledger usable.
  @Test(arguments: [(1500, 3000), (10, 2500), (2100, 2101)])
  func theFirstBadLineIsReportedWhateverTheChunk(ruleLine: Int, syntaxLine: Int) throws {
    let dir = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Self.write(Self.base, to: dir + "/a.jsonl")
    let ledger = try Self.open(dir)
    try ledger.importEvents(from: dir + "/a.jsonl")
    let head = ledger.log.head
    // Distinct hours (no two lines the same content), all within the 0-1000 bound.
    var lines = (1...4000).map { day in
      #"{"type":"CourseCompleted","occurredOn":"2011-03-01","data":{"person":"p-2","course":"k","hours":\#(Double(day) / 8)}}"#
    }
    lines[ruleLine - 1] =
      #"{"type":"CourseCompleted","occurredOn":"2011-03-01","data":{"person":"p-9","course":"k"}}"#
    lines[syntaxLine - 1] = #"{"type":"CourseCompleted","#
    Self.write(lines, to: dir + "/many.jsonl")
    #expect {
      try ledger.importEvents(from: dir + "/many.jsonl")
    } throws: { error in
      "\(error)".contains("many.jsonl rad \(ruleLine)") && "\(error)".contains("p-9")
    }
    lines[ruleLine - 1] = lines[0].replacingOccurrences(of: ":0.125}", with: ":0.0625}")
    Self.write(lines, to: dir + "/many.jsonl")
    #expect {
      try ledger.importEvents(from: dir + "/many.jsonl")
    } throws: { "\($0)".contains("many.jsonl rad \(syntaxLine)") }
    #expect(ledger.log.head == head)
    lines.remove(at: syntaxLine - 1)
    Self.write(lines, to: dir + "/many.jsonl")
    let outcome = try ledger.importEvents(from: dir + "/many.jsonl")
    #expect(outcome.appended == 3999)
    #expect(ledger.log.head.seq == head.seq + 3999)
  }

  @Test func invalidUTF8AndByteOrderMarkAreRefused() throws {
    let dir = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let ledger = try Self.open(dir)
    var bytes = Array(Self.base[0].utf8)
    bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0)
    _ = FileManager.default.createFile(atPath: dir + "/bom.jsonl", contents: Data(bytes))
    #expect { try ledger.importEvents(from: dir + "/bom.jsonl") } throws: { "\($0)".contains("BOM") }
    var invalid = Array(Self.base[0].utf8)
    invalid[invalid.count - 10] = 0xC3
    _ = FileManager.default.createFile(atPath: dir + "/bad.jsonl", contents: Data(invalid))
    #expect { try ledger.importEvents(from: dir + "/bad.jsonl") } throws: { "\($0)".contains("UTF-8") }
    #expect(ledger.log.head.seq == 0)
  }

  @Test func idempotencyAndConflictingIds() throws {
    let dir = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Self.write(Self.base, to: dir + "/a.jsonl")
    let ledger = try Self.open(dir)
    let first = try ledger.importEvents(from: dir + "/a.jsonl")
    let again = try ledger.importEvents(from: dir + "/a.jsonl")
    #expect(first.appended == Self.base.count)
    #expect(again.appended == 0 && again.alreadyPresent == Self.base.count && again.head == first.head)
    let changed = Self.base[2].replacingOccurrences(of: "Förskolan", with: "Skolan")
    Self.write([changed], to: dir + "/c.jsonl")
    #expect {
      try ledger.importEvents(from: dir + "/c.jsonl")
    } throws: { "\($0)".contains("finns redan i loggen (seq 3) med annat innehåll") }
    #expect(ledger.log.head == first.head)
  }

  @Test(
    arguments: [
      ("Deltagare;Timmar\r\np-1;2,5\r\np-2;\r\n", [2.5, nil]),
      ("person,hours\np-1,1.5\n\"p-2\",\"3\"\n", [1.5, 3]),
      ("\u{FEFF}person\ttimmar\np-1\t4\np-2\t\n", [4, nil]),
    ] as [(String, [Double?])])
  func attendanceListsInTheirVariants(text: String, hours: [Double?]) throws {
    let list = try AttendanceList.parse(Array(text.utf8), name: "lista.csv")
    #expect(list.rows.map(\.person) == ["p-1", "p-2"])
    #expect(list.rows.map(\.hours) == hours)
  }

  @Test func attendanceWindows1252BadHoursAndReimport() throws {
    // "namn;person;timmar" with "Åsa" in Windows-1252 (0xC5).
    let bytes: [UInt8] = Array("namn;person;timmar\r\n".utf8) + [0xC5] + Array("sa;p-1;2\r\n".utf8)
    let list = try AttendanceList.parse(bytes, name: "l.csv")
    #expect(list.rows.first?.person == "p-1")
    #expect {
      _ = try AttendanceList.parse(Array("person;timmar\np-1;två\n".utf8), name: "l.csv")
    } throws: { "\($0)".contains("l.csv rad 2") && "\($0)".contains("två") }
    #expect {
      _ = try AttendanceList.parse(Array("namn;timmar\nÅsa;2\n".utf8), name: "l.csv")
    } throws: { "\($0)".contains("ingen kolumn för person") }

    let dir = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    Self.write(Self.base, to: dir + "/a.jsonl")
    let ledger = try Self.open(dir)
    try ledger.importEvents(from: dir + "/a.jsonl")
    let date = CivilDate(parsing: "2012-04-13")!
    let good = try AttendanceList.parse(Array("person;timmar\np-1;2\np-2;\n".utf8), name: "l.csv")
    #expect(try ledger.append(good.drafts(course: "k", date: date), source: "l.csv").appended == 2)
    #expect(try ledger.append(good.drafts(course: "k", date: date), source: "l.csv").appended == 0)
    let head = ledger.log.head
    let unknown = try AttendanceList.parse(Array("person\np-1\np-2\np-9\n".utf8), name: "m.csv")
    #expect {
      try ledger.append(
        unknown.drafts(course: "k", date: date.adding(days: 1)), source: "m.csv",
        places: unknown.rows.map(\.line))
    } throws: { "\($0)".contains("m.csv rad 4") && "\($0)".contains("p-9") }
    #expect(ledger.log.head == head)
  }
}
