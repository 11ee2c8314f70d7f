/// A `multipart/form-data` body (RFC 7578) read into its parts: the attendance upload and the
/// report to verify arrive so. Small and strict: a body that does not follow the form is refused
/// whole, and there are limits on the number of parts and the header size of each.
public struct MultipartForm: Sendable {
  /// One part: the field name, the file name for a file, and the bytes.
  public struct Part: Sendable, Hashable {
    public var name: String
    public var filename: String?
    public var data: [UInt8]
  }

  public var parts: [Part]

  /// At most this many parts.
  public static let maxParts = 32
  /// At most this many bytes of headers per part.
  public static let maxPartHeaderBytes = 4096

  /// The first part named `name`.
  public func part(_ name: String) -> Part? { parts.first { $0.name == name } }

  /// The text of the first part named `name` (UTF-8), or nil.
  public func text(_ name: String) -> String? {
    part(name).map { String(decoding: $0.data, as: UTF8.self) }
  }

  /// The boundary from a `Content-Type: multipart/form-data; boundary=…` value, or nil.
  public static func boundary(contentType: String) -> String? {
    let pieces = contentType.split(separator: ";").map { String($0).trimmingWhitespace }
    guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
    for p in pieces.dropFirst() where p.lowercased().hasPrefix("boundary=") {
      var b = String(p.dropFirst("boundary=".count))
      if b.hasPrefix("\""), b.hasSuffix("\""), b.count >= 2 { b = String(b.dropFirst().dropLast()) }
      guard (1...70).contains(b.utf8.count) else { return nil }
      return b
    }
    return nil
  }

  /// Reads `body`; nil when it is not well-formed multipart with `boundary`.
  public init?(body: [UInt8], boundary: String) {
    let delimiter = Array("--\(boundary)".utf8)
    let crlf: [UInt8] = [13, 10]
    guard var at = Self.find(delimiter, in: body, from: 0) else { return nil }
    var parts: [Part] = []
    while true {
      at += delimiter.count
      // "--" after a delimiter ends the body.
      if at + 1 < body.count, body[at] == 45, body[at + 1] == 45 { break }
      guard at + 1 < body.count, body[at] == 13, body[at + 1] == 10 else { return nil }
      at += 2
      guard let headerEnd = Self.find([13, 10, 13, 10], in: body, from: at),
        headerEnd - at <= Self.maxPartHeaderBytes
      else { return nil }
      let headers = String(decoding: body[at..<headerEnd], as: UTF8.self)
      let dataStart = headerEnd + 4
      guard let next = Self.find(crlf + delimiter, in: body, from: dataStart) else { return nil }
      guard let disposition = Self.disposition(headers) else { return nil }
      parts.append(
        Part(name: disposition.name, filename: disposition.filename, data: Array(body[dataStart..<next])))
      guard parts.count <= Self.maxParts else { return nil }
      at = next + 2
    }
    self.parts = parts
  }

  /// `name` and `filename` from the part's Content-Disposition header.
  static func disposition(_ headers: String) -> (name: String, filename: String?)? {
    for line in headers.split(separator: "\r\n") {
      let text = String(line)
      guard text.lowercased().hasPrefix("content-disposition:") else { continue }
      let params = text.dropFirst("content-disposition:".count).split(separator: ";").map {
        String($0).trimmingWhitespace
      }
      guard params.first?.lowercased() == "form-data" else { return nil }
      var name: String?
      var filename: String?
      for p in params.dropFirst() {
        guard let eq = p.firstIndex(of: "=") else { continue }
        let key = p[..<eq].lowercased()
        var value = String(p[p.index(after: eq)...])
        if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
          value = String(value.dropFirst().dropLast())
        }
        if key == "name" { name = value } else if key == "filename" { filename = value }
      }
      guard let name else { return nil }
      return (name, filename)
    }
    return nil
  }

  static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else {
      return nil
    }
    let first = needle[0]
    var i = start
    let last = haystack.count - needle.count
    while i <= last {
      if haystack[i] == first {
        var j = 1
        while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
        if j == needle.count { return i }
      }
      i += 1
    }
    return nil
  }
}
