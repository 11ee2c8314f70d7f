public import LiggareBasics

/// The share at a goal's level at one year end, for the chart on a unit's page.
public struct ShareAtYearEnd: Sendable, Hashable {
  public var year: Int
  public var staff: Int
  public var atLevel: Int

  public init(year: Int, staff: Int, atLevel: Int) {
    self.year = year
    self.staff = staff
    self.atLevel = atLevel
  }

  /// atLevel / staff, or nil without staff.
  public var share: Double? { staff == 0 ? nil : Double(atLevel) / Double(staff) }
}

/// "Min enhet" for a head, and a unit's or board's page for the office: staff, gaps sorted for
/// action, examiners, hours by area, the share at goal over the years, a date control, CSV and print.
public struct UnitPage: Sendable {
  /// The unit view's JSON (docs/json.md, "unit").
  public var view: JSONValue
  /// The units the viewer may choose among (id, name), when more than one.
  public var choices: [(id: String, name: String)]
  /// The share at the chart goal's level at each year end, oldest first.
  public var history: [ShareAtYearEnd]
  /// The goal the chart follows (id and level), or nil when no goal applies.
  public var chartGoal: (id: String, level: Int, target: Double)?
  /// The date control's value, and the known-at control's value as typed.
  public var asOf: CivilDate
  public var knownAt: String?

  public init(
    view: JSONValue, choices: [(id: String, name: String)], history: [ShareAtYearEnd],
    chartGoal: (id: String, level: Int, target: Double)?, asOf: CivilDate, knownAt: String?
  ) {
    self.view = view
    self.choices = choices
    self.history = history
    self.chartGoal = chartGoal
    self.asOf = asOf
    self.knownAt = knownAt
  }

  var unit: JSONValue { view["node"] ?? .null }
  var unitID: String { unit.str("id") }

  /// The page; `print` gives the print view (no navigation or controls).
  public func render(viewer: Viewer, print: Bool = false) -> [UInt8] {
    let kind = unit.str("kind")
    let title = unit.str("name").isEmpty ? unitID : unit.str("name")
    return Layout.page(
      title: title, viewer: viewer, section: viewer.has(.head) && !viewer.has(.office) ? .unit : .city,
      bodyClass: print ? "print" : nil
    ) {
      el("p", [Attribute("class", "lead")]) {
        (kind == "unit" ? "Enhet" : kind == "board" ? "Nämnd" : "Staden") + " \(unitID)"
        if let parent = unit.obj("parent") {
          ", under "
          el("a", [.href(Routes.unit(parent.str("id")))], text: parent.nameOrID)
        }
        if let form = unit.optStr("schoolForm") { ", \(form)" }
        ". Som det var den \(view.str("asOf"))"
        if let known = view.optStr("knownAt") { ", så som det var känt \(known)" }
        "."
      }
      if !unit.bool("open") {
        el("p", [Attribute("class", "notice")], text: "Enheten är stängd sedan \(unit.str("closedOn")).")
      }
      if !print { controls(viewer: viewer) }
      summary
      goalsSection
      gapSection(print: print)
      examinerSection
      hoursSection
      CompetenceSections.node(
        view, isUnit: kind == "unit",
        assess: print || !(viewer.has(.head) || viewer.has(.coordinator))
          ? nil
          : { person, competence in
            // A head does not assess themselves (contract Part 2, decision 4).
            person == viewer.person
              ? nil : Routes.event("assessment").with("person", person).with("competence", competence)
          },
        followUp: !print && viewer.has(.head) && kind == "unit"
          ? Routes.event("follow-up").with("unit", unitID) : nil)
      if !history.isEmpty, let goal = chartGoal { chart(goal) }
      if !view.list("children").isEmpty { childrenSection(kind: kind) }
    }
  }

