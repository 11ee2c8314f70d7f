import LiggareBasics
import LiggareDomain

/// The demo city's simulation, day by day from 2011-01-01 to 2025-12-31.
///
/// It keeps its own indexes (who works where, who examines for which unit, each person's PIM plan)
/// so that every event costs O(1) and passes the contract's rules without consulting a log. Work
/// planned for later days waits in a calendar of day buckets; a person's pending actions are made
/// void by bumping their stamp rather than by searching the calendar.
///
/// Events of a simulated week are recorded on the working days of the following week (Monday's on
/// Monday, Friday's to Sunday's on Friday), so recording order follows valid time and an event is
/// always recorded after everything it depends on.
struct CitySimulation {
  static let firstDay = CivilDate(year: 2011, month: 1, day: 1)!.daysSinceEpoch
  static let lastDay = CivilDate(year: 2025, month: 12, day: 31)!.daysSinceEpoch
  /// The Monday of week 0, the week of the first day.
  static let origin = firstDay - mondayIndex(firstDay)
  /// The city goal's first deadline: all staff at PIM level 3.
  static let goalDeadline = CivilDate(year: 2013, month: 12, day: 31)!.daysSinceEpoch
  /// From the school law of 2019 preschool heads are called rektor.
  static let preschoolRektorFrom = CivilDate(year: 2019, month: 7, day: 1)!.daysSinceEpoch

  static let cityName = "Norrvik stad"

  let profile: DemoProfile
  var rng: DemoRandom
  var names = NameBook()

  var nodes: [OrgNode] = []
  var people: [StaffRecord] = []
  var personIDs: [String] = []
  /// Open units per school form (in `SchoolForm.allCases` order), for moves and re-homing.
  var openByForm: [[Int32]] = Array(repeating: [], count: SchoolForm.allCases.count)
  var districtBoards: [Int32] = []
  var educationBoard: Int32 = -1
  var centralUnit: Int32 = -1
  /// Examiners by their maxLevel (index 1–5), to find one in O(1) for anyone in the city.
  var examinerPools: [[Int32]] = Array(repeating: [], count: 6)

  var calendar: [[SimulationAction]]
  var scripts: [Int32: [ScriptedChange]] = [:]
  /// Events of the week being simulated, in generation order (which is recording order), and the
  /// day each is recorded on (kept apart so that setting `recordedAt` later mutates in place).
  var outputDrafts: [EventDraft] = []
  var outputDays: [Int32] = []
  /// December completions logged in February, by the week whose batch records them.
  var late: [Int: [LateCompletion]] = [:]
  /// Mistaken completions waiting for their retraction: the event id and the reason.
  var retractionTargets: [(event: String, reason: String)] = []
  var nextNumber: UInt64 = 1
  /// Contract Part 2's own random stream, numbering and skills.
  var competence = CompetenceDemoState()

  init(profile: DemoProfile, seed: UInt64) {
    self.profile = profile
    self.rng = DemoRandom(seed: seed)
    let days = Int(Self.lastDay - Self.origin) + 8
    calendar = Array(repeating: [], count: days)
    planScripts()
  }

  // MARK: Days and weeks

  /// 0 for Monday … 6 for Sunday.
  static func mondayIndex(_ day: Int32) -> Int32 {
    Int32((CivilDate(daysSinceEpoch: day).weekday + 6) % 7)
  }

  /// The day itself if it is a weekday, else the Monday after.
  static func weekday(onOrAfter day: Int32) -> Int32 {
    let i = mondayIndex(day)
    return i >= 5 ? day + (7 - i) : day
  }

  /// The day an event of `day` is recorded: the same weekday of the next week, Friday for weekends.
  static func recordDay(for day: Int32) -> Int32 {
    let i = mondayIndex(day)
    return day - i + 7 + min(i, 4)
  }

  /// The simulated week whose batch records events on `recordDay`.
  static func week(recording recordDay: Int32) -> Int {
    Int((recordDay - origin) / 7) - 1
  }

  static func day(_ y: Int, _ m: Int, _ d: Int) -> Int32 {
    CivilDate(year: y, month: m, day: d)!.daysSinceEpoch
  }

  // MARK: Planning

  /// Plans `action` for `day`; work after the last simulated day is never done.
  mutating func plan(_ kind: SimulationAction.Kind, _ subject: Int32, on day: Int32, stamp: UInt32 = 0) {
    guard day <= Self.lastDay else { return }
    calendar[Int(day - Self.origin)].append(SimulationAction(kind: kind, subject: subject, stamp: stamp))
  }

  /// Runs one day: scripted changes first, then the planned actions in kind order.
  mutating func simulate(day: Int32) {
    if let changes = scripts.removeValue(forKey: day) {
      for change in changes { perform(change, on: day) }
    }
    let index = Int(day - Self.origin)
    // Actions planned for today while today runs (an examiner search after a move) join the
    // queue; they are taken in rounds until none is left.
    while !calendar[index].isEmpty {
      var actions = calendar[index]
      calendar[index] = []
      // A stable sort: kind first, then the order in which they were planned.
      let order = actions.indices.sorted {
        (actions[$0].kind, $0) < (actions[$1].kind, $1)
      }
      actions = order.map { actions[$0] }
      for action in actions { run(action, on: day) }
    }
  }

