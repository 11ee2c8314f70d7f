import Foundation
import LiggareAccess
import LiggareHTTP
import LiggareServer
import Testing

/// The admin page does what `liggare account` does (issue 12): add (also without a password, for
/// an API token only), disable, a new token, and set or remove a head's own person id.
@Suite struct AdminPageTests {
  @Test func theAdminSetsAndRemovesAHeadsPersonIdAndTheHeadsSessionsEnd() throws {
    let f = try ServerFixture()
    let admin = try PageSession(f, as: "admin")
    let head = try PageSession(f, as: "head")
    #expect(try head.get("/register").status.code == 200)
    #expect(ServerFixture.text(try admin.get("/admin")).contains("Rektorns person-id"))

    let saved = try admin.post("/admin/person", [("person-user", "head"), ("new-person", "p-a1")])
    #expect(saved.status.code == 303, "\(ServerFixture.text(saved))")
    #expect(saved.headers["Location"] == "/admin?done=person")
    #expect(try f.accounts.account(named: "head")?.person == "p-a1")
    #expect(ServerFixture.text(try admin.get("/admin?done=person")).contains("Person-id:t är sparat"))
    // The head's session ended: the next login carries the new person id.
    #expect(try head.get("/register").status.code == 303)
    let again = try PageSession(f, as: "head")
    #expect(ServerFixture.text(try again.get("/register/assessment")).contains("p-a1"))

    // An empty field removes it.
    let removed = try admin.post("/admin/person", [("person-user", "head"), ("new-person", "")])
    #expect(removed.status.code == 303)
    #expect(try f.accounts.account(named: "head")?.person == nil)
  }

  @Test func theAdminCannotDisableTheirOwnAccountButCanAnother() throws {
    let f = try ServerFixture()
    let admin = try PageSession(f, as: "admin")
    let page = ServerFixture.text(try admin.get("/admin"))
    #expect(!page.contains("aria-label=\"Stäng av admin\"") && page.contains("aria-label=\"Stäng av head\""))
    let own = try admin.post("/admin/disable", [("username", "admin")])
    #expect(own.status.code == 422, "\(ServerFixture.text(own))")
    #expect(ServerFixture.text(own).contains("Du kan inte stänga av ditt eget konto"))
    #expect(try f.accounts.account(named: "admin")?.disabled == false)
    #expect(try admin.get("/admin").status.code == 200)
    let other = try admin.post("/admin/disable", [("username", "head")])
    #expect(other.status.code == 303, "\(ServerFixture.text(other))")
    #expect(try f.accounts.account(named: "head")?.disabled == true)
  }

  @Test func aPersonIdIsRefusedAtItsFieldForOtherRolesAndBadIdsAndWithoutCSRF() throws {
    let f = try ServerFixture()
    let admin = try PageSession(f, as: "admin")
    for (user, person, text) in [
      ("office", "p-a1", "tar inget person-id"), ("head", "p a1", "mellanslag"),
      ("finns-inte", "p-a1", "finns-inte"), ("", "p-a1", "Välj ett konto"),
    ] {
      let r = try admin.post("/admin/person", [("person-user", user), ("new-person", person)])
      #expect(r.status.code == 422, "\(user)")
      #expect(ServerFixture.text(r).contains(text), "\(user): \(ServerFixture.text(r))")
    }
    #expect(try f.accounts.account(named: "office")?.person == nil)
    #expect(try f.accounts.account(named: "head")?.person == nil)
    let forged = try admin.post(
      "/admin/person", [("person-user", "head"), ("new-person", "p-a1")], csrf: "x")
    #expect(forged.status.code == 403)
    #expect(try f.accounts.account(named: "head")?.person == nil)
    // Only the admin.
    let office = try PageSession(f, as: "office")
    #expect(
      try office.post("/admin/person", [("person-user", "head"), ("new-person", "p-a1")]).status.code == 403)
    #expect(try f.accounts.account(named: "head")?.person == nil)
  }

  @Test func anAccountWithoutAPasswordIsForAnAPITokenOnly() throws {
    let f = try ServerFixture()
    let admin = try PageSession(f, as: "admin")
    let r = try admin.post(
      "/admin/accounts",
      [("username", "kurssystemet"), ("password", ""), ("role", "coordinator"), ("scopes", "")])
    #expect(r.status.code == 303, "\(ServerFixture.text(r))")
    let account = try #require(try f.accounts.account(named: "kurssystemet"))
    #expect(!account.hasPassword && account.role == .coordinator)
    // A short password is still refused.
    let short = try admin.post(
      "/admin/accounts", [("username", "kort"), ("password", "kort"), ("role", "office"), ("scopes", "")])
    #expect(short.status.code == 422)
    #expect(try f.accounts.account(named: "kort") == nil)
  }
}
