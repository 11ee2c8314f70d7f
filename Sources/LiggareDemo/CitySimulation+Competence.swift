import LiggareBasics
import LiggareDomain

/// Contract Part 2 in the demo city: a local list of tools from 2017 (as in Hallsberg's IT plan),
/// DigCompEdu from 2019, requirements by role and school form, yearly self-assessments from most
/// staff and head assessments for some, units' yearly follow-ups from 2012 (some missing), and each
/// board's action plan with measures that are done, ongoing or overdue.
///
/// It draws from its own random stream and numbers its own events, so the rest of the city is the
/// same event for event as without it.
struct CompetenceDemoState {
  var rng = DemoRandom(seed: 0x5EED_2017)
  var number: UInt64 = 1
  /// Skill (a position in the scale) per person index, per competence in `CompetenceDemo.all` order.
  var skills: [Int32: [Int8]] = [:]
  var measureCount = 0
}

/// The step of Part 2 a scripted day performs.
enum CompetenceStep {
  case localList
  case digCompEdu
  case requirements(digCompEdu: Bool)
  case raiseRequirement
  case endRequirement
  case selfAssessments(digCompEdu: Bool)
  case headAssessments
  case followUps(year: Int)
  case actionPlans
  case measureStatus(measure: String, status: MeasureState)
}

/// The frameworks, competences and requirements of the demo.
enum CompetenceDemo {
  struct Competence {
    var id: String
    var framework: String
    var title: String
    var area: StrategyArea
  }

  struct Requirement {
    var id: String
    var competence: String
    var minLevel: String
    var roles: [StaffRole]?
    var forms: [SchoolForm]?
  }

  static let dceLevels = ["A1", "A2", "B1", "B2", "C1", "C2"]
  static let localLevels = ["behöver stöd", "klarar själv", "kan lära andra"]

  /// DigCompEdu's 22 competences (Redecker 2017) with Swedish titles and the published English ones;
  /// the city's own mapping of its six areas onto the strategy's five (there is no official one).
  static let digCompEdu: [Competence] =
    ([
      ("1.1", "Organisatorisk kommunikation (Organisational communication)", .samarbeteOchKommunikation),
      ("1.2", "Professionellt samarbete (Professional collaboration)", .samarbeteOchKommunikation),
      ("1.3", "Reflekterande praktik (Reflective practice)", .digitalKompetens),
      ("1.4", "Digital kompetensutveckling (Digital continuous professional development)", .digitalKompetens),
      ("2.1", "Välja digitala resurser (Selecting digital resources)", .digitaltInnehåll),
      (
        "2.2", "Skapa och bearbeta digitala resurser (Creating and modifying digital resources)",
        .digitaltInnehåll
      ),
      (
        "2.3", "Hantera, skydda och dela digitala resurser (Managing, protecting and sharing)",
        .digitaltInnehåll
      ),
      ("3.1", "Undervisning (Teaching)", .digitalKompetens),
      ("3.2", "Vägledning (Guidance)", .digitalKompetens),
      ("3.3", "Kollaborativt lärande (Collaborative learning)", .samarbeteOchKommunikation),
      ("3.4", "Självreglerat lärande (Self-regulated learning)", .digitalKompetens),
      ("4.1", "Bedömningsstrategier (Assessment strategies)", .uppföljning),
      ("4.2", "Analysera belägg (Analysing evidence)", .uppföljning),
      ("4.3", "Återkoppling och planering (Feedback and planning)", .uppföljning),
      ("5.1", "Tillgänglighet och inkludering (Accessibility and inclusion)", .digitalKompetens),
      (
        "5.2", "Differentiering och individanpassning (Differentiation and personalisation)",
        .digitalKompetens
      ),
      ("5.3", "Aktivt engagera eleverna (Actively engaging learners)", .digitalKompetens),
      ("6.1", "Informations- och mediekunnighet (Information and media literacy)", .digitaltInnehåll),
      (
        "6.2", "Digital kommunikation och samarbete (Digital communication and collaboration)",
        .samarbeteOchKommunikation
      ),
      ("6.3", "Skapande av digitalt innehåll (Digital content creation)", .digitaltInnehåll),
      ("6.4", "Ansvarsfull användning (Responsible use)", .digitalKompetens),
      ("6.5", "Digital problemlösning (Digital problem solving)", .digitalKompetens),
    ] as [(String, String, StrategyArea)]).map {
      Competence(id: "dce-\($0.0)", framework: "digcompedu", title: $0.1, area: $0.2)
    }

