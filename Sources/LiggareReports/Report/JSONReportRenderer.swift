import LiggareBasics
import LiggareDomain

/// Builds the report's JSON value (docs/report-json.md, schema docs/api/report.schema.json) from the
/// shapes the views use (`ViewJSON`); `JSONValue.prettyText` writes it with sorted keys, so the same
/// report is always the same bytes.
struct JSONReportRenderer {
  let report: AnnualReport

  static func number(_ n: Int) -> JSONValue { .number(Double(n)) }
  static func optional(_ d: Double?) -> JSONValue { d.map { .number($0) } ?? .null }

  /// `{"minLevel", "staff", "atLevel", "share"}`: a node's staff at a level or higher.
  static func levelShare(minLevel: Int, staff: Int, atLevel: Int) -> JSONValue {
    [
      "minLevel": number(minLevel), "staff": number(staff), "atLevel": number(atLevel),
      "share": ViewJSON.share(atLevel, of: staff),
    ]
  }

  func node(_ n: NodeFigures) -> JSONValue {
    typealias J = JSONReportRenderer
    let shares: [JSONValue] = report.goalLevels.map { l in
      J.levelShare(minLevel: l, staff: n.staff, atLevel: n.atLeast(l))
    }
    let previousShares: [JSONValue] = report.goalLevels.map { l in
      J.levelShare(minLevel: l, staff: n.previousStaff, atLevel: n.previousAtLeast(l))
    }
    let description = ViewJSON.node(
      id: n.id, name: n.name, kind: n.kind, schoolForm: n.schoolForm,
      parent: n.parentID.map { ViewJSON.nodeRef($0, name: n.parentName) }, open: n.isOpen,
      closedOn: n.closedOn, mergedInto: n.mergedIntoID.map { ViewJSON.nodeRef($0, name: n.mergedIntoName) })
    return [
      "node": description, "staff": J.number(n.staff), "levels": ViewJSON.levels(n.pimLevels),
      "levelShares": .array(shares),
      "previous": [
        "staff": J.number(n.previousStaff), "levels": ViewJSON.levels(n.previousPimLevels),
        "examiners": J.number(n.previousExaminers), "levelShares": .array(previousShares),
      ],
      "levelsAttained": ViewJSON.levelsAttained(n.levelsAttained),
      "hoursThisYear": ViewJSON.hours(n.courseHours), "hoursPerStaff": J.optional(n.hoursPerStaff),
      "examiners": J.number(n.examiners), "examinersAppointed": J.number(n.examinersAppointed),
      "examinersEnded": J.number(n.examinersEnded),
    ]
  }

  var value: JSONValue {
    typealias J = JSONReportRenderer
    let r = report
    let goals: [JSONValue] = r.goals.map { g in
      .object(ViewJSON.goal(g.goal, scope: ViewJSON.nodeRef(g.goal.scopeID, name: g.scopeName)))
    }
    let standings: [JSONValue] = r.goals.map { g in
      ViewJSON.standing(
        goal: g.goal, evaluatedOn: g.status.evaluatedOn, staff: g.status.staff, atLevel: g.status.atLevel)
    }
    let examinerless: [JSONValue] = r.unitsWithoutExaminer.map { u in
      ViewJSON.examinerlessUnit(
        unit: ViewJSON.nodeRef(u.unitID, name: u.name),
        board: u.boardID.map { ViewJSON.nodeRef($0, name: u.boardName) } ?? .null, schoolForm: u.schoolForm,
        staff: u.staff)
    }
    let furthest: [JSONValue] = r.furthestFromGoal.map { g in
      [
        "unit": ViewJSON.nodeRef(g.unitID, name: g.name),
        "board": g.boardID.map { ViewJSON.nodeRef($0, name: g.boardName) } ?? .null,
        "staff": J.number(g.staff), "below": J.number(g.below), "missingLevels": J.number(g.totalGap),
        "averageGap": .number(g.averageGap), "share": ViewJSON.share(g.staff - g.below, of: g.staff),
      ]
    }
    let years: [JSONValue] = r.shareByYear.map { p in
      [
        "year": J.number(p.year), "staff": J.number(p.staff), "atLevel": J.number(p.atLevel),
        "share": J.optional(p.share),
      ]
    }
    let names = Dictionary((r.boards + r.units + [r.root]).map { ($0.id, $0.name) }) { a, _ in a }
    var object: [String: JSONValue] = [
      "apiVersion": J.number(ViewJSON.apiVersion), "format": "json",
      "year": J.number(r.request.year), "asOf": .string(r.asOf.description),
      "previousAsOf": .string(r.previousAsOf.description), "knownAt": .string(r.request.knownAt.description),
      "knownAtSeq": .number(Double(r.head.seq)), "knownAtHash": .string(r.head.hash),
      "scope": r.request.scope.map { ViewJSON.nodeRef($0, name: names[$0]) } ?? .null,
      "city": ViewJSON.nodeRef(r.cityID, name: r.cityName),
      "root": node(r.root), "boards": .array(r.boards.filter { $0.id != r.root.id }.map(node)),
      "units": .array(r.units.filter { $0.id != r.root.id }.map(node)),
      "goals": .array(goals), "standings": .array(standings),
      "goalLevels": .array(r.goalLevels.map(J.number)),
      "referenceLevel": J.number(r.referenceLevel), "referenceGoal": ViewJSON.optional(r.referenceGoal?.id),
      "unitsWithoutExaminer": .array(examinerless), "furthestFromGoal": .array(furthest),
      "shareByYear": .array(years), "summary": .array(r.summary.map { .string($0) }),
    ]
    object["unattributed"] =
      r.unattributed.map { u in
        [
          "levelsAttained": ViewJSON.levelsAttained(u.levelsAttained),
          "hoursThisYear": ViewJSON.hours(u.courseHours),
        ]
      } ?? .null
    object["part2"] = part2
    return .object(object)
  }

