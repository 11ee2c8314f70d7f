import Foundation
import Testing

@testable import LiggareKit

/// Issue 10, item 11: an attendance list is read as it was meant or refused by row, never read
/// with a changed meaning.
@Suite struct AttendanceCSVTests {
  static func parse(_ text: String) throws -> AttendanceList {
    try AttendanceList.parse(Array(text.utf8), name: "lista.csv")
  }

  static func refusal(_ text: String) -> String? {
    do {
      _ = try parse(text)
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test func item11_aRowWithMoreCellsThanTheHeaderIsRefusedByRow() {
    let message = Self.refusal("person,timmar\np-1,2\np-2,1,5\n")
    #expect(message?.contains("lista.csv rad 3") == true)
    #expect(message?.contains("citattecken") == true)
    // Quoted, the decimal comma is one cell.
    #expect((try? Self.parse("person,timmar\np-1,\"1,5\"\n"))?.rows.map(\.hours) == [1.5])
  }

  @Test(arguments: [
    "1 5", "0x10", "1e2", "+1", "-1", ".5", "5.", "NaN", "nan", "inf", "Infinity", "1.5.2", "1,5,0", "0",
    "1001", "1 000", "١",
  ])
  func item11_anHoursCellThatIsNoPlainDecimalIsRefusedByRow(cell: String) {
    let message = Self.refusal("person;timmar\np-1;2\np-2;\(cell)\n")
    #expect(message?.contains("lista.csv rad 3") == true, "\(cell): \(message ?? "godtogs")")
  }

  @Test func item11_plainDecimalsWithPointOrCommaAreRead() throws {
    let list = try Self.parse("person;timmar\np-1;1,5\np-2;0.5\np-3; 12 \np-4;1000\n")
    #expect(list.rows.map(\.hours) == [1.5, 0.5, 12, 1000])
  }

  @Test(arguments: ["p-1\u{200B}", "p-\u{FEFF}1", "p-1\u{00A0}", "\u{00A0}p-1", "p-1\u{2028}", "p-1\u{200D}"])
  func item11_anInvisibleCharacterInAPersonKeyIsRefusedByRow(key: String) {
    let message = Self.refusal("person;timmar\np-2;1\n\(key);2\n")
    #expect(message?.contains("lista.csv rad 3") == true, "\(message ?? "godtogs")")
    #expect(message?.contains("U+") == true)
  }

  static func utf16(_ text: String, littleEndian: Bool) -> [UInt8] {
    var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
    for unit in text.utf16 {
      let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
      bytes += littleEndian ? pair : pair.reversed()
    }
    return bytes
  }

  @Test(arguments: [true, false])
  func item11_unicodeTextFromExcelIsRead(littleEndian: Bool) throws {
    let text = "Användare\tTimmar\r\np-1\t2,5\r\np-2\t\r\n"
    let list = try AttendanceList.parse(Self.utf16(text, littleEndian: littleEndian), name: "u.txt")
    #expect(list.rows.map(\.person) == ["p-1", "p-2"])
    #expect(list.rows.map(\.hours) == [2.5, nil])
    // An odd number of bytes after the mark is refused by name.
    #expect {
      _ = try AttendanceList.parse(Self.utf16(text, littleEndian: littleEndian) + [0x41], name: "u.txt")
    } throws: { "\($0)".contains("UTF-16") }
  }

  @Test func item11_msDosAndMacintoshCSVWithSwedishHeadersAreRead() throws {
    // "Användare;Timmar" and "Tid för Åsa" cells: ä = 0x84, Å = 0x8F in code page 850 (CRLF)...
    let dos: [UInt8] =
      Array("Anv".utf8) + [0x84] + Array("ndare;Timmar;Kommentar\r\np-1;2,5;".utf8) + [0x8F]
      + Array("sa\r\n".utf8)
    let fromDos = try AttendanceList.parse(dos, name: "dos.csv")
    #expect(fromDos.rows.map(\.person) == ["p-1"])
    #expect(fromDos.rows.map(\.hours) == [2.5])
    // ...ä = 0x8A, Å = 0x81 in Mac Roman, with CR line ends.
    let mac: [UInt8] =
      Array("Anv".utf8) + [0x8A] + Array("ndare;Timmar;Kommentar\rp-1;2,5;".utf8) + [0x81]
      + Array("sa\rp-2;1;\r".utf8)
    let fromMac = try AttendanceList.parse(mac, name: "mac.csv")
    #expect(fromMac.rows.map(\.person) == ["p-1", "p-2"])
    #expect(fromMac.rows.map(\.hours) == [2.5, 1])
  }

  @Test func item11_aBlankFirstLineOrCROnlyLineEndsKeepTheSeparator() throws {
    let blank = try Self.parse("\n  \nperson,timmar\np-1,2\n")
    #expect(blank.rows.map(\.person) == ["p-1"])
    #expect(blank.rows.first?.line == 4)
    // Commas in later lines outnumber the header's one semicolon: the header decides.
    let cr = try Self.parse("person;kommentar\rp-1;a,b,c,d\rp-2;e\r")
    #expect(cr.rows.map(\.person) == ["p-1", "p-2"])
    #expect(cr.rows.map(\.line) == [2, 3])
  }

  @Test func item11_anUnclosedQuoteIsRefused() {
    let message = Self.refusal("person;timmar\np-1;2\n\"p-2;3\n")
    #expect(message?.contains("rad 3") == true)
  }
}
