/// Why a JSON text was refused, and at which byte.
public struct JSONSyntaxError: Error, Sendable, Hashable {
  /// What was wrong.
  public enum Reason: Sendable, Hashable {
    case unexpectedEnd
    case unexpectedByte(UInt8, expected: String)
    case byteOrderMark
    case invalidUTF8
    case controlCharacterInString(UInt8)
    case invalidEscape
    case loneSurrogate
    case leadingZero
    case invalidNumber
    case numberOutOfRange(String)
    case duplicateKey(String)
    /// Two keys with different bytes that Unicode counts as the same text (`é` written as one
    /// character and as `e` with a combining accent): not duplicates, but not both storable.
    case equivalentKeys(String, String)
    case tooDeep(limit: Int)
    case trailingContent
  }

  /// Byte offset from the start of the text (0-based).
  public var offset: Int
  public var reason: Reason

  /// Creates an error.
  public init(offset: Int, reason: Reason) {
    self.offset = offset
    self.reason = reason
  }
}

extension JSONSyntaxError: CustomStringConvertible {
  /// Swedish, with the byte position counted from 1 as people count.
  public var description: String {
    "ogiltig JSON vid tecken \(offset + 1): \(reason)"
  }
}

extension JSONSyntaxError.Reason: CustomStringConvertible {
  /// Swedish.
  public var description: String {
    switch self {
    case .unexpectedEnd: "texten tar slut mitt i ett värde"
    case .unexpectedByte(let byte, let expected):
      "oväntat tecken \(JSONSyntaxError.Reason.show(byte)), förväntade \(expected)"
    case .byteOrderMark: "raden börjar med en BOM (byte order mark); spara filen som UTF-8 utan BOM"
    case .invalidUTF8: "ogiltig UTF-8; spara filen som UTF-8"
    case .controlCharacterInString(let byte):
      "styrtecken \(JSONSyntaxError.Reason.show(byte)) i en sträng; skriv det som \\u-escape"
    case .invalidEscape: "ogiltig escape-sekvens i en sträng"
    case .loneSurrogate: "ensamt UTF-16-surrogat i \\u-escape"
    case .leadingZero: "tal får inte börja med 0 följt av en siffra"
    case .invalidNumber: "ogiltigt tal"
    case .numberOutOfRange(let text): "talet \(text) ligger utanför vad som kan lagras"
    case .duplicateKey(let key): "nyckeln \"\(key)\" förekommer två gånger i samma objekt"
    case .equivalentKeys(let first, let second):
      "nycklarna \"\(first)\" och \"\(second)\" är olika byte (\(JSONSyntaxError.Reason.scalars(first)) och "
        + "\(JSONSyntaxError.Reason.scalars(second))) men samma text i Unicode; skriv nycklarna på samma sätt"
    case .tooDeep(let limit): "för djup nästling (mer än \(limit) nivåer)"
    case .trailingContent: "mer text efter JSON-värdet"
    }
  }

  /// The code points of `text`, as U+XXXX.
  static func scalars(_ text: String) -> String {
    text.unicodeScalars.prefix(20).map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(
      separator: " ")
  }

  static func show(_ byte: UInt8) -> String {
    if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    let hex = String(byte, radix: 16, uppercase: true)
    return "0x" + (hex.count == 1 ? "0" + hex : hex)
  }
}