  /// Contract Part 2's sections (docs/report-json.md).
  var part2: JSONValue {
    typealias J = JSONReportRenderer
    let p = report.part2
    func counts(_ applies: Int, _ met: Int, _ notAssessed: Int) -> JSONValue {
      [
        "applies": J.number(applies), "met": J.number(met), "notAssessed": J.number(notAssessed),
        "shareMet": ViewJSON.share(met, of: applies),
      ]
    }
    let requirements: [JSONValue] = p.requirements.map { r in
      [
        "requirement": .string(r.requirement.id),
        "competence": ["id": .string(r.requirement.competenceID), "title": .string(r.competenceTitle)],
        "framework": .string(r.frameworkID), "minLevel": .string(r.requirement.minLevel),
        "scope": .string(r.requirement.scopeID),
        "nodes": .array(
          r.nodes.map { n in
            [
              "node": ViewJSON.nodeRef(n.nodeID, name: n.name), "kind": .string(n.kind.rawValue),
              "fulfilment": counts(n.applies, n.met, n.notAssessed),
              "previous": n.previous.map { counts($0.applies, $0.met, $0.notAssessed) } ?? .null,
            ]
          }),
      ]
    }
    let assessments: [JSONValue] = p.assessments.map {
      [
        "node": ViewJSON.nodeRef($0.nodeID, name: $0.name), "kind": .string($0.kind.rawValue),
        "self": J.number($0.selfAssessments), "head": J.number($0.headAssessments),
      ]
    }
    let followUps: [JSONValue] = p.followUps.map { f in
      [
        "node": ViewJSON.nodeRef(f.nodeID, name: f.name),
        "meanByArea": CompetenceSection.byArea(f.meanByArea, key: "mean"),
        "unitsWithFollowUp": J.number(f.unitsWithFollowUp), "missing": J.number(f.missing),
      ]
    }
    let measures: [JSONValue] = p.measures.map { m in
      [
        "node": ViewJSON.nodeRef(m.nodeID, name: m.name),
        "byStatus": .array(
          zip(MeasureState.allCases, m.byStatus).map {
            ["status": .string($0.0.rawValue), "count": J.number($0.1)]
          }),
        "overdue": J.number(m.overdue),
      ]
    }
    let overdue: [JSONValue] = p.overdueMeasures.map { o in
      [
        "id": .string(o.measure.id), "title": .string(o.measure.title),
        "area": .string(o.measure.area.rawValue),
        "scope": ViewJSON.nodeRef(o.measure.scopeID, name: o.scopeName), "board": .string(o.boardName),
        "due": .string(o.measure.due.description), "status": .string(o.measure.status.rawValue),
        "responsible": ViewJSON.optional(o.measure.responsible),
      ]
    }
    return [
      "requirements": .array(requirements), "assessments": .array(assessments),
      "followUpYear": J.number(report.request.year),
      "followUps": .array(followUps),
      "unitsWithoutFollowUp": .array(
        p.unitsWithoutFollowUp.map {
          ["unit": ViewJSON.nodeRef($0.unitID, name: $0.name), "board": .string($0.boardName)]
        }),
      "measures": .array(measures), "overdueMeasures": .array(overdue),
    ]
  }

  func render() -> [UInt8] {
    value.prettyBytes
  }
}
