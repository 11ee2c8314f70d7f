import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareReports

extension ReportLogBuilder {
  /// The report fixture city with contract Part 2 added (recorded after it): a requirement for
  /// preschools and one for teachers in n-syd, assessments (a later lower one replacing a higher
  /// one, a head's), a follow-up of 2012 recorded in January 2013, and three measures, one of them
  /// scoped to the merged unit f-ek.
  static func cityWithPart2() throws -> ReportLogBuilder {
    var log = try ReportLogBuilder.city()
    try log.append(
      .frameworkDefined(framework: "dce", title: "DigCompEdu", levels: ["A1", "A2", "B1", "B2", "C1", "C2"]),
      on: "2011-01-01")
    try log.append(
      .competenceDefined(
        competence: "k1", framework: "dce", title: "Digitala resurser", area: .digitaltInnehåll),
      on: "2011-01-01")
    try log.append(
      .requirementSet(
        requirement: "r1", competence: "k1", minLevel: "B1", scope: "stad", roles: nil,
        schoolForms: [.förskola]),
      on: "2011-06-01")
    try log.append(
      .requirementSet(
        requirement: "r2", competence: "k1", minLevel: "A2", scope: "n-syd", roles: [.lärare],
        schoolForms: nil),
      on: "2012-01-15")
    func assess(_ p: String, _ level: String, _ date: String, head: String? = nil) throws {
      try log.append(
        .competenceAssessed(
          person: p, competence: "k1", level: level, method: head == nil ? .self : .head, assessor: head),
        on: date)
    }
    try assess("p1", "B2", "2011-09-01")
    try assess("p1", "A2", "2012-03-01")
    try assess("p3", "B1", "2012-02-01")
    try assess("p4", "A2", "2012-05-01", head: "p6")
    try log.append(
      .measurePlanned(
        measure: "m1", scope: "n-norr", area: .infrastruktur, title: "Trådlöst nät i förskolorna",
        due: CivilDate(parsing: "2012-06-30")!, responsible: "IT-strateg"),
      on: "2012-01-10")
    try log.append(
      .measurePlanned(
        measure: "m3", scope: "f-ek", area: .digitalKompetens, title: "IKT-ombud",
        due: CivilDate(parsing: "2013-06-30")!,
        responsible: nil),
      on: "2012-01-10")
    try log.append(
      .measurePlanned(
        measure: "m2", scope: "g-berg", area: .uppföljning, title: "Enkät till vårdnadshavare",
        due: CivilDate(parsing: "2012-12-31")!, responsible: "rektorsgruppen"),
      on: "2012-01-10")
    try log.append(.measureStatus(measure: "m1", status: .pågår), on: "2012-02-01")
    try log.append(.measureStatus(measure: "m2", status: .genomförd), on: "2012-11-01")
    var ratings = Dictionary(uniqueKeysWithValues: StrategyArea.allCases.map { ($0, 2) })
    ratings[.infrastruktur] = 4
    try log.append(.unitFollowUp(unit: "f-sol", year: 2012, ratings: AreaRatings(ratings)), on: "2013-01-15")
    return log
  }
}

@Suite struct ReportPart2Tests {
  @Test func requirementsBesideTheYearBefore() throws {
    let p = try ReportLogBuilder.cityWithPart2().report().part2
    #expect(p.requirements.map(\.requirement.id) == ["r1", "r2"])
    let r1 = try #require(p.requirements.first)
    let city = try #require(r1.nodes.first { $0.nodeID == "stad" })
    // f-sol at 2012-12-31: p1 (A2 since March: below), p3 (B1: met), p8 (not assessed).
    #expect((city.applies, city.met, city.notAssessed) == (3, 1, 1))
    // 2011-12-31: p1 (B2: met), p2, p3, p8 not assessed; the tree of that date (f-ek still open).
    #expect(city.previous == .init(applies: 4, met: 1, notAssessed: 3))
    #expect(r1.nodes.contains { $0.nodeID == "f-ek" && $0.applies == 0 && $0.previous?.applies == 2 })
    #expect(!r1.nodes.contains { $0.nodeID == "g-berg" })
    let r2 = try #require(p.requirements.last?.nodes.first { $0.nodeID == "n-syd" })
    #expect((r2.applies, r2.met, r2.notAssessed) == (2, 1, 1))
    #expect(r2.previous == nil)
  }

  @Test func assessmentsFollowUpAndMeasures() throws {
    let p = try ReportLogBuilder.cityWithPart2().report().part2
    let byNode = Dictionary(uniqueKeysWithValues: p.assessments.map { ($0.nodeID, $0) })
    #expect(byNode["stad"].map { ($0.selfAssessments, $0.headAssessments) } ?? (0, 0) == (2, 1))
    #expect(byNode["n-norr"]?.selfAssessments == 2)
    #expect(byNode["f-ek"]?.selfAssessments == 1)
    #expect(byNode["n-syd"]?.headAssessments == 1)
    let city = try #require(p.followUps.first)
    #expect(city.meanByArea[.infrastruktur] == 4)
    #expect(city.unitsWithFollowUp == 1)
    #expect(p.unitsWithoutFollowUp.map(\.unitID) == ["g-berg"])
    let measures = Dictionary(uniqueKeysWithValues: p.measures.map { ($0.nodeID, $0) })
    // planerad, pågår, genomförd, inställd: m3 (scoped to the merged f-ek) still counts for n-norr.
    #expect(measures["n-norr"]?.byStatus == [1, 1, 0, 0])
    #expect(measures["n-norr"]?.overdue == 1)
    #expect(measures["n-syd"]?.byStatus == [0, 0, 1, 0])
    #expect(measures["stad"]?.byStatus == [1, 1, 1, 0])
    #expect(p.overdueMeasures.map(\.measure.id) == ["m1"])
  }

  @Test func theFollowUpRecordedInJanuaryCountsOnlyOnceKnown() throws {
    let log = try ReportLogBuilder.cityWithPart2()
    let before = try log.report(knownAt: Timestamp(microseconds: log.clock.microseconds - 1)).part2
    #expect(before.followUps.first?.unitsWithFollowUp == 0)
    #expect(before.unitsWithoutFollowUp.map(\.unitID) == ["f-sol", "g-berg"])
  }

  @Test(arguments: [ReportFormat.html, .md, .csv, .json])
  func everyFormatShowsTheSectionsAndIsReproducible(format: ReportFormat) throws {
    let log = try ReportLogBuilder.cityWithPart2()
    let a = try log.report(format: format).rendered()
    let b = try log.report(format: format).rendered()
    #expect(a == b)
    let text = String(decoding: a, as: UTF8.self)
    for needle in format == .json
      ? ["overdueMeasures", "Trådlöst nät i förskolorna", "unitsWithoutFollowUp"]
      : ["Kompetenskrav", "Trådlöst nät i förskolorna", "Bergsskolan"]
    {
      #expect(text.contains(needle), "\(format) lacks \(needle)")
    }
    // The same knownAt gives the same bytes after more events.
    var later = log
    try later.append(.measureStatus(measure: "m1", status: .genomförd), on: "2013-02-01")
    let k = log.clock
    #expect(try later.report(knownAt: k, format: format).rendered() == a)
  }

  @Test func goldenPart2() throws {
    let report = try ReportLogBuilder.cityWithPart2().report(format: .md)
    try Golden.check(report.rendered(), name: "annual-2012-part2.md")
    let json = try ReportLogBuilder.cityWithPart2().report(format: .json)
    try Golden.check(json.rendered(), name: "annual-2012-part2.json")
  }
}