  func controls(viewer: Viewer) -> HTML {
    el("div", [Attribute("class", "no-print")]) {
      if choices.count > 1 {
        el("form", [Attribute("method", "get"), .action(Routes.myUnit), Attribute("class", "controls")]) {
          Forms.field(
            "unit", label: "Välj enhet", input: .select(choices.map { ($0.id, $0.name) }),
            state: FormState(values: ["unit": unitID]))
          Forms.button("Visa enheten", style: "secondary")
        }
      }
      el("form", [Attribute("method", "get"), .action(Routes.unit(unitID)), Attribute("class", "controls")]) {
        Forms.field(
          "as-of", label: "Som det var den", input: .date, hint: "ÅÅÅÅ-MM-DD",
          state: FormState(values: ["as-of": asOf.description]))
        Forms.field(
          "known-at", label: "Så som det var känt (valfritt)", input: .date,
          hint: "Tom: allt som är känt nu", state: FormState(values: ["known-at": knownAt ?? ""]),
          required: false)
        Forms.button("Visa", style: "secondary")
      }
      el("p") {
        el(
          "a", [.href(Routes.unitGapsCSV(unitID).with("as-of", asOf.description).with("known-at", knownAt))],
          text: "Ladda ned luckorna som CSV (för Excel)")
        " · "
        el(
          "a", [.href(Routes.unitPrint(unitID).with("as-of", asOf.description).with("known-at", knownAt))],
          text: "Utskriftsvy")
      }
    }
  }

  var summary: HTML {
    let levels = view.ints("levels")
    let staff = view.int("staff")
    return HTML.build {
      el("h2", text: "Personal")
      el("p", text: "\(WebFormat.integer(staff)) i personalen.")
      Tables.table(
        "Personal per PIM-nivå",
        columns: [.init("PIM-nivå"), .init("Personal", numeric: true), .init("Andel", numeric: true)],
        rows: levels.enumerated().map { level, count in
          [
            .text("\(level)"), .text(WebFormat.integer(count)),
            .text(staff == 0 ? "–" : WebFormat.percent(Double(count) / Double(staff))),
          ]
        })
      if let staffList = staffRows, !staffList.isEmpty {
        Tables.table(
          "Personalen med PIM-nivå, datum och examinator",
          columns: [
            .init("Namn"), .init("Roll"), .init("PIM-nivå", numeric: true), .init("Datum"),
            .init("Examinator"),
          ],
          rows: staffList)
      }
    }
  }

  /// Rows for the staff table, from the view's `staffList` when the server adds it.
  var staffRows: [[HTML]]? {
    guard case .array(let people)? = view["staffList"] else { return nil }
    return people.map { p in
      let person = p["person"] ?? .null
      return [
        el("a", [.href(Routes.person(person.str("id")))], text: person.label), .text(p.str("role")),
        .text("\(p.int("level"))"), .text(p.optStr("date") ?? "–"), .text(p.obj("examiner")?.label ?? "–"),
      ]
    }
  }

  var goalsSection: HTML {
    let goals = view.list("goals")
    let standings = view.list("standings")
    return HTML.build {
      el("h2", text: "Mål")
      if goals.isEmpty {
        el("p", text: "Inga mål gäller.")
      } else {
        Tables.table(
          "Mål som gäller",
          columns: [
            .init("Mål"), .init("Omfattning"), .init("Nivå", numeric: true), .init("Målandel", numeric: true),
            .init("Senast"), .init("Uppnår", numeric: true), .init("Andel", numeric: true), .init("Läge"),
          ],
          rows: goals.enumerated().map { i, g in
            let s = i < standings.count ? standings[i] : .null
            return [
              .text(g.str("id")), .text((g["scope"] ?? .null).nameOrID), .text("≥\(g.int("minLevel"))"),
              .text(WebFormat.percent(g.num("targetShare"))), .text(g.str("deadline")),
              .text("\(WebFormat.integer(s.int("atLevel"))) av \(WebFormat.integer(s.int("staff")))"),
              .text(s["share"]?.numberValue.map(WebFormat.percent) ?? "–"),
              .text(s.optStr("status") ?? (s.bool("met") ? "uppnått" : "ej uppnått")),
            ]
          })
      }
    }
  }

