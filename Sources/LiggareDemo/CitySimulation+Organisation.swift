import LiggareBasics
import LiggareDomain

/// The organisation: the founding, goals, the catalogue and reorganisations on fixed days.
extension CitySimulation {
  static let cityID = "stad"

  /// Fills `scripts`: every change with a fixed day; reorganisations get their days from the seed.
  mutating func planScripts() {
    func add(_ day: Int32, _ change: ScriptedChange) { scripts[day, default: []].append(change) }
    add(Self.firstDay, .founding)
    for (i, course) in CourseOffer.catalogue.enumerated() {
      add(max(course.from, Self.firstDay), .defineCourse(i))
    }
    // Goals: scopes are node indexes; the city is 0, boards follow in founding order.
    let city: Int32 = 0
    let firstDistrict: Int32 = 1
    let education = Int32(1 + profile.districts)
    add(
      Self.day(2011, 3, 1),
      .goal(
        id: "pim-niva3", scope: city, minLevel: 3, targetShare: 1,
        deadline: CivilDate(year: 2013, month: 12, day: 31)!
      ))
    add(
      Self.day(2012, 9, 3),
      .goal(
        id: "sdn-pim3", scope: firstDistrict, minLevel: 3, targetShare: 0.95,
        deadline: CivilDate(year: 2013, month: 6, day: 30)!))
    // The goal was not met in time: the council gives it a new deadline under the same id.
    add(
      Self.day(2014, 2, 10),
      .goal(
        id: "pim-niva3", scope: city, minLevel: 3, targetShare: 1,
        deadline: CivilDate(year: 2015, month: 12, day: 31)!
      ))
    add(
      Self.day(2014, 3, 3),
      .goal(
        id: "utbf-pim4", scope: education, minLevel: 4, targetShare: 0.5,
        deadline: CivilDate(year: 2016, month: 12, day: 31)!))
    add(
      Self.day(2019, 1, 15),
      .goal(
        id: "digital-2022", scope: city, minLevel: 4, targetShare: 0.6,
        deadline: CivilDate(year: 2022, month: 12, day: 31)!))
    for merger in profile.boardMergers {
      add(
        Self.day(merger.year, 1, 1),
        .boardMerger(from: firstDistrict + Int32(merger.from), into: firstDistrict + Int32(merger.into)))
    }
    func someDay(_ years: ClosedRange<Int>, month: Int, day: Int) -> Int32 {
      Self.day(rng.within(years), month, day)
    }
    for _ in 0..<profile.closures {
      add(someDay(2015...2024, month: 6, day: 30), .closeUnit(rng.chance(0.6) ? .förskola : .grundskola))
    }
    for _ in 0..<profile.unitMergers {
      add(someDay(2015...2024, month: 8, day: 1), .mergeUnits(rng.chance(0.7) ? .förskola : .grundskola))
    }
    for _ in 0..<profile.newUnits {
      add(someDay(2013...2024, month: 8, day: 5), .openUnit(rng.chance(0.6) ? .förskola : .grundskola))
    }
    for _ in 0..<profile.renames {
      add(
        someDay(2014...2024, month: 1, day: 15), .renameUnit(rng.chance(0.7) ? .grundskola : .gymnasieskola))
    }
    planCompetenceScripts()
  }

