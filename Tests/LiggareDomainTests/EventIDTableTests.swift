import Testing

@testable import LiggareDomain

@Suite struct EventIDTableTests {
  /// A table indexed up to a point, then appended to without indexing, finds the first event of
  /// every id, in the index or in the tail, many at once or one by one.
  @Test(arguments: [0, 1, 500, 999, 1000])
  func findsTheFirstSeqOfEachIdWhereverItIs(indexedUpTo: Int) {
    var table = EventIDTable()
    let ids = (0..<1000).map { "e-\($0 % 700)" }  // ids 0..<300 come twice
    for (i, id) in ids.enumerated() {
      if i < indexedUpTo { table.append(id) } else { table.appendWithoutIndexing(id) }
    }
    #expect(table.isFullyIndexed == (indexedUpTo == 1000))
    let wanted = ["e-0", "e-299", "e-300", "e-699", "e-0", "saknas", "", "e-7000"]
    let expected: [UInt64?] = [1, 300, 301, 700, 1, nil, nil, nil]
    #expect(table.seqs(of: wanted) == expected)
    for (id, seq) in zip(wanted, expected) { #expect(table.seq(of: id) == seq) }
    var indexed = table
    indexed.indexAll()
    #expect(indexed.isFullyIndexed)
    #expect(indexed.seqs(of: wanted) == expected)
    #expect(indexed.id(atSeq: 701) == "e-0")
  }
}
