import LiggareBasics
import LiggareDomain

/// Builds the report's JSON value (documented in docs/report-json.md); `JSONValue.prettyText` writes
/// it with sorted keys, so the same report is always the same bytes.
struct JSONReportRenderer {
  let report: AnnualReport

  static func number(_ n: Int) -> JSONValue { .number(Double(n)) }
  static func optional(_ d: Double?) -> JSONValue { d.map { .number($0) } ?? .null }
  static func string(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

  static func hours(_ h: [StrategyArea: Double]) -> JSONValue {
    .object(
      Dictionary(uniqueKeysWithValues: StrategyArea.allCases.map { ($0.rawValue, .number(h[$0] ?? 0)) }))
  }

  func node(_ n: NodeFigures) -> JSONValue {
    typealias J = JSONReportRenderer
    let shares: [JSONValue] = report.goalLevels.map { l in
      [
        "minLevel": J.number(l), "atLevel": J.number(n.atLeast(l)), "share": J.optional(n.share(atLeast: l)),
        "previousAtLevel": J.number(n.previousAtLeast(l)),
        "previousShare": J.optional(n.previousShare(atLeast: l)),
      ]
    }
    return [
      "id": .string(n.id), "name": .string(n.name), "kind": .string(n.kind.rawValue),
      "parent": J.string(n.parentID), "schoolForm": J.string(n.schoolForm?.rawValue), "open": .bool(n.isOpen),
      "closedOn": J.string(n.closedOn?.description), "mergedInto": J.string(n.mergedIntoID),
      "staff": J.number(n.staff), "pimLevels": .array(n.pimLevels.map(J.number)),
      "previous": [
        "staff": J.number(n.previousStaff), "pimLevels": .array(n.previousPimLevels.map(J.number)),
        "examiners": J.number(n.previousExaminers),
      ],
      "goalShares": .array(shares),
      "levelsAttained": .array(n.levelsAttained.map(J.number)),
      "courseHours": J.hours(n.courseHours), "totalHours": .number(n.totalHours),
      "hoursPerStaff": J.optional(n.hoursPerStaff),
      "examiners": [
        "atYearEnd": J.number(n.examiners), "appointed": J.number(n.examinersAppointed),
        "ended": J.number(n.examinersEnded),
      ],
    ]
  }

  var value: JSONValue {
    typealias J = JSONReportRenderer
    let r = report
    let goals: [JSONValue] = r.goals.map { g in
      [
        "id": .string(g.goal.id), "scope": .string(g.goal.scopeID), "scopeName": .string(g.scopeName),
        "minLevel": J.number(g.goal.minLevel), "targetShare": .number(g.goal.targetShare),
        "deadline": .string(g.goal.deadline.description), "setOn": .string(g.goal.setOn.description),
        "evaluatedOn": .string(g.status.evaluatedOn.description), "staff": J.number(g.status.staff),
        "atLevel": J.number(g.status.atLevel), "share": .number(g.status.share), "met": .bool(g.status.isMet),
        "deadlinePassed": .bool(g.deadlinePassed), "status": .string(g.verdict),
        "previous": ["staff": J.number(g.previousStaff), "atLevel": J.number(g.previousAtLevel)],
      ]
    }
    let examinerless: [JSONValue] = r.unitsWithoutExaminer.map { u in
      [
        "id": .string(u.unitID), "name": .string(u.name), "board": J.string(u.boardID),
        "boardName": .string(u.boardName), "schoolForm": .string(u.schoolForm.rawValue),
        "staff": J.number(u.staff),
      ]
    }
    let furthest: [JSONValue] = r.furthestFromGoal.map { g in
      [
        "id": .string(g.unitID), "name": .string(g.name), "boardName": .string(g.boardName),
        "staff": J.number(g.staff), "below": J.number(g.below), "totalGap": J.number(g.totalGap),
        "averageGap": .number(g.averageGap), "shareAtLevel": .number(g.shareAtLevel),
      ]
    }
    let years: [JSONValue] = r.shareByYear.map { p in
      [
        "year": J.number(p.year), "staff": J.number(p.staff), "atLevel": J.number(p.atLevel),
        "share": J.optional(p.share),
      ]
    }
    var object: [String: JSONValue] = [
      "year": J.number(r.request.year), "asOf": .string(r.asOf.description),
      "previousAsOf": .string(r.previousAsOf.description), "knownAt": .string(r.request.knownAt.description),
      "scope": J.string(r.request.scope), "format": "json",
      "log": ["seq": .number(Double(r.head.seq)), "head": .string(r.head.hash)],
      "cityName": .string(r.cityName),
      "city": node(r.root), "boards": .array(r.boards.filter { $0.id != r.root.id }.map(node)),
      "units": .array(r.units.filter { $0.id != r.root.id }.map(node)),
      "goals": .array(goals), "goalLevels": .array(r.goalLevels.map(J.number)),
      "referenceLevel": J.number(r.referenceLevel), "referenceGoal": J.string(r.referenceGoal?.id),
      "unitsWithoutExaminer": .array(examinerless), "furthestFromGoal": .array(furthest),
      "shareByYear": .array(years), "summary": .array(r.summary.map { .string($0) }),
    ]
    object["unattributed"] =
      r.unattributed.map { u in
        [
          "levelsAttained": .array(u.levelsAttained.map(J.number)), "courseHours": J.hours(u.courseHours),
          "totalHours": .number(StrategyArea.allCases.reduce(0) { $0 + (u.courseHours[$1] ?? 0) }),
        ]
      } ?? .null
    return .object(object)
  }

  func render() -> [UInt8] {
    Array(value.prettyText.utf8)
  }
}