  /// The city's own list: each tool is expected only in the school forms that use it.
  static let local: [Competence] = [
    Competence(id: "lokal-office365", framework: "lokal", title: "Office 365", area: .infrastruktur),
    Competence(id: "lokal-skolplattform", framework: "lokal", title: "Skolplattformen", area: .infrastruktur),
    Competence(id: "lokal-narvaro", framework: "lokal", title: "Närvarosystemet", area: .uppföljning),
  ]

  static let all = local + digCompEdu

  static let localRequirements: [Requirement] = [
    Requirement(
      id: "krav-office365", competence: "lokal-office365", minLevel: "klarar själv", roles: nil, forms: nil),
    Requirement(
      id: "krav-skolplattform", competence: "lokal-skolplattform", minLevel: "klarar själv", roles: nil,
      forms: [.grundskola, .gymnasieskola, .anpassadSkola]),
    Requirement(
      id: "krav-narvaro", competence: "lokal-narvaro", minLevel: "klarar själv", roles: nil,
      forms: [.förskola, .grundskola, .anpassadSkola]),
  ]

  static let dceRequirements: [Requirement] = [
    Requirement(
      id: "krav-dce-2.1", competence: "dce-2.1", minLevel: "B1",
      roles: [.lärare, .förskollärare, .fritidspedagog],
      forms: nil),
    Requirement(
      id: "krav-dce-3.1", competence: "dce-3.1", minLevel: "B1", roles: [.lärare],
      forms: [.grundskola, .gymnasieskola, .anpassadSkola, .vuxenutbildning]),
    Requirement(
      id: "krav-dce-4.1", competence: "dce-4.1", minLevel: "A2", roles: [.lärare],
      forms: [.grundskola, .gymnasieskola]),
    Requirement(
      id: "krav-dce-1.1", competence: "dce-1.1", minLevel: "B1", roles: [.rektor, .förskolechef], forms: nil),
    Requirement(id: "krav-dce-6.4", competence: "dce-6.4", minLevel: "A2", roles: nil, forms: [.förskola]),
  ]

  static let responsible = ["IT-strateg", "IT-pedagog", "förvaltningens IT-samordnare", "rektorsgruppen"]
  static let measureTitles: [StrategyArea: [String]] = [
    .infrastruktur: [
      "Trådlöst nätverk i alla lokaler", "Surfplattor till alla avdelningar", "Ny skolplattform",
    ],
    .digitalKompetens: [
      "Fortbildning i DigCompEdu för lärare", "IKT-pedagog på varje enhet", "Kollegialt lärande om AI",
    ],
    .digitaltInnehåll: [
      "Licenser för digitala läromedel", "Gemensam bank med lärresurser", "Källkritik i alla ämnen",
    ],
    .samarbeteOchKommunikation: [
      "Digital vårdnadshavarkontakt", "Nätverk för förskolans IT-ombud", "Delade planeringar",
    ],
    .uppföljning: [
      "Årlig självskattning i DigCompEdu", "Uppföljning i ledningssystemet", "Enkät till rektorer",
    ],
  ]
}

extension CitySimulation {
  /// Part 2's fixed days; the random stream of the rest of the city is not touched.
  mutating func planCompetenceScripts() {
    func add(_ day: Int32, _ step: CompetenceStep) { scripts[day, default: []].append(.competence(step)) }
    add(Self.day(2017, 1, 16), .localList)
    add(Self.day(2017, 1, 30), .requirements(digCompEdu: false))
    add(Self.day(2019, 1, 15), .digCompEdu)
    add(Self.day(2019, 2, 1), .requirements(digCompEdu: true))
    add(Self.day(2022, 6, 30), .endRequirement)
    add(Self.day(2023, 2, 1), .raiseRequirement)
    for year in 2017...2025 {
      add(Self.day(year, 3, 15), .selfAssessments(digCompEdu: false))
      if year >= 2019 && year % 2 == 1 {
        add(Self.day(year, 10, 1), .selfAssessments(digCompEdu: true))
        add(Self.day(year, 11, 2), .headAssessments)
      }
    }
    for year in 2012...2024 { add(Self.day(year + 1, 1, 20), .followUps(year: year)) }
    for year in 2013...2025 { add(Self.day(year, 2, 3), .actionPlans) }
  }

  mutating func emitCompetence(_ prefix: UInt8, on day: Int32, _ payload: Payload, actor: String) {
    let id = Self.eventID(prefix, competence.number)
    competence.number += 1
    outputDays.append(Self.recordDay(for: day))
    outputDrafts.append(
      EventDraft(id: id, occurredOn: CivilDate(daysSinceEpoch: day), actor: actor, payload: payload))
  }

