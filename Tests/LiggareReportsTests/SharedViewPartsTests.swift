import LiggareBasics
import Testing

@testable import LiggareDomain
@testable import LiggareReports

/// What a server's views share or restrict through the `ChronicleIndex` says the same as the plain
/// computation: the unit tree and the parent links shared per set of unit versions (`ViewTree.of`,
/// `CityState.parentTable`), and the examiner
/// roles read only for the node asked about (`CityState.examinerRolesByUnit(under:)`,
/// `ViewExaminers(state:tree:node:)`). The small demo city has establishments, moves, renames,
/// merges and closings on a handful of dates; the dates asked about are each of them, the day
/// before and the day after, and days in between, at several knowledge seqs.
@Suite struct SharedViewPartsTests {
  static let chronicle = APISchemas.demo.chronicle

  /// Each date a unit version is dated, the day before and after, and every 97th day from 2010.
  static func dates(_ index: ChronicleIndex) -> [CivilDate] {
    var days = Set<Int32>()
    for d in index.unitDates { days.formUnion([d - 1, d, d + 1]) }
    let start = CivilDate(parsing: "2010-06-01")!.daysSinceEpoch
    let end = CivilDate(parsing: "2027-01-01")!.daysSinceEpoch
    for d in stride(from: start, to: end, by: 97) { days.insert(d) }
    return days.sorted().map { CivilDate(daysSinceEpoch: $0) }
  }

  static let seqs: [UInt64] = [chronicle.lastSeq, chronicle.lastSeq / 2, chronicle.lastSeq / 5]

  @Test func theSharedTreeIsThePlainTreeAtEveryDate() {
    // One index for every date and seq, asked in date order, then again backwards: a tree kept
    // for the wrong dates would be handed out for a later (or earlier) one.
    let index = ChronicleIndex(Self.chronicle)
    let dates = Self.dates(index)
    #expect(index.unitDates.count >= 3, "the demo city reorganises on several dates")
    var changes = 0
    for seq in Self.seqs {
      var previous: [String: UnitSnapshot]?
      for date in dates + dates.reversed() {
        let plain = CityState(chronicle: Self.chronicle, position: .endOf(date), knownAtSeq: seq)
        let indexed = CityState(
          chronicle: Self.chronicle, position: .endOf(date), knownAtSeq: seq, index: index)
        let expected = ViewTree(plain.allUnits)
        let shared = ViewTree.of(indexed)
        #expect(shared.nodes == expected.nodes, "\(date) seq \(seq)")
        #expect(shared.children == expected.children, "\(date) seq \(seq)")
        #expect(shared.cityID == expected.cityID, "\(date) seq \(seq)")
        #expect(indexed.parentTable() == plain.parentTable(), "parents \(date) seq \(seq)")
        if let previous, previous != expected.nodes { changes += 1 }
        previous = expected.nodes
      }
    }
    #expect(changes > 6, "the dates asked about must cross reorganisations")
  }

  @Test func aPositionInsideADayIsNotShared() {
    // Within a day only the versions up to the position's seq count: such a state gets its own
    // tree, never the day's.
    let index = ChronicleIndex(Self.chronicle)
    for day in index.unitDates.prefix(3) {
      let date = CivilDate(daysSinceEpoch: day)
      let whole = CityState(
        chronicle: Self.chronicle, position: .endOf(date), knownAtSeq: Self.chronicle.lastSeq, index: index)
      _ = ViewTree.of(whole)
      let early = CityState(
        chronicle: Self.chronicle, position: Position(date: date, seq: 0),
        knownAtSeq: Self.chronicle.lastSeq, index: index)
      let plain = CityState(
        chronicle: Self.chronicle, position: Position(date: date, seq: 0), knownAtSeq: Self.chronicle.lastSeq)
      #expect(ViewTree.of(early).nodes == ViewTree(plain.allUnits).nodes)
    }
  }

  @Test func examinerRolesUnderANodeAreTheCitysForItsSubtree() {
    let index = ChronicleIndex(Self.chronicle)
    let all = Self.dates(index)
    // Every third date (the test stays quick), each node of the tree as it stood.
    let dates = all.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
    var compared = 0
    var nonEmpty = 0
    for seq in Self.seqs {
      for date in dates {
        let plain = CityState(chronicle: Self.chronicle, position: .endOf(date), knownAtSeq: seq)
        let indexed = CityState(
          chronicle: Self.chronicle, position: .endOf(date), knownAtSeq: seq, index: index)
        let tree = ViewTree(plain.allUnits)
        let whole = plain.examinerRolesByUnit
        let wholeExaminers = ViewExaminers(state: plain, tree: tree)
        for node in tree.nodes.keys.sorted() {
          let part = indexed.examinerRolesByUnit(under: node)
          let restricted = ViewExaminers(state: indexed, tree: tree, node: node)
          for id in tree.subtree(node) {
            #expect(part[id] == whole[id], "\(node) \(id) \(date) seq \(seq)")
            #expect(restricted.byNode[id] == wholeExaminers.byNode[id], "\(node) \(id) \(date)")
            #expect(restricted.unitsWithout[id] == wholeExaminers.unitsWithout[id], "\(node) \(id) \(date)")
            if !(whole[id] ?? []).isEmpty { nonEmpty += 1 }
            compared += 1
          }
        }
      }
    }
    #expect(compared > 1000)
    #expect(nonEmpty > 100)
  }

  @Test func subtreeIsEveryNodeWhoseChainPassesTheRoot() {
    let state = CityState(
      chronicle: Self.chronicle, position: .endOf(CivilDate(parsing: "2020-06-30")!),
      knownAtSeq: Self.chronicle.lastSeq)
    let tree = ViewTree(state.allUnits)
    for root in tree.nodes.keys {
      let expected = tree.nodes.keys.filter { tree.chain($0).contains(root) }.sorted()
      #expect(tree.subtree(root).sorted() == expected, "\(root)")
    }
    #expect(tree.subtree(nil).count == tree.nodes.count)
    #expect(tree.subtree("okänd").isEmpty)
  }
}
