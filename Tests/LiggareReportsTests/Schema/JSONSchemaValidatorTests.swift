import LiggareBasics
import Testing

/// The schema validator itself: it accepts what a schema allows and rejects, with the place, each kind
/// of wrong document; and it refuses schemas that use what it cannot check.
@Suite struct JSONSchemaValidatorTests {
  /// A schema touching every supported keyword, and a sibling document for cross-file references.
  static let documents: [String: JSONValue] = [
    "shapes.json": [
      "$defs": [
        "ref": [
          "type": "object", "required": ["id", "name"], "additionalProperties": false,
          "properties": ["id": ["type": "string", "minLength": 1], "name": ["type": ["string", "null"]]],
        ]
      ]
    ],
    "doc.json": [
      "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "test", "type": "object",
      "required": ["version", "count", "levels", "kind", "node", "maybe", "when", "share"],
      "additionalProperties": false,
      "$defs": ["level": ["type": "integer", "minimum": 0, "maximum": 5]],
      "properties": [
        "version": ["const": 1],
        "count": ["type": "integer", "minimum": 0],
        "levels": ["type": "array", "items": ["$ref": "#/$defs/level"], "minItems": 6, "maxItems": 6],
        "kind": ["enum": ["city", "board", "unit"]],
        "node": ["$ref": "shapes.json#/$defs/ref"],
        "maybe": ["anyOf": [["$ref": "shapes.json#/$defs/ref"], ["type": "null"]]],
        "when": ["type": ["string", "null"], "format": "date"],
        "share": ["type": ["number", "null"], "minimum": 0, "maximum": 1],
        "free": ["type": "object"],
      ],
    ],
  ]

  static let valid: JSONValue = [
    "version": 1, "count": 3, "levels": [0, 1, 2, 3, 4, 5], "kind": "unit",
    "node": ["id": "u1", "name": nil], "maybe": nil, "when": "2012-02-29", "share": 0.5,
  ]

  func violations(_ change: (inout [String: JSONValue]) -> Void) throws -> [JSONSchemaValidator.Violation] {
    guard case .object(var members) = Self.valid else { return [] }
    change(&members)
    return try JSONSchemaValidator(documents: Self.documents).validate(.object(members), against: "doc.json")
  }

  @Test func acceptsValidDocuments() throws {
    #expect(try violations { _ in }.isEmpty)
    #expect(try violations { $0["maybe"] = ["id": "b", "name": "Nämnd"] }.isEmpty)
    #expect(
      try violations {
        $0["when"] = .null; $0["share"] = .null
      }.isEmpty)
    #expect(try violations { $0["free"] = ["anything": [1, "x"]] }.isEmpty)
  }

  @Test(arguments: [
    // (what is changed, the path reported)
    ("count as a string", "/count"), ("count fractional", "/count"), ("count negative", "/count"),
    ("missing kind", ""), ("extra key", "/extra"), ("kind outside enum", "/kind"),
    ("level above maximum", "/levels/2"), ("level not integer", "/levels/0"), ("five levels", "/levels"),
    ("seven levels", "/levels"), ("node without name", "/node"), ("node with extra key", "/node/extra"),
    ("node id empty", "/node/id"), ("maybe a string", "/maybe"), ("maybe with wrong member", "/maybe"),
    ("version 2", "/version"), ("date malformed", "/when"), ("date impossible", "/when"),
    ("share above 1", "/share"), ("share as bool", "/share"), ("null where not nullable", "/count"),
    ("array instead of object", "/node"),
  ])
  func rejectsWrongDocuments(change: String, path: String) throws {
    let found = try violations { m in
      switch change {
      case "count as a string": m["count"] = "3"
      case "count fractional": m["count"] = 1.5
      case "count negative": m["count"] = -1
      case "missing kind": m["kind"] = nil
      case "extra key": m["extra"] = 1
      case "kind outside enum": m["kind"] = "school"
      case "level above maximum": m["levels"] = [0, 1, 6, 3, 4, 5]
      case "level not integer": m["levels"] = [0.5, 1, 2, 3, 4, 5]
      case "five levels": m["levels"] = [1, 2, 3, 4, 5]
      case "seven levels": m["levels"] = [0, 1, 2, 3, 4, 5, 6]
      case "node without name": m["node"] = ["id": "u1"]
      case "node with extra key": m["node"] = ["id": "u1", "name": nil, "extra": true]
      case "node id empty": m["node"] = ["id": "", "name": nil]
      case "maybe a string": m["maybe"] = "u1"
      case "maybe with wrong member": m["maybe"] = ["id": 1, "name": nil]
      case "version 2": m["version"] = 2
      case "date malformed": m["when"] = "2012-2-1"
      case "date impossible": m["when"] = "2013-02-29"
      case "share above 1": m["share"] = 1.5
      case "share as bool": m["share"] = true
      case "null where not nullable": m["count"] = .null
      case "array instead of object": m["node"] = ["u1"]
      default: Issue.record("unknown change \(change)")
      }
    }
    #expect(!found.isEmpty, "\(change) was accepted")
    #expect(found.contains { $0.path == path }, "\(change): \(found)")
  }

  @Test func reportsEveryViolationNotOnlyTheFirst() throws {
    let found = try violations { m in
      m["count"] = "x"
      m["kind"] = nil
      m["levels"] = [0, 1, 2, 3, 4, 9]
    }
    #expect(Set(found.map(\.path)) == ["/count", "", "/levels/5"])
  }

  @Test(
    arguments: [
      ["type": "object", "pattern": "x"],  // a keyword it does not check
      ["type": "objekt"],  // an unknown type
      ["$ref": "#/$defs/missing"],  // a reference to nothing
      ["$ref": "other.json#/$defs/x"],  // a document it does not have
      ["type": "object", "required": ["a"], "properties": [:], "additionalProperties": false],  // impossible
      ["format": "email"],  // a format it does not assert
      ["type": "array", "items": ["type": "string", "oneOf": []]],  // unsupported keyword deeper down
      ["required": ["a", "a"]],
    ] as [JSONValue])
  func refusesSchemasItCannotCheck(schema: JSONValue) {
    #expect(throws: JSONSchemaValidator.SchemaError.self) {
      try JSONSchemaValidator(documents: ["s.json": schema])
    }
  }
}
