import LiggareBasics
import LiggareDomain

/// Contract Part 2 in the views: requirements with the levels that count, their fulfilment at a
/// node, the node's follow-up and its action-plan measures. Text and JSON (docs/json.md).
enum CompetenceSection {
  /// Short column titles for the five areas.
  static func shortName(_ area: StrategyArea) -> String {
    switch area {
    case .infrastruktur: "Infra"
    case .digitalKompetens: "Komp."
    case .digitaltInnehåll: "Innehåll"
    case .samarbeteOchKommunikation: "Samarb."
    case .uppföljning: "Uppf."
    }
  }

  // MARK: Person

  /// Each requirement in force that applies to the person on the state's date, in id order.
  static func statuses(of person: String, in state: CityState) -> [PersonRequirementStatus] {
    guard let placement = state.placement(of: person), placement.role.countsAsStaff else { return [] }
    let form = state.unit(placement.unitID)?.schoolForm
    return state.requirementsInForce.filter {
      $0.covers(role: placement.role, schoolForm: form) && state.isNode(placement.unitID, under: $0.scopeID)
    }.map {
      PersonRequirementStatus(
        requirement: $0, levels: state.competenceLevels(of: person, in: $0.competenceID))
    }
  }

  static func level(_ a: AssessedLevel?) -> String {
    a.map { "\($0.label) \($0.date)" } ?? "–"
  }

  static func gapText(_ s: PersonRequirementStatus) -> String {
    if s.isNotAssessed { return "ej bedömd" }
    if s.isMet { return "uppnått" }
    return s.gap.map { ViewFormat.integer($0) } ?? "?"
  }

  static func personLines(_ statuses: [PersonRequirementStatus], state: CityState) -> [String] {
    var out = ["", "Kompetenskrav som gäller personen"]
    if statuses.isEmpty {
      out.append("Inga krav gäller.")
      return out
    }
    var table = TextTable(columns: [
      TextTable.Column("Krav", truncatable: true), TextTable.Column("Kompetens", truncatable: true),
      TextTable.Column("Lägst"), TextTable.Column("Själv"), TextTable.Column("Chef"),
      TextTable.Column("Gäller"), TextTable.Column("Lucka", .right),
    ])
    for s in statuses {
      let title = state.competence(s.requirement.competenceID)?.title ?? s.requirement.competenceID
      table.append([
        s.requirement.id, title, s.requirement.minLevel, level(s.levels.selfAssessed),
        level(s.levels.headAssessed),
        s.levels.counting?.label ?? "–", gapText(s),
      ])
    }
    out += table.lines
    out.append(
      "Gäller: chefens bedömning om den finns, annars självskattningen. Lucka: nivåsteg upp till kravet.")
    return out
  }

  static func assessment(_ a: AssessedLevel?, _ names: ViewNames) -> JSONValue {
    guard let a else { return .null }
    return [
      "level": .string(a.label), "date": ViewJSON.date(a.date), "method": .string(a.method.rawValue),
      "assessor": a.assessorID.map { ViewJSON.person($0, names) } ?? .null,
    ]
  }

  static func requirement(_ r: RequirementSnapshot, state: CityState, tree: ViewTree) -> JSONValue {
    let c = state.competence(r.competenceID)
    return [
      "id": .string(r.id),
      "competence": [
        "id": .string(r.competenceID), "title": ViewJSON.optional(c?.title),
        "framework": ViewJSON.optional(c?.frameworkID), "area": ViewJSON.optional(c?.area.rawValue),
      ],
      "minLevel": .string(r.minLevel), "scope": ViewJSON.unit(r.scopeID, tree),
      "roles": r.roles.map { .array(StaffRole.allCases.filter($0.contains).map { .string($0.rawValue) }) }
        ?? .null,
      "schoolForms": r.schoolForms.map {
        .array(SchoolForm.allCases.filter($0.contains).map { .string($0.rawValue) })
      }
        ?? .null,
      "setOn": ViewJSON.date(r.setOn),
    ]
  }

  static func personJSON(
    _ statuses: [PersonRequirementStatus], state: CityState, tree: ViewTree, names: ViewNames
  ) -> JSONValue {
    .array(
      statuses.map { s in
        [
          "requirement": requirement(s.requirement, state: state, tree: tree),
          "self": assessment(s.levels.selfAssessed, names), "head": assessment(s.levels.headAssessed, names),
          "counting": assessment(s.levels.counting, names), "met": .bool(s.isMet),
          "gap": s.gap.map { ViewJSON.number($0) } ?? .null, "notAssessed": .bool(s.isNotAssessed),
        ]
      })
  }

  // MARK: Node

  /// Requirements, follow-up and measures of one node.
  struct Node {
    var fulfilments: [RequirementFulfilment]
    var followUp: FollowUpSummary
    var measures: [MeasureSnapshot]
    var asOf: CivilDate

