/// The header fields of a request or a response: an ordered list of name/value pairs whose names are
/// compared without regard to ASCII case (`content-type` and `Content-Type` are the same field).
///
/// The order of the fields and repeated fields are kept as received. Values never contain CR, LF or NUL:
/// the parser refuses such requests, and a response field whose name is not a token or whose value
/// holds one of those bytes is left out when the response is written (no header injection).
public struct HTTPHeaders: Sendable, Sequence, CustomStringConvertible {
  /// The fields in order.
  public private(set) var fields: [(name: String, value: String)]

  /// Headers with the given fields, in order.
  public init(_ fields: [(name: String, value: String)] = []) {
    self.fields = fields
  }

  /// The value of the first field with this name, or nil.
  public subscript(name: String) -> String? {
    for field in fields where asciiCaseInsensitiveEquals(field.name, name) { return field.value }
    return nil
  }

  /// Every value of the fields with this name, in order.
  public func values(for name: String) -> [String] {
    fields.filter { asciiCaseInsensitiveEquals($0.name, name) }.map(\.value)
  }

  /// Whether a field with this name is present.
  public func contains(_ name: String) -> Bool {
    fields.contains { asciiCaseInsensitiveEquals($0.name, name) }
  }

  /// How many fields there are (repeated names counted each time).
  public var count: Int { fields.count }

  /// Appends a field, keeping any existing field of the same name.
  public mutating func add(_ name: String, _ value: String) {
    fields.append((name, value))
  }

  /// Replaces every field of this name by one field with this value (appended if absent).
  public mutating func set(_ name: String, _ value: String) {
    if let first = fields.firstIndex(where: { asciiCaseInsensitiveEquals($0.name, name) }) {
      fields[first].value = value
      var index = fields.index(after: first)
      while index < fields.endIndex {
        if asciiCaseInsensitiveEquals(fields[index].name, name) {
          fields.remove(at: index)
        } else {
          index += 1
        }
      }
    } else {
      fields.append((name, value))
    }
  }

  /// Removes every field of this name.
  public mutating func remove(_ name: String) {
    fields.removeAll { asciiCaseInsensitiveEquals($0.name, name) }
  }

  /// Iterates over the fields in order.
  public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
    fields.makeIterator()
  }

  /// The fields as `Name: value` lines.
  public var description: String {
    fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
  }
}

/// Compares two strings byte for byte, folding ASCII letters to lower case (header names, tokens).
func asciiCaseInsensitiveEquals(_ a: String, _ b: String) -> Bool {
  let x = a.utf8
  let y = b.utf8
  guard x.count == y.count else { return false }
  for (p, q) in zip(x, y) where p != q {
    guard asciiLower(p) == asciiLower(q) else { return false }
  }
  return true
}

@inline(__always) func asciiLower(_ byte: UInt8) -> UInt8 {
  byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
}

/// Whether a byte may appear in an HTTP token (method, header name): RFC 9110 `tchar`.
@inline(__always) func isTokenByte(_ byte: UInt8) -> Bool {
  switch byte {
  case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
  case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
    UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
    UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
    return true
  default: return false
  }
}

/// Whether a whole string is a non-empty HTTP token.
func isToken(_ text: String) -> Bool {
  !text.isEmpty && text.utf8.allSatisfy(isTokenByte)
}

/// The comma-separated elements of a list-valued field (`Connection: keep-alive, Upgrade`), trimmed,
/// empty elements dropped.
func listElements(_ value: String) -> [Substring] {
  value.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
}

extension Substring {
  /// The substring without leading and trailing spaces and tabs.
  func trimmingSpaces() -> Substring {
    var s = self
    while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
    while let c = s.last, c == " " || c == "\t" { s.removeLast() }
    return s
  }
}
