import LiggareBasics

/// A small JSON Schema validator for the subset of draft 2020-12 the API schemas in docs/api/ use:
/// `type` (a name or an array of names, so `["string", "null"]` makes a value nullable), `properties`,
/// `required`, `additionalProperties` (false or a schema), `items`, `minItems`/`maxItems`, `enum`,
/// `const`, `minimum`/`maximum`, `minLength`/`maxLength`, `anyOf`, `format` (`date`, `date-time`,
/// asserted) and `$ref` to `$defs` in the same document (`#/$defs/x`) or a sibling document
/// (`common.schema.json#/$defs/x`). Annotations (`$schema`, `$id`, `title`, `description`,
/// `$comment`) are allowed and ignored.
///
/// A schema using any other keyword is refused when the validator is made, so a schema can never
/// seem to check something this validator silently skips.
struct JSONSchemaValidator {
  /// What is wrong with a schema (not with a document).
  struct SchemaError: Error, CustomStringConvertible {
    var document: String
    var path: String
    var reason: String
    var description: String { "\(document)\(path): \(reason)" }
  }

  /// One way a document breaks its schema: where (a JSON pointer into the document) and what.
  struct Violation: CustomStringConvertible, Hashable {
    var path: String
    var reason: String
    var description: String { "\(path.isEmpty ? "/" : path): \(reason)" }
  }

  static let annotations: Set<String> = ["$schema", "$id", "title", "description", "$comment"]
  static let assertions: Set<String> = [
    "type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "enum",
    "const", "minimum", "maximum", "minLength", "maxLength", "anyOf", "format", "$ref", "$defs",
  ]
  static let typeNames: Set<String> = ["null", "boolean", "object", "array", "number", "integer", "string"]
  static let formats: Set<String> = ["date", "date-time"]
  /// How deep `$ref`s may nest while validating (the schemas are not recursive; this bounds a mistake).
  static let maxDepth = 64

  /// Schemas by file name ("unit.schema.json").
  let documents: [String: JSONValue]

  /// Checks every schema against the subset and that every `$ref` resolves.
  init(documents: [String: JSONValue]) throws(SchemaError) {
    self.documents = documents
    for (name, schema) in documents.sorted(by: { $0.key < $1.key }) {
      try check(schema, document: name, path: "")
    }
  }

  private func check(_ schema: JSONValue, document: String, path: String) throws(SchemaError) {
    func fail(_ reason: String) -> SchemaError { SchemaError(document: document, path: path, reason: reason) }
    guard case .object(let members) = schema else {
      if case .bool = schema { return }
      throw fail("ett schema måste vara ett objekt eller true/false")
    }
    for (key, value) in members.sorted(by: { $0.key < $1.key }) {
      let here = path + "/" + key
      if Self.annotations.contains(key) { continue }
      guard Self.assertions.contains(key) else { throw fail("nyckelordet \(key) stöds inte") }
      switch key {
      case "type":
        let names: [JSONValue]
        switch value {
        case .string: names = [value]
        case .array(let list) where !list.isEmpty: names = list
        default: throw fail("type måste vara ett namn eller en lista av namn")
        }
        for n in names {
          guard let s = n.stringValue, Self.typeNames.contains(s) else { throw fail("okänd typ \(n)") }
        }
      case "properties", "$defs":
        guard case .object(let sub) = value else { throw fail("\(key) måste vara ett objekt") }
        for (k, v) in sub.sorted(by: { $0.key < $1.key }) {
          try check(v, document: document, path: here + "/" + k)
        }
      case "required":
        guard case .array(let list) = value, list.allSatisfy({ $0.stringValue != nil }),
          Set(list).count == list.count
        else { throw fail("required måste vara en lista av olika namn") }
      case "additionalProperties", "items":
        try check(value, document: document, path: here)
      case "anyOf":
        guard case .array(let list) = value, !list.isEmpty else { throw fail("anyOf måste vara en lista") }
        for (i, v) in list.enumerated() { try check(v, document: document, path: here + "/\(i)") }
      case "enum":
        guard case .array(let list) = value, !list.isEmpty else { throw fail("enum måste vara en lista") }
      case "minimum", "maximum":
        guard value.numberValue != nil else { throw fail("\(key) måste vara ett tal") }
      case "minItems", "maxItems", "minLength", "maxLength":
        guard let n = value.numberValue, n >= 0, n == n.rounded() else {
          throw fail("\(key) måste vara ett heltal ≥ 0")
        }
      case "format":
        guard let f = value.stringValue, Self.formats.contains(f) else { throw fail("formatet stöds inte") }
      case "$ref":
        guard let r = value.stringValue else { throw fail("$ref måste vara en sträng") }
        guard resolve(r, from: document) != nil else { throw fail("$ref \(r) pekar inte på något") }
      default:
        break  // const: any value
      }
    }
    if let required = members["required"], case .array(let names) = required,
      case .object(let properties)? = members["properties"], members["additionalProperties"] == false
    {
      for n in names where properties[n.stringValue ?? ""] == nil {
        throw fail("\(n.stringValue ?? "") krävs men kan aldrig finnas (additionalProperties: false)")
      }
    }
  }

