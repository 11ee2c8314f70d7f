public import LiggareBasics

/// Finds a course completion of the same person, course and date as one already in force: almost
/// always the same fact sent twice (a single `log course-completed` and then the attendance list).
///
/// The first few look-ups scan the completions (a few milliseconds at city scale); a batch with
/// more builds a hash index once and keeps it up to date as the chronicle grows.
public struct RepeatedCompletionFinder: Sendable {
  struct Key: Hashable {
    var person: Int32
    var course: Int32
    var date: Int32
  }

  var index: [Key: [Int32]] = [:]
  var indexed = 0
  var lookups = 0

  /// An empty finder.
  public init() {}

  /// The seq of a completion in force in `chronicle` (known at its last seq, not retracted) with
  /// the same person, course and date, or nil.
  public mutating func earlier(
    person: String, course: String, on date: CivilDate, in chronicle: Chronicle
  ) -> UInt64? {
    guard let p = chronicle.personSymbols.symbol(for: person),
      let c = chronicle.courseSymbols.symbol(for: course)
    else { return nil }
    let key = Key(person: p, course: c, date: date.daysSinceEpoch)
    let known = chronicle.lastSeq
    lookups += 1
    if lookups <= 8 && indexed == 0 {
      for v in chronicle.completions
      where v.value.person == p && v.value.course == c && v.date == key.date && v.isVisible(knownAt: known) {
        return v.seq
      }
      return nil
    }
    let all = chronicle.completions
    if indexed > all.count {
      index.removeAll()
      indexed = 0
    }
    while indexed < all.count {
      let v = all[indexed]
      index[Key(person: v.value.person, course: v.value.course, date: v.date), default: []].append(
        Int32(truncatingIfNeeded: indexed))
      indexed += 1
    }
    for i in index[key] ?? [] {
      let v = all[Int(i)]
      if v.isVisible(knownAt: known) { return v.seq }
    }
    return nil
  }

  /// Every completion in force that repeats an earlier one in force (same person, course and
  /// date), as findings naming the earlier event; in seq order.
  public static func findings(in chronicle: Chronicle) -> [Finding] {
    var first: [Key: UInt64] = [:]
    var result: [Finding] = []
    let known = chronicle.lastSeq
    for v in chronicle.completions where v.isVisible(knownAt: known) {
      let key = Key(person: v.value.person, course: v.value.course, date: v.date)
      if let earlier = first[key] {
        result.append(
          Finding(
            seq: v.seq, eventID: chronicle.eventID(atSeq: v.seq),
            violation: .repeatedCompletion(
              person: chronicle.personSymbols.name(v.value.person),
              course: chronicle.courseSymbols.name(v.value.course), on: CivilDate(daysSinceEpoch: v.date),
              earlier: chronicle.eventID(atSeq: earlier))))
      } else {
        first[key] = v.seq
      }
    }
    return result
  }
}
