import Foundation
import LiggareAccess
import LiggareBasics
import LiggareHTTP
import LiggareKit
import LiggareServer

/// A small city in a temporary folder, an account (with a token) per role, and the app over it.
///
/// Two boards, a unit under each: `a` (board `n1`) and `b` (board `n2`). Staff `p-a1`, `p-a2` at
/// `a`, `p-b1` at `b`; a course `k`. Scoped accounts cover `a`.
final class ServerFixture: @unchecked Sendable {
  static let now = Timestamp(parsing: "2026-01-15T10:00:00Z")!
  let directory: String
  let app: LiggareApp
  let accounts: AccountStore
  var tokens: [String: String] = [:]

  static func line(_ id: String, _ type: String, _ date: String, _ data: String) -> String {
    #"{"id":"\#(id)","type":"\#(type)","occurredOn":"\#(date)","recordedAt":"2025-01-01T08:00:00Z","data":\#(data)}"#
  }

  static let events: [String] = [
    line("e1", "UnitEstablished", "2011-01-01", #"{"unit":"stad","name":"Staden","kind":"city"}"#),
    line(
      "e2", "UnitEstablished", "2011-01-01", #"{"unit":"n1","name":"Norra","kind":"board","parent":"stad"}"#),
    line(
      "e3", "UnitEstablished", "2011-01-01", #"{"unit":"n2","name":"Södra","kind":"board","parent":"stad"}"#),
    line(
      "e4", "UnitEstablished", "2011-01-01",
      #"{"unit":"a","name":"Förskolan Ekorren","kind":"unit","parent":"n1","schoolForm":"förskola"}"#),
    line(
      "e5", "UnitEstablished", "2011-01-01",
      #"{"unit":"b","name":"Förskolan Björnen","kind":"unit","parent":"n2","schoolForm":"förskola"}"#),
    line(
      "e6", "CourseDefined", "2011-01-01",
      #"{"course":"k","title":"PIM-kursen","hours":2,"area":"uppföljning"}"#),
    line("e7", "PersonRegistered", "2011-01-01", #"{"person":"p-a1","name":"Anna Ekström"}"#),
    line("e8", "PersonRegistered", "2011-01-01", #"{"person":"p-a2","name":"Albin Ek"}"#),
    line("e9", "PersonRegistered", "2011-01-01", #"{"person":"p-b1","name":"Berit Björk"}"#),
    line("e10", "StaffAssigned", "2011-01-01", #"{"person":"p-a1","unit":"a","role":"förskollärare"}"#),
    line("e11", "StaffAssigned", "2011-01-01", #"{"person":"p-a2","unit":"a","role":"barnskötare"}"#),
    line("e12", "StaffAssigned", "2011-01-01", #"{"person":"p-b1","unit":"b","role":"förskollärare"}"#),
    line("e13", "CourseCompleted", "2012-03-01", #"{"person":"p-a1","course":"k"}"#),
    line("e14", "CourseCompleted", "2012-03-01", #"{"person":"p-b1","course":"k"}"#),
  ]

  /// The accounts: name, role, scopes.
  static let roster: [(String, Role, [String])] = [
    ("coord", .coordinator, ["a"]),
    ("citycoord", .coordinator, []),
    ("head", .head, ["a"]),
    ("office", .office, []),
    ("admin", .admin, []),
  ]

  init(
    configuration: ServerConfiguration = ServerConfiguration(), clock: LedgerClock = .fixed(ServerFixture.now)
  )
    throws
  {
    let base = NSTemporaryDirectory() + "liggare-server-" + UUID().uuidString
    directory = base + "/log"
    try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(
      atPath: base + "/events.jsonl",
      contents: Data((ServerFixture.events.joined(separator: "\n") + "\n").utf8))
    do {
      let writer = try Ledger.open(
        directory: directory, access: .write(wait: false), createIfMissing: true, clock: clock, actor: "test")
      try writer.importEvents(from: base + "/events.jsonl")
      writer.log.close()
    }
    accounts = try AccountStore(logDirectory: directory, passwordIterations: 2, clock: { ServerFixture.now })
    for (name, role, scopes) in ServerFixture.roster {
      try accounts.add(name: name, role: role, scopes: scopes, password: "lösenord-för-\(name)")
      tokens[name] = try accounts.newToken(name: name)
    }
    let ledger = try Ledger.open(directory: directory, access: .read, clock: clock, actor: "server")
    app = LiggareApp(
      service: LedgerService(ledger: ledger), accounts: accounts,
      accessLog: try AccessLog(logDirectory: directory),
      configuration: configuration, clock: clock)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent)
  }

  /// Answers a request made in memory, as `name` (nil: without credentials).
  func call(
    _ method: String, _ target: String, as name: String?, body: [UInt8] = [], headers: [(String, String)] = []
  ) throws -> HTTPResponse {
    var fields = HTTPHeaders()
    if let name, let token = tokens[name] { fields.add("Authorization", "Bearer \(token)") }
    for (n, v) in headers { fields.add(n, v) }
    let request = try HTTPRequest(
      method: method, target: target, headers: fields, body: body, remoteAddress: "127.0.0.1")
    return app.handle(request)
  }

  /// The body as text.
  static func text(_ r: HTTPResponse) -> String { String(decoding: r.body, as: UTF8.self) }

  /// The error code of an error body.
  static func code(_ r: HTTPResponse) -> String? {
    (try? JSONValue.parse(r.body))?["error"]?["code"]?.stringValue
  }
}
