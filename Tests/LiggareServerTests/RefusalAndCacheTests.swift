import Foundation
import LiggareBasics
import LiggareHTTP
import LiggareServer
import Testing

/// Refusals made by the HTTP layer before routing answer `/api/` paths with the API's error body;
/// the answer cache never gives an answer of another state.
@Suite struct RefusalAndCacheTests {
  /// Sends raw bytes and closes the sending side, so an incomplete request ends.
  static func exchange(port: UInt16, _ bytes: [UInt8]) -> ServerProcess.Response? {
    ServerProcess.exchange(port: port, bytes, halfClose: true)
  }

  @Test func httpRefusalsOfAPIPathsCarryTheJSONErrorBody() throws {
    let f = try ServerFixture()
    var limits = HTTPLimits()
    limits.maxBodyBytes = 64
    limits.maxHeaderFields = 4
    let server = f.app.httpServer(address: try ListenAddress(parsing: "127.0.0.1:0"), limits: limits)
    let port = try server.start()
    defer { server.stop() }
    let cases: [(String, Int, String)] = [
      ("POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n", 413, "payload-too-large"),
      ("GET /api/v1/units/a/../b HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad-request"),
      (
        "GET /api/v1/city HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n\r\n", 431,
        "headers-too-large"
      ),
      (
        "GET /api/v1/city HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
        400, "bad-request"
      ),
      ("GET /api/v1/city HTTP/1.1\r\n\r\n", 400, "bad-request"),
    ]
    for (request, status, code) in cases {
      let r = try #require(Self.exchange(port: port, Array(request.utf8)), "\(request)")
      #expect(r.status == status, "\(request)")
      #expect(r.headers["content-type"]?.hasPrefix("application/json") == true, "\(request): \(r.headers)")
      let body = try JSONValue.parse(r.body)
      #expect(body["error"]?["code"]?.stringValue == code, "\(request)")
      #expect((body["error"]?["message"]?.stringValue ?? "").count > 5)
      #expect(body["apiVersion"]?.numberValue == 1)
    }
    // Outside /api/ the layer's Swedish text stays.
    let page = try #require(
      Self.exchange(port: port, Array("GET /unit/../x HTTP/1.1\r\nHost: x\r\n\r\n".utf8)))
    #expect(page.status == 400 && page.headers["content-type"]?.hasPrefix("text/plain") == true)
    // And the server still answers.
    let ok = try #require(
      Self.exchange(
        port: port,
        Array(
          "GET /api/v1/head HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(f.tokens["office"]!)\r\n\r\n".utf8)
      ))
    #expect(ok.status == 200)
  }

  @Test func theRefusalResponderMapsEveryStatusToACodeOfItsStatus() {
    let errors: [HTTPParseError] = [
      .requestLineTooLong(limit: 1), .malformedRequestLine, .headersTooLarge(limit: 1),
      .transferEncodingNotSupported, .bodyTooLarge(length: 2, limit: 1), .unsupportedExpectation, .timeout,
      .busy,
      .tooManyConnections, .unsupportedVersion("HTTP/2.0"),
    ]
    for error in errors {
      let r = LiggareApp.refusal(error, target: "/api/v1/city")
      #expect(r.status == error.status)
      let code = (try? JSONValue.parse(r.body))?["error"]?["code"]?.stringValue
      #expect(code != nil, "\(error)")
      if error.status.code == 503 { #expect(r.headers["Retry-After"] == "1") }
      // A refusal before any of the path arrived is answered as the API would.
      #expect(LiggareApp.refusal(error, target: nil).headers["Content-Type"] == "application/json")
      #expect(
        LiggareApp.refusal(error, target: "/login").headers["Content-Type"]?.hasPrefix("text/plain") == true)
    }
  }

  @Test func cachedAnswersAreThoseOfTheCurrentHeadAndMatchAFreshComputation() throws {
    let f = try ServerFixture()
    let targets = [
      "/api/v1/city?asOf=2025-01-01", "/api/v1/units/a?asOf=2025-01-01", "/api/v1/units/n1/gaps",
      "/api/v1/persons/p-a1", "/api/v1/reports/2025?format=json&knownAt=2025-06-30",
      "/api/v1/reports/2025?format=html",
    ]
    var first: [String: [UInt8]] = [:]
    for t in targets { first[t] = try f.call("GET", t, as: "office").body }
    let hitsBefore = f.app.cache.statistics.hits
    for t in targets { #expect(try f.call("GET", t, as: "office").body == first[t], "\(t)") }
    #expect(f.app.cache.statistics.hits > hitsBefore)
    // A write moves the head: the next answers are computed for the new head, with its ETag.
    let body = Array(
      #"{"type":"CourseCompleted","occurredOn":"2024-12-01","data":{"person":"p-a2","course":"k"}}"#.utf8)
    let generation = f.app.cache.statistics.generation
    #expect(try f.call("POST", "/api/v1/events", as: "citycoord", body: body).status.code == 201)
    let head = try f.call("GET", "/api/v1/head", as: "office").headers["ETag"]
    let unit = try f.call("GET", "/api/v1/units/a?asOf=2025-01-01", as: "office")
    #expect(unit.headers["ETag"] == head)
    #expect(unit.body != first["/api/v1/units/a?asOf=2025-01-01"])
    #expect(String(decoding: unit.body, as: UTF8.self).contains("\"knownAtSeq\": 15"))
    #expect(f.app.cache.statistics.generation > generation)
  }

  @Test func theOfficePagesAnswerFromTheSameCacheAsTheAPI() throws {
    let f = try ServerFixture()
    for target in ["/city?as-of=2025-01-01", "/report?year=2025"] {
      let first = try f.call("GET", target, as: "office")
      #expect(first.status.code == 200, "\(target)")
      let hits = f.app.cache.statistics.hits
      #expect(try f.call("GET", target, as: "office").body == first.body, "\(target)")
      #expect(f.app.cache.statistics.hits > hits, "\(target) was computed again")
    }
  }

  @Test func theCacheKeepsNothingForAnOlderStateAndStaysWithinItsBudget() {
    let cache = AnswerCache(budget: 4000)
    cache.store("new", cost: 10, for: "a", generation: 2)
    cache.store("old", cost: 10, for: "a", generation: 1)
    #expect(cache.value("a", generation: 2, as: String.self) == "new")
    #expect(cache.value("a", generation: 1, as: String.self) == nil)
    for i in 0..<100 { cache.store(i, cost: 500, for: "k\(i)", generation: 2) }
    #expect(cache.statistics.bytes <= 4000)
    #expect(cache.value("k99", generation: 2, as: Int.self) == 99)
    #expect(cache.value("k0", generation: 2, as: Int.self) == nil)
    cache.store("x", cost: 1, for: "a", generation: 3)
    #expect(cache.value("k99", generation: 3, as: Int.self) == nil)
    #expect(cache.statistics.entries == 1)
  }

  /// At national scale the annual report's figures (~60 MB) and its JSON (36 MB) were never kept
  /// under the fixed 64 MiB budget (a quarter at most per answer), so every request computed them
  /// again, 8 s each. `liggare serve` scales the budget with the log.
  @Test func theBudgetGrowsWithTheLogSoThatANationalReportIsKept() {
    let mib = 1 << 20
    #expect(ServerConfiguration.answerCacheBudget(events: 0) == 64 * mib)
    #expect(ServerConfiguration.answerCacheBudget(events: 3_016_305) == 64 * mib)
    #expect(ServerConfiguration.answerCacheBudget(events: UInt64.max) == 1024 * mib)
    let national = ServerConfiguration.answerCacheBudget(events: 30_459_922)
    let cache = AnswerCache(budget: national)
    cache.store([UInt8](), cost: 60_000_000, for: "report figures", generation: 1)
    cache.store([UInt8](), cost: 36_091_618, for: "report json", generation: 1)
    #expect(cache.value("report figures", generation: 1, as: [UInt8].self) != nil)
    #expect(cache.value("report json", generation: 1, as: [UInt8].self) != nil)
    let fixed = AnswerCache(budget: ServerConfiguration().answerCacheBytes)
    fixed.store([UInt8](), cost: 36_091_618, for: "report json", generation: 1)
    #expect(fixed.value("report json", generation: 1, as: [UInt8].self) == nil)
  }
}

@Suite struct PrecomputeTests {
  @Test func afterACommitTheCityViewAndLastYearsReportAreComputedInTheBackground() throws {
    var configuration = ServerConfiguration()
    configuration.precompute = true
    let f = try ServerFixture(configuration: configuration)
    let body = Array(
      #"{"type":"CourseCompleted","occurredOn":"2025-03-01","data":{"person":"p-b1","course":"k"}}"#.utf8)
    #expect(try f.call("POST", "/api/v1/events", as: "citycoord", body: body).status.code == 201)
    let generation = f.app.service.published_.generation
    // Wait (at most 30 s) for the work to be done for the new state: two answers kept.
    var waited = 0
    while f.app.cache.statistics.entries < 2 || f.app.cache.statistics.generation != generation, waited < 300
    {
      usleep(100_000)
      waited += 1
    }
    #expect(f.app.cache.statistics.entries >= 2 && f.app.cache.statistics.generation == generation)
    let hits = f.app.cache.statistics.hits
    let city = try f.call("GET", "/api/v1/city", as: "office")
    let report = try f.call("GET", "/api/v1/reports/2025?format=json", as: "office")
    #expect(f.app.cache.statistics.hits >= hits + 2)
    #expect(city.status.code == 200 && report.status.code == 200)
    // The same bytes as an app computing them afresh.
    let fresh = try ServerFixture()
    #expect(try fresh.call("POST", "/api/v1/events", as: "citycoord", body: body).status.code == 201)
    #expect(try fresh.call("GET", "/api/v1/city", as: "office").body == city.body)
    let freshReport = try fresh.call("GET", "/api/v1/reports/2025?format=json", as: "office").body
    #expect(freshReport == report.body)
  }
}
