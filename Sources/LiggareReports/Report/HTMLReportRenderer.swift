import LiggareBasics
import LiggareDomain

/// Renders the report as one self-contained HTML file: inline CSS (screen, phone and A4 print),
/// inline SVG charts, no scripts, no network. Every value from the log is escaped.
struct HTMLReportRenderer {
  typealias F = SwedishFormat
  let report: AnnualReport

  /// A table cell: text, whether it heads its row, whether it is a number (right-aligned).
  struct Cell {
    var text: String
    var isRowHeader = false
    var isNumber = false
    var rawHTML = false
    var noWrap = false

    static func head(_ t: String) -> Cell { Cell(text: t, isRowHeader: true) }
    static func num(_ t: String) -> Cell { Cell(text: t, isNumber: true) }
    static func txt(_ t: String) -> Cell { Cell(text: t) }
    static func date(_ t: String) -> Cell { Cell(text: t, noWrap: true) }
  }

  /// A group of rows, optionally under a row-group heading (a board in the unit table).
  struct RowGroup {
    var heading: String?
    var rows: [[Cell]]
    /// Whether the first row is a total of the others (the root above its boards), set in bold.
    var firstRowIsTotal = false
  }

  func e(_ s: String) -> String { HTMLText.escape(s) }

  var y: Int { report.request.year }
  var level: Int { report.referenceLevel }

  func render() -> [UInt8] {
    var h = "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    h += "<meta name=\"liggare-report\" content=\"\(e(report.request.encodedParameters))\">\n"
    h += "<meta name=\"liggare-log-head\" content=\"seq=\(report.head.seq) hash=\(e(report.head.hash))\">\n"
    h += "<title>\(e("\(ReportLabels.title(y)) – kompetensutveckling – \(report.root.name)"))</title>\n"
    h += "<style>\n\(HTMLReportRenderer.css)</style>\n</head>\n<body>\n<main>\n"
    h += header()
    h += summary()
    h += staffSection()
    h += goalSection()
    h += activitySection()
    h += examinerSection()
    h += furthestSection()
    h += unitSection()
    h += part2Sections()
    h += about()
    h += "</main>\n</body>\n</html>\n"
    return Array(h.utf8)
  }

  // MARK: Building blocks

