/// A strict, allocation-light JSON reader over borrowed bytes.
///
/// `JSONValue.parse` builds trees with it; the log's record codec uses its primitives
/// (`readString`, `readNumber`, `expect`) directly, so that replay never builds dictionaries.
/// The bytes must outlive the reader (use it inside `withUnsafeBytes`).
public struct JSONReader {
  /// Nesting depth accepted by default; deeper texts are refused rather than risking the stack.
  public static let defaultMaxDepth = 64

  public let bytes: UnsafeRawBufferPointer
  /// The next byte to read.
  public var offset: Int
  let maxDepth: Int

  /// Creates a reader at the first byte.
  public init(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = JSONReader.defaultMaxDepth) {
    self.bytes = bytes
    self.offset = 0
    self.maxDepth = maxDepth
  }

  /// Reads exactly one value surrounded by optional whitespace.
  public mutating func readDocument() throws(JSONSyntaxError) -> JSONValue {
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
      throw JSONSyntaxError(offset: 0, reason: .byteOrderMark)
    }
    skipWhitespace()
    let value = try readValue(depth: 0)
    skipWhitespace()
    if offset != bytes.count { throw fail(.trailingContent) }
    return value
  }

  /// Reads any value at the current position.
  public mutating func readValue(depth: Int = 0) throws(JSONSyntaxError) -> JSONValue {
    guard offset < bytes.count else { throw fail(.unexpectedEnd) }
    switch bytes[offset] {
    case UInt8(ascii: "{"): return .object(try readObject(depth: depth + 1))
    case UInt8(ascii: "["): return .array(try readArray(depth: depth + 1))
    case UInt8(ascii: "\""): return .string(try readString())
    case UInt8(ascii: "t"):
      try expectWord("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expectWord("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try expectWord("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try readNumber())
    default: throw fail(.unexpectedByte(bytes[offset], expected: "ett JSON-värde"))
    }
  }

  mutating func readObject(depth: Int) throws(JSONSyntaxError) -> [String: JSONValue] {
    if depth > maxDepth { throw fail(.tooDeep(limit: maxDepth)) }
    offset += 1
    var members: [String: JSONValue] = [:]
    skipWhitespace()
    if peek() == UInt8(ascii: "}") {
      offset += 1
      return members
    }
    while true {
      skipWhitespace()
      let keyOffset = offset
      guard peek() == UInt8(ascii: "\"") else { throw unexpected("en nyckel inom citattecken") }
      let key = try readString()
      skipWhitespace()
      try expect(UInt8(ascii: ":"), "':'")
      skipWhitespace()
      let value = try readValue(depth: depth)
      // Keys are compared by their bytes (issue 10, item 13): "\u00e9" and "e\u0301" are two keys.
      // A Swift dictionary cannot hold both (its String keys are equal under canonical
      // equivalence), so such a pair is refused as what it is, not as a duplicate.
      if let existing = members.index(forKey: key) {
        let earlier = members.keys[existing]
        throw JSONSyntaxError(
          offset: keyOffset,
          reason: earlier.utf8.elementsEqual(key.utf8) ? .duplicateKey(key) : .equivalentKeys(earlier, key))
      }
      members[key] = value
      skipWhitespace()
      guard offset < bytes.count else { throw fail(.unexpectedEnd) }
      if bytes[offset] == UInt8(ascii: ",") {
        offset += 1
        continue
      }
      try expect(UInt8(ascii: "}"), "',' eller '}'")
      return members
    }
  }

  mutating func readArray(depth: Int) throws(JSONSyntaxError) -> [JSONValue] {
    if depth > maxDepth { throw fail(.tooDeep(limit: maxDepth)) }
    offset += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if peek() == UInt8(ascii: "]") {
      offset += 1
      return elements
    }
    while true {
      skipWhitespace()
      elements.append(try readValue(depth: depth))
      skipWhitespace()
      guard offset < bytes.count else { throw fail(.unexpectedEnd) }
      if bytes[offset] == UInt8(ascii: ",") {
        offset += 1
        continue
      }
      try expect(UInt8(ascii: "]"), "',' eller ']'")
      return elements
    }
  }

  /// The byte at the current position, or nil at the end.
  @inline(__always)
  public func peek() -> UInt8? {
    offset < bytes.count ? bytes[offset] : nil
  }

  /// Skips JSON whitespace (space, tab, LF, CR).
  @inline(__always)
  public mutating func skipWhitespace() {
    while offset < bytes.count {
      switch bytes[offset] {
      case 0x20, 0x09, 0x0A, 0x0D: offset += 1
      default: return
      }
    }
  }

  /// Consumes `byte` or throws naming what was expected.
  @inline(__always)
  public mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws(JSONSyntaxError) {
    guard offset < bytes.count else { throw fail(.unexpectedEnd) }
    guard bytes[offset] == byte else { throw unexpected(what()) }
    offset += 1
  }

  mutating func expectWord(_ word: StaticString) throws(JSONSyntaxError) {
    let start = offset
    for i in 0..<word.utf8CodeUnitCount {
      guard offset < bytes.count else { throw fail(.unexpectedEnd) }
      guard bytes[offset] == word.utf8Start[i] else {
        offset = start
        throw unexpected("\(word)")
      }
      offset += 1
    }
  }

  /// Reads a string starting at its opening quote.
  ///
  /// Plain ASCII strings take a fast path; anything else is validated as UTF-8, so invalid bytes
  /// are refused instead of being replaced.
  public mutating func readString() throws(JSONSyntaxError) -> String {
    try expect(UInt8(ascii: "\""), "'\"'")
    let start = offset
    var ascii = true
    while offset < bytes.count {
      let b = bytes[offset]
      if b == UInt8(ascii: "\"") {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<offset])
        offset += 1
        if ascii { return String(decoding: slice, as: UTF8.self) }
        guard let s = String(validating: slice, as: UTF8.self) else {
          throw JSONSyntaxError(offset: start, reason: .invalidUTF8)
        }
        return s
      }
      if b == UInt8(ascii: "\\") {
        offset = start
        return try readEscapedString()
      }
      if b < 0x20 { throw fail(.controlCharacterInString(b)) }
      if b >= 0x80 { ascii = false }
      offset += 1
    }
    throw fail(.unexpectedEnd)
  }

  mutating func readEscapedString() throws(JSONSyntaxError) -> String {
    var out: [UInt8] = []
    let start = offset
    while offset < bytes.count {
      let b = bytes[offset]
      switch b {
      case UInt8(ascii: "\""):
        offset += 1
        guard let s = String(validating: out, as: UTF8.self) else {
          throw JSONSyntaxError(offset: start, reason: .invalidUTF8)
        }
        return s
      case UInt8(ascii: "\\"):
        offset += 1
        guard offset < bytes.count else { throw fail(.unexpectedEnd) }
        let e = bytes[offset]
        offset += 1
        switch e {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var scalar = try readHex4()
          if (0xD800...0xDBFF).contains(scalar) {
            guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
              bytes[offset + 1] == UInt8(ascii: "u")
            else { throw fail(.loneSurrogate) }
            offset += 2
            let low = try readHex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw fail(.loneSurrogate) }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          } else if (0xDC00...0xDFFF).contains(scalar) {
            throw fail(.loneSurrogate)
          }
          out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
        default:
          offset -= 1
          throw fail(.invalidEscape)
        }
      default:
        if b < 0x20 { throw fail(.controlCharacterInString(b)) }
        out.append(b)
        offset += 1
      }
    }
    throw fail(.unexpectedEnd)
  }

  mutating func readHex4() throws(JSONSyntaxError) -> UInt32 {
    guard offset + 4 <= bytes.count else { throw fail(.unexpectedEnd) }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[offset]
      let d: UInt32
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
      default: throw fail(.invalidEscape)
      }
      v = v << 4 | d
      offset += 1
    }
    return v
  }

  /// Reads a number by the JSON grammar; refuses leading zeros and values a `Double` can't hold.
  public mutating func readNumber() throws(JSONSyntaxError) -> Double {
    let start = offset
    var negative = false
    if peek() == UInt8(ascii: "-") {
      negative = true
      offset += 1
    }
    guard let first = peek(), first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") else {
      throw unexpected("en siffra")
    }
    var integer: UInt64 = 0
    var digits = 0
    if first == UInt8(ascii: "0") {
      offset += 1
      if let next = peek(), next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9") {
        throw fail(.leadingZero)
      }
      digits = 1
    } else {
      while let c = peek(), c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
        if digits < 18 { integer = integer &* 10 &+ UInt64(c - UInt8(ascii: "0")) }
        digits += 1
        offset += 1
      }
    }
    var simple = digits <= 15
    if peek() == UInt8(ascii: ".") {
      simple = false
      offset += 1
      guard let c = peek(), c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else {
        throw unexpected("en siffra efter decimalpunkten")
      }
      while let c = peek(), c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") { offset += 1 }
    }
    if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
      simple = false
      offset += 1
      if let s = peek(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { offset += 1 }
      guard let c = peek(), c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else {
        throw unexpected("en siffra i exponenten")
      }
      while let c = peek(), c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") { offset += 1 }
    }
    if simple { return negative ? -Double(integer) : Double(integer) }
    let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
    guard let value = Double(text) else { throw JSONSyntaxError(offset: start, reason: .invalidNumber) }
    guard value.isFinite else { throw JSONSyntaxError(offset: start, reason: .numberOutOfRange(text)) }
    return value
  }

  /// An error at the current offset.
  public func fail(_ reason: JSONSyntaxError.Reason) -> JSONSyntaxError {
    JSONSyntaxError(offset: offset, reason: reason)
  }

  /// An "unexpected byte" error at the current offset (or "unexpected end").
  public func unexpected(_ expected: String) -> JSONSyntaxError {
    guard offset < bytes.count else { return fail(.unexpectedEnd) }
    return fail(.unexpectedByte(bytes[offset], expected: expected))
  }
}
