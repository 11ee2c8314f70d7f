import Foundation
import LiggareAccess
import LiggareBasics
import LiggareHTTP
import LiggareServer
import Testing

/// A head uploads a list of their own assessments (issue 12: `import-assessments --method head
/// --assessor P` on the pages, P the account's person): preview, then confirm; rows about persons
/// outside the head's units refused by row; the method and assessor cannot be chosen.
@Suite struct HeadListUploadTests {
  static func fixture() throws -> ServerFixture {
    let f = try HeadRetractTests.fixture()
    return f
  }

  static let fields = [("framework", "it"), ("date", "2025-06-01")]

  @Test func aHeadUploadsTheirOwnAssessmentsWithAPreviewThenConfirms() throws {
    let f = try Self.fixture()
    let head = try PageSession(f, as: "rektor")
    let register = ServerFixture.text(try head.get("/register"))
    #expect(register.contains(#"href="/register/assessments""#))
    let form = ServerFixture.text(try head.get("/register/assessments"))
    #expect(form.contains("<h1>Dina bedömningar av personalen</h1>"))
    #expect(form.contains("Agnes Holm (p-ah), du själv"), "\(form)")
    #expect(!form.contains(#"<select id="f-method""#))
    let before = try PageListUploadTests.headSeq(f)
    // The form says self-assessment by someone else: a head's list is the head's own anyway.
    let csv = "person;c-office\r\np-a1;säker\r\np-a2;expert\r\n"
    let preview = try head.upload(
      "/register/assessments", Self.fields + [("method", "self"), ("assessor", "p-a2"), ("step", "preview")],
      file: csv, named: "bedomningar.csv")
    let page = ServerFixture.text(preview)
    #expect(preview.status.code == 200, "\(page)")
    #expect(page.contains("chefens bedömning av p-ah"), "\(page)")
    #expect(page.contains("Spara 2 bedömningar"))
    #expect(try PageListUploadTests.headSeq(f) == before)
    let cells = try #require(PageListUploadTests.hidden("cells", in: page))
    let confirm = try head.post(
      "/register/assessments",
      Self.fields + [
        ("method", "self"), ("assessor", "p-a2"), ("file", "bedomningar.csv"), ("cells", cells),
        ("step", "confirm"),
      ])
    #expect(confirm.status.code == 303, "\(ServerFixture.text(confirm))")
    #expect(confirm.headers["Location"] == "/register?saved=2")
    #expect(try PageListUploadTests.headSeq(f) == before + 2)
    // Saved as the head's own: each can be retracted by the head (Scope: method head, assessor p-ah).
    let index = ServerFixture.text(try head.get("/register"))
    #expect(index.components(separatedBy: "/register/retract?event=").count == 3, "\(index)")
  }

  @Test func rowsAboutPersonsOutsideTheHeadsUnitsAreRefusedByRow() throws {
    let f = try Self.fixture()
    let head = try PageSession(f, as: "rektor")
    let before = try PageListUploadTests.headSeq(f)
    let csv = "person;c-office\r\np-a1;säker\r\np-b1;grund\r\np-finns-inte;grund\r\n"
    let preview = try head.upload(
      "/register/assessments", Self.fields + [("step", "preview")], file: csv, named: "lista.csv")
    let page = ServerFixture.text(preview)
    #expect(page.contains("Rad 3: personen är utanför ditt ansvarsområde"), "\(page)")
    #expect(page.contains("Rad 4: personen p-finns-inte är inte registrerad"), "\(page)")
    #expect(!page.contains("Rad 2:"))
    #expect(!page.contains(#"value="confirm""#))
    #expect(try PageListUploadTests.headSeq(f) == before)
    // A head without a person id on the account is told so at the assessor.
    try f.accounts.add(name: "utan", role: .head, scopes: ["a"], password: "lösenord-för-utan")
    let other = try PageSession(f, as: "utan")
    let refused = try other.upload(
      "/register/assessments", Self.fields + [("step", "preview")], file: "person;c-office\r\np-a1;säker\r\n",
      named: "lista.csv")
    #expect(refused.status.code == 422)
    #expect(ServerFixture.text(refused).contains("Kontot saknar ditt person-id"))
    #expect(try PageListUploadTests.headSeq(f) == before)
  }
}
