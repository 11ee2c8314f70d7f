import LiggareDomain

/// Staff: hiring, moving, leaving, and each person's PIM plan and exams.
extension CitySimulation {
  /// Registers a new person (name and e-mail only in `personalData`) and assigns them to `u`.
  mutating func hire(into u: Int32, role: StaffRoleCode, on day: Int32, initial: Bool) {
    let p = Int32(people.count)
    let id = "p-\(1001 + Int(p))"
    personIDs.append(id)
    people.append(StaffRecord())
    var role = role
    if role == .förskolechef, day >= Self.preschoolRektorFrom { role = .rektor }
    emit(
      UInt8(ascii: "r"), on: day, .personRegistered(person: id), actor: actor(of: u),
      personalData: names.person(rng: &rng))
    assign(p, to: u, role: role, on: day)
    planLevels(p, from: day, initial: initial)
    plan(.leave, p, on: Self.weekday(onOrAfter: day + Int32(rng.daysUntil(perYear: profile.leavingPerYear))))
    if !role.isHead {
      plan(.move, p, on: Self.weekday(onOrAfter: day + Int32(rng.daysUntil(perYear: profile.movesPerYear))))
    }
  }

  /// Fills a post someone left: at the same unit, or at another of its form if it has closed.
  mutating func replacementHire(at u: Int32, role: StaffRoleCode, on day: Int32) {
    var unit = u
    if !nodes[Int(u)].isOpen {
      guard let form = nodes[Int(u)].schoolForm, !openByForm[form.index].isEmpty else { return }
      unit = rng.pick(openByForm[form.index])
    }
    hire(into: unit, role: role, on: day, initial: false)
  }

  /// Assigns `p` to `u` (leaving any earlier unit) and logs it.
  mutating func assign(_ p: Int32, to u: Int32, role: StaffRoleCode, on day: Int32) {
    detach(p)
    people[Int(p)].unit = u
    people[Int(p)].role = role
    people[Int(p)].slot = Int32(nodes[Int(u)].staff.count)
    nodes[Int(u)].staff.append(p)
    emit(
      UInt8(ascii: "a"), on: day,
      .staffAssigned(person: personIDs[Int(p)], unit: nodes[Int(u)].id, role: role.role),
      actor: actor(of: u))
  }

  /// Takes `p` off their unit's staff list (swap-remove).
  mutating func detach(_ p: Int32) {
    let u = people[Int(p)].unit
    guard u >= 0 else { return }
    let slot = Int(people[Int(p)].slot)
    let last = nodes[Int(u)].staff.removeLast()
    if last != p {
      nodes[Int(u)].staff[slot] = last
      people[Int(last)].slot = Int32(slot)
    }
    people[Int(p)].unit = -1
    people[Int(p)].slot = -1
  }

  func isCurrent(_ p: Int32, stamp: UInt32) -> Bool {
    people[Int(p)].stamp == stamp && people[Int(p)].unit >= 0
  }

  /// A planned leaving: the post is filled again a few weeks later.
  mutating func leave(_ p: Int32, stamp: UInt32, on day: Int32) {
    guard isCurrent(p, stamp: stamp) else { return }
    leaveCity(p, on: day, replace: true)
  }

  /// `p` stops working for the city: an examiner role ends first, then StaffLeft.
  mutating func leaveCity(_ p: Int32, on day: Int32, replace: Bool) {
    let u = people[Int(p)].unit
    let role = people[Int(p)].role
    if people[Int(p)].examinerUnit >= 0 { endExaminerRole(p, on: day, askForNew: true) }
    emit(UInt8(ascii: "a"), on: day, .staffLeft(person: personIDs[Int(p)]), actor: actor(of: u))
    detach(p)
    people[Int(p)].stamp &+= 1
    if replace {
      plan(
        .hire, u, on: Self.weekday(onOrAfter: day + 14 + Int32(rng.below(75))), stamp: UInt32(role.rawValue))
    }
  }

