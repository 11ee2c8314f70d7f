public import LiggareBasics
public import LiggareDomain

/// `liggare city`: one row per board (staff, level distribution, share at each city goal, examiners,
/// units without examiner, hours this year) and a row for the whole city.
///
/// Goals: every goal in force whose scope is the city or a node under it, each evaluated over its own
/// scope, as the annual report lists them (the view used to list only the city's own, 2 where the
/// report and `unit` showed 4). The board table has a column for each city-wide goal, since only
/// those apply to every board.
/// Hours are attributed where the work was done (contract decision 8), so a board's row counts the
/// hours of units that were under it on the completion date; hours of people who were not staff on
/// that date belong to no board and are shown on a line of their own.
public struct CityView: Sendable {
  let state: CityState
  let knownAt: Timestamp?
  let names: ViewNames
  /// Nil when no city is established on the date (an empty or young log).
  let figures: ViewFigures?
  let cityID: String?
  let boards: [ViewNodeRow]
  let total: ViewNodeRow?
  /// Goals scoped under the city (boards, units), each at its own scope.
  let goalsBelow: [ViewGoalShare]
  /// Competence requirements, measures and follow-up per board (contract Part 2).
  let competence: CompetenceSection.City?

  /// Reads the whole city; a log without a city gives a view saying so.
  ///
  /// - Parameters:
  ///   - names: person id → name from the person register (possibly empty).
  ///   - knownAt: the moment the knowledge is as of, shown in the header when given.
  public init(state: CityState, names: [String: String], knownAt: Timestamp? = nil) {
    self.state = state
    self.knownAt = knownAt
    self.names = ViewNames(names: names)
    let tree = ViewTree.of(state)
    cityID = tree.cityID
    guard let city = tree.cityID else {
      figures = nil
      boards = []
      total = nil
      goalsBelow = []
      competence = nil
      return
    }
    let inForce = ViewGoals.inForce(state).filter { tree.nodes[$0.scopeID] != nil }
    let goals = inForce.filter { $0.scopeID == city }
    let figures = ViewFigures(state: state, tree: tree, goals: inForce)
    goalsBelow = inForce.filter { $0.scopeID != city }.map { figures.goals.share($0, node: $0.scopeID) }
    self.figures = figures
    boards = figures.childRows(of: city, goals: goals)
    total = figures.row(city, goals: goals)
    competence = CompetenceSection.City(
      state: state, census: figures.census, cityID: city, boards: boards.map(\.id))
  }

  /// The view for the terminal, Swedish, every line at most 100 columns.
  public var text: String {
    guard let figures, let total, let cityID else {
      return [ViewFormat.header(state: state, knownAt: knownAt), "Ingen stad är upprättad."]
        .map { TextTable.fit($0) + "\n" }.joined()
    }
    let tree = figures.tree
    var out = [
      "Stad: \(tree.label(cityID, width: ViewFormat.room(after: "Stad: ")))",
      ViewFormat.header(state: state, knownAt: knownAt), "",
    ]
    out.append(
      "Personal: \(ViewFormat.integer(total.staff)), examinatorer: \(ViewFormat.integer(total.examiners)), "
        + "kurstimmar \(figures.yearStart)–\(state.asOf): \(ViewFormat.hours(total.hours))")
    out += ["", "Mål"]
    out +=
      total.goals.isEmpty && goalsBelow.isEmpty
      ? ["Inga mål gäller."] : ViewNodeRow.goalTable(total.goals + goalsBelow, tree: tree).lines
    out += ["", "Nämnder"]
    out +=
      ViewNodeRow.table(
        boards, total: ("Hela staden", total), nameTitle: "Nämnd", goalCount: total.goals.count,
        examinerless: true, tree: tree
      ).lines
    out.append(
      total.goals.isEmpty
        ? "N0–N5: personal per PIM-nivå. Exam.: examinatorer."
        : "N0–N5: personal per PIM-nivå. M1…: andel på nivån för stadens mål. Exam.: examinatorer.")
    out.append("Utan exam.: enheter med skolform utan examinator. Timmar: kurstimmar i år.")
    let unattributed = figures.activity.unattributed.totalHours
    if unattributed > 0 {
      out.append(
        "Kurstimmar av personer som inte var personal på kursdagen: \(ViewFormat.hours(unattributed))")
    }
    if !total.unitsWithoutExaminer.isEmpty {
      out += ["", "Enheter utan examinator"]
      var table = TextTable(columns: [
        TextTable.Column("Nämnd", truncatable: true), TextTable.Column("Enhet", truncatable: true),
        TextTable.Column("Id"), TextTable.Column("Skolform"),
      ])
      for board in boards {
        for unit in tree.sortedByName(board.unitsWithoutExaminer) {
          table.append([
            tree.name(board.id), tree.name(unit), unit, tree.nodes[unit]?.schoolForm?.rawValue ?? "",
          ])
        }
      }
      out += table.lines
    }
    if let competence { out += competence.lines(state: state, tree: tree) }
    return out.map { TextTable.fit($0) + "\n" }.joined()
  }

  /// The view as JSON (docs/json.md, "city").
  public var json: JSONValue {
    var o = ViewJSON.header(view: "city", state: state, knownAt: knownAt)
    guard let figures, let total, let cityID else {
      o["city"] = .null
      o["hoursPeriod"] = ViewJSON.period(from: CivilDate.startOfYear(state.asOf.year), to: state.asOf)
      o["goals"] = []
      o["goalsBelow"] = []
      o["boards"] = []
      o["total"] = .null
      o["unattributed"] = .null
      o["requirements"] = []
      o["measuresByBoard"] = []
      o["followUpByBoard"] = []
      return .object(o)
    }
    let tree = figures.tree
    o["city"] = ViewJSON.unit(cityID, tree)
    o["hoursPeriod"] = ViewJSON.period(from: figures.yearStart, to: state.asOf)
    o["goals"] = .array(total.goals.map { .object(ViewJSON.goal($0.goal, tree)) })
    o["goalsBelow"] = .array(
      goalsBelow.map { ["goal": .object(ViewJSON.goal($0.goal, tree)), "standing": ViewJSON.standing($0)] })
    o["boards"] = .array(boards.map { $0.json(figures) })
    o["total"] = total.json(figures)
    let unattributed = figures.activity.unattributed
    o["unattributed"] = [
      "levelsAttained": ViewJSON.levelsAttained(unattributed.levelsAttained),
      "hoursThisYear": ViewJSON.hours(unattributed.courseHours),
    ]
    if let competence {
      for (k, v) in competence.json(state: state, tree: tree, names: names) { o[k] = v }
    }
    return .object(o)
  }
}
