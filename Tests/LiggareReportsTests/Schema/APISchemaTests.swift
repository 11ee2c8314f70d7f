import Foundation
import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareReports

/// Every JSON document of API version 1 — the four views, the annual report and the server's own
/// answers — validated against its schema in docs/api/, for the test fixture city and the small demo
/// city. The schemas forbid unknown keys everywhere, so a key added or renamed without its schema
/// fails here.
@Suite struct APISchemaTests {
  let validator: JSONSchemaValidator
  init() throws { validator = try APISchemas.validator() }

  /// The failures of `documents` against `schema`, each named by its context.
  func failures(_ documents: [(String, JSONValue)], _ schema: String) -> [String] {
    documents.flatMap { name, document in
      validator.validate(document, against: schema).prefix(5).map { "\(schema) \(name): \($0)" }
    }
  }

  /// Every view of `state`: the city, every node's unit and gap views (each goal too), every person.
  func views(
    _ state: CityState, names: [String: String], units unitLimit: Int = .max, persons personLimit: Int = .max
  )
    -> [String: [(String, JSONValue)]]
  {
    var out: [String: [(String, JSONValue)]] = [:]
    let at = "\(state.asOf)"
    out["city.schema.json", default: []].append(("city \(at)", CityView(state: state, names: names).json))
    // The city and the boards first, then units by id, so a limit keeps every kind.
    func rank(_ u: UnitSnapshot) -> Int { u.kind == .city ? 0 : u.kind == .board ? 1 : 2 }
    let nodes = state.allUnits.sorted { (rank($0), $0.id) < (rank($1), $1.id) }
    for node in nodes.prefix(unitLimit) {
      if let v = try? UnitView(state: state, unit: node.id, names: names) {
        out["unit.schema.json", default: []].append(("unit \(node.id) \(at)", v.json))
      }
      for goal in [nil] + state.goals.map(\.id) {
        if let v = try? GapList(state: state, unit: node.id, goal: goal, names: names) {
          out["gaps.schema.json", default: []].append(("gaps \(node.id) \(goal ?? "-") \(at)", v.json))
        }
      }
      if let v = try? RequirementGapList(state: state, unit: node.id, names: names) {
        out["requirement-gaps.schema.json", default: []].append(("requirement gaps \(node.id) \(at)", v.json))
      }
    }
    for person in state.knownPersonIDs.prefix(personLimit) {
      if let v = try? PersonView(state: state, person: person, names: names) {
        out["person.schema.json", default: []].append(("person \(person) \(at)", v.json))
      }
    }
    return out
  }

  @Test func schemasAreWellFormedAndClosed() throws {
    let documents = try APISchemas.documents()
    let resources = [
      "head", "city", "unit", "gaps", "person", "report", "error", "search", "append-result",
      "report-verification", "requirement-gaps",
    ]
    #expect(Set(documents.keys) == Set((resources + ["common"]).map { "\($0).schema.json" }))
    for name in resources {
      let schema = try #require(documents["\(name).schema.json"])
      #expect(schema["$schema"]?.stringValue == "https://json-schema.org/draft/2020-12/schema", "\(name)")
      guard case .array(let required)? = schema["required"] else {
        Issue.record("\(name) requires nothing")
        continue
      }
      #expect(required.contains("apiVersion"), "\(name) does not require apiVersion")
    }
    // Every object shape closes its members.
    func walk(_ s: JSONValue, _ path: String) {
      guard case .object(let members) = s else {
        if case .array(let list) = s { for (i, e) in list.enumerated() { walk(e, path + "/\(i)") } }
        return
      }
      if members["properties"] != nil {
        #expect(members["additionalProperties"] == false, "\(path) lets unknown keys through")
      }
      for (k, v) in members { walk(v, path + "/" + k) }
    }
    for (name, schema) in documents { walk(schema, name) }
  }

  @Test(arguments: ["2009-12-31", "2010-06-30", "2011-12-31", "2012-06-30", "2012-12-31", "2014-01-01"])
  func fixtureViewsMatchTheirSchemas(date: String) throws {
    let log = try ViewsFixture.city()
    var count = 0
    for (schema, documents) in views(log.state(asOf: date), names: ViewsFixture.names) {
      count += documents.count
      #expect(failures(documents, schema).isEmpty, "\(failures(documents, schema))")
    }
    #expect(count >= (date < "2010" ? 1 : 10))
  }

