import Synchronization

/// Look-ups over one chronicle that let a view read only what it shows: who was ever placed at
/// each unit, which units ever lay under (or merged into) each node, each person's completions and
/// who ever held an examiner role.
///
/// Every table is a superset over all positions and all knowledge (retracted versions included):
/// a view restricted by it still asks the chronicle, at its own position and seq, exactly the
/// questions it asked before, only of fewer people. So answers are the same with or without an
/// index, in the same order; the tests hold the two to each other.
///
/// Built once, lazily, on first use (a server builds it after each commit, in the background); the
/// chronicle it was made from must be the one the states reading it hold.
public final class ChronicleIndex: Sendable {
  struct Tables: Sendable {
    /// Per unit symbol: person symbols ever assigned there, ascending.
    var placedAt: [[Int32]]
    /// Per unit symbol: units that ever had it as parent or ever merged into it.
    var below: [[Int32]]
    /// Per unit symbol: person symbols ever appointed examiner for it, ascending.
    var examinersAt: [[Int32]]
  }

  let chronicle: Chronicle
  private let tables = Mutex<Tables?>(nil)
  /// Per person symbol: indexes into `completions`, ascending (seq order); built apart (it reads
  /// every completion, which a one-off report never needs).
  private let completionTable = Mutex<[[Int32]]?>(nil)
  /// Every person symbol in id order, for censuses (sorting the ids once, not once per census).
  private let nameOrder = Mutex<[Int32]?>(nil)
  /// Person symbols with any examiner-role version, ascending (apart: a report needs only these).
  private let examinerList = Mutex<[Int32]?>(nil)
  /// Per person symbol: indexes into `assessments`, ascending (seq order); built apart (a view of
  /// one unit or person then reads only its people's assessments, not the whole city's).
  private let assessmentTable = Mutex<[[Int32]]?>(nil)
  /// The whole city's follow-up summaries by (year, knowledge seq): they do not depend on the
  /// date asked about, so every view of the same year and seq shares them. At most
  /// `followUpLimit` kept (emptied when full).
  private let followUpMemo = Mutex<[FollowUpKey: [String: FollowUpSummary]]>([:])
  private static let followUpLimit = 64
  /// Every date a unit version (retracted ones too) is dated, ascending, each once: the units as
  /// they stood at the end of a day are the same for every day between two of these dates.
  private let unitDateTable = Mutex<[Int32]?>(nil)
  /// Values that depend only on the units as they stood (`CityState.sharedPerUnitTree`), by their
  /// type, the knowledge seq and the number of unit dates up to the day. At most `treeMemoLimit`
  /// kept (emptied when full).
  private let treeMemo = Mutex<[TreeKey: any Sendable]>([:])
  private static let treeMemoLimit = 128
  private struct TreeKey: Hashable {
    var tag: String
    var type: ObjectIdentifier
    var knownAtSeq: UInt64
    var epoch: Int
  }
  private struct FollowUpKey: Hashable {
    var year: Int
    var knownAtSeq: UInt64
  }

  /// An index over `chronicle` (nothing is built until something asks).
  public init(_ chronicle: Chronicle) {
    self.chronicle = chronicle
  }

  /// Builds the tables now (a server calls this off the request path).
  public func prepare() {
    _ = built
    _ = completionsByPerson
    _ = personsByID
    _ = examiners
    _ = assessmentsByPerson
    _ = unitDates
  }

  var assessmentsByPerson: [[Int32]] {
    assessmentTable.withLock { stored in
      if let stored { return stored }
      var table = [[Int32]](repeating: [], count: chronicle.persons.count)
      for (i, v) in chronicle.assessments.enumerated()
      where v.value.person >= 0 && Int(v.value.person) < table.count {
        table[Int(v.value.person)].append(Int32(truncatingIfNeeded: i))
      }
      stored = table
      return table
    }
  }

  /// The follow-up summaries for (`year`, `knownAtSeq`), made by `make` when not kept.
  func followUpSummaries(
    year: Int, knownAtSeq: UInt64, make: () -> [String: FollowUpSummary]
  ) -> [String: FollowUpSummary] {
    let key = FollowUpKey(year: year, knownAtSeq: knownAtSeq)
    if let kept = followUpMemo.withLock({ $0[key] }) { return kept }
    let made = make()
    followUpMemo.withLock { memo in
      if memo.count >= ChronicleIndex.followUpLimit { memo.removeAll() }
      memo[key] = made
    }
    return made
  }

  var unitDates: [Int32] {
    unitDateTable.withLock { stored in
      if let stored { return stored }
      let dates = Array(Set(chronicle.units.lazy.flatMap { $0.lazy.map(\.date) })).sorted()
      stored = dates
      return dates
    }
  }