    /// The node's figures; the follow-up shown is for the year before the as-of date's year (a
    /// year's follow-up is made at its end or early the next year).
    init(node: String, state: CityState, census: Census) {
      fulfilments = CompetenceCensus(state, census: census).fulfilments(at: node)
      followUp = FollowUpSummary.of(node, year: state.asOf.year - 1, in: state)
      measures = state.measures(of: node)
      asOf = state.asOf
    }
  }

  static func fulfilmentTable(_ fulfilments: [RequirementFulfilment], state: CityState) -> TextTable {
    var table = TextTable(columns: [
      TextTable.Column("Krav", truncatable: true), TextTable.Column("Kompetens", truncatable: true),
      TextTable.Column("Lägst"), TextTable.Column("Gäller", .right), TextTable.Column("Uppnår", .right),
      TextTable.Column("Ej bedömda", .right), TextTable.Column("Andel", .right),
    ])
    for f in fulfilments {
      table.append([
        f.requirement.id, state.competence(f.requirement.competenceID)?.title ?? f.requirement.competenceID,
        f.requirement.minLevel, ViewFormat.integer(f.applies), ViewFormat.integer(f.met),
        ViewFormat.integer(f.notAssessed), f.shareMet.map(ViewFormat.percent) ?? "–",
      ])
    }
    return table
  }

  static func nodeLines(
    _ node: Node, unit: UnitSnapshot, state: CityState, tree: ViewTree, names: ViewNames
  ) -> [String] {
    var out = ["", "Kompetenskrav"]
    if node.fulfilments.isEmpty {
      out.append("Inga krav gäller.")
    } else {
      out += fulfilmentTable(node.fulfilments, state: state).lines
      if unit.kind == .unit {
        for f in node.fulfilments where !f.below.isEmpty || !f.notAssessedIDs.isEmpty {
          out += [
            "", "\(f.requirement.id) (\(f.requirement.minLevel) eller högre): under kravet eller ej bedömda",
          ]
          var table = TextTable(columns: [
            TextTable.Column("Person", truncatable: true), TextTable.Column("Namn", truncatable: true),
            TextTable.Column("Nivå"), TextTable.Column("Lucka", .right),
          ])
          for b in f.below {
            table.append([
              b.personID, names.display(b.personID), b.counting?.label ?? "–",
              b.gap.map(ViewFormat.integer) ?? "?",
            ])
          }
          for p in f.notAssessedIDs { table.append([p, names.display(p), "–", "ej bedömd"]) }
          out += table.lines
        }
      } else {
        out.append("Vem som är under kravet: liggare gaps --unit \(unit.id) --requirement KRAV")
      }
    }
    out += followUpLines(node.followUp, unit: unit, tree: tree)
    out += measureLines(node.measures, asOf: node.asOf, tree: tree)
    return out
  }

  static func followUpLines(_ f: FollowUpSummary, unit: UnitSnapshot, tree: ViewTree) -> [String] {
    var out = ["", "Uppföljning \(f.year) (1 ej påbörjat – 4 en del av vardagen)"]
    if unit.kind == .unit {
      guard let own = f.own else {
        out.append("Ingen uppföljning för \(f.year).")
        return out
      }
      var table = TextTable(
        columns: [TextTable.Column("Strategiområde", truncatable: true), TextTable.Column("Betyg", .right)])
      for area in StrategyArea.allCases {
        table.append([area.rawValue, own.ratings[area].map { "\($0)" } ?? "–"])
      }
      out += table.lines
      out.append("Registrerad \(own.recordedOn).")
      return out
    }
    var table = TextTable(
      columns: [TextTable.Column("Strategiområde", truncatable: true), TextTable.Column("Medel", .right)])
    for area in StrategyArea.allCases {
      table.append([area.rawValue, f.meanByArea[area].map { ViewFormat.decimal($0, digits: 1) } ?? "–"])
    }
    out += table.lines
    out.append("Enheter med uppföljning: \(ViewFormat.integer(f.unitsWithFollowUp)).")
    if !f.missing.isEmpty {
      let list = tree.sortedByName(f.missing).map(tree.name)
      out.append(
        "Utan uppföljning (\(f.missing.count)): \(list.prefix(12).joined(separator: ", "))"
          + (list.count > 12 ? " m.fl." : ""))
    }
    return out
  }

