import LiggareBasics
import LiggareDemo
import LiggareDomain
import Testing

/// The demo city's Part 2 (issue 14): the frameworks, requirements, assessments, follow-ups and
/// action plans the issue asks for are really in the stream, in the years it names.
@Suite struct DemoCompetenceTests {
  @Test(arguments: [UInt64(2011), 424_242])
  func smallCityHasPartTwoStories(seed: UInt64) throws {
    let log = try DemoLog.small(seed: seed)
    let drafts = log.drafts

    // Frameworks: the local list from 2017 (three tools), DigCompEdu from 2019 (22, A1–C2).
    var frameworks: [String: (levels: [String], year: Int)] = [:]
    var competences: [String: [String]] = [:]
    for d in drafts {
      switch d.payload {
      case .frameworkDefined(let id, _, let levels): frameworks[id] = (levels, d.occurredOn.year)
      case .competenceDefined(let id, let framework, _, _): competences[framework, default: []].append(id)
      default: break
      }
    }
    #expect(frameworks["digcompedu"]?.levels == ["A1", "A2", "B1", "B2", "C1", "C2"])
    #expect(frameworks["digcompedu"]?.year == 2019)
    #expect(frameworks["lokal"]?.year == 2017)
    #expect(Set(competences["digcompedu"] ?? []).count == 22)
    #expect(Set(competences["lokal"] ?? []) == ["lokal-office365", "lokal-skolplattform", "lokal-narvaro"])

    // Requirements by role and by school form, some replaced or ended later.
    let requirements = drafts.compactMap { d -> ([StaffRole]?, [SchoolForm]?)? in
      if case .requirementSet(_, _, _, _, let roles, let forms) = d.payload { (roles, forms) } else { nil }
    }
    #expect(requirements.contains { $0.0 != nil })
    #expect(requirements.contains { $0.1 != nil })
    #expect(drafts.contains { if case .requirementEnded = $0.payload { true } else { false } })

    // Self-assessments from most staff every year from 2019; head assessments for some, in some years.
    var yearsWithHeadAssessments = 0
    for year in 2019...2025 {
      var selfAssessed: Set<String> = []
      var headAssessed: Set<String> = []
      for d in drafts where d.occurredOn.year == year {
        if case .competenceAssessed(let person, _, _, let method, _) = d.payload {
          if method == .self { selfAssessed.insert(person) } else { headAssessed.insert(person) }
        }
      }
      let staff = Census(log.state(asOf: "\(year)-12-31")).share(of: "stad", atLeast: 1).staff
      #expect(Double(selfAssessed.count) > 0.5 * Double(staff), "\(year): \(selfAssessed.count) of \(staff)")
      if !headAssessed.isEmpty { yearsWithHeadAssessments += 1 }
      #expect(headAssessed.count < selfAssessed.count)
    }
    #expect(yearsWithHeadAssessments >= 3)

    // Units' yearly follow-ups from 2012, with some missing.
    var followUpsByYear: [Int: Set<String>] = [:]
    for d in drafts {
      if case .unitFollowUp(let unit, let year, _) = d.payload {
        followUpsByYear[year, default: []].insert(unit)
      }
    }
    #expect(followUpsByYear.keys.min() == 2012)
    for year in 2012...2024 {
      let state = log.state(asOf: "\(year)-12-31")
      let units = state.allUnits.filter { $0.kind == .unit && $0.isOpen }.map(\.id)
      let done = followUpsByYear[year, default: []]
      #expect(!done.isEmpty, "\(year)")
      #expect(units.contains { !done.contains($0) }, "\(year): no unit without a follow-up")
    }

    // Every board's action plan has measures; some done, some ongoing, some overdue (due and not
    // finished by the end of the stream).
    var measureScope: [String: String] = [:]
    var due: [String: CivilDate] = [:]
    var status: [String: MeasureState] = [:]
    for d in drafts {
      switch d.payload {
      case .measurePlanned(let m, let scope, _, _, let date, _):
        measureScope[m] = scope
        due[m] = date
      case .measureStatus(let m, let s): status[m] = s
      default: break
      }
    }
    let end = log.state(asOf: "2025-12-31")
    let boards = end.allUnits.filter { $0.kind == .board && $0.isOpen }.map(\.id)
    #expect(!boards.isEmpty)
    for board in boards { #expect(measureScope.values.contains(board), "\(board) has no measure") }
    #expect(status.values.contains(.genomförd))
    #expect(status.values.contains(.pågår))
    let lastDay = drafts.map(\.occurredOn).max()!
    let overdue = due.filter { $0.value < lastDay && !(status[$0.key]?.isFinal ?? false) }
    #expect(!overdue.isEmpty)
  }
}