  func gapSection(print: Bool) -> HTML {
    let gaps = view.list("gaps")
    let goals = view.list("goals")
    return HTML.build {
      el("h2", text: "Luckor mot målen")
      if goals.isEmpty {
        el("p", text: "Inga mål gäller, så inga luckor.")
      } else if unit.str("kind") == "unit" {
        if gaps.isEmpty {
          el("p", text: "Alla i personalen har nått målnivån för varje mål.")
        } else {
          el(
            "p",
            text:
              "Störst lucka först, sedan namn. \(WebFormat.integer(Set(gaps.map { ($0["person"] ?? .null).str("id") }).count)) personer under någon målnivå."
          )
          Tables.table(
            "Luckor, störst först",
            columns: [
              .init("Namn"), .init("Roll"), .init("Nivå", numeric: true), .init("Mål"),
              .init("Målnivå", numeric: true), .init("Lucka", numeric: true),
            ],
            rows: gaps.map { r in
              let person = r["person"] ?? .null
              return [
                print
                  ? .text(person.label)
                  : el("a", [.href(Routes.person(person.str("id")))], text: person.label),
                .text(r.str("role")), .text("\(r.int("level"))"), .text(r.str("goal")),
                .text("\(r.int("goalLevel"))"),
                .text("\(r.int("gap"))"),
              ]
            })
        }
      } else {
        Tables.table(
          "Luckor per mål",
          columns: [
            .init("Mål"), .init("Under målnivån", numeric: true), .init("Saknade nivåer", numeric: true),
          ],
          rows: view.list("gapSummary").map { s in
            [
              .text(s.str("goal")), .text(WebFormat.integer(s.int("below"))),
              .text(WebFormat.integer(s.int("missingLevels"))),
            ]
          })
      }
    }
  }

  var examinerSection: HTML {
    let examiners = view.list("examinerRoles")
    let without = view.list("unitsWithoutExaminer")
    return HTML.build {
      el("h2", text: "Examinatorer")
      if examiners.isEmpty {
        el("p", text: "Ingen examinator.")
      } else {
        Tables.table(
          "Examinatorer",
          columns: [.init("Namn"), .init("Enhet"), .init("Upp till nivå", numeric: true), .init("Sedan")],
          rows: examiners.map { e in
            let person = e["person"] ?? .null
            return [
              el("a", [.href(Routes.person(person.str("id")))], text: person.label),
              .text((e["unit"] ?? .null).nameOrID), .text("\(e.int("maxLevel"))"), .text(e.str("since")),
            ]
          })
      }
      if !without.isEmpty {
        el("p", [Attribute("class", "notice")]) {
          el(
            "strong",
            text: unit.str("kind") == "unit"
              ? "Enheten saknar examinator." : "Enheter utan examinator (\(without.count)): ")
          if unit.str("kind") != "unit" {
            without.map { ($0["unit"] ?? .null).nameOrID }.joined(separator: ", ")
          }
        }
      }
    }
  }

  var hoursSection: HTML {
    let hours = view["hoursThisYear"] ?? .null
    let period = view["hoursPeriod"] ?? .null
    return el("section", [Attribute("id", "hours"), Attribute("aria-labelledby", "hours-title")]) {
      el("h2", [Attribute("id", "hours-title")], text: "Kurstimmar i år")
      Tables.table(
        "Kurstimmar \(period.str("from"))–\(period.str("to")) per strategiområde",
        columns: [.init("Strategiområde"), .init("Timmar", numeric: true)],
        rows: hours.list("byArea").map { [.text($0.str("area")), .text(WebFormat.hours($0.num("hours")))] },
        footer: [[.text("Totalt"), .text(WebFormat.hours(hours.num("total")))]])
    }
  }

  func childrenSection(kind: String) -> HTML {
    let goals = view.list("goals")
    var columns: [Tables.Column] = [
      .init(kind == "city" ? "Nämnd" : "Enhet"), .init("Personal", numeric: true),
    ]
    columns += (0...5).map { .init("N\($0)", numeric: true) }
    columns += goals.map { .init("Andel \($0.str("id"))", numeric: true) }
    columns += [.init("Examinatorer", numeric: true), .init("Timmar i år", numeric: true)]
    return HTML.build {
      el("h2", text: kind == "city" ? "Nämnder" : "Enheter")
      Tables.table(
        kind == "city" ? "Nämnder" : "Enheter under nämnden", columns: columns,
        rows: view.list("children").map { row in
          let ref = row["node"] ?? .null
          var cells: [HTML] = [
            el(
              "a",
              [.href(Routes.unit(ref.str("id")).with("as-of", asOf.description).with("known-at", knownAt))],
              text: ref.nameOrID),
            .text(WebFormat.integer(row.int("staff"))),
          ]
          cells += row.ints("levels").map { .text(WebFormat.integer($0)) }
          cells += row.list("standings").map { .text($0["share"]?.numberValue.map(WebFormat.percent) ?? "–") }
          cells += [
            .text(WebFormat.integer(row.int("examiners"))),
            .text(WebFormat.hours((row["hoursThisYear"] ?? .null).num("total"))),
          ]
          return cells
        })
    }
  }