  /// How many unit dates are at or before `day`: days with the same count see the same unit
  /// versions at their end.
  func unitEpoch(endOf day: Int32) -> Int {
    let dates = unitDates
    var lo = 0
    var hi = dates.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if dates[mid] <= day { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// The value `make` gives for the units as they stood at the end of `day` as known at
  /// `knownAtSeq`, made once per distinct set of unit versions and `tag` (see
  /// `CityState.sharedPerUnitTree`).
  func perUnitTree<T: Sendable>(_ tag: String, endOf day: Int32, knownAtSeq: UInt64, _ make: () -> T) -> T {
    let key = TreeKey(
      tag: tag, type: ObjectIdentifier(T.self), knownAtSeq: knownAtSeq, epoch: unitEpoch(endOf: day))
    if let kept = treeMemo.withLock({ $0[key] }) as? T { return kept }
    let made = make()
    treeMemo.withLock { memo in
      if memo.count >= ChronicleIndex.treeMemoLimit { memo.removeAll() }
      memo[key] = made
    }
    return made
  }

  /// The person's assessments (indexes into the chronicle's assessments), in seq order.
  func assessments(of person: Int32) -> [Int32] {
    let t = assessmentsByPerson
    return person >= 0 && Int(person) < t.count ? t[Int(person)] : []
  }

  var completionsByPerson: [[Int32]] {
    completionTable.withLock { stored in
      if let stored { return stored }
      var table = [[Int32]](repeating: [], count: chronicle.persons.count)
      for (i, v) in chronicle.completions.enumerated() where Int(v.value.person) < table.count {
        table[Int(v.value.person)].append(Int32(truncatingIfNeeded: i))
      }
      stored = table
      return table
    }
  }

  /// Every person symbol, ordered by id.
  var personsByID: [Int32] {
    nameOrder.withLock { stored in
      if let stored { return stored }
      let names = chronicle.personSymbols
      let order = (0..<Int32(names.count)).sorted { names.name($0) < names.name($1) }
      stored = order
      return order
    }
  }

  var built: Tables {
    tables.withLock { stored in
      if let stored { return stored }
      let made = ChronicleIndex.build(chronicle)
      stored = made
      return made
    }
  }

  static func build(_ c: Chronicle) -> Tables {
    var placedAt = [[Int32]](repeating: [], count: c.units.count)
    var below = [[Int32]](repeating: [], count: c.units.count)
    var examinersAt = [[Int32]](repeating: [], count: c.units.count)
    for (p, history) in c.persons.enumerated() {
      for v in history.placements {
        if case .assigned(let unit, _) = v.value, placedAt[Int(unit)].last != Int32(p) {
          placedAt[Int(unit)].append(Int32(p))
        }
      }
      for v in history.examinerRoles {
        if case .appointed(let unit, _) = v.value, examinersAt[Int(unit)].last != Int32(p) {
          examinersAt[Int(unit)].append(Int32(p))
        }
      }
    }
    for (u, versions) in c.units.enumerated() {
      for v in versions {
        switch v.value {
        case .established(_, _, let parent?, _): below[Int(parent)].append(Int32(u))
        case .moved(let parent): below[Int(parent)].append(Int32(u))
        case .merged(let into): below[Int(into)].append(Int32(u))
        default: break
        }
      }
    }
    return Tables(placedAt: placedAt, below: below, examinersAt: examinersAt)
  }

  /// Every person who may, at some position and knowledge, count at `node` or a node under it,
  /// ascending by symbol.
  func candidates(under node: Int32) -> [Int32] {
    let t = built
    return persons(under: node, t, t.placedAt)
  }

  /// Every person who may, at some position and knowledge, hold an examiner role for `node` or a
  /// unit under it (appointed there, or for a unit that ever lay under it or merged into it),
  /// ascending by symbol.
  func examinerCandidates(under node: Int32) -> [Int32] {
    let t = built
    return persons(under: node, t, t.examinersAt)
  }

  /// The union of `table` over `node` and every unit that ever lay under it or merged into it.
  private func persons(under node: Int32, _ t: Tables, _ table: [[Int32]]) -> [Int32] {
    guard node >= 0, Int(node) < t.below.count else { return [] }
    var seen = [Bool](repeating: false, count: t.below.count)
    var stack = [node]
    seen[Int(node)] = true
    var persons = Set<Int32>()
    while let u = stack.popLast() {
      persons.formUnion(table[Int(u)])
      for child in t.below[Int(u)] where !seen[Int(child)] {
        seen[Int(child)] = true
        stack.append(child)
      }
    }
    return persons.sorted()
  }

  /// The person's completions (indexes into the chronicle's completions), in seq order.
  /// Whether the per-person completion lists are built (a server builds them ahead; a one-off
  /// view of a few people rather scans the completions once than builds them).
  var hasCompletionLists: Bool {
    completionTable.withLock { $0 != nil }
  }

  func completions(of person: Int32) -> [Int32] {
    let t = completionsByPerson
    return Int(person) < t.count ? t[Int(person)] : []
  }

  /// Persons who ever held an examiner role, ascending.
  var examiners: [Int32] {
    examinerList.withLock { stored in
      if let stored { return stored }
      let list = chronicle.persons.indices.filter { !chronicle.persons[$0].examinerRoles.isEmpty }.map {
        Int32($0)
      }
      stored = list
      return list
    }
  }
}
