import Foundation
import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareKit

/// A completion of the same person, course and date as one in force is refused by default (the
/// README's walk-through once counted p-1708's course twice), accepted on request, and listed by
/// `findings()` when it is in the log.
@Suite struct RepeatedCompletionTests {
  static let date = CivilDate(parsing: "2012-04-13")!

  static func completion(_ person: String, id: String? = nil, hours: Double? = nil) -> EventDraft {
    EventDraft(id: id, occurredOn: date, payload: .courseCompleted(person: person, course: "k", hours: hours))
  }

  static func ledger() throws -> (Ledger, String) {
    let dir = LedgerTests.folder()
    LedgerTests.write(LedgerTests.base, to: dir + "/a.jsonl")
    let ledger = try LedgerTests.open(dir)
    try ledger.importEvents(from: dir + "/a.jsonl")
    return (ledger, dir)
  }

  @Test func aSecondCompletionOfTheSameDayIsRefusedNamingTheFirst() throws {
    let (ledger, dir) = try Self.ledger()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try ledger.append([Self.completion("p-1", id: "c-1")])
    let head = ledger.log.head
    // The attendance list's row for the same person: other content (hours), so another event.
    let list = try AttendanceList.parse(Array("person;timmar\np-2;2\np-1;2\n".utf8), name: "lista.csv")
    #expect {
      try ledger.append(
        list.drafts(course: "k", date: Self.date), source: "lista.csv", places: list.rows.map(\.line))
    } throws: { error in
      let text = "\(error)"
      return text.contains("lista.csv rad 3") && text.contains("p-1 har redan gått k den 2012-04-13")
        && text.contains("händelse c-1")
    }
    #expect(ledger.log.head == head, "nothing of the list was appended")
    // Twice in one list is refused too.
    #expect {
      try ledger.append([Self.completion("p-2", hours: 1), Self.completion("p-2", hours: 2)])
    } throws: { "\($0)".contains("p-2 har redan gått k") }
    #expect(ledger.log.head == head)
  }

  @Test func aRealSecondCompletionIsAcceptedOnRequestAndListedByFindings() throws {
    let (ledger, dir) = try Self.ledger()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try ledger.append([Self.completion("p-1", id: "c-1")])
    #expect(try ledger.findings().isEmpty)
    let outcome = try ledger.append(
      [Self.completion("p-1", id: "c-2", hours: 1)], allowingRepeatedCompletions: true)
    #expect(outcome.appended == 1)
    let findings = try ledger.findings()
    #expect(findings.map(\.eventID) == ["c-2"])
    let described = findings.first.map { "\($0.violation)" } ?? ""
    #expect(described.contains("händelse c-1"))
  }

  @Test func aRetractedCompletionDoesNotBlockTheDay() throws {
    let (ledger, dir) = try Self.ledger()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try ledger.append([Self.completion("p-1", id: "c-1")])
    try ledger.append([
      EventDraft(
        id: "t-1", occurredOn: Self.date, payload: .eventRetracted(event: "c-1", reason: "fel person"))
    ])
    #expect(try ledger.append([Self.completion("p-1", id: "c-2")]).appended == 1)
    #expect(try ledger.findings().isEmpty)
    // Another day, or another person, is never a repeat.
    let other = EventDraft(
      occurredOn: Self.date.adding(days: 1), payload: .courseCompleted(person: "p-1", course: "k", hours: nil)
    )
    #expect(try ledger.append([other, Self.completion("p-2")]).appended == 2)
  }

  @Test func aLargeBatchUsesTheIndexAndStillFindsTheRepeat() throws {
    let (ledger, dir) = try Self.ledger()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    func on(_ day: Int, _ person: String, hours: Double? = nil) -> EventDraft {
      EventDraft(
        occurredOn: Self.date.adding(days: day),
        payload: .courseCompleted(person: person, course: "k", hours: hours))
    }
    try ledger.append((0..<40).flatMap { [on($0, "p-1"), on($0, "p-2")] })
    let head = ledger.log.head
    // Twenty new completions (past the finder's scanning look-ups, so it builds its index), then
    // one that repeats a committed completion and one that repeats a completion of this batch.
    let fresh = (40..<60).map { on($0, "p-1") }
    #expect {
      try ledger.append(fresh + [on(39, "p-2", hours: 1)])
    } throws: { "\($0)".contains("p-2 har redan gått k den 2012-05-22") }
    #expect {
      try ledger.append(fresh + [on(59, "p-1", hours: 1)])
    } throws: { "\($0)".contains("p-1 har redan gått k den 2012-06-11") }
    #expect(ledger.log.head == head)
    #expect(try ledger.append(fresh).appended == 20)
  }

  @Test func jsonImportKeepsItsRepeatsAndVerifyListsThem() throws {
    let (ledger, dir) = try Self.ledger()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let line = { (id: String) in
      #"{"id":"\#(id)","type":"CourseCompleted","occurredOn":"2012-04-13","recordedAt":"2012-04-14T08:00:00Z","data":{"person":"p-1","course":"k"}}"#
    }
    LedgerTests.write([line("x-1"), line("x-2")], to: dir + "/b.jsonl")
    #expect(try ledger.importEvents(from: dir + "/b.jsonl").appended == 2)
    #expect(try ledger.findings().map(\.eventID) == ["x-2"])
  }
}