  mutating func perform(_ change: ScriptedChange, on day: Int32) {
    switch change {
    case .founding: found(on: day)
    case .defineCourse(let i):
      let c = CourseOffer.catalogue[i]
      emit(
        UInt8(ascii: "k"), on: day,
        .courseDefined(course: c.id, title: c.title, hours: c.hours, area: c.area),
        actor: "pimkontoret")
    case .goal(let id, let scope, let minLevel, let targetShare, let deadline):
      guard nodes[Int(scope)].isOpen else { return }
      emit(
        UInt8(ascii: "g"), on: day,
        .goalSet(
          goal: id, scope: nodes[Int(scope)].id, minLevel: minLevel, targetShare: targetShare,
          deadline: deadline),
        actor: scope == 0 ? "stadsledning" : actor(of: scope))
    case .boardMerger(let from, let into): mergeBoards(from, into: into, on: day)
    case .closeUnit(let form): closeUnit(form, on: day)
    case .mergeUnits(let form): mergeUnits(form, on: day)
    case .openUnit(let form):
      let board =
        form == .förskola ? rng.pick(districtBoards.filter { nodes[Int($0)].isOpen }) : educationBoard
      let u = establishUnit(form, under: board, on: day)
      plan(.staffUnit, u, on: day)
    case .renameUnit(let form):
      guard !openByForm[form.index].isEmpty else { return }
      let u = rng.pick(openByForm[form.index])
      let name = names.unitName(form: form, district: nodes[Int(u)].district, rng: &rng)
      nodes[Int(u)].name = name
      emit(UInt8(ascii: "o"), on: day, .unitRenamed(unit: nodes[Int(u)].id, name: name), actor: actor(of: u))
    case .competence(let step): perform(step, on: day)
    }
  }

  /// The city, its boards, its units and the central PIM office, and the plan for staffing them
  /// over the first three weeks of January (a coordinator enters one unit after another).
  mutating func found(on day: Int32) {
    let districts = names.districtNames(profile.districts, rng: &rng)
    nodes.append(
      OrgNode(
        id: Self.cityID, name: Self.cityName, kind: .city, parent: -1, schoolForm: nil, targetStaff: 0,
        wantedExaminers: 0, district: "", actor: "stadsledning"))
    emit(
      UInt8(ascii: "o"), on: day,
      .unitEstablished(unit: Self.cityID, name: Self.cityName, kind: .city, parent: nil, schoolForm: nil),
      actor: "stadsledning")
    for (i, district) in districts.enumerated() {
      let number = i + 1 < 10 ? "0\(i + 1)" : "\(i + 1)"
      let b = addBoard(
        id: "n-" + number, name: NameBook.boardName(district: district), district: district,
        actor: "samordnare.s" + number, on: day)
      districtBoards.append(b)
    }
    educationBoard = addBoard(
      id: "n-utbf", name: "Utbildningsförvaltningen", district: districts[0], actor: "samordnare.utbf",
      on: day)
    var units: [Int32] = []
    for (f, form) in SchoolForm.allCases.enumerated() {
      for i in 0..<profile.unitsPerForm[f] {
        let board = form == .förskola ? districtBoards[i % districtBoards.count] : educationBoard
        units.append(establishUnit(form, under: board, on: day, planStaffing: false))
      }
    }
    centralUnit = establishUnit(nil, under: educationBoard, on: day, planStaffing: false)
    units.append(centralUnit)
    // Staffing in a shuffled unit order, over the first fifteen working days.
    var workdays: [Int32] = []
    var d = Self.day(2011, 1, 3)
    while workdays.count < 15 {
      // Trettondedag jul (6 January) is a holiday.
      if Self.mondayIndex(d) < 5, d != Self.day(2011, 1, 6) { workdays.append(d) }
      d += 1
    }
    for i in stride(from: units.count - 1, to: 0, by: -1) { units.swapAt(i, rng.below(i + 1)) }
    for (i, u) in units.enumerated() {
      plan(.staffUnit, u, on: workdays[i * workdays.count / units.count])
    }
  }

  mutating func addBoard(id: String, name: String, district: String, actor: String, on day: Int32) -> Int32 {
    let b = Int32(nodes.count)
    nodes.append(
      OrgNode(
        id: id, name: name, kind: .board, parent: 0, schoolForm: nil, targetStaff: 0, wantedExaminers: 0,
        district: district, actor: actor))
    emit(
      UInt8(ascii: "o"), on: day,
      .unitEstablished(unit: id, name: name, kind: .board, parent: Self.cityID, schoolForm: nil),
      actor: "stadsledning")
    return b
  }

