import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareReports

/// The figures of the fixture's 2012 report, worked out by hand from the events in ReportFixture.
@Suite struct ReportFigureTests {
  let report: AnnualReport

  init() throws {
    report = try ReportLogBuilder.city().report()
  }

  func unit(_ id: String) throws -> NodeFigures {
    try #require(report.units.first { $0.id == id })
  }

  func board(_ id: String) throws -> NodeFigures {
    try #require(report.boards.first { $0.id == id })
  }

  @Test func cityStaffAndLevels() {
    let city = report.root
    #expect(city.id == "stad")
    // 2011-12-31: p1 L2, p2 L0, p3 L0, p8 L0, p4 L3, p5 L0, p6 L1 (p7 is `annan`).
    #expect(city.previousStaff == 7)
    #expect(city.previousPimLevels == [4, 1, 1, 1, 0, 0])
    // 2012-12-31: p2 has left, p9 joined; p1 L3, p5 L2, p8 L2 (backdated).
    #expect(city.staff == 7)
    #expect(city.pimLevels == [2, 1, 2, 2, 0, 0])
    #expect(city.share(atLeast: 3) == 2.0 / 7.0)
    #expect(city.previousShare(atLeast: 3) == 1.0 / 7.0)
  }

  @Test func boardsFollowTheTreeOfEachYearEnd() throws {
    let norr = try board("n-norr")
    #expect(norr.previousStaff == 4)
    #expect(norr.previousPimLevels == [3, 0, 1, 0, 0, 0])
    #expect(norr.staff == 3)
    #expect(norr.pimLevels == [1, 0, 1, 1, 0, 0])
    let syd = try board("n-syd")
    #expect(syd.previousPimLevels == [1, 1, 0, 1, 0, 0])
    #expect(syd.pimLevels == [1, 1, 1, 1, 0, 0])
    #expect(report.boards.map(\.id) == ["n-norr", "n-syd"])
  }

  @Test func mergedUnitKeepsItsYearButHasNoStaffAtYearEnd() throws {
    let ek = try unit("f-ek")
    #expect(!ek.isOpen)
    #expect(ek.mergedIntoID == "f-sol")
    #expect(ek.previousStaff == 2)
    #expect(ek.staff == 0)
    // p8's course on 2012-03-20 was done at Eken, before the merger.
    #expect(ek.courseHours == [.digitaltInnehåll: 5])
    let sol = try unit("f-sol")
    #expect(sol.staff == 3)
    #expect(sol.pimLevels == [1, 0, 1, 1, 0, 0])
    #expect(report.units.map(\.id) == ["g-berg", "f-ek", "pim", "f-sol"])
  }

  @Test func levelsAttainedDuringTheYear() throws {
    // p1 L3 and p8 L2 at Solrosen, p5 L2 at Bergsskolan, p7 (annan) L1 belongs to no node.
    #expect(report.root.levelsAttained == [1, 2, 1, 0, 0])
    #expect(try board("n-norr").levelsAttained == [0, 1, 1, 0, 0])
    #expect(try unit("f-sol").levelsAttained == [0, 1, 1, 0, 0])
    #expect(try board("n-syd").levelsAttained == [0, 1, 0, 0, 0])
    #expect(report.unattributed?.levelsAttained == [1, 0, 0, 0, 0])
  }

  @Test func courseHoursByAreaWithoutTheRetractedOne() throws {
    // p3 3 h + p4 3 h digital kompetens, p8 5 h digitalt innehåll, p2 4 h (own hours) uppföljning;
    // p5's 5 h were retracted; p7's 3 h are unattributed.
    #expect(report.root.courseHours == [.digitalKompetens: 6, .digitaltInnehåll: 5, .uppföljning: 4])
    #expect(report.root.totalHours == 15)
    #expect(report.root.hoursPerStaff == 15.0 / 7.0)
    #expect(try board("n-norr").courseHours == [.digitalKompetens: 3, .digitaltInnehåll: 5, .uppföljning: 4])
    // p2 left in December but was staff of Solrosen when the course was done.
    #expect(try unit("f-sol").courseHours == [.digitalKompetens: 3, .uppföljning: 4])
    #expect(report.unattributed?.courseHours == [.digitalKompetens: 3])
  }

  @Test func examiners() throws {
    let city = report.root
    #expect(city.previousExaminers == 2)
    #expect(city.examiners == 2)
    #expect(city.examinersAppointed == 1)
    #expect(city.examinersEnded == 1)
    // p3's role moved with the merger to Solrosen and ended there.
    let sol = try unit("f-sol")
    #expect(sol.examinersEnded == 1)
    #expect(sol.examiners == 0)
    #expect(try board("n-norr").previousExaminers == 1)
    #expect(try board("n-syd").examinersAppointed == 1)
    #expect(report.unitsWithoutExaminer.map(\.unitID) == ["f-sol"])
  }

