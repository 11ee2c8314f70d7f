import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareCLI

/// Issue 13 item 12: the command line's event sentences write numbers with the one Swedish
/// formatter (they replaced the point of Swift's `description`, which showed a goal of 29 % as
/// "28,999999999999996 %").
@Suite struct EventDescriptionTests {
  let date = CivilDate(year: 2026, month: 3, day: 14)!

  @Test func aGoalsShareIsWrittenAsGiven() {
    let payload = Payload.goalSet(
      goal: "g-1", scope: "u-1", minLevel: 3, targetShare: 0.29,
      deadline: CivilDate(year: 2027, month: 6, day: 30)!)
    let sentence = EventDescription.sentence(for: payload, on: date, names: [:])
    #expect(sentence.contains(": 29 % på nivå 3"), "\(sentence)")
  }

  @Test func hoursKeepTheirDecimalsWithAComma() {
    let payload = Payload.courseCompleted(person: "p-1", course: "pim-intro", hours: 1.25)
    let sentence = EventDescription.sentence(for: payload, on: date, names: ["p-1": "Ada"])
    #expect(sentence.contains("(1,25 timmar)"), "\(sentence)")
  }
}