  mutating func perform(_ step: CompetenceStep, on day: Int32) {
    let coordinator = "kompetenssamordnare"
    let d = UInt8(ascii: "d")
    func requirement(_ r: CompetenceDemo.Requirement, minLevel: String? = nil) -> Payload {
      .requirementSet(
        requirement: r.id, competence: r.competence, minLevel: minLevel ?? r.minLevel, scope: Self.cityID,
        roles: r.roles, schoolForms: r.forms)
    }
    switch step {
    case .localList:
      emitCompetence(
        d, on: day,
        .frameworkDefined(
          framework: "lokal", title: "Stadens digitala verktyg", levels: CompetenceDemo.localLevels),
        actor: coordinator)
      for c in CompetenceDemo.local {
        emitCompetence(
          d, on: day,
          .competenceDefined(competence: c.id, framework: c.framework, title: c.title, area: c.area),
          actor: coordinator)
      }
    case .digCompEdu:
      emitCompetence(
        d, on: day,
        .frameworkDefined(framework: "digcompedu", title: "DigCompEdu", levels: CompetenceDemo.dceLevels),
        actor: coordinator)
      for c in CompetenceDemo.digCompEdu {
        emitCompetence(
          d, on: day,
          .competenceDefined(competence: c.id, framework: c.framework, title: c.title, area: c.area),
          actor: coordinator)
      }
    case .requirements(let dce):
      for r in dce ? CompetenceDemo.dceRequirements : CompetenceDemo.localRequirements {
        emitCompetence(d, on: day, requirement(r), actor: coordinator)
      }
    case .raiseRequirement:
      // Teaching with digital tools is raised to B2: the same requirement id, replaced.
      emitCompetence(
        d, on: day, requirement(CompetenceDemo.dceRequirements[1], minLevel: "B2"), actor: coordinator)
    case .endRequirement:
      // The old school platform is replaced; its requirement ends.
      emitCompetence(d, on: day, .requirementEnded(requirement: "krav-skolplattform"), actor: coordinator)
    case .selfAssessments(let dce): assessAll(selfOnly: true, digCompEdu: dce, on: day)
    case .headAssessments: assessAll(selfOnly: false, digCompEdu: true, on: day)
    case .followUps(let year): followUps(year, on: day)
    case .actionPlans: actionPlans(on: day)
    case .measureStatus(let measure, let status):
      emitCompetence(
        UInt8(ascii: "m"), on: day, .measureStatus(measure: measure, status: status), actor: "handlingsplan")
    }
  }

  /// The requirements in force on `day`, as the scripts set them.
  func competenceRequirements(on day: Int32) -> [CompetenceDemo.Requirement] {
    var result: [CompetenceDemo.Requirement] = []
    if day >= Self.day(2017, 1, 30) {
      result += CompetenceDemo.localRequirements.filter {
        $0.id != "krav-skolplattform" || day < Self.day(2022, 6, 30)
      }
    }
    if day >= Self.day(2019, 2, 1) { result += CompetenceDemo.dceRequirements }
    return result
  }

  /// Self-assessments by most staff of every competence required of them, or (`selfOnly` false)
  /// heads' assessments of some of their staff.
  mutating func assessAll(selfOnly: Bool, digCompEdu: Bool, on day: Int32) {
    let requirements = competenceRequirements(on: day).filter {
      $0.competence.hasPrefix("dce-") == digCompEdu
    }
    let a = UInt8(ascii: "s")
    for u in 0..<Int32(nodes.count) where nodes[Int(u)].kind == .unit && nodes[Int(u)].isOpen {
      guard let form = nodes[Int(u)].schoolForm else { continue }
      let staff = nodes[Int(u)].staff.sorted()
      let head = staff.first { people[Int($0)].role.isHead }
      for p in staff {
        let role = people[Int(p)].role
        guard role != .annan else { continue }
        let applying = requirements.filter { r in
          (r.roles.map { $0.contains(role.role) } ?? true) && (r.forms.map { $0.contains(form) } ?? true)
        }
        if selfOnly {
          guard competence.rng.chance(0.85) else { continue }
          for r in applying {
            let level = assessedLevel(p, r.competence, noise: true)
            emitCompetence(
              a, on: day,
              .competenceAssessed(
                person: personIDs[Int(p)], competence: r.competence, level: level, method: .self,
                assessor: nil),
              actor: "enkät")
          }
        } else {
          guard let head, head != p, let r = applying.first, competence.rng.chance(0.2) else { continue }
          emitCompetence(
            a, on: day,
            .competenceAssessed(
              person: personIDs[Int(p)], competence: r.competence,
              level: assessedLevel(p, r.competence, noise: false),
              method: .head, assessor: personIDs[Int(head)]),
            actor: actor(of: u))
        }
      }
    }
  }

