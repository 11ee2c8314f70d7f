import LiggareBasics

/// The position of every label in every competence's scale over fold order, as known at one seq:
/// per competence, the scale changes only where a version of the competence or of a framework it
/// names lies, so one label table per such boundary answers `CityState.labelPosition` for any
/// (date, seq) with a few comparisons and an array read (an assessment index asks it once per
/// assessment).
struct LabelScales: Sendable {
  /// From (date, seq) on, until the next epoch: label symbol → position in the scale, or -1.
  struct Epoch: Sendable {
    var date: Int32
    var seq: UInt64
    var positions: [Int32]
  }

  /// Per competence symbol, ascending by (date, seq).
  let epochs: [[Epoch]]

  /// The scales of `state`'s chronicle as known at its seq (its position does not matter).
  init(_ state: CityState) {
    let chronicle = state.chronicle
    let labelCount = chronicle.labelSymbols.count
    var epochs: [[Epoch]] = []
    epochs.reserveCapacity(chronicle.competences.count)
    for c in chronicle.competences.indices {
      let history = chronicle.competences[c]
      var bounds = history.map { (date: $0.date, seq: $0.seq) }
      var named = Set<Int32>()
      for v in history where named.insert(v.value.framework).inserted {
        let f = Int(v.value.framework)
        guard f >= 0, f < chronicle.frameworks.count else { continue }
        bounds += chronicle.frameworks[f].map { (date: $0.date, seq: $0.seq) }
      }
      bounds.sort { ($0.date, $0.seq) < ($1.date, $1.seq) }
      var list: [Epoch] = []
      for b in bounds where list.last.map({ $0.date != b.date || $0.seq != b.seq }) ?? true {
        var table = [Int32](repeating: -1, count: labelCount)
        let p = Position(date: CivilDate(daysSinceEpoch: b.date), seq: b.seq)
        if let cv = state.competenceVersion(Int32(c), at: p),
          let fv = state.frameworkVersion(cv.value.framework, at: p)
        {
          // The first place a label stands, as `firstIndex(of:)` finds it.
          for (i, label) in fv.value.labels.enumerated().reversed()
          where label >= 0 && Int(label) < labelCount {
            table[Int(label)] = Int32(i)
          }
        }
        list.append(Epoch(date: b.date, seq: b.seq, positions: table))
      }
      epochs.append(list)
    }
    self.epochs = epochs
  }

  /// `CityState.labelPosition(label, competence:, date:, seq:)` for the state the scales were made of.
  @inline(__always)
  func position(_ label: Int32, competence c: Int32, date: Int32, seq: UInt64) -> Int? {
    guard c >= 0, Int(c) < epochs.count, label >= 0 else { return nil }
    let list = epochs[Int(c)]
    var i = list.count - 1
    while i >= 0, list[i].date > date || (list[i].date == date && list[i].seq > seq) { i -= 1 }
    guard i >= 0 else { return nil }
    let table = list[i].positions
    guard Int(label) < table.count else { return nil }
    let position = table[Int(label)]
    return position >= 0 ? Int(position) : nil
  }
}

/// Every person's latest self- and head assessment per competence at one state.
///
/// Made in one pass over the assessments with no hashing: the latest of each method is kept as an
/// index into the chronicle's assessments in a table by person × competence (by a dictionary only
/// when that table would be too large), and the `CompetenceLevels` of a pair are only made when asked.
public struct AssessmentIndex: Sendable {
  let chronicle: Chronicle
  let scales: LabelScales
  let slots: Slots
  /// Per slot: the index of the latest self-assessment, or -1.
  let latestSelf: [Int32]
  /// Per slot: the index of the latest head assessment, or -1.
  let latestHead: [Int32]
  /// Number of (person, competence) pairs with any assessment.
  public let count: Int

  /// Per competence symbol: its column in the dense table, or -1 when the index leaves it out.
  let columns: [Int32]