  /// A move to another unit of the same school form; an examiner's role ends with the move.
  mutating func move(_ p: Int32, stamp: UInt32, on day: Int32) {
    guard isCurrent(p, stamp: stamp) else { return }
    let from = people[Int(p)].unit
    guard let form = nodes[Int(from)].schoolForm, !people[Int(p)].role.isHead,
      openByForm[form.index].count >= 2
    else { return }
    let to = otherOpenUnit(than: from, form: form)
    if people[Int(p)].examinerUnit >= 0 { endExaminerRole(p, on: day, askForNew: true) }
    assign(p, to: to, role: people[Int(p)].role, on: day)
    plan(
      .move, p, on: Self.weekday(onOrAfter: day + Int32(rng.daysUntil(perYear: profile.movesPerYear))),
      stamp: stamp)
  }

  /// Draws the person's PIM plan and plans their first exam.
  ///
  /// Before the city goal's deadline (all staff at level 3 by 2013-12-31) nearly everyone plans to
  /// reach level 3 in time, but not quite everyone; new staff hired late cannot. After it, levels
  /// keep rising more slowly under the successor programmes.
  mutating func planLevels(_ p: Int32, from start: Int32, initial: Bool) {
    let deadline = Self.goalDeadline
    let top: Int
    let end: Int32
    if start < deadline - 75, rng.chance(initial ? 0.92 : 0.86) {
      top = [3, 4, 5][rng.weighted([0.45, 0.35, 0.2])]
      let earliest = start + 45
      let latest = deadline - 10
      end = earliest + Int32(rng.below(Int(latest - earliest) + 1))
    } else if start >= deadline {
      top = rng.weighted([0.1, 0.1, 0.15, 0.35, 0.2, 0.1])
      end = start + 90 + Int32(rng.below(900))
    } else {
      top = rng.weighted([0.2, 0.2, 0.2, 0.25, 0.1, 0.05])
      end = max(start, deadline) + 60 + Int32(rng.below(1200))
    }
    people[Int(p)].top = Int8(top)
    people[Int(p)].planStart = start
    people[Int(p)].planEnd = end
    if top > 0 { plan(.exam, p, on: nextExamDay(p, after: start), stamp: people[Int(p)].stamp) }
  }

  /// When `p` takes their next level: evenly spaced up to level 3 as planned, then after a year or so.
  mutating func nextExamDay(_ p: Int32, after today: Int32) -> Int32 {
    let r = people[Int(p)]
    let steps = Int32(min(r.top, 3))
    let next = Int32(r.level) + 1
    var day: Int32
    if next <= steps {
      let span = r.planEnd - r.planStart
      day = r.planStart + span * next / steps
      if next < steps { day -= Int32(rng.below(Int(max(1, span / (2 * steps))))) }
      day = max(day, today + 7)
    } else {
      day = today + 150 + Int32(rng.below(1100))
    }
    return Self.weekday(onOrAfter: day)
  }

  /// A PIM exam: the next level, examined by an examiner of the person's unit if one may, else by
  /// any examiner in the city; with no examiner to be had it waits a week.
  mutating func exam(_ p: Int32, stamp: UInt32, on day: Int32) {
    guard isCurrent(p, stamp: stamp) else { return }
    let level = Int(people[Int(p)].level) + 1
    guard level <= Int(people[Int(p)].top) else { return }
    guard let examiner = findExaminer(for: p, level: level) else {
      plan(.exam, p, on: Self.weekday(onOrAfter: day + 7), stamp: stamp)
      return
    }
    people[Int(p)].level = Int8(level)
    emit(
      UInt8(ascii: "n"), on: day,
      .pimLevelAttained(person: personIDs[Int(p)], level: level, examiner: personIDs[Int(examiner)]),
      actor: actor(of: people[Int(p)].unit))
    if level < Int(people[Int(p)].top) {
      plan(.exam, p, on: nextExamDay(p, after: day), stamp: stamp)
    }
  }
}