  @Test func goals() throws {
    #expect(report.goals.map(\.goal.id) == ["norr-2012", "mal-2013"])
    let norr = report.goals[0]
    // On the deadline 2012-06-30 Norra nämnden had p1 (L3), p2, p3, p8 (all L0): 1 of 4 at level 2.
    #expect(norr.status.evaluatedOn == CivilDate(parsing: "2012-06-30")!)
    #expect(norr.status.atLevel == 1)
    #expect(norr.status.staff == 4)
    #expect(!norr.status.isMet)
    #expect(norr.deadlinePassed)
    #expect(norr.verdict == "ej uppnått")
    let city = report.goals[1]
    #expect(city.status.atLevel == 2)
    #expect(city.status.staff == 7)
    #expect(city.verdict == "pågår")
    #expect(city.previousAtLevel == 1)
    #expect(report.goalLevels == [2, 3])
    #expect(report.referenceGoal?.id == "mal-2013")
    #expect(report.referenceLevel == 3)
  }

  @Test func unitsFurthestFromTheGoal() {
    // Bergsskolan: gaps 0, 1, 2, 3 → 1.5 per person; Solrosen: 0, 3, 1 → 1.33.
    #expect(report.furthestFromGoal.map(\.unitID) == ["g-berg", "f-sol"])
    #expect(report.furthestFromGoal[0].totalGap == 6)
    #expect(report.furthestFromGoal[0].below == 3)
    #expect(report.furthestFromGoal[1].totalGap == 4)
  }

  @Test func shareOverTheYears() {
    #expect(report.shareByYear.map(\.year) == [2010, 2011, 2012])
    #expect(report.shareByYear.map(\.atLevel) == [0, 1, 2])
    #expect(report.shareByYear.map(\.staff) == [7, 7, 7])
  }

  @Test func summaryIsWrittenFromTheFigures() {
    let text = report.summary.joined(separator: "\n")
    #expect(text.contains("Andelen pedagoger med PIM nivå 3 eller högre ökade från 14\u{A0}% till 29\u{A0}%"))
    #expect(text.contains("lika många som ett år tidigare"))
    #expect(text.contains("uppnåddes inte"))
    #expect(text.contains("En av två enheter saknar examinator: Solrosens förskola."))
    #expect(text.contains("3 kurstimmar och en PIM-nivå avsåg personer"))
  }

  @Test func summaryWordingFollowsOtherFigures() throws {
    // 2011: one examiner appointed (p3 at Eken); Bergsskolan and Solrosen have none; no goal is due.
    let text = try ReportLogBuilder.city().report(year: 2011).summary.joined(separator: "\n")
    #expect(text.contains("ökade från 0\u{A0}% till 14\u{A0}%"))
    #expect(text.contains("Under året förordnades en examinator; vid årets slut fanns två examinatorer."))
    #expect(text.contains("Två av tre enheter saknar examinator: Bergsskolan och Solrosens förskola."))
    #expect(text.contains("är ännu inte uppnått"))
    #expect(!text.contains("uppnåddes inte"))
    #expect(text.contains("Inga kurstimmar registrerades under året."))
  }

  @Test func scopedReportCoversTheNodeAndWhatIsUnderIt() throws {
    let syd = try ReportLogBuilder.city().report(scope: "n-syd")
    #expect(syd.root.id == "n-syd")
    #expect(syd.units.map(\.id) == ["g-berg", "pim"])
    #expect(syd.unattributed == nil)
    #expect(syd.goals.isEmpty)
    // The city goal above lends its level.
    #expect(syd.referenceLevel == 3)
    // 1 of 3 (33 %) to 1 of 4 (25 %): the wording follows the fall.
    #expect(syd.summary[0].contains("minskade från 33\u{A0}% till 25\u{A0}%"))
    #expect(syd.summary[0].contains("en fler än ett år tidigare"))
  }

  @Test func errorsAreSwedish() throws {
    let log = try ReportLogBuilder.city()
    #expect(throws: ReportError.unknownScope("x")) { try log.report(scope: "x") }
    #expect(ReportError.unknownScope("x").description.hasPrefix("okänd enhet \"x\""))
    #expect(throws: ReportError.noData(year: 2005)) { try log.report(year: 2005) }
    let request = ReportRequest(year: 2012, knownAt: log.clock, format: .html)
    #expect(throws: ReportError.headMismatch(expectedSeq: log.chronicle.lastSeq, givenSeq: 3)) {
      try AnnualReport(chronicle: log.chronicle, request: request, head: LogHeadInfo(seq: 3, hash: "x"))
    }
  }
}
