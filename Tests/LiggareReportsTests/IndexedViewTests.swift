import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareReports

/// A `ChronicleIndex` changes how much a view reads, never what it says: every view of the small
/// demo city (merges, moves, retractions, Part 2) is byte for byte the same with and without one,
/// at several dates and knowledge seqs.
@Suite struct IndexedViewTests {
  static let chronicle = APISchemas.demo.chronicle
  static let names = APISchemas.demo.names
  static let index = ChronicleIndex(chronicle)

  static func states(_ date: String, knownAtSeq: UInt64) -> (plain: CityState, indexed: CityState) {
    let position = Position.endOf(CivilDate(parsing: date)!)
    return (
      CityState(chronicle: chronicle, position: position, knownAtSeq: knownAtSeq),
      CityState(chronicle: chronicle, position: position, knownAtSeq: knownAtSeq, index: index)
    )
  }

  /// Dates across the years (mid-year, year ends, a day in spring) and two knowledge seqs.
  static let cases: [(String, UInt64)] = [
    ("2012-06-30", chronicle.lastSeq), ("2019-03-15", chronicle.lastSeq / 2),
    ("2025-11-30", chronicle.lastSeq),
  ]

  @Test(arguments: cases) func unitAndGapViewsAreTheSameWithTheIndex(date: String, seq: UInt64) throws {
    let (plain, indexed) = Self.states(date, knownAtSeq: seq)
    let units = plain.allUnits.map(\.id)
    #expect(units.count > 10)
    // Every board and the city, and every ninth unit (the test stays quick).
    let chosen = plain.allUnits.enumerated().filter { $0.element.kind != .unit || $0.offset % 9 == 0 }.map(
      \.element.id)
    var compared = 0
    for id in chosen {
      guard let a = try? UnitView(state: plain, unit: id, names: Self.names) else { continue }
      let b = try UnitView(state: indexed, unit: id, names: Self.names)
      #expect(a.json.prettyText == b.json.prettyText, "unit \(id) \(date) \(seq)")
      #expect(a.text == b.text, "unit text \(id) \(date)")
      let ga = try GapList(state: plain, unit: id, names: Self.names)
      let gb = try GapList(state: indexed, unit: id, names: Self.names)
      #expect(ga.json.prettyText == gb.json.prettyText, "gaps \(id) \(date) \(seq)")
      let ra = try RequirementGapList(state: plain, unit: id, names: Self.names)
      let rb = try RequirementGapList(state: indexed, unit: id, names: Self.names)
      #expect(ra.json.prettyText == rb.json.prettyText, "requirement gaps \(id) \(date) \(seq)")
      compared += 1
    }
    #expect(compared > 5)
  }

  @Test(arguments: cases) func personViewsAreTheSameWithTheIndex(date: String, seq: UInt64) throws {
    let (plain, indexed) = Self.states(date, knownAtSeq: seq)
    var compared = 0
    for (i, id) in plain.knownPersonIDs.enumerated() where i % 29 == 0 {
      guard let a = try? PersonView(state: plain, person: id, names: Self.names) else { continue }
      let b = try PersonView(state: indexed, person: id, names: Self.names)
      #expect(a.json.prettyText == b.json.prettyText, "person \(id) \(date) \(seq)")
      #expect(a.text == b.text)
      compared += 1
    }
    #expect(compared > 8)
  }

  @Test func restrictedFiguresMatchTheWholeCityForTheirNodes() throws {
    let (plain, indexed) = Self.states("2024-06-30", knownAtSeq: Self.chronicle.lastSeq)
    let whole = Census(plain)
    let range = CivilDate(parsing: "2024-01-01")!...CivilDate(parsing: "2024-06-30")!
    let activity = PeriodActivity(plain, in: range)
    var nonEmpty = 0
    for (i, unit) in plain.allUnits.enumerated() where unit.kind != .unit || i % 3 == 0 {
      let part = Census(indexed, within: unit.id)
      #expect(part.staff(of: unit.id) == whole.staff(of: unit.id), "\(unit.id)")
      let own = PeriodActivity(indexed, in: range, within: unit.id)
      #expect(own.byNode[unit.id] == activity.byNode[unit.id], "\(unit.id)")
      if !(whole.staff(of: unit.id).isEmpty) { nonEmpty += 1 }
    }
    #expect(nonEmpty > 5)
  }
}

@Suite struct CensusShareTests {
  /// The report's line over the year ends counts without making censuses: the same figures.
  @Test func shareWithoutACensusIsTheCensusShare() {
    let chronicle = IndexedViewTests.chronicle
    for (date, seq) in [("2013-12-31", chronicle.lastSeq), ("2018-12-31", chronicle.lastSeq / 2)] {
      let state = CityState(
        chronicle: chronicle, position: .endOf(CivilDate(parsing: date)!), knownAtSeq: seq)
      let census = Census(state)
      var nonEmpty = 0
      for node in state.allUnits.map(\.id) + ["okänd"] {
        for level in [1, 3] {
          let direct = Census.share(in: state, of: node, atLeast: level)
          let whole = census.share(of: node, atLeast: level)
          #expect(direct == whole, "\(node) \(date) \(level)")
          if whole.staff > 0 { nonEmpty += 1 }
        }
      }
      #expect(nonEmpty > 10)
    }
  }
}