  /// A table in a wrapper that scrolls sideways on a narrow screen; the wrapper is a focusable,
  /// labelled region so the hidden columns can be reached by keyboard. A column header is
  /// right-aligned (`num`) only when every cell of the column is a number; an empty header gets the
  /// text "Organisation" (the column names the city, boards or units).
  func table(caption: String, columns: [String], groups: [RowGroup], note: String? = nil) -> String {
    let rows = groups.flatMap(\.rows)
    var h =
      "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"\(e(caption))\"><table>\n"
      + "<caption>\(e(caption))</caption>\n<thead><tr>"
    for (i, c) in columns.enumerated() {
      let numeric = !rows.isEmpty && rows.allSatisfy { i < $0.count && $0[i].isNumber }
      h +=
        "<th scope=\"col\"\(numeric ? " class=\"num\"" : "")>\(e(c.isEmpty ? ReportLabels.organisation : c))</th>"
    }
    h += "</tr></thead>\n"
    for group in groups {
      h += "<tbody>"
      if let heading = group.heading {
        h +=
          "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"\(columns.count)\">\(e(heading))</th></tr>\n"
      }
      for (r, row) in group.rows.enumerated() {
        h += group.firstRowIsTotal && r == 0 && group.rows.count > 1 ? "<tr class=\"total\">" : "<tr>"
        for cell in row {
          let content = cell.rawHTML ? cell.text : e(cell.text)
          if cell.isRowHeader {
            h += "<th scope=\"row\">\(content)</th>"
          } else {
            let cls = cell.isNumber ? " class=\"num\"" : cell.noWrap ? " class=\"nowrap\"" : ""
            h += "<td\(cls)>\(content)</td>"
          }
        }
        h += "</tr>\n"
      }
      h += "</tbody>\n"
    }
    h += "</table></div>\n"
    if let note { h += "<p class=\"note\">\(e(note))</p>\n" }
    return h
  }

  func section(_ id: String, _ title: String, _ body: String) -> String {
    "<section id=\"\(id)\">\n<h2>\(e(title))</h2>\n\(body)</section>\n"
  }

  /// A chart; on a narrow screen it scrolls sideways, so it can take the keyboard focus.
  func figure(_ svg: String, caption: String) -> String {
    "<figure tabindex=\"0\">\(svg)<figcaption>\(e(caption))</figcaption></figure>\n"
  }

  func percent(_ share: Double?) -> String { share.map(F.percent) ?? "–" }

  func points(_ now: Double?, _ before: Double?) -> String {
    guard let now, let before else { return "–" }
    return F.signedPointsBetween(now, before)
  }

  /// The row of the report root and boards (or just the root) used by the summary tables.
  var overviewRows: [NodeFigures] {
    [report.root] + report.boards.filter { $0.id != report.root.id }
  }

  func nodeLabel(_ n: NodeFigures) -> String {
    guard !n.isOpen, let closed = n.closedOn else { return n.name }
    if let into = n.mergedIntoID {
      let target =
        report.units.first { $0.id == into }?.name ?? report.boards.first { $0.id == into }?.name ?? into
      return "\(n.name) (uppgick i \(target) \(closed))"
    }
    return "\(n.name) (stängd \(closed))"
  }

  // MARK: Sections

  func header() -> String {
    let scopeLine =
      report.root.kind == .city ? "" : "<p class=\"scope\">Omfattning: \(e(report.root.name))</p>\n"
    return """
      <header class="masthead">
      <p class="org">\(e(report.cityName))</p>
      <h1>\(e(ReportLabels.title(y)))<span class="sub">\(e(ReportLabels.subtitle))</span></h1>
      \(scopeLine)<p class="meta">Ställning den \(F.longDate(report.asOf)) jämfört med \
      \(F.longDate(report.previousAsOf)). Underlag: händelseloggen till och med händelse \
      \(F.integer(Int(report.head.seq))), hash <code>\(e(String(report.head.hash.prefix(16))))…</code>, \
      känd per \(e(F.timestamp(report.request.knownAt))).</p>
      </header>

      """
  }

  func summary() -> String {
    let root = report.root
    func card(_ label: String, _ value: String, _ detail: String) -> String {
      "<div class=\"card\"><p class=\"label\">\(e(label))</p><p class=\"value\">\(e(value))</p>"
        + "<p class=\"detail\">\(e(detail))</p></div>"
    }
    var h = "<section id=\"sammanfattning\" class=\"summary\">\n<h2>\(e(ReportLabels.summary))</h2>\n"
    for p in report.summary { h += "<p>\(e(p))</p>\n" }
    h += "<div class=\"cards\">"
    h += card(
      "Personal", F.integer(root.staff),
      "\(F.signedInteger(root.staff - root.previousStaff)) mot \(y - 1)")
    h += card(
      "Nivå \(level) eller högre", percent(root.share(atLeast: level)),
      "\(points(root.share(atLeast: level), root.previousShare(atLeast: level))) procentenheter")
    h += card("Nivåer uppnådda \(y)", F.integer(root.totalLevelsAttained), "PIM-nivåer 1–5")
    h += card(
      "Kurstimmar \(y)", F.hours(root.totalHours),
      root.hoursPerStaff.map { "\(F.decimal($0, digits: 1)) per anställd" } ?? "ingen personal")
    h += card(
      "Examinatorer", F.integer(root.examiners),
      "+\(root.examinersAppointed) förordnade, −\(root.examinersEnded) avslutade")
    h += "</div>\n</section>\n"
    return h
  }

  func staffSection() -> String {
    let rows = overviewRows
    let countColumns = [""] + ReportLabels.staffCount(y)
    let countRows = rows.map { n -> [Cell] in
      [.head(nodeLabel(n)), .num(F.integer(n.previousStaff)), .num(F.integer(n.staff))]
        + n.pimLevels.map { .num(F.integer($0)) }
    }
    let shareColumns = [""] + ReportLabels.shares(report.goalLevels, y)
    let shareRows = rows.map { n -> [Cell] in
      var r: [Cell] = [.head(nodeLabel(n))]
      for l in report.goalLevels {
        r += [
          .num(percent(n.previousShare(atLeast: l))), .num(percent(n.share(atLeast: l))),
          .num(points(n.share(atLeast: l), n.previousShare(atLeast: l))),
        ]
      }
      return r
    }
    let chartRows =
      report.boards.count > 1 || report.units.isEmpty ? rows : [report.root] + report.units.prefix(30)
    var body = figure(
      ReportCharts.levelDistribution(id: "chart-levels", rows: chartRows, year: y),
      caption:
        "Fördelning på PIM-nivåer den \(F.longDate(report.asOf)). Mörkare fält är högre nivåer; nivå 0 är "
        + "streckad.")
    body += table(
      caption: "Personal den 31 december \(y - 1) och \(y), och antal per PIM-nivå \(y)",
      columns: countColumns, groups: [RowGroup(heading: nil, rows: countRows, firstRowIsTotal: true)],
      note: "Personal räknas per nämnd enligt organisationen vid respektive årsskifte.")
    body += table(
      caption: "Andel av personalen på målnivåerna, \(y) jämfört med \(y - 1)",
      columns: shareColumns, groups: [RowGroup(heading: nil, rows: shareRows, firstRowIsTotal: true)],
      note: "Förändring i procentenheter (p.e.).")
    return section("personal", ReportLabels.staff, body)
  }

  func goalSection() -> String {
    var body = ""
    if report.goals.isEmpty {
      body += "<p>Inga mål gällde för \(e(report.root.name)) vid årets slut.</p>\n"
    } else {
      let rows = report.goals.map { g -> [Cell] in
        [
          .head(g.what), .txt(g.scopeName), .date(g.status.evaluatedOn.description),
          .num(percent(g.previousShare)), .num(F.percent(g.status.share)),
          .num("\(F.integer(g.status.atLevel)) av \(F.integer(g.status.staff))"), .txt(g.verdict),
        ]
      }
      body += table(
        caption:
          "Mål och måluppfyllelse (andel på målnivå vid slutdagen eller vid årets slut om slutdagen är senare)",
        columns: ReportLabels.goalColumns(y), groups: [RowGroup(heading: nil, rows: rows)])
    }
    let target = report.referenceGoal?.targetShare
    body += figure(
      ReportCharts.shareOverYears(
        id: "chart-years", points: report.shareByYear, level: level, target: target, subject: report.root.name
      ),
      caption:
        "Andel av personalen i \(report.root.name) med \(ReportSummary.levelPhrase(level)) den 31 december "
        + "varje år" + (target == nil ? "." : "; streckad linje visar målet."))
    return section("mal", ReportLabels.goals, body)
  }

  func activitySection() -> String {
    let rows = overviewRows
    var levelRows = rows.map { n -> [Cell] in
      [.head(nodeLabel(n))] + n.levelsAttained.map { .num(F.integer($0)) } + [
        .num(F.integer(n.totalLevelsAttained))
      ]
    }
    var hourRows = rows.map { n -> [Cell] in
      [.head(nodeLabel(n))] + StrategyArea.allCases.map { .num(F.hours(n.courseHours[$0] ?? 0)) }
        + [.num(F.hours(n.totalHours)), .num(n.hoursPerStaff.map { F.decimal($0, digits: 1) } ?? "–")]
    }
    if let u = report.unattributed {
      let label = ReportLabels.unattributed
      levelRows.append(
        [.head(label)] + u.levelsAttained.map { .num(F.integer($0)) } + [
          .num(F.integer(u.levelsAttained.reduce(0, +)))
        ])
      hourRows.append(
        [.head(label)] + StrategyArea.allCases.map { .num(F.hours(u.courseHours[$0] ?? 0)) }
          + [.num(F.hours(u.totalHours)), .num("–")])
    }
    var body = table(
      caption: "PIM-nivåer uppnådda under \(y), per nivå",
      columns: [""] + ReportLabels.levelsAttained,
      groups: [RowGroup(heading: nil, rows: levelRows, firstRowIsTotal: true)],
      note: report.unattributed == nil
        ? "Nivåer räknas där personen var anställd den dag nivån uppnåddes."
        : "Nivåer räknas där personen var anställd den dag nivån uppnåddes. Stadens siffra omfattar alla nivåer "
          + "under året, även de som inte kan knytas till någon enhet.")
    body += figure(
      ReportCharts.hoursByArea(id: "chart-hours", hours: report.root.courseHours, year: y),
      caption: "Kurstimmar under \(y) per område i IT-strategin, \(report.root.name).")
    body += table(
      caption: "Kurstimmar under \(y) per strategiområde",
      columns: [""] + ReportLabels.hours,
      groups: [RowGroup(heading: nil, rows: hourRows, firstRowIsTotal: true)],
      note:
        "Timmar räknas där personen var anställd den dag kursen avslutades; per anställd avser personalen vid "
        + "årets slut. Timmar för personer utan pedagogisk anställning den dagen redovisas på egen rad.")
    return section("aret", ReportLabels.year, body)
  }

  func examinerSection() -> String {
    let rows = overviewRows.map { n -> [Cell] in
      [
        .head(nodeLabel(n)), .num(F.integer(n.previousExaminers)), .num(F.integer(n.examinersAppointed)),
        .num(F.integer(n.examinersEnded)), .num(F.integer(n.examiners)),
      ]
    }
    var body = table(
      caption: "PIM-examinatorer",
      columns: [""] + ReportLabels.examinerColumns(y),
      groups: [RowGroup(heading: nil, rows: rows, firstRowIsTotal: true)])
    let missing = report.unitsWithoutExaminer
    body += "<h3>\(e(ReportLabels.withoutExaminer))</h3>\n"
    if missing.isEmpty {
      body += "<p>Alla öppna enheter med skolform har minst en examinator.</p>\n"
    } else {
      body += table(
        caption: "Öppna enheter med skolform utan examinator den 31 december \(y)",
        columns: ReportLabels.withoutExaminerColumns,
        groups: [
          RowGroup(
            heading: nil,
            rows: missing.map {
              [.head($0.name), .txt($0.boardName), .txt($0.schoolForm.rawValue), .num(F.integer($0.staff))]
            })
        ])
    }
    return section("examinatorer", ReportLabels.examiners, body)
  }

  func furthestSection() -> String {
    var body =
      "<p>Enheterna rangordnas efter genomsnittligt antal nivåer som personalen har kvar till nivå \(level) "
      + "(gapet per person är målnivån minus personens nivå, när det är positivt).</p>\n"
    if report.furthestFromGoal.isEmpty {
      body += "<p>Ingen enhet har personal under nivå \(level).</p>\n"
    } else {
      body += table(
        caption: "Enheter längst från nivå \(level) den 31 december \(y)",
        columns: ReportLabels.furthestColumns(level),
        groups: [
          RowGroup(
            heading: nil,
            rows: report.furthestFromGoal.map {
              [
                .head($0.name), .txt($0.boardName), .num(F.integer($0.staff)), .num(F.integer($0.below)),
                .num(F.percent($0.shareAtLevel)), .num(F.decimal($0.averageGap, digits: 1)),
              ]
            })
        ])
    }
    return section("langst-fran-malet", ReportLabels.furthest, body)
  }

  func unitSection() -> String {
    let columns = ["Enhet", "Skolform"] + ReportLabels.unitFigures(y, level: level)
    func row(_ u: NodeFigures) -> [Cell] {
      [
        .head(nodeLabel(u)), .txt(u.schoolForm?.rawValue ?? "–"), .num(F.integer(u.previousStaff)),
        .num(F.integer(u.staff)), .num(percent(u.previousShare(atLeast: level))),
        .num(percent(u.share(atLeast: level))),
        .num(points(u.share(atLeast: level), u.previousShare(atLeast: level))),
        .num(F.integer(u.totalLevelsAttained)), .num(F.hours(u.totalHours)),
        .num(u.hoursPerStaff.map { F.decimal($0, digits: 1) } ?? "–"), .num(F.integer(u.examiners)),
      ]
    }
    var groups: [RowGroup] = []
    var placed = Set<String>()
    for board in report.boards {
      let members = report.units.filter { $0.parentID == board.id }
      guard !members.isEmpty else { continue }
      members.forEach { placed.insert($0.id) }
      groups.append(RowGroup(heading: nodeLabel(board), rows: members.map(row)))
    }
    let rest = report.units.filter { !placed.contains($0.id) }
    if !rest.isEmpty {
      groups.append(RowGroup(heading: report.boards.isEmpty ? nil : "Övriga enheter", rows: rest.map(row)))
    }
    guard !groups.isEmpty else { return "" }
    return section(
      "enheter", ReportLabels.units,
      table(
        caption: "Enheter per nämnd, \(y) jämfört med \(y - 1)", columns: columns, groups: groups,
        note: "Enheter som stängdes eller slogs samman under året visas med sina siffror fram till dess."))
  }

  func about() -> String {
    let r = report.request
    var command = "liggare report --year \(r.year) --known-at \(r.knownAt)"
    if let scope = r.scope { command += " --scope \(ReportShell.quoted(scope))" }
    command += " --format html"
    return """
      <footer class="about">
      <h2>\(e(ReportLabels.about))</h2>
      <p>Siffrorna är beräknade ur händelseloggen så som den var känd \(e(F.timestamp(r.knownAt))): \
      händelser registrerade senare, även bakåtdaterade rättelser, påverkar inte rapporten. Personal är \
      personer med en pedagogisk roll (inte ”annan”) vid årets slut; en persons PIM-nivå är den högsta \
      uppnådda. Mål bedöms vid slutdagen, eller vid årets slut om slutdagen är senare.</p>
      <dl>
      <dt>Loggens huvud</dt><dd>händelse \(report.head.seq), hash <code>\(e(report.head.hash))</code></dd>
      <dt>Känd per</dt><dd>\(e(F.timestamp(r.knownAt)))</dd>
      <dt>Återskapa</dt><dd><code>\(e(command))</code></dd>
      <dt>Kontrollera</dt><dd><code>liggare report --verify FIL</code> räknar om rapporten och jämför byte för byte.</dd>
      </dl>
      </footer>

      """
  }

  // MARK: Style

  static let css = """
    :root { --ink: #1c2733; --muted: #5b6672; --line: #d5dae1; --accent: #1f4e8c; --paper: #ffffff;
      --wash: #f2f5f9; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; background: #e9edf2; color: var(--ink);
      font: 15px/1.5 "Source Sans 3", "Source Sans Pro", "Segoe UI", system-ui, -apple-system, Roboto,
        "Helvetica Neue", Arial, sans-serif; }
    main { max-width: 60rem; margin: 0 auto; background: var(--paper); padding: 0 2.5rem 2rem; }
    .masthead { margin: 0 -2.5rem; padding: 2rem 2.5rem 1.5rem; background: var(--accent); color: #fff; }
    .masthead .org { margin: 0; font-size: 0.95rem; letter-spacing: 0.06em; text-transform: uppercase;
      opacity: 0.9; }
    .masthead h1 { margin: 0.2rem 0 0.6rem; font-size: 2.1rem; line-height: 1.15; font-weight: 700; }
    .masthead h1 .sub { display: block; font-size: 1.1rem; font-weight: 400; opacity: 0.92; }
    .masthead .scope { margin: 0 0 0.4rem; font-weight: 600; }
    .masthead .meta { margin: 0; font-size: 0.85rem; opacity: 0.92; }
    .masthead code { color: #fff; white-space: nowrap; word-break: normal; }
    h2 { font-size: 1.35rem; margin: 2rem 0 0.8rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--accent);
      color: var(--accent); }
    h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
    .summary { margin-top: 1.5rem; padding: 0.2rem 1.4rem 1.2rem; background: var(--wash);
      border-left: 5px solid var(--accent); }
    .summary h2 { border: 0; margin-top: 1rem; }
    .summary p { margin: 0 0 0.7rem; max-width: 46rem; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: 0.7rem;
      margin-top: 1rem; }
    .card { background: #fff; border: 1px solid var(--line); padding: 0.6rem 0.8rem; }
    .card p { margin: 0; }
    .card .label { font-size: 0.8rem; color: var(--muted); }
    .card .value { font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; }
    .card .detail { font-size: 0.8rem; color: var(--muted); }
    figure { margin: 1rem 0 1.4rem; }
    figcaption { font-size: 0.85rem; color: var(--muted); margin-top: 0.3rem; }
    svg.chart { width: 100%; height: auto; display: block; }
    figure { overflow-x: auto; }
    .table-wrap { overflow-x: auto; margin: 0.8rem 0; }
    table { border-collapse: collapse; width: 100%; font-size: 0.88rem; font-variant-numeric: tabular-nums; }
    caption { text-align: left; font-weight: 600; padding-bottom: 0.4rem; }
    th, td { padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    thead th { border-bottom: 2px solid var(--ink); font-weight: 600; text-align: left; }
    th.num, td.num { text-align: right; }
    td.num, td.nowrap { white-space: nowrap; }
    thead th { font-size: 0.82rem; line-height: 1.25; vertical-align: bottom; }
    tbody th[scope="row"] { text-align: left; font-weight: 500; }
    tr.group th { background: var(--wash); text-align: left; font-weight: 700; }
    tr.total th, tr.total td { font-weight: 700; }
    .table-wrap:focus-visible, figure:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
    .note { font-size: 0.82rem; color: var(--muted); margin-top: -0.3rem; }
    code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85em;
      word-break: break-all; }
    .about { margin-top: 2.5rem; font-size: 0.85rem; color: var(--muted); }
    .about h2 { font-size: 1.05rem; }
    .about dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
    .about dt { font-weight: 600; color: var(--ink); }
    .about dd { margin: 0; }
    @media (max-width: 40rem) {
      body { font-size: 14px; }
      main { padding: 0 1rem 1.5rem; }
      .masthead { margin: 0 -1rem; padding: 1.4rem 1rem 1.1rem; }
      .masthead h1 { font-size: 1.6rem; }
      .summary { padding: 0.1rem 0.9rem 0.9rem; }
      .about dl { grid-template-columns: 1fr; }
      svg.chart { min-width: 500px; }
      caption { max-width: calc(100vw - 2rem); }
      th, td { padding: 0.3rem 0.35rem; }
    }
    @media print {
      @page { size: A4; margin: 16mm 14mm 18mm; }
      body { background: #fff; font-size: 10pt; }
      main { max-width: none; padding: 0; }
      .masthead { margin: 0 0 1rem; padding: 0 0 0.6rem; background: none; color: var(--ink);
        border-bottom: 3px solid var(--ink); }
      .masthead code { color: var(--ink); }
      h2 { color: var(--ink); border-color: var(--ink); }
      section.summary { background: none; border-left: 3pt solid var(--ink); }
      h2, h3, caption, tr.group { break-after: avoid; }
      h2 { margin-top: 1.4rem; }
      figure, .cards { break-inside: avoid-page; }
      .cards { grid-template-columns: repeat(5, 1fr); gap: 0.4rem; }
      .card .value { font-size: 1.3rem; }
      .table-wrap { overflow: visible; margin: 0.5rem 0; }
      table { font-size: 7.5pt; }
      th, td { padding: 0.15rem 0.25rem; }
      thead th { font-size: 7pt; hyphens: auto; overflow-wrap: break-word; }
      tbody th[scope="row"] { overflow-wrap: break-word; }
      tr, th, td { break-inside: avoid; }
      thead { display: table-header-group; }
      /* A table of fewer than 25 rows moves whole to the next page rather than leave its caption
         and head alone at the foot of one (seen at city scale); longer ones break between rows. */
      .table-wrap:not(:has(tbody tr:nth-child(25))) { break-inside: avoid-page; }
    }

    """
}
