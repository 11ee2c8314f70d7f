/// Every person's placements and PIM levels as known at one seq, laid out flat: per person a run
/// of the visible versions in fold order, in a few contiguous arrays.
///
/// The annual report asks where a person worked and at which level for about a million
/// (person, date) pairs (a census at each of up to 15 year ends, every completion and level of the
/// year). Each answer from the chronicle reads the person's own small arrays, scattered over the
/// heap, and skips versions not yet known or retracted; from here it reads a few neighbouring
/// entries. The answers are the same (`CityState.placement`, `CityState.level`); tests compare them
/// for every person on many dates, across moves, merges and retractions.
public final class PersonTimelines: Sendable {
  /// What the tables were made from: a state with another knowledge does not use them.
  let knownAtSeq: UInt64
  /// The chronicle's last seq when they were made (a chronicle folded further does not use them).
  let chronicleSeq: UInt64
  /// A visible placement version: the unit assigned to (before following merges), or -1 for
  /// "left". One entry per cache line's worth of neighbours, not five arrays.
  struct Placement {
    var seq: UInt64
    var date: Int32
    var unit: Int32
    var role: StaffRole
  }

  /// A visible level version, with the highest level among the person's visible versions up to
  /// and including it (0 if none is above 0), so that the level at a position is one read.
  struct Level {
    var seq: UInt64
    var date: Int32
    var highest: Int8
  }

  /// Per person symbol p: placements `placementStart[p] ..< placementStart[p + 1]`.
  let placementStart: [Int32]
  let placements: [Placement]
  /// Per person symbol p: levels `levelStart[p] ..< levelStart[p + 1]`.
  let levelStart: [Int32]
  let levels: [Level]
  /// Per unit symbol: whether any version of it is a merge (else no placement there is followed).
  let unitMerges: [Bool]

  /// The timelines of `chronicle` as known at `knownAtSeq`.
  public init(_ chronicle: Chronicle, knownAtSeq k: UInt64) {
    knownAtSeq = k
    chronicleSeq = chronicle.lastSeq
    let people = chronicle.persons.count
    var pStart: [Int32] = []
    var pList: [Placement] = []
    var lStart: [Int32] = []
    var lList: [Level] = []
    pStart.reserveCapacity(people + 1)
    lStart.reserveCapacity(people + 1)
    for history in chronicle.persons {
      pStart.append(Int32(truncatingIfNeeded: pList.count))
      for v in history.placements where v.isVisible(knownAt: k) {
        switch v.value {
        case .assigned(let unit, let role):
          pList.append(Placement(seq: v.seq, date: v.date, unit: unit, role: role))
        case .left: pList.append(Placement(seq: v.seq, date: v.date, unit: -1, role: .annan))
        }
      }
      lStart.append(Int32(truncatingIfNeeded: lList.count))
      var best: Int8 = 0
      for v in history.levels where v.isVisible(knownAt: k) {
        best = max(best, v.value.level)
        lList.append(Level(seq: v.seq, date: v.date, highest: best))
      }
    }
    pStart.append(Int32(truncatingIfNeeded: pList.count))
    lStart.append(Int32(truncatingIfNeeded: lList.count))
    placementStart = pStart
    placements = pList
    levelStart = lStart
    levels = lList
    unitMerges = chronicle.units.map { history in
      history.contains {
        if case .merged = $0.value { return true }
        return false
      }
    }
  }

  /// Whether these tables answer for `state` (same knowledge, same chronicle).
  @inline(__always)
  func serves(_ state: CityState) -> Bool {
    state.knownAtSeq == knownAtSeq && state.chronicle.lastSeq == chronicleSeq
      && state.chronicle.persons.count + 1 == placementStart.count
  }

  /// The latest visible placement of `p` at or before `end`: (unit before merges, role, date, seq),
  /// nil when none or when it is a leaving.
  @inline(__always)
  func placement(_ p: Int32, at end: Position) -> (unit: Int32, role: StaffRole, date: Int32, seq: UInt64)? {
    let first = Int(placementStart[Int(p)])
    var i = Int(placementStart[Int(p) + 1]) - 1
    let d = end.date.daysSinceEpoch
    while i >= first, placements[i].date > d || (placements[i].date == d && placements[i].seq > end.seq) {
      i -= 1
    }
    guard i >= first, placements[i].unit >= 0 else { return nil }
    let found = placements[i]
    return (found.unit, found.role, found.date, found.seq)
  }

  /// The highest visible level of `p` at or before `end`, 0 if none.
  @inline(__always)
  func level(_ p: Int32, at end: Position) -> Int {
    let first = Int(levelStart[Int(p)])
    var i = Int(levelStart[Int(p) + 1]) - 1
    let d = end.date.daysSinceEpoch
    while i >= first, levels[i].date > d || (levels[i].date == d && levels[i].seq > end.seq) { i -= 1 }
    return i >= first ? Int(levels[i].highest) : 0
  }
}

extension CityState {
  /// The same state answering placements and levels from `PersonTimelines` made for its
  /// knowledge (kept by `at(_:)`): for code that asks about many people at many dates.
  public func withPersonTimelines() -> CityState {
    var copy = self
    copy.timelines = PersonTimelines(chronicle, knownAtSeq: knownAtSeq)
    return copy
  }
}
