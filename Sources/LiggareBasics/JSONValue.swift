/// A JSON value, as read by `JSONReader` and written by `JSONWriter`.
///
/// Numbers are `Double`: the contract's numbers (levels, hours, shares) all fit, and a reader refuses
/// numbers a `Double` cannot hold rather than rounding them to infinity.
public enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// Parses one JSON text (RFC 8259, strict: no BOM, no duplicate keys, no trailing content).
  ///
  /// - Parameters:
  ///   - bytes: UTF-8 bytes of exactly one JSON value, optionally surrounded by whitespace.
  ///   - maxDepth: how deeply arrays and objects may nest before the text is refused.
  /// - Throws: `JSONSyntaxError` with the byte offset and a Swedish reason.
  public static func parse(
    _ bytes: some Collection<UInt8>, maxDepth: Int = JSONReader.defaultMaxDepth
  ) throws(JSONSyntaxError) -> JSONValue {
    let array = Array(bytes)
    let result = array.withUnsafeBytes { raw in
      Result { () throws(JSONSyntaxError) -> JSONValue in
        var reader = JSONReader(raw, maxDepth: maxDepth)
        return try reader.readDocument()
      }
    }
    return try result.get()
  }

  /// Compact text with sorted keys: the same value always gives the same bytes.
  public var canonicalText: String {
    var out: [UInt8] = []
    JSONWriter.write(self, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Indented text with sorted keys and a final newline, for people and `--json` output.
  public var prettyText: String { String(decoding: prettyBytes, as: UTF8.self) }

  /// `prettyText` as UTF-8 bytes, without a `String` between (a report's JSON is megabytes).
  public var prettyBytes: [UInt8] {
    var out: [UInt8] = []
    JSONWriter.write(self, to: &out, indent: 2)
    out.append(UInt8(ascii: "\n"))
    return out
  }

  /// The member `key` of an object, or nil.
  public subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The string, if this is one.
  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The number, if this is one.
  public var numberValue: Double? {
    if case .number(let n) = self { return n }
    return nil
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
  ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
  public init(floatLiteral value: Double) { self = .number(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }
  public init(nilLiteral: ()) { self = .null }
}
