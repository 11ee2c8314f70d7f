import LiggareBasics
import LiggareDomain

/// The HTML sections of contract Part 2: requirements, assessments, follow-up and measures.
extension HTMLReportRenderer {
  func part2Sections() -> String {
    requirementSection() + assessmentSection() + followUpSection() + measureSection()
  }

  func requirementSection() -> String {
    let p = report.part2
    var body =
      "<p>Personal som ett krav gäller (roll och skolform inom kravets omfattning) och hur många som "
      + "når kravnivån: chefens bedömning räknas om den finns, annars självskattningen.</p>\n"
    if p.requirements.isEmpty {
      body += "<p>Inga kompetenskrav gällde vid årets slut.</p>\n"
    }
    for r in p.requirements {
      let rows = r.nodes.map { n -> [Cell] in
        [
          .head(n.name), .num(n.previous.map { F.integer($0.applies) } ?? "–"),
          .num(n.previous.map { F.integer($0.met) } ?? "–"), .num(percent(n.previous?.share)),
          .num(F.integer(n.applies)), .num(F.integer(n.met)), .num(F.integer(n.notAssessed)),
          .num(percent(n.share)),
        ]
      }
      body += table(
        caption: "\(r.requirement.id): \(r.competenceTitle), nivå \(r.requirement.minLevel) eller högre",
        columns: [""] + ReportLabels.requirementColumns(y),
        groups: [RowGroup(heading: nil, rows: rows, firstRowIsTotal: true)])
    }
    return section("kompetenskrav", ReportLabels.requirements, body)
  }

  func assessmentSection() -> String {
    let rows = report.part2.assessments.map { a -> [Cell] in
      [
        .head(a.name), .num(F.integer(a.selfAssessments)), .num(F.integer(a.headAssessments)),
        .num(F.integer(a.selfAssessments + a.headAssessments)),
      ]
    }
    let body = table(
      caption: "Självskattningar och chefsbedömningar daterade \(y)",
      columns: [""] + ReportLabels.assessmentColumns,
      groups: [RowGroup(heading: nil, rows: rows, firstRowIsTotal: true)])
    return section("bedomningar", ReportLabels.assessments, body)
  }

  func followUpSection() -> String {
    let p = report.part2
    let rows = p.followUps.map { f -> [Cell] in
      [.head(f.name)]
        + StrategyArea.allCases.map { a in .num(f.meanByArea[a].map { F.decimal($0, digits: 1) } ?? "–") }
        + [.num(F.integer(f.unitsWithFollowUp)), .num(F.integer(f.missing))]
    }
    var body = table(
      caption: "Medelbetyg per strategiområde \(y) (1 ej påbörjat – 4 en del av vardagen)",
      columns: [""] + ReportLabels.followUpColumns,
      groups: [RowGroup(heading: nil, rows: rows, firstRowIsTotal: true)])
    body += "<h3>\(e(ReportLabels.withoutFollowUp(y)))</h3>\n"
    if p.unitsWithoutFollowUp.isEmpty {
      body += "<p>Alla öppna enheter med skolform har följt upp året.</p>\n"
    } else {
      body += table(
        caption: "Öppna enheter med skolform utan uppföljning för \(y)", columns: ["Enhet", "Nämnd"],
        groups: [
          RowGroup(heading: nil, rows: p.unitsWithoutFollowUp.map { [.head($0.name), .txt($0.boardName)] })
        ])
    }
    return section("uppfoljning", ReportLabels.followUp, body)
  }

  func measureSection() -> String {
    let p = report.part2
    let rows = p.measures.map { m -> [Cell] in
      [.head(m.name)] + m.byStatus.map { .num(F.integer($0)) } + [.num(F.integer(m.overdue))]
    }
    var body = table(
      caption: "Åtgärder per status den 31 december \(y)",
      columns: [""] + ReportLabels.measureColumns,
      groups: [RowGroup(heading: nil, rows: rows, firstRowIsTotal: true)])
    body += "<h3>\(e(ReportLabels.overdueMeasures))</h3>\n"
    if p.overdueMeasures.isEmpty {
      body += "<p>Inga åtgärder var försenade vid årets slut.</p>\n"
    } else {
      body += table(
        caption: "Åtgärder med passerad slutdag som inte är genomförda eller inställda",
        columns: ReportLabels.overdueColumns,
        groups: [
          RowGroup(
            heading: nil,
            rows: p.overdueMeasures.map {
              [
                .head($0.measure.title), .txt($0.scopeName), .txt($0.boardName),
                .txt($0.measure.area.rawValue),
                .date($0.measure.due.description), .txt($0.measure.status.rawValue),
                .txt($0.measure.responsible ?? "–"),
              ]
            })
        ])
    }
    return section("atgarder", ReportLabels.measures, body)
  }
}
