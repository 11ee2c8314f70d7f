import Foundation
import LiggareBasics
import LiggareDomain
import LiggareHTTP
import LiggareKit
import LiggareReports
import LiggareServer
import LiggareStorage
import Synchronization
import Testing

/// 16 clients read views and reports over HTTP while events are posted through the API and
/// imported through the CLI at once: every answer is the answer at some committed head (the one
/// its `ETag` names), nothing is lost, nothing torn.
@Suite struct ConsistencyUnderLoadTests {
  static let knownAt = "2100-01-01T00:00:00Z"

  static func completion(_ id: String, _ person: String, _ date: String) -> String {
    #"{"id":"\#(id)","type":"CourseCompleted","occurredOn":"\#(date)","data":{"person":"\#(person)","course":"k"}}"#
  }

  struct Answer {
    var kind: Int
    var etag: String
    var body: [UInt8]
  }

  @Test func everyAnswerIsTheAnswerAtACommittedHead() throws {
    let f = try ServerFixture(clock: .system)
    let server = HTTPServer(address: try ListenAddress(parsing: "127.0.0.1:0")) { f.app.handle($0) }
    let port = try server.start()
    defer { server.stop() }
    let token = try #require(f.tokens["office"])
    let writerToken = try #require(f.tokens["citycoord"])
    let targets = [
      "/api/v1/units/a?asOf=2025-12-31&knownAt=\(Self.knownAt)",
      "/api/v1/city?asOf=2025-12-31&knownAt=\(Self.knownAt)",
      "/api/v1/reports/2025?format=json&knownAt=\(Self.knownAt)",
    ]
    let answers = Mutex<[Answer]>([])
    let failures = Mutex<[String]>([])
    let writing = Mutex(2)
    let group = DispatchGroup()
    // The writers start once the readers have answers at the first head, so that the readers see
    // the log move however fast the writes are (a POST takes about a millisecond).
    @Sendable func awaitFirstAnswers() {
      for _ in 0..<10_000 where answers.withLock({ $0.count }) < 8 { usleep(1_000) }
    }
    // Writer 1: the API, 30 batches of 2 events.
    DispatchQueue.global().async(group: group) {
      awaitFirstAnswers()
      for i in 0..<30 {
        let body =
          Self.completion("api-\(i)-1", "p-a1", "2025-03-01") + "\n"
          + Self.completion("api-\(i)-2", "p-a2", "2025-04-01")
        let r = ServerProcess.request(
          port: port, "POST", "/api/v1/events", headers: [("Authorization", "Bearer \(writerToken)")],
          body: Array(body.utf8))
        if r?.status != 201 {
          failures.withLock {
            $0.append("POST \(i): \(r.map { String(decoding: $0.body, as: UTF8.self) } ?? "no answer")")
          }
        }
      }
      writing.withLock { $0 -= 1 }
    }
    // Writer 2: the CLI, 3 imports of 20 events, waiting for the writer lock.
    let folder = (f.directory as NSString).deletingLastPathComponent
    DispatchQueue.global().async(group: group) {
      awaitFirstAnswers()
      for i in 0..<3 {
        let lines = (0..<20).map { Self.completion("cli-\(i)-\($0)", "p-b1", "2025-05-01") }
        let path = folder + "/import-\(i).jsonl"
        _ = FileManager.default.createFile(
          atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
        let status = (try? APIMatchesCLITests.cli(["--wait", "import", path], log: f.directory).0) ?? -1
        if status != 0 { failures.withLock { $0.append("CLI import \(i): status \(status)") } }
      }
      writing.withLock { $0 -= 1 }
    }
    // 16 readers until both writers are done (and a few rounds after).
    for client in 0..<16 {
      DispatchQueue.global().async(group: group) {
        var rounds = 0
        while writing.withLock({ $0 > 0 }) || rounds < 3 {
          let kind = (client + rounds) % targets.count
          rounds += 1
          guard
            let r = ServerProcess.request(
              port: port, "GET", targets[kind], headers: [("Authorization", "Bearer \(token)")]),
            r.status == 200, let etag = r.headers["etag"]
          else {
            failures.withLock { $0.append("GET \(targets[kind]) failed") }
            continue
          }
          answers.withLock { $0.append(Answer(kind: kind, etag: etag, body: r.body)) }
        }
      }
    }
    group.wait()
    #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 }.prefix(5))")

    // Nothing lost: every acknowledged event is in the log once.
    let final = try Ledger.open(directory: f.directory, access: .read, useCheckpoints: false)
    let chronicle = final.chronicle
    #expect(chronicle.lastSeq == UInt64(ServerFixture.events.count + 60 + 60))
    for i in 0..<30 { #expect(chronicle.seq(ofEvent: "api-\(i)-2") != nil) }
    for i in 0..<3 { #expect(chronicle.seq(ofEvent: "cli-\(i)-19") != nil) }

    // Every answer is the answer at the committed head its ETag names.
    var seqOfHash: [String: UInt64] = [:]
    try final.log.forEachRecord { seqOfHash["\"\($0.hash.hex)\""] = $0.seq }
    let all = answers.withLock { $0 }
    #expect(all.count >= 48)
    let names = final.register.names
    let knownAt = Timestamp(parsing: Self.knownAt)!
    let asOf = CivilDate(parsing: "2025-12-31")!
    var expected: [String: [[UInt8]]] = [:]
    var heads = Set<String>()
    for answer in all {
      guard let seq = seqOfHash[answer.etag] else {
        Issue.record("\(answer.etag) is not a committed head")
        continue
      }
      heads.insert(answer.etag)
      if expected[answer.etag] == nil {
        var partial = Chronicle()
        try final.log.forEachRecord(through: seq) { record in
          let body = UnsafeRawBufferPointer(rebasing: record.line[..<record.bodyEnd])
          partial.record(try EventCodec.decodeRecord(body, seq: record.seq))
        }
        let state = CityState(chronicle: partial, position: .endOf(asOf), knownAtSeq: seq)
        let hash = String(answer.etag.dropFirst().dropLast())
        let unit = try UnitView(state: state, unit: "a", names: names, knownAt: knownAt).json.prettyText
        let city = CityView(state: state, names: [:], knownAt: knownAt).json.prettyText
        let report = try AnnualReport(
          chronicle: partial, request: ReportRequest(year: 2025, knownAt: knownAt, format: .json),
          head: LogHeadInfo(seq: seq, hash: hash)
        ).rendered()
        expected[answer.etag] = [
          Array((unit.hasSuffix("\n") ? unit : unit + "\n").utf8),
          Array((city.hasSuffix("\n") ? city : city + "\n").utf8), report,
        ]
      }
      #expect(
        answer.body == expected[answer.etag]?[answer.kind], "answer \(answer.kind) at \(answer.etag) is torn")
    }
    // The readers saw the log move.
    #expect(heads.count >= 2)
  }
}
