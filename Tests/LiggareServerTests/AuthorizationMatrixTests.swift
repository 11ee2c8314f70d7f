import Foundation
import LiggareAccess
import LiggareBasics
import LiggareHTTP
import LiggareServer
import Testing

/// Every API route × every role × an id in scope, out of scope and unknown: the status each gets,
/// and for scoped accounts the same answer out of scope as for an id that does not exist.
@Suite struct AuthorizationMatrixTests {
  /// One route: its targets and bodies for an id in, out of scope and unknown, and the status each
  /// account gets for each (nil account: no credentials).
  struct Case {
    var method: String
    var pattern: String
    /// (target, body) for in scope, out of scope, unknown.
    var requests: [(String, [UInt8])]
    /// Per account, the statuses for the three requests.
    var expected: [String: [Int]]
  }

  static func completion(_ person: String) -> [UInt8] {
    Array(
      #"{"type":"CourseCompleted","occurredOn":"2025-06-01","data":{"person":"\#(person)","course":"k"}}"#
        .utf8)
  }

  static let denied = [403, 403, 403]

  static func cases(reportBody: [UInt8]) -> [Case] {
    let viewExpected: [String: [Int]] = [
      "coord": [200, 404, 404], "citycoord": [200, 200, 404], "head": [200, 404, 404],
      "office": [200, 200, 404],
      "admin": denied,
    ]
    let writeExpected: [String: [Int]] = [
      "coord": [200, 403, 403], "citycoord": [200, 200, 422], "head": denied, "office": denied,
      "admin": denied,
    ]
    return [
      Case(
        method: "GET", pattern: "/api/v1/head", requests: Array(repeating: ("/api/v1/head", []), count: 3),
        expected: [
          "coord": [200, 200, 200], "citycoord": [200, 200, 200], "head": [200, 200, 200],
          "office": [200, 200, 200], "admin": denied,
        ]),
      Case(
        method: "GET", pattern: "/api/v1/city",
        requests: Array(repeating: ("/api/v1/city?asOf=2025-01-01", []), count: 3),
        expected: [
          "coord": denied, "citycoord": [200, 200, 200], "head": denied, "office": [200, 200, 200],
          "admin": denied,
        ]),
      Case(
        method: "GET", pattern: "/api/v1/units/{id}",
        requests: ["a", "b", "zz"].map { ("/api/v1/units/\($0)?asOf=2025-01-01", []) }, expected: viewExpected
      ),
      Case(
        method: "GET", pattern: "/api/v1/units/{id}/gaps",
        requests: ["a", "b", "zz"].map { ("/api/v1/units/\($0)/gaps?asOf=2025-01-01", []) },
        expected: viewExpected),
      Case(
        method: "GET", pattern: "/api/v1/persons/{id}",
        requests: ["p-a1", "p-b1", "p-zz"].map { ("/api/v1/persons/\($0)?asOf=2025-01-01", []) },
        expected: [
          "coord": [200, 404, 404], "citycoord": [200, 200, 404], "head": denied, "office": [200, 200, 404],
          "admin": denied,
        ]),
      Case(
        method: "GET", pattern: "/api/v1/reports/{year}",
        requests: ["", "&scope=n2", "&scope=zz"].map { ("/api/v1/reports/2025?format=json\($0)", []) },
        expected: [
          "coord": denied, "citycoord": denied, "head": denied, "office": [200, 200, 404], "admin": denied,
        ]),
      Case(
        method: "POST", pattern: "/api/v1/reports/verify",
        requests: [
          ("/api/v1/reports/verify", reportBody), ("/api/v1/reports/verify", reportBody + [0x20]),
          ("/api/v1/reports/verify", Array("ingen rapport".utf8)),
        ],
        expected: [
          "coord": denied, "citycoord": denied, "head": denied, "office": [200, 200, 422], "admin": denied,
        ]),
      Case(
        method: "GET", pattern: "/api/v1/search",
        requests: ["Ekorren", "Bj%C3%B6rnen", "Finnsinte"].map { ("/api/v1/search?q=\($0)", []) },
        expected: [
          "coord": [200, 200, 200], "citycoord": [200, 200, 200], "head": [200, 200, 200],
          "office": [200, 200, 200], "admin": denied,
        ]),
      Case(
        method: "POST", pattern: "/api/v1/events",
        requests: ["p-a2", "p-b1", "p-zz"].map { ("/api/v1/events?dryRun=true", completion($0)) },
        expected: writeExpected),
      Case(
        method: "POST", pattern: "/api/v1/attendance",
        requests: ["p-a2", "p-b1", "p-zz"].map {
          ("/api/v1/attendance?course=k&date=2025-06-01&dryRun=true", Array("person\n\($0)\n".utf8))
        },
        expected: writeExpected),
      Case(
        method: "GET", pattern: "/api/v1/events",
        requests: Array(repeating: ("/api/v1/events", []), count: 3),
        expected: [
          "coord": denied, "citycoord": denied, "head": denied, "office": [200, 200, 200], "admin": denied,
        ]),
    ]
  }