  static func measureLines(_ measures: [MeasureSnapshot], asOf: CivilDate, tree: ViewTree) -> [String] {
    var out = ["", "Åtgärder i handlingsplanen"]
    if measures.isEmpty {
      out.append("Inga åtgärder.")
      return out
    }
    var table = TextTable(columns: [
      TextTable.Column("Åtgärd", truncatable: true), TextTable.Column("Område", truncatable: true),
      TextTable.Column("Klar senast"), TextTable.Column("Status"),
      TextTable.Column("Gäller", truncatable: true),
    ])
    for m in measures {
      let status = m.status.rawValue + (m.isOverdue(on: asOf) ? " (försenad)" : "")
      table.append([m.title, m.area.rawValue, m.due.description, status, tree.name(m.scopeID)])
    }
    out += table.lines
    let overdue = measures.filter { $0.isOverdue(on: asOf) }.count
    out.append(
      "Försenade: \(ViewFormat.integer(overdue)) (klar senast passerat, status planerad eller pågår).")
    return out
  }

  static func fulfilmentJSON(
    _ f: RequirementFulfilment, state: CityState, tree: ViewTree, names: ViewNames, people: Bool
  ) -> JSONValue {
    var o: [String: JSONValue] = [
      "requirement": requirement(f.requirement, state: state, tree: tree),
      "applies": ViewJSON.number(f.applies),
      "met": ViewJSON.number(f.met), "notAssessed": ViewJSON.number(f.notAssessed),
      "shareMet": f.shareMet.map { .number($0) } ?? .null,
    ]
    if people {
      o["below"] = .array(
        f.below.map { b in
          [
            "person": ViewJSON.person(b.personID, names), "unit": ViewJSON.unit(b.unitID, tree),
            "level": ViewJSON.optional(b.counting?.label), "gap": b.gap.map { ViewJSON.number($0) } ?? .null,
          ]
        })
      o["notAssessedPeople"] = .array(f.notAssessedIDs.map { ViewJSON.person($0, names) })
    }
    return .object(o)
  }

  /// Per area in the contract's order: `{area, <key>}` (keys stay English; areas are values).
  static func byArea(_ values: [StrategyArea: Double], key: String) -> JSONValue {
    .array(
      StrategyArea.allCases.map { area in
        ["area": .string(area.rawValue), key: values[area].map { .number($0) } ?? .null]
      })
  }

  static func followUpJSON(_ f: FollowUpSummary, tree: ViewTree) -> JSONValue {
    [
      "year": ViewJSON.number(f.year),
      "own": f.own.map { own in
        [
          "ratings": byArea(own.ratings.byArea.mapValues(Double.init), key: "rating"),
          "recordedOn": ViewJSON.date(own.recordedOn),
        ]
      } ?? .null,
      "meanByArea": byArea(f.meanByArea, key: "mean"),
      "unitsWithFollowUp": ViewJSON.number(f.unitsWithFollowUp),
      "missing": .array(f.missing.map { ViewJSON.unit($0, tree) }),
    ]
  }

  /// `[{status, count}]` for every status in order.
  static func byStatus(_ measures: [MeasureSnapshot]) -> JSONValue {
    .array(
      MeasureState.allCases.map { s in
        ["status": .string(s.rawValue), "count": ViewJSON.number(measures.filter { $0.status == s }.count)]
      })
  }

  static func measureJSON(_ m: MeasureSnapshot, asOf: CivilDate, tree: ViewTree) -> JSONValue {
    [
      "id": .string(m.id), "title": .string(m.title), "area": .string(m.area.rawValue),
      "scope": ViewJSON.unit(m.scopeID, tree), "due": ViewJSON.date(m.due),
      "responsible": ViewJSON.optional(m.responsible),
      "status": .string(m.status.rawValue), "statusSince": m.statusSince.map(ViewJSON.date) ?? .null,
      "overdue": .bool(m.isOverdue(on: asOf)),
    ]
  }

  static func nodeJSON(
    _ node: Node, unit: UnitSnapshot, state: CityState, tree: ViewTree, names: ViewNames
  ) -> [String: JSONValue] {
    [
      "requirements": .array(
        node.fulfilments.map {
          fulfilmentJSON($0, state: state, tree: tree, names: names, people: unit.kind == .unit)
        }),
      "followUp": followUpJSON(node.followUp, tree: tree),
      "measures": .array(node.measures.map { measureJSON($0, asOf: node.asOf, tree: tree) }),
    ]
  }
}

extension CompetenceSection {
  /// The city view's Part 2: each requirement's fulfilment per board, the boards' measures by
  /// status and their units' follow-up.
  struct City {
    var figures: CompetenceCensus
    var boards: [String]
    var cityID: String
    var followUps: [String: FollowUpSummary]
    var measures: [String: [MeasureSnapshot]]
    var asOf: CivilDate

    init(state: CityState, census: Census, cityID: String, boards: [String]) {
      figures = CompetenceCensus(state, census: census)
      self.boards = boards
      self.cityID = cityID
      followUps = FollowUpSummary.all(year: state.asOf.year - 1, in: state)
      var measures: [String: [MeasureSnapshot]] = [:]
      for b in boards + [cityID] { measures[b] = state.measures(of: b) }
      self.measures = measures
      asOf = state.asOf
    }

