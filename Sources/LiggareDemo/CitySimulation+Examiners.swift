import LiggareDomain

/// Examiners: appointments, ends, and finding one for an exam.
extension CitySimulation {
  /// Appoints `p` examiner for `u` (replacing any earlier role of theirs) and plans a random end.
  mutating func appoint(_ p: Int32, for u: Int32, maxLevel: Int, on day: Int32) {
    if people[Int(p)].examinerUnit >= 0 { dropExaminer(p) }
    people[Int(p)].examinerUnit = u
    people[Int(p)].examinerMax = Int8(maxLevel)
    people[Int(p)].poolSlot = Int32(examinerPools[maxLevel].count)
    people[Int(p)].examinerStamp &+= 1
    examinerPools[maxLevel].append(p)
    nodes[Int(u)].examiners.append(p)
    emit(
      UInt8(ascii: "x"), on: day,
      .examinerAppointed(person: personIDs[Int(p)], unit: nodes[Int(u)].id, maxLevel: maxLevel),
      actor: actor(of: u))
    let end = day + Int32(rng.daysUntil(perYear: profile.examinerEndsPerYear))
    plan(.examinerEnd, p, on: Self.weekday(onOrAfter: end), stamp: people[Int(p)].examinerStamp)
  }

  /// Ends `p`'s examiner role and logs it; the unit looks for a new examiner unless it is closing
  /// (usually within weeks, sometimes only after a year: a few units lack one at times).
  mutating func endExaminerRole(_ p: Int32, on day: Int32, askForNew: Bool) {
    let u = people[Int(p)].examinerUnit
    emit(UInt8(ascii: "x"), on: day, .examinerRoleEnded(person: personIDs[Int(p)]), actor: actor(of: u))
    dropExaminer(p)
    if askForNew {
      let wait = rng.chance(0.15) ? 150 + rng.below(400) : 14 + rng.below(100)
      plan(.examinerWanted, u, on: Self.weekday(onOrAfter: day + Int32(wait)))
    }
  }

  /// Takes `p` out of the indexes of examiners (no event).
  mutating func dropExaminer(_ p: Int32) {
    let u = people[Int(p)].examinerUnit
    let level = Int(people[Int(p)].examinerMax)
    let slot = Int(people[Int(p)].poolSlot)
    let last = examinerPools[level].removeLast()
    if last != p {
      examinerPools[level][slot] = last
      people[Int(last)].poolSlot = Int32(slot)
    }
    if let i = nodes[Int(u)].examiners.firstIndex(of: p) { nodes[Int(u)].examiners.remove(at: i) }
    people[Int(p)].examinerUnit = -1
    people[Int(p)].examinerMax = 0
    people[Int(p)].poolSlot = -1
    people[Int(p)].examinerStamp &+= 1
  }

  /// A role ended for reasons of its own (other duties, a leave of absence).
  mutating func randomExaminerEnd(_ p: Int32, stamp: UInt32, on day: Int32) {
    guard people[Int(p)].examinerStamp == stamp, people[Int(p)].examinerUnit >= 0 else { return }
    endExaminerRole(p, on: day, askForNew: true)
  }

  /// The unit asks for an examiner: one of its staff (a pedagogue; anyone at the central office)
  /// is appointed, with a maxLevel from 2 to 5.
  mutating func examinerWanted(at u: Int32, on day: Int32) {
    let node = nodes[Int(u)]
    guard node.isOpen, node.examiners.count < node.wantedExaminers else { return }
    guard !node.staff.isEmpty else {
      plan(.examinerWanted, u, on: Self.weekday(onOrAfter: day + 30))
      return
    }
    var chosen: Int32?
    for _ in 0..<12 {
      let p = rng.pick(node.staff)
      let r = people[Int(p)]
      if r.examinerUnit < 0, r.role != .annan || node.schoolForm == nil {
        chosen = p
        break
      }
    }
    guard let chosen else {
      plan(.examinerWanted, u, on: Self.weekday(onOrAfter: day + 30))
      return
    }
    let maxLevel = node.schoolForm == nil ? 5 : 2 + rng.weighted([0.1, 0.45, 0.25, 0.2])
    appoint(chosen, for: u, maxLevel: maxLevel, on: day)
    if nodes[Int(u)].examiners.count < node.wantedExaminers {
      plan(.examinerWanted, u, on: Self.weekday(onOrAfter: day + 1 + Int32(rng.below(30))))
    }
  }

  /// An examiner for `p` at `level`: never `p`, holding a role now with maxLevel ≥ level; one of
  /// the person's own unit if possible, else anyone in the city.
  mutating func findExaminer(for p: Int32, level: Int) -> Int32? {
    let u = people[Int(p)].unit
    for e in nodes[Int(u)].examiners where e != p && Int(people[Int(e)].examinerMax) >= level {
      return e
    }
    var total = 0
    for m in level...5 { total += examinerPools[m].count }
    guard total > 0 else { return nil }
    for _ in 0..<4 {
      var r = rng.below(total)
      for m in level...5 {
        if r < examinerPools[m].count {
          let e = examinerPools[m][r]
          if e != p { return e }
          break
        }
        r -= examinerPools[m].count
      }
    }
    return nil
  }
}
