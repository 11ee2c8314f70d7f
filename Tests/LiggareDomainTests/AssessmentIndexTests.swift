import LiggareBasics
import Testing

@testable import LiggareDomain

/// The assessment index's shortcuts against the plain answers: label positions from the scale
/// table against `labelPosition`, the dictionary-backed table against the dense one, and the
/// counting position against the levels it stands for.
@Suite struct AssessmentIndexTests {
  @Test(arguments: [2, 5, 9])
  func scaleTableAnswersAsLabelPosition(seed: UInt64) {
    let log = RandomLog.make(seed: seed, attempts: 3000)
    let chronicle = log.chronicle
    var rng = SplitMix64(state: seed)
    var placed = 0
    for _ in 0..<6 {
      let k = UInt64.random(in: 0...UInt64(log.events.count), using: &rng)
      let state = CityState(
        chronicle: chronicle, position: .endOf(CivilDate(parsing: "2016-01-01")!), knownAtSeq: k)
      let scales = LabelScales(state)
      for _ in 0..<300 {
        let date = CivilDate(parsing: "2009-12-01")!.adding(days: Int.random(in: 0..<1700, using: &rng))
        let seq = UInt64.random(in: 0...UInt64(log.events.count + 1), using: &rng)
        for c in -1..<Int32(chronicle.competenceSymbols.count + 1) {
          for label in -1..<Int32(chronicle.labelSymbols.count + 1) {
            let expected =
              c < chronicle.competences.count
              ? state.labelPosition(label, competence: c, date: date.daysSinceEpoch, seq: seq) : nil
            #expect(scales.position(label, competence: c, date: date.daysSinceEpoch, seq: seq) == expected)
            if expected != nil { placed += 1 }
          }
        }
      }
    }
    #expect(placed > 100, "the logs should place many labels")
  }

  @Test(arguments: [1, 4, 8])
  func sparseTableEqualsDenseTable(seed: UInt64) {
    let log = RandomLog.make(seed: seed, attempts: 3000)
    var rng = SplitMix64(state: seed ^ 0x5EED)
    for _ in 0..<8 {
      let date = CivilDate(parsing: "2010-01-01")!.adding(days: Int.random(in: 0..<1600, using: &rng))
      let k = UInt64.random(in: 0...UInt64(log.events.count), using: &rng)
      let state = CityState(chronicle: log.chronicle, position: .endOf(date), knownAtSeq: k)
      let dense = AssessmentIndex(state)
      let sparse = AssessmentIndex(state, denseLimit: 0)
      guard case .dense = dense.slots, case .sparse = sparse.slots else {
        Issue.record("expected one dense and one sparse table")
        return
      }
      #expect(dense.count == sparse.count)
      let kept: [Int32] = [2, 0, 2]
      let some = AssessmentIndex(state, competences: kept)
      let someSparse = AssessmentIndex(state, competences: kept, denseLimit: 0)
      for p in 0..<Int32(log.chronicle.personSymbols.count) {
        for c in 0..<Int32(log.chronicle.competenceSymbols.count) {
          let levels = dense.levels(p, c)
          #expect(sparse.levels(p, c) == levels)
          #expect(dense.countingPosition(p, c) == levels.counting?.position)
          #expect(sparse.countingPosition(p, c) == levels.counting?.position)
          let expected = kept.contains(c) ? levels : CompetenceLevels()
          #expect(some.levels(p, c) == expected)
          #expect(someSparse.levels(p, c) == expected)
          #expect(some.countingPosition(p, c) == expected.counting?.position)
        }
      }
    }
  }
}

/// A node's activity read through the index is the same whether the per-person completion lists
/// are built (a server) or the completions are scanned once for the node's people (a one-off view).
@Suite struct NodeActivityPathsTests {
  @Test(arguments: [3, 6])
  func completionListsAndOneScanGiveTheSameSums(seed: UInt64) {
    let log = RandomLog.make(seed: seed, attempts: 3000)
    let chronicle = log.chronicle
    let scanned = ChronicleIndex(chronicle)
    let listed = ChronicleIndex(chronicle)
    listed.prepare()
    #expect(listed.hasCompletionLists && !scanned.hasCompletionLists)
    var compared = 0
    for year in 2010...2014 {
      let end = Position.endOf(.endOfYear(year))
      let range = CivilDate.startOfYear(year)...CivilDate.endOfYear(year)
      let a = CityState(chronicle: chronicle, position: end, knownAtSeq: chronicle.lastSeq, index: scanned)
      let b = CityState(chronicle: chronicle, position: end, knownAtSeq: chronicle.lastSeq, index: listed)
      let c = CityState(chronicle: chronicle, position: end, knownAtSeq: chronicle.lastSeq)
      let whole = PeriodActivity(c, in: range)
      for node in ["stad", "n1", "n2", "u1", "u3", "u5"] {
        let x = PeriodActivity(a, in: range, within: node)
        let y = PeriodActivity(b, in: range, within: node)
        #expect(x.byNode[node] == y.byNode[node], "\(node) \(year)")
        #expect(x.byNode[node] == whole.byNode[node], "\(node) \(year)")
        if (whole.byNode[node]?.totalHours ?? 0) > 0 { compared += 1 }
      }
    }
    #expect(!scanned.hasCompletionLists, "a view of a few people must not build the lists")
    #expect(compared > 3)
  }
}
