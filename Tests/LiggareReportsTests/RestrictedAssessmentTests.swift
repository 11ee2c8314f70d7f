import LiggareBasics
import Testing

@testable import LiggareDomain

/// An assessment index built for some persons (what a unit's or a person's view reads, through the
/// chronicle index's per-person lists) gives those persons exactly the levels the whole city's
/// index gives them, at several dates and knowledge seqs, retracted assessments included.
@Suite struct RestrictedAssessmentTests {
  static let chronicle = IndexedViewTests.chronicle
  static let index = IndexedViewTests.index

  @Test(arguments: IndexedViewTests.cases) func restrictedIndexGivesTheWholeCitysLevels(
    date: String, seq: UInt64
  ) {
    let position = Position.endOf(CivilDate(parsing: date)!)
    let plain = CityState(chronicle: Self.chronicle, position: position, knownAtSeq: seq)
    let indexed = CityState(chronicle: Self.chronicle, position: position, knownAtSeq: seq, index: Self.index)
    let whole = plain.assessmentIndex()
    let persons = Self.chronicle.personSymbols.names.enumerated().filter { $0.offset % 5 == 0 }.map(\.element)
    let symbols = persons.compactMap { Self.chronicle.personSymbols.symbol(for: $0) }
    let restricted = AssessmentIndex(indexed, persons: symbols + symbols.prefix(3))
    let filtered = AssessmentIndex(plain, persons: symbols)
    let competences = Self.chronicle.competenceSymbols.names
    var assessed = 0
    for person in persons {
      for competence in competences {
        let expected = whole.levels(of: person, in: competence)
        #expect(restricted.levels(of: person, in: competence) == expected, "\(person) \(competence) \(date)")
        #expect(filtered.levels(of: person, in: competence) == expected, "\(person) \(competence) \(date)")
        if expected.counting != nil {
          assessed += 1
          // The one-pair question reads the person's own list with the index: the same levels.
          #expect(
            indexed.competenceLevels(of: person, in: competence)
              == plain.competenceLevels(of: person, in: competence))
        }
      }
    }
    // Only the persons asked for are in it.
    #expect(restricted.count <= whole.count)
    if date >= "2020" { #expect(assessed > 20, "too few assessed pairs to compare at \(date)") }
  }

  /// The index keeps the whole city's follow-up summaries per (year, seq): asked in turn for the
  /// same years at different seqs, through one index, each answer is the one made without it.
  @Test func keptFollowUpSummariesAreThoseOfTheirYearAndSeq() {
    let index = ChronicleIndex(Self.chronicle)
    let last = Self.chronicle.lastSeq
    var withFollowUps = 0
    for seq in [last, last / 3, last * 2 / 3, last] {
      for year in [2013, 2018, 2022, 2024] {
        let state = CityState(
          chronicle: Self.chronicle, position: .endOf(CivilDate.endOfYear(year + 1)), knownAtSeq: seq,
          index: index)
        let plain = FollowUpSummary.all(year: year, chronicle: Self.chronicle, knownAtSeq: seq)
        #expect(FollowUpSummary.all(year: year, in: state) == plain, "\(year) \(seq)")
        for node in plain.keys.sorted().prefix(5) {
          #expect(FollowUpSummary.of(node, year: year, in: state) == plain[node], "\(node) \(year) \(seq)")
        }
        withFollowUps += plain.values.filter { $0.unitsWithFollowUp > 0 }.count
      }
    }
    #expect(withFollowUps > 10)
  }
}