  /// Where a (person, competence) pair's latest assessments are kept.
  enum Slots: Sendable {
    /// person × (competences kept) + the competence's column.
    case dense(columns: Int)
    /// person << 32 | competence → slot.
    case sparse([Int64: Int32])
  }

  /// The dense table is used up to this many slots (two `Int32` each).
  static let denseLimit = 32 << 20

  /// Every assessment at or before the state's position, visible at its seq, whose label stands in
  /// its competence's scale as it stood then; with `persons`, only of those (symbols, any order,
  /// repeats allowed), and with `competences`, only of those: the others read as never assessed.
  /// For a few persons and a state with the chronicle's index, only their own assessments are read
  /// (a unit's view), not the whole city's.
  init(
    _ state: CityState, persons: [Int32]? = nil, competences kept: [Int32]? = nil,
    denseLimit: Int = AssessmentIndex.denseLimit
  ) {
    let chronicle = state.chronicle
    let scales = LabelScales(state)
    let people = chronicle.personSymbols.count
    var columns = [Int32](repeating: kept == nil ? 0 : -1, count: chronicle.competenceSymbols.count)
    var width = 0
    for c in kept ?? Array(0..<Int32(columns.count)) where c >= 0 && Int(c) < columns.count {
      if kept == nil || columns[Int(c)] < 0 {
        columns[Int(c)] = Int32(width)
        width += 1
      }
    }
    var wanted: [Bool]? = nil
    if let persons {
      var marks = [Bool](repeating: false, count: people)
      for p in persons where p >= 0 && Int(p) < people { marks[Int(p)] = true }
      wanted = marks
    }
    let all = chronicle.assessments
    let end = state.position
    let k = state.knownAtSeq
    let dense = people.multipliedReportingOverflow(by: width)
    var sparse: [Int64: Int32]? = nil
    var size = 0
    if dense.overflow || dense.partialValue > denseLimit {
      sparse = [:]
    } else {
      size = dense.partialValue
    }
    var latestSelf = [Int32](repeating: -1, count: size)
    var latestHead = [Int32](repeating: -1, count: size)
    var count = 0
    all.withUnsafeBufferPointer { buffer in
      @inline(__always) func consider(_ i: Int) {
        let v = buffer[i]
        guard v.isAtOrBefore(end), v.isVisible(knownAt: k) else { return }
        let a = v.value
        guard a.person >= 0, Int(a.person) < people, a.competence >= 0, Int(a.competence) < columns.count,
          columns[Int(a.competence)] >= 0, wanted?[Int(a.person)] ?? true,
          scales.position(a.label, competence: a.competence, date: v.date, seq: v.seq) != nil
        else { return }
        let s: Int
        if sparse != nil {
          let key = Int64(a.person) << 32 | Int64(a.competence)
          if let known = sparse![key] {
            s = Int(known)
          } else {
            s = latestSelf.count
            sparse![key] = Int32(truncatingIfNeeded: s)
            latestSelf.append(-1)
            latestHead.append(-1)
          }
        } else {
          s = Int(a.person) * width + Int(columns[Int(a.competence)])
        }
        if latestSelf[s] < 0 && latestHead[s] < 0 { count += 1 }
        let index = Int32(truncatingIfNeeded: i)
        switch a.method {
        case .self:
          let b = latestSelf[s]
          if b < 0 || v.isAfter(date: buffer[Int(b)].date, seq: buffer[Int(b)].seq) { latestSelf[s] = index }
        case .head:
          let b = latestHead[s]
          if b < 0 || v.isAfter(date: buffer[Int(b)].date, seq: buffer[Int(b)].seq) { latestHead[s] = index }
        }
      }
      if let persons, let byPerson = state.index, persons.count * 4 < people {
        // The latest is by (date, seq), so the order the assessments are read in does not matter.
        var seen = [Bool](repeating: false, count: people)
        for p in persons where p >= 0 && Int(p) < people && !seen[Int(p)] {
          seen[Int(p)] = true
          for i in byPerson.assessments(of: p) where Int(i) < buffer.count { consider(Int(i)) }
        }
      } else {
        for i in buffer.indices { consider(i) }
      }
    }
    self.chronicle = chronicle
    self.scales = scales
    self.columns = columns
    self.slots = sparse.map { .sparse($0) } ?? .dense(columns: width)
    self.latestSelf = latestSelf
    self.latestHead = latestHead
    self.count = count
  }

