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
  /// Per person symbol p: placements `placementStart[p] ..< placementStart[p + 1]`.
  let placementStart: [Int32]
  let placementDate: [Int32]
  let placementSeq: [UInt64]
  /// The unit assigned to (before following merges), or -1 for "left".
  let placementUnit: [Int32]
  let placementRole: [StaffRole]
  /// Per person symbol p: levels `levelStart[p] ..< levelStart[p + 1]`.
  let levelStart: [Int32]
  let levelDate: [Int32]
  let levelSeq: [UInt64]
  /// The highest level among the person's visible versions up to and including this one (0 if
  /// none is above 0), so that the level at a position is one read.
  let levelMax: [Int8]
  /// Per unit symbol: whether any version of it is a merge (else no placement there is followed).
  let unitMerges: [Bool]

  /// The timelines of `chronicle` as known at `knownAtSeq`.
  public init(_ chronicle: Chronicle, knownAtSeq k: UInt64) {
    knownAtSeq = k
    chronicleSeq = chronicle.lastSeq
    let people = chronicle.persons.count
    var pStart: [Int32] = []
    var pDate: [Int32] = []
    var pSeq: [UInt64] = []
    var pUnit: [Int32] = []
    var pRole: [StaffRole] = []
    var lStart: [Int32] = []
    var lDate: [Int32] = []
    var lSeq: [UInt64] = []
    var lMax: [Int8] = []
    pStart.reserveCapacity(people + 1)
    lStart.reserveCapacity(people + 1)
    for history in chronicle.persons {
      pStart.append(Int32(truncatingIfNeeded: pDate.count))
      for v in history.placements where v.isVisible(knownAt: k) {
        pDate.append(v.date)
        pSeq.append(v.seq)
        switch v.value {
        case .assigned(let unit, let role):
          pUnit.append(unit)
          pRole.append(role)
        case .left:
          pUnit.append(-1)
          pRole.append(.annan)
        }
      }
      lStart.append(Int32(truncatingIfNeeded: lDate.count))
      var best: Int8 = 0
      for v in history.levels where v.isVisible(knownAt: k) {
        best = max(best, v.value.level)
        lDate.append(v.date)
        lSeq.append(v.seq)
        lMax.append(best)
      }
    }
    pStart.append(Int32(truncatingIfNeeded: pDate.count))
    lStart.append(Int32(truncatingIfNeeded: lDate.count))
    placementStart = pStart
    placementDate = pDate
    placementSeq = pSeq
    placementUnit = pUnit
    placementRole = pRole
    levelStart = lStart
    levelDate = lDate
    levelSeq = lSeq
    levelMax = lMax
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
    while i >= first, placementDate[i] > d || (placementDate[i] == d && placementSeq[i] > end.seq) { i -= 1 }
    guard i >= first, placementUnit[i] >= 0 else { return nil }
    return (placementUnit[i], placementRole[i], placementDate[i], placementSeq[i])
  }

  /// The highest visible level of `p` at or before `end`, 0 if none.
  @inline(__always)
  func level(_ p: Int32, at end: Position) -> Int {
    let first = Int(levelStart[Int(p)])
    var i = Int(levelStart[Int(p) + 1]) - 1
    let d = end.date.daysSinceEpoch
    while i >= first, levelDate[i] > d || (levelDate[i] == d && levelSeq[i] > end.seq) { i -= 1 }
    return i >= first ? Int(levelMax[i]) : 0
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
