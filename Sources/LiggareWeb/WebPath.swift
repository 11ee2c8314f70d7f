/// A path on this server with an optional query and fragment, every segment and value
/// percent-encoded: a link built from a person id or a unit name can only point inside the server.
public struct WebPath: Sendable, Hashable, CustomStringConvertible {
  /// Literal segments, each already percent-encoded.
  var segments: [String]
  var query: [(String, String)] = []
  var fragment: String?

  /// `/a/b/c` from raw segments, each encoded.
  public init(_ segments: String...) {
    self.segments = segments.map(WebPath.encode)
  }

  /// `/a/b/c` from raw segments, each encoded.
  public init(segments: [String]) {
    self.segments = segments.map(WebPath.encode)
  }

  /// The same path with `name=value` added to the query (skipped when `value` is nil).
  public func with(_ name: String, _ value: String?) -> WebPath {
    guard let value else { return self }
    var copy = self
    copy.query.append((name, value))
    return copy
  }

  /// The same path with a fragment (`#id`).
  public func fragment(_ id: String) -> WebPath {
    var copy = self
    copy.fragment = id
    return copy
  }

  /// The encoded path, query and fragment.
  public var string: String {
    var out = "/" + segments.joined(separator: "/")
    if !query.isEmpty {
      out += "?" + query.map { WebPath.encode($0.0) + "=" + WebPath.encode($0.1) }.joined(separator: "&")
    }
    if let fragment { out += "#" + WebPath.encode(fragment) }
    return out
  }

  public var description: String { string }

  public static func == (a: WebPath, b: WebPath) -> Bool { a.string == b.string }
  public func hash(into hasher: inout Hasher) { hasher.combine(string) }

  /// Reverses `encode` (any `%XX`); nil for a broken escape or bytes that are not UTF-8.
  public static func decode(_ encoded: String) -> String? {
    var bytes: [UInt8] = []
    var it = Array(encoded.utf8)[...]
    while let b = it.popFirst() {
      guard b == UInt8(ascii: "%") else {
        bytes.append(b)
        continue
      }
      guard it.count >= 2, let hi = hexValue(it.removeFirst()), let lo = hexValue(it.removeFirst()) else {
        return nil
      }
      bytes.append(hi << 4 | lo)
    }
    return String(validating: bytes, as: UTF8.self)
  }

  static func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    default: nil
    }
  }

  /// Percent-encodes everything but unreserved characters (RFC 3986): `A–Z a–z 0–9 - . _ ~`.
  public static func encode(_ raw: String) -> String {
    var out = ""
    for byte in raw.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        out.unicodeScalars.append("%")
        out.unicodeScalars.append(hex[Int(byte >> 4)])
        out.unicodeScalars.append(hex[Int(byte & 15)])
      }
    }
    return out
  }
}