  /// A bar per year end with the goal's target as a dashed line, and the same figures in a table.
  func chart(_ goal: (id: String, level: Int, target: Double)) -> HTML {
    let width = 40 * history.count + 60
    let height = 200
    let top = 20
    let bottom = 160
    func y(_ share: Double) -> Int { bottom - Int((share * Double(bottom - top)).rounded()) }
    let description =
      "Andel av personalen på nivå \(goal.level) eller högre vid varje årsskifte, "
      + history.map { "\($0.year): \($0.share.map(WebFormat.percent) ?? "ingen personal")" }.joined(
        separator: ", ")
      + ". Målet är \(WebFormat.percent(goal.target))."
    return HTML.build {
      el(
        "h2", [Attribute("id", "chart-title")],
        text: "Andel på målnivå över åren (\(goal.id), nivå ≥\(goal.level))")
      el("figure", [Attribute("class", "chart")]) {
        el(
          "svg",
          [
            Attribute("viewBox", "0 0 \(width) \(height)"), Attribute("role", "img"),
            Attribute("aria-labelledby", "chart-title chart-desc"),
            Attribute("xmlns", "http://www.w3.org/2000/svg"),
          ]
        ) {
          el("desc", [Attribute("id", "chart-desc")], text: description)
          HTML.svgEmpty(
            "line",
            [
              Attribute("class", "axis"), Attribute("x1", "40"), Attribute("y1", "\(bottom)"),
              Attribute("x2", "\(width)"), Attribute("y2", "\(bottom)"),
            ])
          for (label, share) in [("0 %", 0.0), ("50 %", 0.5), ("100 %", 1.0)] {
            el("text", [Attribute("x", "0"), Attribute("y", "\(y(share) + 4)")], text: label)
          }
          for (i, point) in history.enumerated() {
            let x = 50 + 40 * i
            let top = y(point.share ?? 0)
            HTML.svgEmpty(
              "rect",
              [
                Attribute("class", "bar"), Attribute("x", "\(x)"), Attribute("y", "\(top)"),
                Attribute("width", "24"), Attribute("height", "\(bottom - top)"),
              ])
            el(
              "text", [Attribute("x", "\(x)"), Attribute("y", "\(bottom + 16)")],
              text: String(point.year % 100 < 10 ? "0\(point.year % 100)" : "\(point.year % 100)"))
          }
          HTML.svgEmpty(
            "line",
            [
              Attribute("class", "goal"), Attribute("x1", "40"), Attribute("y1", "\(y(goal.target))"),
              Attribute("x2", "\(width)"), Attribute("y2", "\(y(goal.target))"),
            ])
          el(
            "text", [Attribute("x", "44"), Attribute("y", "\(y(goal.target) - 4)")],
            text: "mål \(WebFormat.percent(goal.target))")
        }
        el(
          "figcaption",
          text:
            "Staplarna visar andelen vid varje årsskifte (år 20xx som två siffror); den streckade linjen är målet. Samma siffror finns i tabellen nedan."
        )
      }
      Tables.table(
        "Andel på nivå \(goal.level) eller högre vid årsskiftet",
        columns: [
          .init("År"), .init("Personal", numeric: true), .init("På målnivå", numeric: true),
          .init("Andel", numeric: true),
        ],
        rows: history.map { p in
          [
            .text("\(p.year)"), .text(WebFormat.integer(p.staff)), .text(WebFormat.integer(p.atLevel)),
            .text(p.share.map(WebFormat.percent) ?? "–"),
          ]
        })
    }
  }
}
