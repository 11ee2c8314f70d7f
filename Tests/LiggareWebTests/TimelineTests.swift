import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareWeb

@Suite struct TimelineTests {
  @Test func retractedEventsStayInTheTimelineMarked() throws {
    let log = try WebFixture.city()
    let items = log.chronicle.timeline(ofPerson: "p-2", knownAtSeq: log.chronicle.lastSeq)
    #expect(items.map(\.eventID).contains("c-wrong"))
    let wrong = try #require(items.first { $0.eventID == "c-wrong" })
    #expect(wrong.retractedBySeq == log.chronicle.lastSeq)
    #expect(items.map(\.date) == items.map(\.date).sorted())
    let entry = TimelineEntry(
      wrong, person: { $0 }, unit: { $0 }, course: { "Kurs \($0)" }, reason: { _ in "fel person" })
    #expect(entry.isRetracted)
    #expect(entry.retractedBecause == "fel person")
    #expect(entry.what == "Kurs: Kurs kurs-a (2 timmar)")
  }

  @Test func asKnownBeforeTheRetractionTheEventStands() throws {
    let log = try WebFixture.city()
    let before = log.chronicle.lastSeq - 1
    let wrong = try #require(
      log.chronicle.timeline(ofPerson: "p-2", knownAtSeq: before).first { $0.eventID == "c-wrong" })
    #expect(wrong.retractedBySeq == nil)
    // Known before the completion itself, it is not there at all.
    #expect(
      !log.chronicle.timeline(ofPerson: "p-2", knownAtSeq: before - 1).contains { $0.eventID == "c-wrong" })
  }

  @Test func everyKindOfPersonEventIsListed() throws {
    let log = try WebFixture.city()
    let e1 = log.chronicle.timeline(ofPerson: "e-1", knownAtSeq: log.chronicle.lastSeq).map(\.change)
    #expect(e1.contains(.registered))
    #expect(e1.contains(.assigned(unitID: "f-sol", role: .lärare)))
    #expect(e1.contains(.examinerAppointed(unitID: "f-sol", maxLevel: 3)))
    let p3 = log.chronicle.timeline(ofPerson: "p-3", knownAtSeq: log.chronicle.lastSeq).map(\.change)
    #expect(p3.last == .left)
    #expect(log.chronicle.timeline(ofPerson: "finns-inte", knownAtSeq: 100).isEmpty)
  }
}
