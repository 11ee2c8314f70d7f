import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareReports

/// Every text view fits the terminal, whatever the names, and every JSON key is English.
@Suite struct ViewLayoutTests {
  let log: ViewsFixture
  init() throws { log = try ViewsFixture.city() }

  func allTexts(_ date: String) throws -> [(String, String, JSONValue)] {
    let state = log.state(asOf: date)
    var result: [(String, String, JSONValue)] = []
    let city = CityView(state: state, names: ViewsFixture.names)
    result.append(("city", city.text, city.json))
    for unit in ["stad", "n-norr", "n-syd", "f-sol", "g-berg", "g-dal", "pim"] {
      let v = try UnitView(state: state, unit: unit, names: ViewsFixture.names)
      result.append((unit, v.text, v.json))
      let g = try GapList(state: state, unit: unit, names: ViewsFixture.names)
      result.append(("gaps " + unit, g.text, g.json))
    }
    for person in ["e-1", "e-2", "p-1", "p-6", "p-7", "p-9"] {
      let v = try PersonView(state: state, person: person, names: ViewsFixture.names)
      result.append((person, v.text, v.json))
    }
    return result
  }

  @Test(arguments: ["2012-01-31", "2012-12-31"])
  func everyLineFitsIn100Columns(date: String) throws {
    for (name, text, _) in try allTexts(date) {
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        #expect(line.count <= 100, "\(name): \(line)")
        #expect(line.last != " ", "\(name): trailing space")
      }
    }
  }

  @Test func longNamesAreCutWithEllipsis() throws {
    let text = try GapList(state: log.state(asOf: "2012-12-31"), unit: "g-berg", names: ViewsFixture.names)
      .text
    #expect(text.contains("Bergsskolans"))
    #expect(!text.contains(ViewsFixture.longUnitName))
    #expect(text.contains("…"))
    let header = try UnitView(state: log.state(asOf: "2012-12-31"), unit: "g-berg", names: [:]).text
    #expect(header.hasPrefix("Enhet: Bergsskolans grundskola"))
    #expect(header.split(separator: "\n")[0].hasSuffix("… (g-berg)"))
    #expect(header.split(separator: "\n")[0].count == 100)
  }

  @Test func jsonKeysAreEnglishAndTextIsStable() throws {
    for (name, _, json) in try allTexts("2012-12-31") {
      for key in json.viewsAllKeys {
        #expect(key.allSatisfy { $0.isASCII && $0.isLetter }, "\(name): \(key)")
      }
    }
    let first = try allTexts("2012-12-31").map { $0.1 + $0.2.canonicalText }
    let second = try allTexts("2012-12-31").map { $0.1 + $0.2.canonicalText }
    #expect(first == second)
  }
}
