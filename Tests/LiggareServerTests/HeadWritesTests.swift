import Foundation
import LiggareAccess
import LiggareBasics
import LiggareHTTP
import LiggareServer
import Testing

/// Heads write (issue 14): a head's account records its own head assessments of staff in its
/// scopes and its units' yearly follow-up, through `POST /api/v1/events`, and nothing else.
@Suite struct HeadWritesTests {
  static func event(_ type: String, _ date: String, _ data: String) -> [UInt8] {
    Array(#"{"type":"\#(type)","occurredOn":"\#(date)","data":\#(data)}"#.utf8)
  }

  static func assessment(_ person: String, assessor: String?, method: String = "head") -> [UInt8] {
    event(
      "CompetenceAssessed", "2025-06-01",
      #"{"person":"\#(person)","competence":"c-office","level":"säker","method":"\#(method)""#
        + (assessor.map { #","assessor":"\#($0)""# } ?? "") + "}")
  }

  /// The fixture with a head (p-ah, förskolechef at `a`), a framework and a competence, and the
  /// account `sol` (head of `a`, person p-ah).
  static func fixture() throws -> ServerFixture {
    let f = try ServerFixture()
    let setup = [
      ServerFixture.line("h1", "PersonRegistered", "2011-01-01", #"{"person":"p-ah","name":"Agnes Holm"}"#),
      ServerFixture.line(
        "h2", "StaffAssigned", "2011-01-01", #"{"person":"p-ah","unit":"a","role":"förskolechef"}"#),
      ServerFixture.line(
        "h3", "FrameworkDefined", "2020-01-01",
        #"{"framework":"it","title":"IT-planen","levels":["grund","säker","expert"]}"#),
      ServerFixture.line(
        "h4", "CompetenceDefined", "2020-01-01",
        #"{"competence":"c-office","framework":"it","title":"Office 365","area":"digital kompetens"}"#),
    ].joined(separator: "\n")
    let r = try f.call("POST", "/api/v1/events", as: "citycoord", body: Array(setup.utf8))
    #expect(r.status.code == 201, "\(ServerFixture.text(r))")
    try f.accounts.add(name: "sol", role: .head, scopes: ["a"], person: "p-ah", password: nil)
    f.tokens["sol"] = try f.accounts.newToken(name: "sol")
    return f
  }

  @Test func aHeadRecordsTheirOwnAssessmentsAndFollowUpAndNothingElse() throws {
    let f = try Self.fixture()
    let head = try f.call("GET", "/api/v1/head", as: "office").body
    func refused(_ body: [UInt8], as name: String = "sol", saying text: String) throws {
      let r = try f.call("POST", "/api/v1/events", as: name, body: body)
      #expect(r.status.code == 403, "\(ServerFixture.text(r))")
      #expect(ServerFixture.text(r).contains(text), "\(ServerFixture.text(r))")
    }
    // Another assessor, a self-assessment, a person outside the scope, Part 1 events, a follow-up
    // of another unit: refused, and nothing appended.
    try refused(Self.assessment("p-a1", assessor: "p-a2"), saying: "bedömaren ska vara du själv (p-ah)")
    try refused(Self.assessment("p-a1", assessor: nil, method: "self"), saying: "en rektor kan bara")
    try refused(Self.assessment("p-b1", assessor: "p-ah"), saying: "utanför ditt ansvarsområde")
    try refused(
      Self.event("CourseCompleted", "2025-06-01", #"{"person":"p-a1","course":"k"}"#),
      saying: "en rektor kan bara")
    try refused(
      Self.event(
        "RequirementSet", "2025-06-01",
        #"{"requirement":"r","competence":"c-office","minLevel":"säker","scope":"a"}"#),
      saying: "en rektor kan bara")
    let ratings =
      #""ratings":{"infrastruktur":3,"digital kompetens":2,"digitalt innehåll":2,"samarbete och kommunikation":3,"uppföljning":1}"#
    try refused(
      Self.event("UnitFollowUp", "2025-06-01", #"{"unit":"b","year":2024,\#(ratings)}"#),
      saying: "utanför ditt ansvarsområde")
    // A head account without its person id cannot record assessments at all.
    try refused(Self.assessment("p-a1", assessor: "p-ah"), as: "head", saying: "person-id")
    #expect(try f.call("GET", "/api/v1/head", as: "office").body == head)

    // Its own assessment of staff at its unit, and the unit's follow-up: appended.
    let ok = try f.call("POST", "/api/v1/events", as: "sol", body: Self.assessment("p-a1", assessor: "p-ah"))
    #expect(ok.status.code == 201, "\(ServerFixture.text(ok))")
    let follow = try f.call(
      "POST", "/api/v1/events", as: "sol",
      body: Self.event("UnitFollowUp", "2025-06-01", #"{"unit":"a","year":2024,\#(ratings)}"#))
    #expect(follow.status.code == 201, "\(ServerFixture.text(follow))")
    // The unit's view shows it: p-a1 is assessed by the head at the level that counts.
    let unit = try f.call("GET", "/api/v1/units/a?asOf=2025-06-02", as: "sol")
    let view = try JSONValue.parse(unit.body)
    guard case .array(let requirements)? = view["requirements"] else {
      Issue.record("no requirements in \(ServerFixture.text(unit))")
      return
    }
    #expect(requirements.isEmpty)  // no requirement set: the assessment is in the person's view
    let person = try f.call("GET", "/api/v1/persons/p-a1?asOf=2025-06-02", as: "citycoord")
    #expect(person.status.code == 200)
  }

  /// A coordinator whose scope is the city's own id covers the city: it may define courses and
  /// frameworks and retract, as a coordinator without scopes may (the browser tests' coordinator).
  @Test func aCoordinatorScopedToTheCityMayDoWhatTheCityWideOneMay() throws {
    let f = try ServerFixture()
    try f.accounts.add(name: "stadcoord", role: .coordinator, scopes: ["stad"], password: nil)
    f.tokens["stadcoord"] = try f.accounts.newToken(name: "stadcoord")
    let framework = Self.event(
      "FrameworkDefined", "2025-06-01", #"{"framework":"it","title":"IT","levels":["grund","säker"]}"#)
    let retraction = Self.event("EventRetracted", "2025-06-01", #"{"event":"e13","reason":"fel kurs"}"#)
    for body in [framework, retraction] {
      let ok = try f.call("POST", "/api/v1/events?dryRun=true", as: "stadcoord", body: body)
      #expect(ok.status.code == 200, "\(ServerFixture.text(ok))")
      let refused = try f.call("POST", "/api/v1/events?dryRun=true", as: "coord", body: body)
      #expect(refused.status.code == 403, "\(ServerFixture.text(refused))")
    }
  }
}
