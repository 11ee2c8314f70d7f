import LiggareBasics
import LiggareDomain

/// Course sessions: the bulk of the log, with late attendance lists and the odd mistake.
extension CitySimulation {
  /// A course session at `u`: part of its staff complete one course from the catalogue, logged
  /// as an attendance list (one completion each, some with the hours actually attended).
  mutating func session(at u: Int32, on day: Int32) {
    guard nodes[Int(u)].isOpen else { return }
    planNextSession(at: u, after: day)
    let staffCount = nodes[Int(u)].staff.count
    guard staffCount > 0 else { return }
    let form = nodes[Int(u)].schoolForm
    // One course among those given that day to this form, counted and picked without allocating.
    let schedule = CourseOffer.schedule
    var offered = 0
    for entry in schedule where entry.isGiven(on: day, form: form) { offered += 1 }
    guard offered > 0 else { return }
    var r = rng.below(offered)
    var c = 0
    for (i, entry) in schedule.enumerated() where entry.isGiven(on: day, form: form) {
      if r == 0 {
        c = i
        break
      }
      r -= 1
    }
    let course = CourseOffer.catalogue[c]
    let attendees = max(1, min(staffCount, Int((Double(staffCount) * rng.between(0.15, 0.75)).rounded())))
    // A partial shuffle puts the attendees first in the staff list.
    for i in 0..<attendees {
      let j = i + rng.below(staffCount - i)
      if i != j {
        nodes[Int(u)].staff.swapAt(i, j)
        people[Int(nodes[Int(u)].staff[i])].slot = Int32(i)
        people[Int(nodes[Int(u)].staff[j])].slot = Int32(j)
      }
    }
    let board = nodes[Int(u)].kind == .unit ? nodes[Int(u)].parent : u
    let actor = nodes[Int(board)].actor
    let isLate =
      CivilDate(daysSinceEpoch: day).components.month == 12 && rng.chance(profile.lateDecemberShare)
    let recordDay = isLate ? lateRecordDay(after: day) : 0
    for i in 0..<attendees {
      let p = nodes[Int(u)].staff[i]
      let half = rng.chance(0.08)
      if isLate {
        late[Self.week(recording: recordDay), default: []].append(
          LateCompletion(
            person: p, course: Int16(c), halfHours: half, day: day, recordDay: recordDay, number: nextNumber,
            board: board))
        nextNumber += 1
      } else {
        emit(
          UInt8(ascii: "c"), on: day,
          .courseCompleted(
            person: personIDs[Int(p)], course: course.id, hours: half ? course.hours / 2 : nil),
          actor: actor)
      }
    }
    if !isLate, rng.chance(profile.mistakesPerSession) {
      makeMistake(at: u, attendees: attendees, course: course.id, actor: actor, on: day)
    }
  }

  /// A mistaken completion in the attendance list, retracted a few weeks later: a line entered
  /// twice, or a colleague who did not attend.
  mutating func makeMistake(at u: Int32, attendees: Int, course: String, actor: String, on day: Int32) {
    let staff = nodes[Int(u)].staff
    let wrongPerson = attendees < staff.count && rng.chance(0.5)
    let p = wrongPerson ? staff[attendees + rng.below(staff.count - attendees)] : staff[0]
    let id = Self.eventID(UInt8(ascii: "c"), nextNumber)
    emit(
      UInt8(ascii: "c"), on: day, .courseCompleted(person: personIDs[Int(p)], course: course, hours: nil),
      actor: actor)
    let reason =
      wrongPerson
      ? "Registrerad på fel person: hen deltog inte i kurstillfället"
      : "Dubbelregistrering: raden fanns två gånger i deltagarlistan"
    retractionTargets.append((event: id, reason: reason))
    plan(
      .retraction, Int32(retractionTargets.count - 1),
      on: Self.weekday(onOrAfter: day + 10 + Int32(rng.below(40))))
  }

  mutating func retract(_ index: Int, on day: Int32) {
    let target = retractionTargets[index]
    emit(
      UInt8(ascii: "t"), on: day, .eventRetracted(event: target.event, reason: target.reason),
      actor: "pimkontoret")
  }

  /// A working day in February of the next year, when the December lists finally get logged.
  mutating func lateRecordDay(after day: Int32) -> Int32 {
    let year = CivilDate(daysSinceEpoch: day).year + 1
    return Self.weekday(onOrAfter: Self.day(year, 2, 2) + Int32(rng.below(20)))
  }

  /// Sessions come about ten times a year per unit, never in the summer holiday or over Christmas.
  mutating func planNextSession(at u: Int32, after day: Int32) {
    var next = day + Int32(max(2, rng.daysUntil(perYear: profile.sessionsPerYear)))
    let date = CivilDate(daysSinceEpoch: next).components
    if date.month == 7 || (date.month == 8 && date.day < 10) {
      next = Self.day(date.year, 8, 10) + Int32(rng.below(20))
    } else if date.month == 12 && date.day > 20 {
      next = Self.day(date.year + 1, 1, 9) + Int32(rng.below(14))
    } else if date.month == 1 && date.day < 9 {
      next = Self.day(date.year, 1, 9) + Int32(rng.below(14))
    }
    plan(.session, u, on: Self.weekday(onOrAfter: next))
  }
}