  @Test func everyRouteEveryRoleInAndOutOfScopeAndUnknown() throws {
    let f = try ServerFixture()
    let report = try f.call("GET", "/api/v1/reports/2025?format=html", as: "office")
    #expect(report.status.code == 200)
    let cases = Self.cases(reportBody: report.body)
    // The matrix covers every route of the API.
    let covered = Set(cases.map { "\($0.method) \($0.pattern)" })
    let routes = Set(APIRoutes.all.map { "\($0.method) \($0.pattern)" })
    #expect(covered == routes)
    let before = try f.call("GET", "/api/v1/head", as: "office").body
    for c in cases {
      for (name, _, _) in ServerFixture.roster {
        let expected = try #require(c.expected[name], "\(c.pattern): no row for \(name)")
        var bodies: [String] = []
        for (i, (target, body)) in c.requests.enumerated() {
          let r = try f.call(c.method, target, as: name, body: body)
          #expect(
            r.status.code == expected[i],
            "\(c.method) \(target) as \(name): \(r.status.code), expected \(expected[i]): \(ServerFixture.text(r))"
          )
          if r.status.code >= 400 {
            #expect(ServerFixture.code(r) != nil, "\(c.method) \(target) as \(name): no error body")
          }
          bodies.append(ServerFixture.text(r))
        }
        // A scoped account gets the same answer out of scope as for an id that does not exist.
        if expected[1] == expected[2] && expected[1] >= 400 {
          let ids = ["b", "zz", "p-b1", "p-zz"]
          func masked(_ s: String) -> String {
            ids.reduce(s) { $0.replacingOccurrences(of: #"\"\#($1)\""#, with: #"\"ID\""#) }
          }
          #expect(masked(bodies[1]) == masked(bodies[2]), "\(c.pattern) as \(name)")
        }
      }
      // Without credentials: 401, whatever the id.
      for (target, body) in c.requests {
        let r = try f.call(c.method, target, as: nil, body: body)
        #expect(r.status.code == 401, "\(c.method) \(target) without credentials: \(r.status.code)")
        #expect(r.headers["WWW-Authenticate"] != nil)
      }
    }
    // Dry runs only: nothing was appended.
    #expect(try f.call("GET", "/api/v1/head", as: "office").body == before)
  }

  @Test func aWrongOrDisabledTokenIsRefusedAndSearchShowsOnlyTheScope() throws {
    let f = try ServerFixture()
    var r = try f.call("GET", "/api/v1/head", as: nil, headers: [("Authorization", "Bearer fel")])
    #expect(r.status.code == 401)
    try f.accounts.disable(name: "coord")
    r = try f.call("GET", "/api/v1/head", as: "coord")
    #expect(r.status.code == 401)
    r = try f.call("GET", "/api/v1/search?q=F%C3%B6rskolan", as: "head")
    let text = ServerFixture.text(r)
    #expect(text.contains("Ekorren") && !text.contains("Björnen"))
    // Heads see units, not persons.
    r = try f.call("GET", "/api/v1/search?q=p-a", as: "head")
    #expect(!ServerFixture.text(r).contains("p-a1"))
    r = try f.call("GET", "/api/v1/search?q=p-", as: "office")
    #expect(ServerFixture.text(r).contains("p-b1") && ServerFixture.text(r).contains("Berit Björk"))
  }

  @Test func everyAnswerCarriesTheSecurityHeaders() throws {
    let f = try ServerFixture()
    for (target, name) in [("/api/v1/head", "office"), ("/api/v1/nothing", "office"), ("/api/v1/head", nil)] {
      let r = try f.call("GET", target, as: name)
      #expect(r.headers["Content-Security-Policy"]?.contains("default-src 'self'") == true)
      #expect(r.headers["X-Content-Type-Options"] == "nosniff")
    }
  }
}
