import Foundation
import LiggareDomain

/// How the bytes of an uploaded list become text (issue 10, item 11; the rule is in
/// docs/semantics.md): a byte order mark decides (UTF-8, UTF-16 LE or BE: Excel's "Unicode text");
/// otherwise valid UTF-8 is UTF-8; otherwise one of Excel's single-byte encodings, the one in which
/// the file's bytes above 0x7F give the most Swedish letters (å ä ö Å Ä Ö é), ties going to Mac Roman
/// when the lines end in CR alone (Excel for Mac's "CSV (Macintosh)") and else to Windows-1252, then
/// code page 850.
enum TextDecoding {
  /// What a list's bytes say, or why they say nothing.
  static func decode(_ bytes: [UInt8]) -> Result<String, TextDecodingError> {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else {
        return .failure(.invalidUTF8AfterMark)
      }
      return .success(text)
    }
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      return utf16(bytes.dropFirst(2), littleEndian: bytes[0] == 0xFF)
    }
    if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
    let encoding = guess(bytes)
    var scalars = String.UnicodeScalarView()
    for byte in bytes {
      // `guess` only returns Windows-1252 when every byte is defined in it.
      scalars.append(encoding.scalar(byte) ?? "\u{FFFD}")
    }
    return .success(String(scalars))
  }

  static func utf16(_ body: ArraySlice<UInt8>, littleEndian: Bool) -> Result<String, TextDecodingError> {
    guard body.count % 2 == 0 else { return .failure(.oddUTF16Length) }
    var units: [UInt16] = []
    units.reserveCapacity(body.count / 2)
    var i = body.startIndex
    while i < body.endIndex {
      let a = UInt16(body[i])
      let b = UInt16(body[i + 1])
      units.append(littleEndian ? a | b << 8 : a << 8 | b)
      i += 2
    }
    guard let text = String(validating: units, as: UTF16.self) else { return .failure(.invalidUTF16) }
    return .success(text)
  }

  /// The single-byte encoding of bytes that are not UTF-8.
  static func guess(_ bytes: [UInt8]) -> LegacyEncoding {
    let crOnly = bytes.contains(0x0D) && !bytes.contains(0x0A)
    let order: [LegacyEncoding] =
      crOnly ? [.macRoman, .windows1252, .codePage850] : [.windows1252, .codePage850, .macRoman]
    let swedish: Set<Unicode.Scalar> = ["å", "ä", "ö", "Å", "Ä", "Ö", "é"]
    var best = order[0]
    var bestScore = -1
    for encoding in order {
      var score = 0
      for byte in bytes where byte >= 0x80 {
        guard let scalar = encoding.scalar(byte) else {
          score = -1
          break
        }
        if swedish.contains(scalar) { score += 1 }
      }
      if score > bestScore {
        best = encoding
        bestScore = score
      }
    }
    return best
  }
}

/// Why a list's bytes are no text.
enum TextDecodingError: Error, Sendable {
  case invalidUTF8AfterMark
  case oddUTF16Length
  case invalidUTF16

  var description: String {
    switch self {
    case .invalidUTF8AfterMark: "filen börjar som UTF-8 (BOM) men innehåller byte som inte är UTF-8"
    case .oddUTF16Length: "filen börjar som UTF-16 (BOM) men har ett udda antal byte"
    case .invalidUTF16: "filen börjar som UTF-16 (BOM) men innehåller ogiltiga tecken"
    }
  }
}

/// A small CSV reader for lists saved from Excel: quotes, doubled quotes, separators and line ends
/// inside quotes, and every line end (CRLF, LF, CR alone). The separator (`;`, tab or `,`) is the
/// one that occurs most, outside quotes, in the first line that is not blank; ties go in that
/// order. Works on Unicode scalars, so a combining mark after a separator cannot hide it.
struct CSVTable {
  struct Row {
    var cells: [String]
    var line: Int
  }

  var rows: [Row]

  /// Decodes and splits the bytes of the list `name`.
  ///
  /// - Throws: `LedgerError.attendance` for text that cannot be decoded or an unclosed quote.
  static func read(_ bytes: [UInt8], name: String) throws(LedgerError) -> [Row] {
    switch TextDecoding.decode(bytes) {
    case .success(let text): return try parse(text, name: name)
    case .failure(let why): throw .attendance(place: .init(file: name), reason: why.description)
    }
  }

