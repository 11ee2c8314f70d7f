import LiggareBasics
import LiggareDomain

/// Renders the report as Markdown for pasting into document templates: headings, paragraphs and
/// pipe tables, with the parameters in an HTML comment on the first line.
struct MarkdownReportRenderer {
  typealias F = SwedishFormat
  let report: AnnualReport

  var y: Int { report.request.year }
  var level: Int { report.referenceLevel }

  /// Backslash-escapes the characters Markdown would read as markup (and `|`, which ends a cell),
  /// and turns line breaks into spaces so a value never breaks a table row.
  static func escape(_ text: String) -> String {
    var out = ""
    for c in text {
      switch c {
      case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "&", "~", "#":
        out.append("\\")
        out.append(c)
      case "\n", "\r", "\r\n": out.append(" ")
      default: out.append(c)
      }
    }
    return out
  }

  func e(_ s: String) -> String { MarkdownReportRenderer.escape(s) }

  /// A pipe table; columns from `numericFrom` on are right-aligned, except those in `text`.
  func table(_ columns: [String], _ rows: [[String]], numericFrom: Int = 1, text: Set<Int> = []) -> String {
    let columns = columns.map { $0.isEmpty ? ReportLabels.organisation : $0 }
    var out = "| " + columns.map(e).joined(separator: " | ") + " |\n"
    out +=
      "|" + columns.indices.map { $0 >= numericFrom && !text.contains($0) ? " ---: |" : " --- |" }.joined()
      + "\n"
    for row in rows { out += "| " + row.map(e).joined(separator: " | ") + " |\n" }
    return out + "\n"
  }

  func percent(_ share: Double?) -> String { share.map(F.percent) ?? "–" }

  func points(_ now: Double?, _ before: Double?) -> String {
    guard let now, let before else { return "–" }
    return F.signedPointsBetween(now, before)
  }

  var overviewRows: [NodeFigures] { [report.root] + report.boards.filter { $0.id != report.root.id } }

  func label(_ n: NodeFigures) -> String {
    guard !n.isOpen, let closed = n.closedOn else { return n.name }
    if let into = n.mergedIntoID {
      let target = report.units.first { $0.id == into }?.name ?? into
      return "\(n.name) (uppgick i \(target) \(closed))"
    }
    return "\(n.name) (stängd \(closed))"
  }

  /// The sections of contract Part 2.
  func part2() -> String {
    let p = report.part2
    var md = "## \(ReportLabels.requirements)\n\n"
    if p.requirements.isEmpty {
      md += "Inga kompetenskrav gällde vid årets slut.\n\n"
    }
    for r in p.requirements {
      md +=
        "### \(e(r.requirement.id)): \(e(r.competenceTitle)), nivå \(e(r.requirement.minLevel)) eller högre\n\n"
      md += table(
        [""] + ReportLabels.requirementColumns(y),
        r.nodes.map { n in
          [
            n.name, n.previous.map { F.integer($0.applies) } ?? "–",
            n.previous.map { F.integer($0.met) } ?? "–",
            percent(n.previous?.share), F.integer(n.applies), F.integer(n.met), F.integer(n.notAssessed),
            percent(n.share),
          ]
        })
    }
    md += "## \(ReportLabels.assessments)\n\n"
    md += "Självskattningar och chefsbedömningar daterade \(y):\n\n"
    md += table(
      [""] + ReportLabels.assessmentColumns,
      p.assessments.map {
        [
          $0.name, F.integer($0.selfAssessments), F.integer($0.headAssessments),
          F.integer($0.selfAssessments + $0.headAssessments),
        ]
      })
    md += "## \(ReportLabels.followUp)\n\n"
    md +=
      "Medelbetyg per strategiområde (1 ej påbörjat – 4 en del av vardagen) över de öppna enheter som följt upp året:\n\n"
    md += table(
      [""] + ReportLabels.followUpColumns,
      p.followUps.map { f in
        [f.name] + StrategyArea.allCases.map { a in f.meanByArea[a].map { F.decimal($0, digits: 1) } ?? "–" }
          + [F.integer(f.unitsWithFollowUp), F.integer(f.missing)]
      })
    md += "### \(ReportLabels.withoutFollowUp(y))\n\n"
    if p.unitsWithoutFollowUp.isEmpty {
      md += "Alla öppna enheter med skolform har följt upp året.\n\n"
    } else {
      md += table(
        ["Enhet", "Nämnd"], p.unitsWithoutFollowUp.map { [$0.name, $0.boardName] }, numericFrom: 2)
    }
    md += "## \(ReportLabels.measures)\n\n"
    md += "Status den \(F.longDate(report.asOf)):\n\n"
    md += table(
      [""] + ReportLabels.measureColumns,
      p.measures.map { [$0.name] + $0.byStatus.map(F.integer) + [F.integer($0.overdue)] })
    md += "### \(ReportLabels.overdueMeasures)\n\n"
    if p.overdueMeasures.isEmpty {
      md += "Inga åtgärder var försenade vid årets slut.\n\n"
    } else {
      md += table(
        ReportLabels.overdueColumns,
        p.overdueMeasures.map {
          [
            $0.measure.title, $0.scopeName, $0.boardName, $0.measure.area.rawValue,
            $0.measure.due.description,
            $0.measure.status.rawValue, $0.measure.responsible ?? "–",
          ]
        }, numericFrom: 7)
    }
    return md
  }