  /// The schema a reference points at, and the document it lies in.
  func resolve(_ reference: String, from document: String) -> (schema: JSONValue, document: String)? {
    let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    let file = parts[0].isEmpty ? document : String(parts[0])
    guard var node = documents[file] else { return nil }
    let pointer = parts.count > 1 ? String(parts[1]) : ""
    guard pointer.isEmpty || pointer.hasPrefix("/") else { return nil }
    for token in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
      let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
      switch node {
      case .object(let members):
        guard let next = members[key] else { return nil }
        node = next
      case .array(let list):
        guard let i = Int(key), list.indices.contains(i) else { return nil }
        node = list[i]
      default:
        return nil
      }
    }
    return (node, file)
  }

  /// Every violation of the schema document `name` by `instance`, in document order; empty when valid.
  func validate(_ instance: JSONValue, against name: String) -> [Violation] {
    guard let schema = documents[name] else { return [Violation(path: "", reason: "inget schema \(name)")] }
    var violations: [Violation] = []
    validate(instance, schema, document: name, path: "", depth: 0, into: &violations)
    return violations
  }

  static func typeName(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool: "boolean"
    case .number: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }

  static func has(_ value: JSONValue, type name: String) -> Bool {
    switch (name, value) {
    case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array),
      ("object", .object):
      true
    case ("integer", .number(let n)): n.isFinite && n == n.rounded() && abs(n) < 9e15
    default: false
    }
  }

  static func conforms(_ s: String, format: String) -> Bool {
    switch format {
    case "date":
      s.utf8.count == 10 && CivilDate(parsing: s).map { $0.description == s } == true
    case "date-time":
      s.hasSuffix("Z") && Timestamp(parsing: s) != nil
    default:
      false
    }
  }

  private func validate(
    _ value: JSONValue, _ schema: JSONValue, document: String, path: String, depth: Int,
    into out: inout [Violation]
  ) {
    func fail(_ reason: String) { out.append(Violation(path: path, reason: reason)) }
    switch schema {
    case .bool(true): return
    case .bool(false):
      fail("inget värde tillåts här")
      return
    case .object: break
    default: return
    }
    if let reference = schema["$ref"]?.stringValue {
      guard depth < Self.maxDepth, let (target, file) = resolve(reference, from: document) else {
        fail("$ref \(reference) kan inte följas")
        return
      }
      validate(value, target, document: file, path: path, depth: depth + 1, into: &out)
    }
    if let type = schema["type"] {
      let names: [String] =
        switch type {
        case .string(let s): [s]
        case .array(let list): list.compactMap(\.stringValue)
        default: []
        }
      if !names.contains(where: { Self.has(value, type: $0) }) {
        fail("väntade \(names.joined(separator: " eller ")), fick \(Self.typeName(value))")
        return
      }
    }
    if case .array(let options)? = schema["enum"], !options.contains(value) {
      fail("\(value.canonicalText) är inte ett av \(JSONValue.array(options).canonicalText)")
    }
    if let constant = schema["const"], constant != value {
      fail("väntade \(constant.canonicalText), fick \(value.canonicalText)")
    }
    if case .array(let options)? = schema["anyOf"] {
      let passes = options.contains { option in
        var trial: [Violation] = []
        validate(value, option, document: document, path: path, depth: depth + 1, into: &trial)
        return trial.isEmpty
      }
      if !passes { fail("passar inget av alternativen i anyOf") }
    }
    switch value {
    case .number(let n):
      if let min = schema["minimum"]?.numberValue, n < min { fail("\(n) är mindre än \(min)") }
      if let max = schema["maximum"]?.numberValue, n > max { fail("\(n) är större än \(max)") }
    case .string(let s):
      if let min = schema["minLength"]?.numberValue, Double(s.count) < min { fail("för kort (\(s.count))") }
      if let max = schema["maxLength"]?.numberValue, Double(s.count) > max { fail("för lång (\(s.count))") }
      if let format = schema["format"]?.stringValue, !Self.conforms(s, format: format) {
        fail("\"\(s)\" är inte \(format)")
      }
    case .array(let list):
      if let min = schema["minItems"]?.numberValue, Double(list.count) < min {
        fail("\(list.count) element, minst \(Int(min))")
      }
      if let max = schema["maxItems"]?.numberValue, Double(list.count) > max {
        fail("\(list.count) element, högst \(Int(max))")
      }
      if let items = schema["items"] {
        for (i, element) in list.enumerated() {
          validate(element, items, document: document, path: path + "/\(i)", depth: depth, into: &out)
        }
      }
    case .object(let members):
      if case .array(let required)? = schema["required"] {
        for name in required.compactMap(\.stringValue) where members[name] == nil {
          fail("\(name) saknas")
        }
      }
      let properties: [String: JSONValue] =
        if case .object(let p)? = schema["properties"] { p } else { [:] }
      for (key, member) in members.sorted(by: { $0.key < $1.key }) {
        let here =
          path + "/" + key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        if let sub = properties[key] {
          validate(member, sub, document: document, path: here, depth: depth, into: &out)
        } else if let extra = schema["additionalProperties"] {
          if extra == false {
            out.append(Violation(path: here, reason: "okänd nyckel \(key)"))
          } else {
            validate(member, extra, document: document, path: here, depth: depth, into: &out)
          }
        }
      }
    default:
      break
    }
  }
}
