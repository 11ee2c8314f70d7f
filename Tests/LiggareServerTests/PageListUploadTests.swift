import Foundation
import LiggareBasics
import LiggareHTTP
import LiggareServer
import Testing

/// The list uploads on the pages (issue 12): what the preview shows is what the confirm step saves.
@Suite struct PageListUploadTests {
  /// The head's seq, as the API gives it.
  static func headSeq(_ f: ServerFixture) throws -> Int {
    let head = try JSONValue.parse(try f.call("GET", "/api/v1/head", as: "office").body)
    return Int(head["seq"]?.numberValue ?? -1)
  }

  /// A survey whose confirm step carries more than 200,000 characters of rows is saved whole: 160
  /// staff × 3 competences with long ids, 480 assessments. Before 963e42e the confirm step cut the
  /// carried field at 200,000 characters, so fewer rows (or a cut id) than the preview showed were
  /// saved, or the step was refused.
  @Test func aLargeAssessmentListIsSavedWithEveryPreviewedRow() throws {
    let f = try ServerFixture()
    let persons = (1...160).map { "p-t" + String(1000 + $0) }
    let competences = (1...3).map { "c-" + String(repeating: "x", count: 440) + "-\($0)" }
    var lines = [
      ServerFixture.line(
        "s1", "FrameworkDefined", "2020-01-01", #"{"framework":"it","title":"IT","levels":["grund","säker"]}"#
      )
    ]
    for (i, c) in competences.enumerated() {
      lines.append(
        ServerFixture.line(
          "s-c\(i)", "CompetenceDefined", "2020-01-01",
          #"{"competence":"\#(c)","framework":"it","title":"Kompetens \#(i + 1)","area":"digital kompetens"}"#
        ))
    }
    for p in persons {
      lines.append(
        ServerFixture.line(
          "r-\(p)", "PersonRegistered", "2020-01-01", #"{"person":"\#(p)","name":"Test \#(p)"}"#))
      lines.append(
        ServerFixture.line(
          "a-\(p)", "StaffAssigned", "2020-01-01", #"{"person":"\#(p)","unit":"a","role":"förskollärare"}"#))
    }
    let setup = try f.call(
      "POST", "/api/v1/events", as: "citycoord", body: Array(lines.joined(separator: "\n").utf8))
    #expect(setup.status.code == 201, "\(ServerFixture.text(setup))")
    let before = try Self.headSeq(f)

    let csv =
      "person;" + competences.joined(separator: ";") + "\r\n"
      + persons.enumerated().map { i, p in
        p + ";" + competences.map { _ in i % 2 == 0 ? "grund" : "säker" }.joined(separator: ";")
      }.joined(separator: "\r\n") + "\r\n"
    let session = try PageSession(f, as: "citycoord")
    let fields = [("framework", "it"), ("date", "2025-05-01"), ("method", "self"), ("assessor", "")]
    let preview = try session.upload(
      "/register/assessments", fields + [("step", "preview")], file: csv, named: "enkät.csv")
    let page = ServerFixture.text(preview)
    #expect(preview.status.code == 200, "\(page.prefix(2000))")
    #expect(page.contains("Spara 480 bedömningar"))
    let cells = try #require(Self.hidden("cells", in: page))
    #expect(cells.count > 200_000)
    #expect(try Self.headSeq(f) == before)  // the preview saved nothing

    let confirm = try session.post(
      "/register/assessments",
      fields + [("file", "enkät.csv"), ("cells", cells), ("step", "confirm")])
    #expect(confirm.status.code == 303, "\(ServerFixture.text(confirm).prefix(2000))")
    #expect(confirm.headers["Location"] == "/register?saved=480")
    #expect(try Self.headSeq(f) == before + 480)
  }

  /// The value of a hidden field in a page (HTML-unescaped: `&amp;` and `&#39;`/`&quot;`).
  static func hidden(_ name: String, in page: String) -> String? {
    guard let range = page.range(of: #"name="\#(name)" value=""#) else { return nil }
    let rest = page[range.upperBound...]
    guard let end = rest.firstIndex(of: "\"") else { return nil }
    return String(rest[..<end]).replacingOccurrences(of: "&quot;", with: "\"")
      .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
      .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
  }
}