  func render() -> [UInt8] {
    let r = report
    var md = "<!-- liggare-report \(r.request.encodedParameters) -->\n\n"
    md += "# \(ReportLabels.title(y)) – \(ReportLabels.subtitleInline)\n\n"
    md += "**\(e(r.cityName))**" + (r.root.kind == .city ? "" : " · Omfattning: \(e(r.root.name))") + "\n\n"
    md += "Ställning den \(F.longDate(r.asOf)) jämfört med \(F.longDate(r.previousAsOf)). Underlag: "
    md += "händelseloggen till och med händelse \(r.head.seq) (hash `\(r.head.hash)`), "
    md += "känd per \(F.timestamp(r.request.knownAt)).\n\n"

    md += "## \(ReportLabels.summary)\n\n"
    for p in r.summary { md += e(p) + "\n\n" }

    md += "## \(ReportLabels.staff)\n\n"
    let columns = [""] + ReportLabels.staffCount(y) + ReportLabels.shares(r.goalLevels, y)
    md += table(
      columns,
      overviewRows.map { n in
        [label(n), F.integer(n.previousStaff), F.integer(n.staff)] + n.pimLevels.map(F.integer)
          + r.goalLevels.flatMap { l in
            [
              percent(n.previousShare(atLeast: l)), percent(n.share(atLeast: l)),
              points(n.share(atLeast: l), n.previousShare(atLeast: l)),
            ]
          }
      })

    md += "## \(ReportLabels.goals)\n\n"
    if r.goals.isEmpty {
      md += "Inga mål gällde för \(e(r.root.name)) vid årets slut.\n\n"
    } else {
      md += table(
        ReportLabels.goalColumns(y),
        r.goals.map { g in
          [
            g.what, g.scopeName, g.status.evaluatedOn.description, percent(g.previousShare),
            F.percent(g.status.share), "\(F.integer(g.status.atLevel)) av \(F.integer(g.status.staff))",
            g.verdict,
          ]
        }, numericFrom: 3, text: [6])
    }
    md += "Andel med \(ReportSummary.levelPhrase(level)) den 31 december varje år, \(e(r.root.name)):\n\n"
    md += table(
      ["År", "Personal", "Nivå ≥\(level)", "Andel"],
      r.shareByYear.map { [String($0.year), F.integer($0.staff), F.integer($0.atLevel), percent($0.share)] })

    md += "## \(ReportLabels.year)\n\n"
    var levelRows = overviewRows.map { n in
      [label(n)] + n.levelsAttained.map(F.integer) + [F.integer(n.totalLevelsAttained)]
    }
    var hourRows = overviewRows.map { n in
      [label(n)] + StrategyArea.allCases.map { F.hours(n.courseHours[$0] ?? 0) }
        + [F.hours(n.totalHours), n.hoursPerStaff.map { F.decimal($0, digits: 1) } ?? "–"]
    }
    if let u = r.unattributed {
      levelRows.append(
        [ReportLabels.unattributed] + u.levelsAttained.map(F.integer) + [
          F.integer(u.levelsAttained.reduce(0, +))
        ])
      hourRows.append(
        [ReportLabels.unattributed] + StrategyArea.allCases.map { F.hours(u.courseHours[$0] ?? 0) }
          + [F.hours(u.totalHours), "–"])
    }
    md += "PIM-nivåer uppnådda under \(y):\n\n"
    md += table([""] + ReportLabels.levelsAttained, levelRows)
    md += "Kurstimmar under \(y) per strategiområde:\n\n"
    md += table([""] + ReportLabels.hours, hourRows)

    md += "## \(ReportLabels.examiners)\n\n"
    md += table(
      [""] + ReportLabels.examinerColumns(y),
      overviewRows.map { n in
        [
          label(n), F.integer(n.previousExaminers), F.integer(n.examinersAppointed),
          F.integer(n.examinersEnded),
          F.integer(n.examiners),
        ]
      })
    md += "### \(ReportLabels.withoutExaminer)\n\n"
    if r.unitsWithoutExaminer.isEmpty {
      md += "Alla öppna enheter med skolform har minst en examinator.\n\n"
    } else {
      md += table(
        ReportLabels.withoutExaminerColumns,
        r.unitsWithoutExaminer.map { [$0.name, $0.boardName, $0.schoolForm.rawValue, F.integer($0.staff)] },
        numericFrom: 3)
    }

    md += "## \(ReportLabels.furthest)\n\n"
    if r.furthestFromGoal.isEmpty {
      md += "Ingen enhet har personal under nivå \(level).\n\n"
    } else {
      md += table(
        ReportLabels.furthestColumns(level),
        r.furthestFromGoal.map {
          [
            $0.name, $0.boardName, F.integer($0.staff), F.integer($0.below), F.percent($0.shareAtLevel),
            F.decimal($0.averageGap, digits: 1),
          ]
        }, numericFrom: 2)
    }

    if !r.units.isEmpty {
      md += "## \(ReportLabels.units)\n\n"
      let boardNames = Dictionary(uniqueKeysWithValues: r.boards.map { ($0.id, $0.name) })
      md += table(
        ["Enhet", "Nämnd", "Skolform"] + ReportLabels.unitFigures(y, level: level),
        r.units.map { u in
          [
            label(u), u.parentID.flatMap { boardNames[$0] } ?? "", u.schoolForm?.rawValue ?? "–",
            F.integer(u.previousStaff), F.integer(u.staff), percent(u.previousShare(atLeast: level)),
            percent(u.share(atLeast: level)),
            points(u.share(atLeast: level), u.previousShare(atLeast: level)),
            F.integer(u.totalLevelsAttained), F.hours(u.totalHours),
            u.hoursPerStaff.map { F.decimal($0, digits: 1) } ?? "–", F.integer(u.examiners),
          ]
        }, numericFrom: 3)
    }

    md += part2()

    md += "## \(ReportLabels.about)\n\n"
    md += "Siffrorna är beräknade ur händelseloggen så som den var känd \(F.timestamp(r.request.knownAt)); "
    md += "händelser registrerade senare påverkar inte rapporten. Loggens huvud: händelse \(r.head.seq), "
    md += "hash `\(r.head.hash)`. Kontrollera med `liggare report --verify FIL`.\n"
    return Array(md.utf8)
  }
}