  /// The person's levels in the competence (empty when never assessed).
  public func levels(of person: String, in competence: String) -> CompetenceLevels {
    guard let p = chronicle.personSymbols.symbol(for: person),
      let c = chronicle.competenceSymbols.symbol(for: competence)
    else { return CompetenceLevels() }
    return levels(p, c)
  }

  /// The levels of person symbol `p` in competence symbol `c`.
  func levels(_ p: Int32, _ c: Int32) -> CompetenceLevels {
    guard let s = slot(p, c) else { return CompetenceLevels() }
    return AssessmentIndex.levels((latestSelf[s], latestHead[s]), chronicle: chronicle, scales: scales)
  }

  /// The position of the level that counts (the head assessment's, else the self-assessment's),
  /// nil when not assessed: what `levels(p, c).counting?.position` says, without making the levels.
  @inline(__always)
  func countingPosition(_ p: Int32, _ c: Int32) -> Int? {
    guard let s = slot(p, c) else { return nil }
    let i = latestHead[s] >= 0 ? latestHead[s] : latestSelf[s]
    guard i >= 0 else { return nil }
    let v = chronicle.assessments[Int(i)]
    return scales.position(v.value.label, competence: v.value.competence, date: v.date, seq: v.seq)
  }

  @inline(__always)
  func slot(_ p: Int32, _ c: Int32) -> Int? {
    guard p >= 0, c >= 0, Int(c) < columns.count, Int(p) < chronicle.personSymbols.count, columns[Int(c)] >= 0
    else { return nil }
    switch slots {
    case .dense(let width): return Int(p) * width + Int(columns[Int(c)])
    case .sparse(let table): return table[Int64(p) << 32 | Int64(c)].map(Int.init)
    }
  }

  /// Keeps `i` as the latest of its method when it is later in fold order than the one kept.
  static func keepLatest(
    _ i: Int32, _ v: Version<Assessment>, method: AssessmentMethod, in all: [Version<Assessment>],
    best: inout (selfIndex: Int32, headIndex: Int32)
  ) {
    switch method {
    case .self:
      if best.selfIndex < 0
        || v.isAfter(date: all[Int(best.selfIndex)].date, seq: all[Int(best.selfIndex)].seq)
      {
        best.selfIndex = i
      }
    case .head:
      if best.headIndex < 0
        || v.isAfter(date: all[Int(best.headIndex)].date, seq: all[Int(best.headIndex)].seq)
      {
        best.headIndex = i
      }
    }
  }

  /// The levels of the assessments at indexes `best` (-1 for none).
  static func levels(_ best: (selfIndex: Int32, headIndex: Int32), chronicle: Chronicle, scales: LabelScales)
    -> CompetenceLevels
  {
    func level(_ i: Int32) -> AssessedLevel? {
      guard i >= 0 else { return nil }
      let v = chronicle.assessments[Int(i)]
      guard
        let position = scales.position(
          v.value.label, competence: v.value.competence, date: v.date, seq: v.seq)
      else { return nil }
      return AssessedLevel(
        label: chronicle.labelSymbols.name(v.value.label), position: position,
        date: CivilDate(daysSinceEpoch: v.date), method: v.value.method,
        assessorID: v.value.assessor >= 0 ? chronicle.personSymbols.name(v.value.assessor) : nil)
    }
    return CompetenceLevels(selfAssessed: level(best.selfIndex), headAssessed: level(best.headIndex))
  }
}