  /// Establishes a unit (`form` nil: the central office); its first course session and examiner
  /// search are planned, and its staffing too unless the caller plans that.
  @discardableResult
  mutating func establishUnit(
    _ form: SchoolForm?, under board: Int32, on day: Int32, planStaffing: Bool = true
  )
    -> Int32
  {
    let u = Int32(nodes.count)
    let district =
      form == .förskola || form == nil
      ? nodes[Int(board)].district : nodes[Int(rng.pick(districtBoards))].district
    let name = names.unitName(form: form, district: district, rng: &rng)
    let size: Int
    if let form {
      let mean = Double(profile.staffPerForm[form.index])
      size = max(4, Int((mean * rng.between(0.6, 1.4)).rounded()))
    } else {
      size = 6
    }
    nodes.append(
      OrgNode(
        id: "u-\(1001 + nodes.count)", name: name, kind: .unit, parent: board, schoolForm: form,
        targetStaff: size,
        wantedExaminers: form == nil ? 3 : (size >= 45 ? 2 : 1), district: district, actor: "",
        establishedYear: CivilDate(daysSinceEpoch: day).year))
    emit(
      UInt8(ascii: "o"), on: day,
      .unitEstablished(
        unit: nodes[Int(u)].id, name: name, kind: .unit, parent: nodes[Int(board)].id, schoolForm: form),
      actor: actor(of: board))
    if let form {
      nodes[Int(u)].formSlot = Int32(openByForm[form.index].count)
      openByForm[form.index].append(u)
    }
    // Sessions start after the staff are in; examiners are wanted at once at most units, at some
    // only after months (a few schools lack one at times).
    let firstSession = max(day, Self.day(2011, 1, 24)) + Int32(rng.below(45))
    plan(.session, u, on: Self.weekday(onOrAfter: firstSession))
    let examinerSearch: Int32
    if form == nil {
      examinerSearch = Self.day(2011, 1, 31)
    } else if day == Self.firstDay {
      examinerSearch =
        rng.chance(0.93)
        ? Self.day(2011, 1, 24) + Int32(rng.below(40)) : Self.day(2011, 6, 1) + Int32(rng.below(700))
    } else {
      examinerSearch = day + 30 + Int32(rng.below(90))
    }
    plan(.examinerWanted, u, on: Self.weekday(onOrAfter: examinerSearch))
    if planStaffing { plan(.staffUnit, u, on: day) }
    return u
  }

  /// Hires a unit's staff at its opening: a head and a role mix of its school form.
  mutating func staffUnit(_ u: Int32, on day: Int32) {
    let node = nodes[Int(u)]
    guard node.isOpen else { return }
    let initial = day < Self.day(2011, 2, 1)
    guard let form = node.schoolForm else {
      for _ in 0..<node.targetStaff { hire(into: u, role: .annan, on: day, initial: initial) }
      return
    }
    let head: StaffRoleCode = form == .förskola && day < Self.preschoolRektorFrom ? .förskolechef : .rektor
    hire(into: u, role: head, on: day, initial: initial)
    if form == .gymnasieskola, node.targetStaff >= 60 {
      hire(into: u, role: .rektor, on: day, initial: initial)
    }
    let mix: [(StaffRoleCode, Double)]
    switch form {
    case .förskola: mix = [(.förskollärare, 0.43), (.barnskötare, 0.53), (.annan, 0.04)]
    case .grundskola:
      mix = [(.lärare, 0.78), (.fritidspedagog, 0.12), (.förskollärare, 0.05), (.annan, 0.05)]
    case .gymnasieskola: mix = [(.lärare, 0.94), (.annan, 0.06)]
    case .anpassadSkola:
      mix = [(.lärare, 0.62), (.fritidspedagog, 0.08), (.barnskötare, 0.08), (.annan, 0.22)]
    case .vuxenutbildning: mix = [(.lärare, 0.9), (.annan, 0.1)]
    }
    let weights = mix.map(\.1)
    for _ in 1..<node.targetStaff {
      hire(into: u, role: mix[rng.weighted(weights)].0, on: day, initial: initial)
    }
  }

