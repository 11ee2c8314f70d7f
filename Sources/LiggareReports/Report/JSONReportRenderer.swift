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
    return .object(object)
  }

  func render() -> [UInt8] {
    Array(value.prettyText.utf8)
  }
}