  static func isBlank(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" }

  static func separator(of scalars: [Unicode.Scalar]) -> Unicode.Scalar {
    var i = 0
    // Skip blank lines.
    var lineStart = 0
    while i < scalars.count {
      let s = scalars[i]
      if s == "\n" || s == "\r" {
        lineStart = i + 1
      } else if !isBlank(s) && s != "\u{FEFF}" {
        break
      }
      i += 1
    }
    var counts: [Unicode.Scalar: Int] = [";": 0, "\t": 0, ",": 0]
    var inQuotes = false
    i = lineStart
    while i < scalars.count {
      let s = scalars[i]
      if s == "\"" {
        inQuotes.toggle()
      } else if !inQuotes && (s == "\n" || s == "\r") {
        break
      } else if !inQuotes, let n = counts[s] {
        counts[s] = n + 1
      }
      i += 1
    }
    var best: Unicode.Scalar = ";"
    for candidate: Unicode.Scalar in ["\t", ","]
    where counts[candidate, default: 0] > counts[best, default: 0] {
      best = candidate
    }
    return best
  }

  static func parse(_ text: String, name: String) throws(LedgerError) -> [Row] {
    let scalars = Array(text.unicodeScalars)
    let separator = separator(of: scalars)
    var rows: [Row] = []
    var cells: [String] = []
    var cell = String.UnicodeScalarView()
    var inQuotes = false
    var quoteLine = 0
    var afterQuote = false
    var line = 1
    var rowLine = 1
    var i = 0
    func endCell() {
      cells.append(String(cell))
      cell = String.UnicodeScalarView()
      afterQuote = false
    }
    while i < scalars.count {
      let c = scalars[i]
      i += 1
      let lineEnd = c == "\n" || c == "\r"
      if lineEnd && c == "\r" && i < scalars.count && scalars[i] == "\n" { i += 1 }
      if inQuotes {
        if c == "\"" {
          if i < scalars.count && scalars[i] == "\"" {
            cell.append("\"")
            i += 1
          } else {
            inQuotes = false
            afterQuote = true
          }
        } else {
          if lineEnd { line += 1 }
          // A line end inside quotes is kept as one LF, whatever the file used.
          cell.append(lineEnd ? "\n" : c)
        }
      } else if c == separator {
        endCell()
      } else if lineEnd {
        endCell()
        rows.append(Row(cells: cells, line: rowLine))
        cells = []
        line += 1
        rowLine = line
      } else if afterQuote {
        if !isBlank(c) {
          throw .attendance(
            place: .init(file: name, line: line),
            reason: "text efter ett avslutande citattecken i cell \(cells.count + 1); "
              + "ett citattecken i en cell skrivs dubbelt (\"\")")
        }
      } else if c == "\"" && String(cell).allSatisfy({ $0 == " " || $0 == "\t" }) {
        cell = String.UnicodeScalarView()
        inQuotes = true
        quoteLine = line
      } else {
        cell.append(c)
      }
    }
    if inQuotes {
      throw .attendance(
        place: .init(file: name, line: quoteLine), reason: "ett citattecken öppnas men avslutas aldrig")
    }
    if !cell.isEmpty || !cells.isEmpty || afterQuote {
      endCell()
      rows.append(Row(cells: cells, line: rowLine))
    }
    return rows
  }

  /// Refuses a row with non-empty cells beyond the header's (issue 10, item 11: `p1,1,5` in a
  /// comma-separated list is a decimal comma without quotes, not 1 hour and a stray 5).
  static func checkWidth(_ row: Row, header: Row, name: String) throws(LedgerError) {
    guard row.cells.count > header.cells.count else { return }
    let extra = row.cells[header.cells.count...]
    if extra.allSatisfy({ $0.trimmed.isEmpty }) { return }
    throw .attendance(
      place: .init(file: name, line: row.line),
      reason: "raden har \(row.cells.count) celler men rubrikraden \(header.cells.count); "
        + "ett tal med decimalkomma i en kommaseparerad lista ska stå inom citattecken (\"1,5\")")
  }
}

extension String {
  var trimmed: String { trimmingCharacters(in: .whitespaces) }

  /// Without the spaces and tabs a spreadsheet leaves around a cell (no other space: a
  /// no-break space around a key is refused, not dropped).
  var trimmedCell: String {
    var scalars = Substring(self).unicodeScalars
    while let f = scalars.first, CSVTable.isBlank(f) { scalars.removeFirst() }
    while let l = scalars.last, CSVTable.isBlank(l) { scalars.removeLast() }
    return String(scalars)
  }
}
