import Foundation
import LiggareBasics
import LiggareDemo
import LiggareDomain

@testable import LiggareReports

/// The API's JSON Schemas, read from docs/api/ in the source tree (found through `#filePath`), and
/// the small demo city the schema tests run against besides the fixture city.
enum APISchemas {
  static func directory(_ filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/api")
  }

  /// Every `*.schema.json` by file name, parsed.
  static func documents() throws -> [String: JSONValue] {
    let dir = directory()
    var result: [String: JSONValue] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: dir.path)
    where name.hasSuffix(".schema.json") {
      result[name] = try JSONValue.parse(Array(try Data(contentsOf: dir.appendingPathComponent(name))))
    }
    return result
  }

  static func validator() throws -> JSONSchemaValidator {
    try JSONSchemaValidator(documents: documents())
  }

  /// The small demo city folded (about 700 staff, 2011–2025) and the register's names; built once.
  static let demo: (chronicle: Chronicle, names: [String: String]) = {
    var chronicle = Chronicle()
    var names: [String: String] = [:]
    for draft in DemoCity(scale: .small, seed: 2011).allDrafts() {
      guard let id = draft.id, let recordedAt = draft.recordedAt, let actor = draft.actor else { continue }
      chronicle.record(
        Event(
          seq: chronicle.lastSeq + 1, id: id, occurredOn: draft.occurredOn, recordedAt: recordedAt,
          actor: actor,
          payload: draft.payload))
      if case .personRegistered(let person) = draft.payload, let data = draft.personalData {
        names[person] = data.name
      }
    }
    return (chronicle, names)
  }()
}