  /// A district board merged into another: its open units move first (a merged node may have no
  /// open children), then the merger, then the new board's new name ("Norrby-Västerviken").
  mutating func mergeBoards(_ from: Int32, into: Int32, on day: Int32) {
    guard nodes[Int(from)].isOpen, nodes[Int(into)].isOpen else { return }
    for u in nodes.indices where nodes[u].kind == .unit && nodes[u].parent == from && nodes[u].isOpen {
      nodes[u].parent = into
      emit(
        UInt8(ascii: "o"), on: day, .unitMoved(unit: nodes[u].id, parent: nodes[Int(into)].id),
        actor: actor(of: into))
    }
    nodes[Int(from)].isOpen = false
    emit(
      UInt8(ascii: "o"), on: day, .unitMerged(unit: nodes[Int(from)].id, into: nodes[Int(into)].id),
      actor: "stadsledning")
    func firstPart(_ s: String) -> String { String(s.split(separator: "-").first ?? Substring(s)) }
    let district = firstPart(nodes[Int(into)].district) + "-" + firstPart(nodes[Int(from)].district)
    nodes[Int(into)].district = district
    nodes[Int(into)].name = NameBook.boardName(district: district)
    emit(
      UInt8(ascii: "o"), on: day, .unitRenamed(unit: nodes[Int(into)].id, name: nodes[Int(into)].name),
      actor: "stadsledning")
  }

  /// Closes a unit: its examiners' roles end, its head leaves, the others move to other units of
  /// the same form, and then the unit closes (closure is rejected while anyone is held by it).
  mutating func closeUnit(_ form: SchoolForm, on day: Int32) {
    guard openByForm[form.index].count >= 3 else { return }
    let u = rng.pick(openByForm[form.index])
    for e in nodes[Int(u)].examiners { endExaminerRole(e, on: day, askForNew: false) }
    while let p = nodes[Int(u)].staff.last {
      if people[Int(p)].role.isHead {
        leaveCity(p, on: day, replace: false)
      } else {
        assign(p, to: otherOpenUnit(than: u, form: form), role: people[Int(p)].role, on: day)
      }
    }
    removeFromOpen(u)
    emit(UInt8(ascii: "o"), on: day, .unitClosed(unit: nodes[Int(u)].id), actor: actor(of: u))
  }

  /// Merges a unit into another of the same form (preferably under the same board): its staff and
  /// examiners follow with their roles, as the contract says.
  mutating func mergeUnits(_ form: SchoolForm, on day: Int32) {
    guard openByForm[form.index].count >= 3 else { return }
    let u = rng.pick(openByForm[form.index])
    var into = otherOpenUnit(than: u, form: form)
    for _ in 0..<30 where nodes[Int(into)].parent != nodes[Int(u)].parent {
      into = otherOpenUnit(than: u, form: form)
    }
    removeFromOpen(u)
    emit(
      UInt8(ascii: "o"), on: day, .unitMerged(unit: nodes[Int(u)].id, into: nodes[Int(into)].id),
      actor: actor(of: u))
    for p in nodes[Int(u)].staff {
      people[Int(p)].unit = into
      people[Int(p)].slot = Int32(nodes[Int(into)].staff.count)
      nodes[Int(into)].staff.append(p)
    }
    nodes[Int(u)].staff = []
    for e in nodes[Int(u)].examiners {
      people[Int(e)].examinerUnit = into
      nodes[Int(into)].examiners.append(e)
    }
    nodes[Int(u)].examiners = []
  }

  /// A random open unit of `form` other than `u` (there must be one).
  mutating func otherOpenUnit(than u: Int32, form: SchoolForm) -> Int32 {
    let open = openByForm[form.index]
    var v = rng.pick(open)
    while v == u { v = rng.pick(open) }
    return v
  }

  mutating func removeFromOpen(_ u: Int32) {
    nodes[Int(u)].isOpen = false
    guard let form = nodes[Int(u)].schoolForm else { return }
    let slot = Int(nodes[Int(u)].formSlot)
    let last = openByForm[form.index].removeLast()
    if last != u {
      openByForm[form.index][slot] = last
      nodes[Int(last)].formSlot = Int32(slot)
    }
    nodes[Int(u)].formSlot = -1
  }
}

extension SchoolForm {
  /// Position in `allCases`, for per-form tables.
  var index: Int {
    switch self {
    case .förskola: 0
    case .grundskola: 1
    case .gymnasieskola: 2
    case .anpassadSkola: 3
    case .vuxenutbildning: 4
    }
  }
}
