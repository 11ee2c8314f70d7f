import Foundation
import LiggareAccess
import LiggareBasics
import LiggareHTTP
import LiggareServer
import Testing

/// Heads retract (issue 12): a head retracts their own head assessments and their units'
/// follow-ups from the pages (dry run, then confirm, CSRF) and through the API, and nothing else;
/// another unit's event and an id that does not exist get the same answer.
@Suite struct HeadRetractTests {
  static let ratings =
    #""ratings":{"infrastruktur":3,"digital kompetens":2,"digitalt innehåll":2,"samarbete och kommunikation":3,"uppföljning":1}"#

  /// The fixture of `HeadWritesTests` plus events by a coordinator: a follow-up of unit `b`
  /// (`x-follow-b`), a self-assessment of `p-a1` at the head's own unit (`x-self`) and a course
  /// completion at `a` (`x-course`).
  static func fixture() throws -> ServerFixture {
    let f = try HeadWritesTests.fixture()
    let lines = [
      Self.line("x-follow-b", "UnitFollowUp", "2025-06-01", #"{"unit":"b","year":2024,\#(ratings)}"#),
      Self.line(
        "x-self", "CompetenceAssessed", "2025-06-01",
        #"{"person":"p-a1","competence":"c-office","level":"grund","method":"self"}"#),
      Self.line("x-course", "CourseCompleted", "2025-06-01", #"{"person":"p-a1","course":"k"}"#),
    ]
    let r = try f.call(
      "POST", "/api/v1/events", as: "citycoord", body: Array(lines.joined(separator: "\n").utf8))
    #expect(r.status.code == 201, "\(ServerFixture.text(r))")
    try f.accounts.add(
      name: "rektor", role: .head, scopes: ["a"], person: "p-ah", password: "lösenord-för-rektor")
    f.tokens["rektor"] = try f.accounts.newToken(name: "rektor")
    return f
  }

  /// An event with its id, recorded now.
  static func line(_ id: String, _ type: String, _ date: String, _ data: String) -> String {
    #"{"id":"\#(id)","type":"\#(type)","occurredOn":"\#(date)","data":\#(data)}"#
  }

  static func headSeq(_ f: ServerFixture) throws -> Int { try PageListUploadTests.headSeq(f) }

  /// The event id of the first "Ångra" link on the register page.
  static func undoLink(in page: String) -> String? {
    guard let range = page.range(of: "/register/retract?event=") else { return nil }
    let rest = page[range.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
  }

  @Test func aHeadRetractsTheirOwnAssessmentFromTheEntryWithADryRunFirst() throws {
    let f = try Self.fixture()
    let head = try PageSession(f, as: "rektor")
    // The head records an assessment on the pages.
    let saved = try head.post(
      "/register/assessment",
      [
        ("person", "p-a1"), ("competence", "c-office"), ("level", "säker"), ("date", "2025-06-01"),
        ("step", "confirm"),
      ])
    #expect(saved.status.code == 303, "\(ServerFixture.text(saved).prefix(3000))")
    // Its entry on the register page has "Ångra", leading to the retraction form for it.
    let index = ServerFixture.text(try head.get("/register"))
    let id = try #require(Self.undoLink(in: index), "\(index)")
    let form = try head.get("/register/retract?event=\(id)")
    #expect(form.status.code == 200)
    #expect(ServerFixture.text(form).contains(#"value="\#(id)""#))

    let before = try Self.headSeq(f)
    let fields = [("event", id), ("reason", "fel person"), ("date", "2025-06-02")]
    // A dry run shows what would be recorded and saves nothing.
    let preview = try head.post("/register/retract", fields + [("step", "preview")])
    #expect(preview.status.code == 200, "\(ServerFixture.text(preview).prefix(3000))")
    #expect(ServerFixture.text(preview).contains("dras tillbaka (fel person)"))
    #expect(try Self.headSeq(f) == before)
    // Without the session's CSRF token: refused, nothing appended.
    let forged = try head.post("/register/retract", fields + [("step", "confirm")], csrf: "fel")
    #expect(forged.status.code == 403)
    #expect(try Self.headSeq(f) == before)
    // Confirmed: one retraction.
    let done = try head.post("/register/retract", fields + [("step", "confirm")])
    #expect(done.status.code == 303, "\(ServerFixture.text(done).prefix(3000))")
    #expect(done.headers["Location"] == "/register?saved=1")
    #expect(try Self.headSeq(f) == before + 1)
    #expect(ServerFixture.text(try head.get("/register")).contains("tillbakadragen"))
  }

  @Test func aHeadRetractsTheirUnitsFollowUpThroughTheAPI() throws {
    let f = try Self.fixture()
    let follow = Self.line(
      "s-follow-a", "UnitFollowUp", "2025-06-01", #"{"unit":"a","year":2024,\#(Self.ratings)}"#)
    let r = try f.call("POST", "/api/v1/events", as: "rektor", body: Array(follow.utf8))
    #expect(r.status.code == 201, "\(ServerFixture.text(r))")
    let retract = HeadWritesTests.event(
      "EventRetracted", "2025-06-02", #"{"event":"s-follow-a","reason":"fel år"}"#)
    let ok = try f.call("POST", "/api/v1/events", as: "rektor", body: retract)
    #expect(ok.status.code == 201, "\(ServerFixture.text(ok))")
  }

  /// Another unit's follow-up, a self-assessment and a course completion at the head's own unit,
  /// and an id that does not exist: refused with the same words, on the pages and in the API.
  @Test func aHeadCannotRetractWhatTheyMayNotWriteAndLearnsNothingOfOtherIds() throws {
    let f = try Self.fixture()
    let head = try PageSession(f, as: "rektor")
    let before = try Self.headSeq(f)
    var pageAnswers: Set<String> = []
    var apiAnswers: Set<String> = []
    for id in ["x-follow-b", "x-self", "x-course", "x-finns-inte"] {
      let page = try head.post(
        "/register/retract", [("event", id), ("reason", "fel"), ("date", "2025-06-02"), ("step", "confirm")])
      #expect(page.status.code == 422, "\(id): \(ServerFixture.text(page).prefix(3000))")
      let text = ServerFixture.text(page)
      #expect(text.contains("En rektor kan bara dra tillbaka sina egna bedömningar"), "\(id)")
      pageAnswers.insert(text.replacingOccurrences(of: id, with: "ID"))
      let api = try f.call(
        "POST", "/api/v1/events", as: "rektor",
        body: HeadWritesTests.event("EventRetracted", "2025-06-02", #"{"event":"\#(id)","reason":"fel"}"#))
      #expect(api.status.code == 403, "\(id): \(ServerFixture.text(api))")
      apiAnswers.insert(ServerFixture.text(api).replacingOccurrences(of: id, with: "ID"))
    }
    #expect(pageAnswers.count == 1)
    #expect(apiAnswers.count == 1)
    #expect(try Self.headSeq(f) == before)
    // A coordinator for the whole city may retract them (the rulebook's answer for the unknown id).
    let coordinator = try f.call(
      "POST", "/api/v1/events?dryRun=true", as: "citycoord",
      body: HeadWritesTests.event("EventRetracted", "2025-06-02", #"{"event":"x-follow-b","reason":"fel"}"#))
    #expect(coordinator.status.code == 200, "\(ServerFixture.text(coordinator))")
  }
}
