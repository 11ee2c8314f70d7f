import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareReports

/// The annual report and the views read the same projections: at a year end their staff and level
/// figures must agree, per board and for the city, this year and the year before.
@Suite struct ReportMatchesViewsTests {
  @Test(arguments: [2011, 2012])
  func boardsAndCityAgreeWithTheCityView(year: Int) throws {
    let log = try ReportLogBuilder.city()
    let report = try log.report(year: year)
    let k = log.chronicle.lastSeq(knownAt: report.request.knownAt)
    for (date, previous) in [(CivilDate.endOfYear(year), false), (CivilDate.endOfYear(year - 1), true)] {
      let state = CityState(chronicle: log.chronicle, position: .endOf(date), knownAtSeq: k)
      let view = CityView(state: state, names: [:]).json
      guard case .array(let boards)? = view["boards"] else {
        Issue.record("the city view has no boards")
        return
      }
      var viewFigures: [String: (Int, [Int])] = [:]
      for board in boards {
        let id = try #require(board["node"]?["id"]?.stringValue)
        let staff = Int(board["staff"]?.numberValue ?? -1)
        guard case .array(let levels)? = board["levels"] else { continue }
        viewFigures[id] = (staff, levels.map { Int($0.numberValue ?? -1) })
      }
      for figures in report.boards {
        let staff = previous ? figures.previousStaff : figures.staff
        let levels = previous ? figures.previousPimLevels : figures.pimLevels
        guard let fromView = viewFigures[figures.id] else {
          #expect(staff == 0, "\(figures.id) has staff in the report but no row in the view on \(date)")
          continue
        }
        #expect(fromView.0 == staff, "\(figures.id) staff on \(date)")
        #expect(fromView.1 == levels, "\(figures.id) levels on \(date)")
      }
      let total = try #require(view["total"])
      let cityStaff = previous ? report.root.previousStaff : report.root.staff
      #expect(Int(total["staff"]?.numberValue ?? -1) == cityStaff, "city staff on \(date)")
    }
  }
}
