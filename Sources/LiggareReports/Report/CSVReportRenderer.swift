import LiggareBasics
import LiggareDomain

/// Renders the report as a sectioned CSV file: UTF-8 with BOM, CRLF line ends, sections separated
/// by an empty line, each a title row, a header row and data rows.
///
/// Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or
/// carriage return) get an apostrophe in front; number cells are written by this code and left as
/// numbers. Cells holding the separator, a quote or a line break are quoted.
struct CSVReportRenderer {
  typealias F = SwedishFormat
  let report: AnnualReport
  let dialect: CSVDialect

  /// One cell: text from the log (neutralised) or a number written here (never neutralised).
  enum Cell {
    case text(String)
    case number(String)
  }

  var y: Int { report.request.year }

  /// The text of a cell as written to the file.
  static func encode(_ cell: Cell, dialect: CSVDialect) -> String {
    var value: String
    switch cell {
    case .number(let n): value = n
    case .text(let t):
      value = t
      if let first = t.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + t }
    }
    let needsQuotes = value.contains {
      $0 == dialect.separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n"
    }
    return needsQuotes ? "\"" + value.reportReplacing("\"", with: "\"\"") + "\"" : value
  }

  func int(_ n: Int) -> Cell { .number(String(n)) }
  func dec(_ x: Double, _ digits: Int) -> Cell {
    .number(F.plain(x, digits: digits, mark: dialect.decimalMark))
  }
  func hours(_ h: Double) -> Cell { .number(F.plainHours(h, mark: dialect.decimalMark)) }
  /// A share as a percentage with one decimal, empty when there is no staff.
  func pct(_ share: Double?) -> Cell { share.map { dec($0 * 100, 1) } ?? .text("") }
  func pts(_ now: Double?, _ before: Double?) -> Cell {
    guard let now, let before else { return .text("") }
    // Between the shares as written (one decimal), so the three cells agree.
    let tenths = F.scaled(now * 100, digits: 1) - F.scaled(before * 100, digits: 1)
    return dec(Double(tenths) / 10, 1)
  }
  func yesNo(_ b: Bool) -> Cell { .text(b ? "ja" : "nej") }

  func render() -> [UInt8] {
    var lines: [String] = []
    func section(_ title: String, _ header: [String], _ rows: [[Cell]]) {
      if !lines.isEmpty { lines.append("") }
      lines.append(CSVReportRenderer.encode(.text(title), dialect: dialect))
      lines.append(
        header.map { CSVReportRenderer.encode(.text($0), dialect: dialect) }.joined(
          separator: String(dialect.separator)))
      for row in rows {
        lines.append(
          row.map { CSVReportRenderer.encode($0, dialect: dialect) }.joined(
            separator: String(dialect.separator)))
      }
    }
    let r = report
    let level = r.referenceLevel
    section(
      "Rapport", ["Parameter", "Värde"],
      [
        // The machine-readable line `--verify` reads keeps its English key and values; the rows
        // after it are for people.
        [.text("parameters"), .text(r.request.encodedParameters)],
        [.text("år"), int(y)],
        [.text("känd per (UTC)"), .text(r.request.knownAt.description)],
        [.text("känd per"), .text(F.timestamp(r.request.knownAt))],
        [.text("omfattning"), .text(r.request.scope ?? "")],
        [.text("format"), .text("csv")],
        [.text("CSV-dialekt"), .text(dialect.rawValue)],
        [.text("loggens seq"), .number(String(r.head.seq))],
        [.text("loggens hash"), .text(r.head.hash)],
        [.text("ställning per"), .text(r.asOf.description)],
        [.text("jämfört med"), .text(r.previousAsOf.description)],
        [.text("stad"), .text(r.cityName)],
        [.text("referensnivå"), int(level)],
      ])
    section("Sammanfattning", ["Text"], r.summary.map { [.text($0)] })

    var header = [
      "Typ", "Id", "Namn", "Överordnad", "Skolform", "Öppen", "Stängd", "Personal \(y - 1)", "Personal \(y)",
    ]
    header += (0...5).map { "Nivå \($0) \(y - 1)" } + (0...5).map { "Nivå \($0) \(y)" }
    for l in r.goalLevels {
      header += [
        "Andel nivå ≥\(l) \(y - 1) (%)", "Andel nivå ≥\(l) \(y) (%)",
        "Förändring nivå ≥\(l) (procentenheter)",
      ]
    }
    header += (1...5).map { "Uppnådda nivå \($0)" } + ["Uppnådda totalt"]
    header +=
      StrategyArea.allCases.map { "Kurstimmar \($0.rawValue)" } + [
        "Kurstimmar totalt", "Kurstimmar per anställd",
      ]
    header += [
      "Examinatorer \(y - 1)", "Examinatorer \(y)", "Examinatorer förordnade", "Examinatorer avslutade",
    ]
    let kindName: [UnitKind: String] = [.city: "stad", .board: "nämnd", .unit: "enhet"]
    func nodeRow(_ n: NodeFigures) -> [Cell] {
      var row: [Cell] = [
        .text(kindName[n.kind] ?? ""), .text(n.id), .text(n.name), .text(n.parentID ?? ""),
        .text(n.schoolForm?.rawValue ?? ""), yesNo(n.isOpen), .text(n.closedOn?.description ?? ""),
        int(n.previousStaff), int(n.staff),
      ]
      row += n.previousPimLevels.map(int) + n.pimLevels.map(int)
      for l in r.goalLevels {
        row += [
          pct(n.previousShare(atLeast: l)), pct(n.share(atLeast: l)),
          pts(n.share(atLeast: l), n.previousShare(atLeast: l)),
        ]
      }
      row += n.levelsAttained.map(int) + [int(n.totalLevelsAttained)]
      row += StrategyArea.allCases.map { hours(n.courseHours[$0] ?? 0) } + [hours(n.totalHours)]
      row.append(n.hoursPerStaff.map { dec($0, 1) } ?? .text(""))
      row += [int(n.previousExaminers), int(n.examiners), int(n.examinersAppointed), int(n.examinersEnded)]
      return row
    }
    let nodes = [r.root] + r.boards.filter { $0.id != r.root.id } + r.units.filter { $0.id != r.root.id }
    section("Organisation", header, nodes.map(nodeRow))

    if let u = r.unattributed {
      section(
        "Ej knutet till någon enhet",
        (1...5).map { "Uppnådda nivå \($0)" } + ["Uppnådda totalt"]
          + StrategyArea.allCases.map { "Kurstimmar \($0.rawValue)" } + ["Kurstimmar totalt"],
        [
          u.levelsAttained.map(int) + [int(u.levelsAttained.reduce(0, +))]
            + StrategyArea.allCases.map { hours(u.courseHours[$0] ?? 0) } + [hours(u.totalHours)]
        ])
    }

    section(
      "Mål",
      [
        "Mål", "Beskrivning", "Omfattning id", "Omfattning", "Nivå", "Målandel (%)", "Slutdag", "Satt",
        "Bedömt", "Personal",
        "På målnivå", "Andel (%)", "Andel \(y - 1) (%)", "Slutdag passerad", "Uppnått", "Status",
      ],
      r.goals.map { g in
        [
          .text(g.goal.id), .text(g.what), .text(g.goal.scopeID), .text(g.scopeName), int(g.goal.minLevel),
          dec(g.goal.targetShare * 100, 1), .text(g.goal.deadline.description),
          .text(g.goal.setOn.description),
          .text(g.status.evaluatedOn.description), int(g.status.staff), int(g.status.atLevel),
          dec(g.status.share * 100, 1), pct(g.previousShare), yesNo(g.deadlinePassed), yesNo(g.status.isMet),
          .text(g.verdict),
        ]
      })
    section(
      "Enheter utan examinator", ["Id", "Enhet", "Nämnd", "Skolform", "Personal"],
      r.unitsWithoutExaminer.map {
        [.text($0.unitID), .text($0.name), .text($0.boardName), .text($0.schoolForm.rawValue), int($0.staff)]
      })
    section(
      "Längst från målet",
      [
        "Id", "Enhet", "Nämnd", "Personal", "Under nivå \(level)", "Andel nivå ≥\(level) (%)",
        "Nivåer kvar i snitt",
      ],
      r.furthestFromGoal.map {
        [
          .text($0.unitID), .text($0.name), .text($0.boardName), int($0.staff), int($0.below),
          dec($0.shareAtLevel * 100, 1), dec($0.averageGap, 2),
        ]
      })
    section(
      "Andel per år", ["År", "Personal", "Nivå ≥\(level)", "Andel (%)"],
      r.shareByYear.map { [int($0.year), int($0.staff), int($0.atLevel), pct($0.share)] })

    // Contract Part 2.
    let p = r.part2
    section(
      "Kompetenskrav",
      [
        "Krav", "Kompetens", "Ramverk", "Lägsta nivå", "Id", "Enhet", "Typ", "Gäller \(y - 1)",
        "Uppnår \(y - 1)",
        "Andel \(y - 1) (%)", "Gäller \(y)", "Uppnår \(y)", "Ej bedömda \(y)", "Andel \(y) (%)",
      ],
      p.requirements.flatMap { req in
        req.nodes.map { n -> [Cell] in
          [
            .text(req.requirement.id), .text(req.competenceTitle), .text(req.frameworkID),
            .text(req.requirement.minLevel),
            .text(n.nodeID), .text(n.name), .text(n.kind.rawValue),
            n.previous.map { int($0.applies) } ?? .text(""),
            n.previous.map { int($0.met) } ?? .text(""), pct(n.previous?.share), int(n.applies), int(n.met),
            int(n.notAssessed), pct(n.share),
          ]
        }
      })
    section(
      "Bedömningar \(y)", ["Id", "Enhet", "Typ", "Självskattningar", "Chefsbedömningar"],
      p.assessments.map {
        [
          .text($0.nodeID), .text($0.name), .text($0.kind.rawValue), int($0.selfAssessments),
          int($0.headAssessments),
        ]
      })
    section(
      "Uppföljning \(y)",
      ["Id", "Enhet"] + StrategyArea.allCases.map { "\($0.rawValue) (medel)" } + [
        "Enheter med uppföljning", "Utan uppföljning",
      ],
      p.followUps.map { f in
        [.text(f.nodeID), .text(f.name)]
          + StrategyArea.allCases.map { a in f.meanByArea[a].map { dec($0, 2) } ?? .text("") }
          + [int(f.unitsWithFollowUp), int(f.missing)]
      })
    section(
      "Enheter utan uppföljning \(y)", ["Id", "Enhet", "Nämnd"],
      p.unitsWithoutFollowUp.map { [.text($0.unitID), .text($0.name), .text($0.boardName)] })
    section(
      "Åtgärder per status", ["Id", "Enhet"] + MeasureState.allCases.map(\.rawValue) + ["försenade"],
      p.measures.map { m in [.text(m.nodeID), .text(m.name)] + m.byStatus.map(int) + [int(m.overdue)] })
    section(
      "Försenade åtgärder",
      ["Id", "Åtgärd", "Gäller", "Nämnd", "Område", "Klar senast", "Status", "Ansvarig"],
      p.overdueMeasures.map {
        [
          .text($0.measure.id), .text($0.measure.title), .text($0.scopeName), .text($0.boardName),
          .text($0.measure.area.rawValue), .text($0.measure.due.description),
          .text($0.measure.status.rawValue),
          .text($0.measure.responsible ?? ""),
        ]
      })

    var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
    for line in lines {
      bytes += Array(line.utf8)
      bytes += [0x0D, 0x0A]
    }
    return bytes
  }
}
