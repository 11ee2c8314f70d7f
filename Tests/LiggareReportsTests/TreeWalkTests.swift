import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareReports

/// `CityState.selfAndAncestors(of:)` (the annual report's examiner changes walk up from one unit per
/// change) answers as the `OrgTree` of the whole tree that day did, for every node and for ids not
/// established yet, across the demo city's moves and merges.
@Suite struct TreeWalkTests {
  @Test(arguments: ["2011-08-01", "2012-06-30", "2016-12-31", "2019-03-15", "2025-11-30"])
  func walkUpFromOneNodeEqualsTheWholeTree(date: String) {
    let chronicle = APISchemas.demo.chronicle
    let state = CityState(
      chronicle: chronicle, position: .endOf(CivilDate(parsing: date)!), knownAtSeq: chronicle.lastSeq)
    let tree = OrgTree(state.allUnits)
    var walked = 0
    let everyID = CityState(
      chronicle: chronicle, position: .endOf(CivilDate(parsing: "2030-01-01")!), knownAtSeq: chronicle.lastSeq
    ).allUnits.map(\.id)
    for id in everyID + ["ingen-sådan"] {
      let expected = tree.selfAndAncestors(id)
      #expect(state.selfAndAncestors(of: id) == expected, "\(id) \(date)")
      if expected.count > 2 { walked += 1 }
    }
    #expect(walked > 5)
  }
}