    func lines(state: CityState, tree: ViewTree) -> [String] {
      var out = ["", "Kompetenskrav per nämnd"]
      if figures.requirements.isEmpty {
        out.append("Inga krav gäller.")
      } else {
        for r in figures.requirements {
          let title = state.competence(r.competenceID)?.title ?? r.competenceID
          out += ["", "\(r.id): \(title), \(r.minLevel) eller högre"]
          var table = TextTable(columns: [
            TextTable.Column("Nämnd", truncatable: true), TextTable.Column("Gäller", .right),
            TextTable.Column("Uppnår", .right), TextTable.Column("Ej bedömda", .right),
            TextTable.Column("Andel", .right),
          ])
          for b in boards + [cityID] {
            guard let f = figures.fulfilment(of: r.id, at: b) else { continue }
            table.append([
              b == cityID ? "Hela staden" : tree.name(b), ViewFormat.integer(f.applies),
              ViewFormat.integer(f.met),
              ViewFormat.integer(f.notAssessed), f.shareMet.map(ViewFormat.percent) ?? "–",
            ])
          }
          out += table.lines
        }
      }
      out += ["", "Åtgärder per nämnd (status \(asOf))"]
      var table = TextTable(columns: [
        TextTable.Column("Nämnd", truncatable: true), TextTable.Column("Planerad", .right),
        TextTable.Column("Pågår", .right), TextTable.Column("Genomförd", .right),
        TextTable.Column("Inställd", .right),
        TextTable.Column("Försenade", .right),
      ])
      for b in boards + [cityID] {
        let ms = measures[b] ?? []
        table.append(
          [b == cityID ? "Hela staden" : tree.name(b)]
            + MeasureState.allCases.map { s in ViewFormat.integer(ms.filter { $0.status == s }.count) }
            + [ViewFormat.integer(ms.filter { $0.isOverdue(on: asOf) }.count)])
      }
      out += table.lines
      let year = asOf.year - 1
      out += ["", "Uppföljning \(year): medelbetyg per strategiområde (1–4)"]
      var follow = TextTable(
        columns: [TextTable.Column("Nämnd", truncatable: true)]
          + StrategyArea.allCases.map { TextTable.Column(CompetenceSection.shortName($0), .right) }
          + [TextTable.Column("Utan", .right)])
      for b in boards + [cityID] {
        let f = followUps[b]
        follow.append(
          [b == cityID ? "Hela staden" : tree.name(b)]
            + StrategyArea.allCases.map { a in
              f?.meanByArea[a].map { ViewFormat.decimal($0, digits: 1) } ?? "–"
            }
            + [ViewFormat.integer(f?.missing.count ?? 0)])
      }
      out += follow.lines
      out.append(
        "Infra: infrastruktur, Komp.: digital kompetens, Innehåll: digitalt innehåll, Samarb.: samarbete och "
          + "kommunikation, Uppf.: uppföljning. Utan: öppna enheter med skolform som saknar uppföljning för \(year)."
      )
      return out
    }

    func json(state: CityState, tree: ViewTree, names: ViewNames) -> [String: JSONValue] {
      let nodes = boards + [cityID]
      return [
        "requirements": .array(
          figures.requirements.map { r in
            [
              "requirement": CompetenceSection.requirement(r, state: state, tree: tree),
              "byBoard": .array(
                boards.compactMap { b in
                  figures.fulfilment(of: r.id, at: b).map {
                    var o: [String: JSONValue] = ["board": ViewJSON.unit(b, tree)]
                    if case .object(let m) = CompetenceSection.fulfilmentJSON(
                      $0, state: state, tree: tree, names: names, people: false)
                    {
                      for (k, v) in m where k != "requirement" { o[k] = v }
                    }
                    return .object(o)
                  }
                }),
              "total": figures.fulfilment(of: r.id, at: cityID).map {
                CompetenceSection.fulfilmentJSON($0, state: state, tree: tree, names: names, people: false)
              } ?? .null,
            ]
          }),
        "measuresByBoard": .array(
          nodes.map { b in
            let ms = measures[b] ?? []
            return [
              "board": ViewJSON.unit(b, tree), "byStatus": CompetenceSection.byStatus(ms),
              "overdue": .array(
                ms.filter { $0.isOverdue(on: asOf) }.map {
                  CompetenceSection.measureJSON($0, asOf: asOf, tree: tree)
                }),
            ]
          }),
        "followUpByBoard": .array(
          nodes.map { b in
            var o: [String: JSONValue] = ["board": ViewJSON.unit(b, tree)]
            if let f = followUps[b], case .object(let m) = CompetenceSection.followUpJSON(f, tree: tree) {
              for (k, v) in m where k != "own" { o[k] = v }
            }
            return .object(o)
          }),
      ]
    }
  }
}