  /// The person's level in a competence: a skill that mostly grows and sometimes fades (skills in
  /// tools are re-judged), seen with a little noise by the person themself.
  mutating func assessedLevel(_ p: Int32, _ competenceID: String, noise: Bool) -> String {
    let index = CompetenceDemo.all.firstIndex { $0.id == competenceID } ?? 0
    let labels = index < CompetenceDemo.local.count ? CompetenceDemo.localLevels : CompetenceDemo.dceLevels
    var skills = competence.skills[p] ?? []
    if skills.isEmpty {
      skills = CompetenceDemo.all.indices.map { i in
        i < CompetenceDemo.local.count
          ? Int8(competence.rng.weighted([0.3, 0.5, 0.2]))
          : Int8(competence.rng.weighted([0.15, 0.35, 0.3, 0.15, 0.05, 0]))
      }
    } else if noise {
      // A year later: growth or fading.
      let step: Int8 = competence.rng.chance(0.35) ? 1 : competence.rng.chance(0.1) ? -1 : 0
      skills[index] = max(0, min(Int8(labels.count - 1), skills[index] + step))
    }
    competence.skills[p] = skills
    var level = Int(skills[index])
    if noise { level += competence.rng.chance(0.2) ? 1 : competence.rng.chance(0.1) ? -1 : 0 }
    return labels[max(0, min(labels.count - 1, level))]
  }

  /// Units' follow-ups of `year`, recorded in January of the next year; about one in eight is missing.
  mutating func followUps(_ year: Int, on day: Int32) {
    let f = UInt8(ascii: "f")
    for u in 0..<Int32(nodes.count) where nodes[Int(u)].kind == .unit && nodes[Int(u)].isOpen {
      guard nodes[Int(u)].schoolForm != nil, nodes[Int(u)].establishedYear <= year,
        competence.rng.chance(0.87)
      else { continue }
      var ratings: [StrategyArea: Int] = [:]
      let base = 1.0 + Double(year - 2012) / 5
      for area in StrategyArea.allCases {
        ratings[area] = max(1, min(4, Int((base + competence.rng.between(-0.8, 0.9)).rounded())))
      }
      emitCompetence(
        f, on: day, .unitFollowUp(unit: nodes[Int(u)].id, year: year, ratings: AreaRatings(ratings)),
        actor: actor(of: u))
    }
  }

  /// Each open board's action plan for the year: three measures for the board, one for a unit,
  /// with their statuses planned ahead (done, cancelled, ongoing past due, never started).
  mutating func actionPlans(on day: Int32) {
    let m = UInt8(ascii: "m")
    let year = CivilDate(daysSinceEpoch: day).year
    let boards = (0..<Int32(nodes.count)).filter { nodes[Int($0)].kind == .board && nodes[Int($0)].isOpen }
    for b in boards {
      let units = (0..<Int32(nodes.count)).filter {
        nodes[Int($0)].kind == .unit && nodes[Int($0)].isOpen && nodes[Int($0)].parent == b
      }
      for k in 0..<4 {
        let scope = k < 3 || units.isEmpty ? b : competence.rng.pick(units)
        let area = StrategyArea.allCases[(competence.measureCount + k) % StrategyArea.allCases.count]
        competence.measureCount += 1
        let id = "hp-\(year)-\(nodes[Int(b)].id)-\(k + 1)"
        let due = k % 2 == 0 ? Self.day(year, 12, 31) : Self.day(year + 1, 6, 30)
        let title = competence.rng.pick(CompetenceDemo.measureTitles[area] ?? ["Åtgärd"])
        emitCompetence(
          m, on: day,
          .measurePlanned(
            measure: id, scope: nodes[Int(scope)].id, area: area, title: title,
            due: CivilDate(daysSinceEpoch: due), responsible: competence.rng.pick(CompetenceDemo.responsible)),
          actor: actor(of: b))
        let start = day + Int32(competence.rng.within(20...90))
        func later(_ when: Int32, _ status: MeasureState) {
          if when <= Self.lastDay {
            scripts[when, default: []].append(.competence(.measureStatus(measure: id, status: status)))
          }
        }
        switch competence.rng.weighted([0.55, 0.1, 0.2, 0.15]) {
        case 0:
          later(start, .pågår)
          later(max(start + 1, due - Int32(competence.rng.within(0...60))), .genomförd)
        case 1:
          later(start, .pågår)
          later(start + Int32(competence.rng.within(30...120)), .inställd)
        case 2: later(start, .pågår)
        default: break
        }
      }
    }
  }
}
