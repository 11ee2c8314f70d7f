import Foundation
import LiggareHTTP
import LiggareServer
import Testing

/// The log's status page (issue 12, central office): times in Stockholm time and Swedish, and
/// open to the central office and coordinators only.
@Suite struct StatusPageTests {
  @Test func timesAreStockholmTimeInSwedish() throws {
    let f = try ServerFixture()
    let office = try PageSession(f, as: "office")
    let page = ServerFixture.text(try office.get("/status"))
    // The last write: the fixture's events were recorded 2025-01-01T08:00:00Z, 09.00 in Stockholm.
    #expect(page.contains("1 januari 2025 kl. 09.00"), "\(page)")
    #expect(!page.contains("2025-01-01T08:00:00Z"))
    // The check run now (2026-01-15T10:00:00Z) is told as 11.00 in Stockholm.
    let verified = try office.post("/status/verify", [])
    #expect(verified.status.code == 303, "\(ServerFixture.text(verified))")
    let after = ServerFixture.text(try office.get("/status"))
    #expect(after.contains("OK 15 januari 2026 kl. 11.00:"), "\(after)")
    #expect(!after.contains("2026-01-15T10:00:00Z"))
  }

  @Test func onlyTheOfficeAndCoordinatorsOpenTheStatusPage() throws {
    let f = try ServerFixture()
    for (name, status) in [
      ("office", 200), ("coord", 200), ("citycoord", 200), ("head", 403), ("admin", 403),
    ] {
      let r = try PageSession(f, as: name).get("/status")
      #expect(r.status.code == status, "\(name)")
      if status == 200 {
        #expect(ServerFixture.text(r).contains("<h1>Loggens status</h1>"), "\(name)")
      } else {
        #expect(!ServerFixture.text(r).contains("Huvudets hash"), "\(name)")
      }
    }
    // Without a session: to the login page.
    let anonymous = try f.call("GET", "/status", as: nil)
    #expect(anonymous.status.code == 303)
    #expect(anonymous.headers["Location"] == "/login")
  }
}