  @Test func fixtureViewsWithoutNamesAndAtAnEarlierKnowledge() throws {
    let log = try ViewsFixture.city()
    for (schema, documents) in views(log.state(asOf: "2012-12-31", knownAtSeq: 30), names: [:]) {
      #expect(failures(documents, schema).isEmpty, "\(failures(documents, schema))")
    }
    let empty = CityView(
      state: CityState(
        chronicle: Chronicle(), position: .endOf(CivilDate(parsing: "2012-01-01")!), knownAtSeq: 0),
      names: [:]
    ).json
    #expect(failures([("empty", empty)], "city.schema.json").isEmpty)
  }

  @Test func fixtureReportsMatchTheirSchema() throws {
    let log = try ReportLogBuilder.city()
    var documents: [(String, JSONValue)] = []
    for year in [2010, 2011, 2012, 2013] {
      for scope in [nil, "n-norr", "n-syd", "f-sol", "pim"] as [String?] {
        let report = try log.report(year: year, scope: scope)
        documents.append(("\(year) \(scope ?? "stad")", try JSONValue.parse(report.rendered())))
      }
    }
    let golden = try Data(
      contentsOf: Golden.sourceDirectory(#filePath).appendingPathComponent("annual-2012.json"))
    documents.append(("golden", try JSONValue.parse(Array(golden))))
    #expect(failures(documents, "report.schema.json").isEmpty, "\(failures(documents, "report.schema.json"))")
  }

  @Test func demoCityViewsAndReportMatchTheirSchemas() throws {
    let (chronicle, names) = APISchemas.demo
    for date in ["2024-12-31"] {
      let state = CityState(
        chronicle: chronicle, position: .endOf(CivilDate(parsing: date)!), knownAtSeq: chronicle.lastSeq)
      var count = 0
      // Part 2's inner shapes are checked only where there is something in them: count those.
      var withPart2: [String: Int] = [:]
      for (schema, documents) in views(state, names: names, units: 10, persons: 50) {
        count += documents.count
        #expect(failures(documents, schema).isEmpty, "\(failures(documents, schema))")
        for (_, d) in documents {
          if case .array(let r)? = d["requirements"], !r.isEmpty { withPart2[schema, default: 0] += 1 }
        }
      }
      #expect(count > 50)
      for schema in [
        "unit.schema.json", "city.schema.json", "person.schema.json", "requirement-gaps.schema.json",
      ] {
        #expect(withPart2[schema, default: 0] > 0, "no \(schema) document with requirements")
      }
    }
    let knownAt = try #require(chronicle.latestRecordedAt)
    let boards = CityState(
      chronicle: chronicle, position: .endOf(CivilDate.endOfYear(2024)), knownAtSeq: chronicle.lastSeq
    ).allUnits.filter { $0.kind == .board }.map(\.id).sorted()
    for scope in [nil, boards.first] as [String?] {
      let request = ReportRequest(year: 2024, knownAt: knownAt, scope: scope, format: .json)
      let report = try AnnualReport(
        chronicle: chronicle, request: request,
        head: LogHeadInfo(seq: chronicle.lastSeq, hash: String(repeating: "0", count: 64)))
      let documents = [("demo 2024 \(scope ?? "stad")", try JSONValue.parse(report.rendered()))]
      #expect(
        failures(documents, "report.schema.json").isEmpty, "\(failures(documents, "report.schema.json"))")
    }
  }

  @Test func serverDocumentsMatchTheirSchemas() throws {
    let hash = String(repeating: "ab", count: 32)
    let moment = Timestamp(parsing: "2026-03-01T12:00:00Z")
    var documents: [(String, JSONValue, String)] = [
      ("head", APIDocument.head(seq: 12, hash: hash, recordedAt: moment), "head.schema.json"),
      (
        "empty head", APIDocument.head(seq: 0, hash: String(repeating: "0", count: 64), recordedAt: nil),
        "head.schema.json"
      ),
      (
        "append",
        APIDocument.appendResult(
          dryRun: false, appended: 3, alreadyPresent: 1, firstSeq: 10, headSeq: 12, headHash: hash,
          headRecordedAt: moment), "append-result.schema.json"
      ),
      (
        "dry run",
        APIDocument.appendResult(
          dryRun: true, appended: 0, alreadyPresent: 0, firstSeq: nil, headSeq: 12, headHash: hash,
          headRecordedAt: moment), "append-result.schema.json"
      ),
    ]
    for code in APIDocument.ErrorCode.allCases {
      documents.append(("\(code)", APIDocument.error(code, message: "Fel på rad 3."), "error.schema.json"))
      documents.append(
        (
          "\(code) line", APIDocument.error(code, message: "Fältet saknas.", line: 3, field: "data.person"),
          "error.schema.json"
        ))
    }
    let knownAt = try #require(Timestamp(parsing: "2013-02-15T22:59:59Z"))
    for difference in [nil, 120] as [Int?] {
      documents.append(
        (
          "verify \(difference ?? -1)",
          APIDocument.verification(
            matches: difference == nil, year: 2012, knownAt: knownAt, firstDifference: difference,
            message: "STÄMMER: filen är identisk."), "report-verification.schema.json"
        ))
    }
    let search = APIDocument.search(
      query: "åke",
      persons: [
        APIDocument.personHit(
          id: "e-1", name: "Åke Examinator", unitID: "f-sol", unitName: "Solrosens förskola"),
        APIDocument.personHit(id: "p-9", name: nil, unitID: nil, unitName: nil),
      ], units: [("n-norr", "Norra nämnden", .board)], courses: [("kurs-a", "Digitala verktyg")])
    documents.append(("search", search, "search.schema.json"))
    documents.append(
      (
        "empty search", APIDocument.search(query: "x", persons: [], units: [], courses: []),
        "search.schema.json"
      ))
    // And a wrong one of each is refused, so the above is not vacuous.
    #expect(
      !failures(
        [("head without apiVersion", ["seq": 12, "hash": .string(hash), "recordedAt": nil])],
        "head.schema.json"
      ).isEmpty)
    #expect(
      !failures(
        [("error without code", ["apiVersion": 1, "error": ["message": "x", "line": nil, "field": nil]])],
        "error.schema.json"
      ).isEmpty)
    #expect(
      !failures([("unknown code", APIDocument.error("oops", message: "x"))], "error.schema.json").isEmpty)
    #expect(
      !failures(
        [
          (
            "bare unit",
            [
              "apiVersion": 1, "query": "", "persons": [["id": "p", "name": nil, "unit": "u"]], "units": [],
              "courses": [],
            ]
          )
        ], "search.schema.json"
      ).isEmpty)
    for (name, document, schema) in documents {
      #expect(failures([(name, document)], schema).isEmpty, "\(failures([(name, document)], schema))")
    }
  }

  /// The schemas catch drift: each of these slips, made to a valid document, is rejected.
  @Test(arguments: [
    "a key renamed back (open → isOpen)", "a key added to a node row", "five levels", "hours as a number",
    "examiners as a list", "a bare id for a reference", "apiVersion missing", "share as a percentage",
  ])
  func driftIsRejected(slip: String) throws {
    let log = try ViewsFixture.city()
    let city = CityView(state: log.state(asOf: "2012-12-31"), names: ViewsFixture.names).json
    guard case .object(var top) = city, case .object(var total)? = top["total"],
      case .object(var node)? = total["node"]
    else {
      Issue.record("the city view has no total")
      return
    }
    switch slip {
    case "a key renamed back (open → isOpen)":
      node["isOpen"] = node.removeValue(forKey: "open")
    case "a key added to a node row": total["kind"] = "city"
    case "five levels": total["levels"] = [1, 2, 3, 4, 5]
    case "hours as a number": total["hoursThisYear"] = 20
    case "examiners as a list": total["examiners"] = []
    case "a bare id for a reference": node["parent"] = "stad"
    case "apiVersion missing": top["apiVersion"] = nil
    case "share as a percentage":
      guard case .array(var standings)? = total["standings"], case .object(var s) = standings.first else {
        Issue.record("no standing")
        return
      }
      s["share"] = 50
      standings[0] = .object(s)
      total["standings"] = .array(standings)
    default: Issue.record("unknown slip")
    }
    total["node"] = .object(node)
    top["total"] = .object(total)
    #expect(failures([("original", city)], "city.schema.json").isEmpty)
    #expect(!failures([(slip, .object(top))], "city.schema.json").isEmpty, "\(slip) was accepted")
  }
}