  mutating func run(_ action: SimulationAction, on day: Int32) {
    switch action.kind {
    case .leave: leave(action.subject, stamp: action.stamp, on: day)
    case .move: move(action.subject, stamp: action.stamp, on: day)
    case .examinerEnd: randomExaminerEnd(action.subject, stamp: action.stamp, on: day)
    case .staffUnit: staffUnit(action.subject, on: day)
    case .hire:
      replacementHire(at: action.subject, role: StaffRoleCode(rawValue: UInt8(action.stamp))!, on: day)
    case .examinerWanted: examinerWanted(at: action.subject, on: day)
    case .exam: exam(action.subject, stamp: action.stamp, on: day)
    case .session: session(at: action.subject, on: day)
    case .retraction: retract(Int(action.subject), on: day)
    }
  }

  // MARK: Emitting

  /// Adds an event of `day` to the week's output with a fresh id ("c-1234" for a completion).
  mutating func emit(
    _ prefix: UInt8, on day: Int32, _ payload: Payload, actor: String, personalData: PersonalData? = nil
  ) {
    let id = Self.eventID(prefix, nextNumber)
    nextNumber += 1
    outputDays.append(Self.recordDay(for: day))
    outputDrafts.append(
      EventDraft(
        id: id, occurredOn: CivilDate(daysSinceEpoch: day), actor: actor, payload: payload,
        personalData: personalData))
  }

  /// "<prefix>-<number>", built byte by byte: millions of ids, each short enough to need no heap.
  static func eventID(_ prefix: UInt8, _ number: UInt64) -> String {
    String(unsafeUninitializedCapacity: 24) { buffer in
      buffer[0] = prefix
      buffer[1] = UInt8(ascii: "-")
      var digits = 0
      var n = number
      repeat {
        digits += 1
        n /= 10
      } while n > 0
      n = number
      for i in stride(from: 1 + digits, through: 2, by: -1) {
        buffer[i] = UInt8(ascii: "0") + UInt8(n % 10)
        n /= 10
      }
      return 2 + digits
    }
  }

  /// Who logs events about node `u`: its board's PIM coordinator (the node's own, for a board).
  func actor(of u: Int32) -> String {
    // Fields one by one: copying the whole node would retain all its arrays and strings.
    nodes[Int(u)].kind == .unit ? nodes[Int(nodes[Int(u)].parent)].actor : nodes[Int(u)].actor
  }

  /// Whether late records wait for week `week` or later.
  func hasLateRecords(from week: Int) -> Bool {
    late.keys.contains { $0 >= week }
  }

  /// The week's events in recording order with their `recordedAt` set: each recording day's events
  /// spread evenly over its working hours (07:45–17:00 Stockholm time), late records first.
  mutating func drainWeek(_ week: Int) -> [EventDraft] {
    var drafts: [EventDraft] = []
    var days: [Int32] = []
    swap(&drafts, &outputDrafts)
    swap(&days, &outputDays)
    if let records = late.removeValue(forKey: week) {
      // Only February weeks have late lists: merge them in front of the same day's events.
      let lateEvents = records.sorted { ($0.recordDay, $0.number) < ($1.recordDay, $1.number) }
      var mergedDrafts: [EventDraft] = []
      var mergedDays: [Int32] = []
      mergedDrafts.reserveCapacity(drafts.count + lateEvents.count)
      mergedDays.reserveCapacity(drafts.count + lateEvents.count)
      var j = 0
      for (draft, day) in zip(drafts, days) {
        while j < lateEvents.count, lateEvents[j].recordDay <= day {
          mergedDrafts.append(lateDraft(lateEvents[j]))
          mergedDays.append(lateEvents[j].recordDay)
          j += 1
        }
        mergedDrafts.append(draft)
        mergedDays.append(day)
      }
      for record in lateEvents[j...] {
        mergedDrafts.append(lateDraft(record))
        mergedDays.append(record.recordDay)
      }
      drafts = mergedDrafts
      days = mergedDays
    }
    var start = 0
    while start < drafts.count {
      let day = days[start]
      var end = start
      while end < drafts.count, days[end] == day { end += 1 }
      let opening = Stockholm.startOfDay(CivilDate(daysSinceEpoch: day)).microseconds + 27_900_000_000
      let span: Int64 = 33_300_000_000
      let count = Int64(end - start)
      for i in start..<end {
        let offset = span * Int64(i - start) / count
        drafts[i].recordedAt = Timestamp(microseconds: opening + offset - offset % 1_000_000)
      }
      start = end
    }
    outputDrafts.reserveCapacity(drafts.count)
    outputDays.reserveCapacity(drafts.count)
    return drafts
  }

  func lateDraft(_ record: LateCompletion) -> EventDraft {
    let course = CourseOffer.catalogue[Int(record.course)]
    return EventDraft(
      id: Self.eventID(UInt8(ascii: "c"), record.number), occurredOn: CivilDate(daysSinceEpoch: record.day),
      actor: nodes[Int(record.board)].actor,
      payload: .courseCompleted(
        person: personIDs[Int(record.person)], course: course.id,
        hours: record.halfHours ? course.hours / 2 : nil))
  }
}
