import Foundation
import LiggareBasics
import LiggareDomain
import LiggareKit
import LiggareQueries

/// `liggare search TEXT [--as-of D] [--limit N] [--json]`: persons by name (from the register),
/// units by name and courses by title, each with its id. The search itself is `SearchQuery`, which
/// the server's `GET /api/v1/search` answers with too.
enum SearchCommand {
  static func run(_ args: ParsedArguments, _ context: CommandContext, _ console: inout Console)
    throws(CLIError)
    -> Int32
  {
    let text = args.positionals[0].trimmingCharacters(in: .whitespaces)
    guard text.count >= SearchQuery.minimumLength, text.count <= SearchQuery.maximumLength else {
      throw .usage(
        "söktexten ska vara \(SearchQuery.minimumLength)–\(SearchQuery.maximumLength) tecken",
        command: "search")
    }
    let limitText = args.value("limit") ?? "25"
    guard let limit = Int(limitText), limit > 0, limit <= 1000 else {
      throw .usage("--limit \(limitText) ska vara ett heltal 1–1000", command: "search")
    }
    let asOf = try context.asOf(args)
    let ledger = try context.openForReading()
    let register: PersonRegister
    do {
      register = try ledger.personRegister()
    } catch {
      throw CLIError.from(error)
    }
    let result = SearchQuery(text, asOf: asOf, limit: limit).run(
      snapshot: ledger.snapshot, register: register)
    if args.has("json") {
      console.line(result.json(query: text).prettyText)
      return 0
    }
    if result.persons.isEmpty && result.units.isEmpty && result.courses.isEmpty {
      console.line(
        "Inget hittades för \"\(text)\" per \(asOf) (personer, enheter och kurser, på namn eller id).")
      return 0
    }
    if !result.persons.isEmpty {
      console.line("Personer")
      let rows = result.persons.map {
        [$0.id, $0.name ?? "(namn raderat)", $0.unitID.map { "på \($0)" } ?? ""]
      }
      for line in columns(rows) { console.line("  " + line) }
    }
    if !result.units.isEmpty {
      if !result.persons.isEmpty { console.line() }
      console.line("Enheter")
      for line in columns(result.units.map { [$0.id, $0.name, $0.kind.swedishName] }) {
        console.line("  " + line)
      }
    }
    if !result.courses.isEmpty {
      if !result.persons.isEmpty || !result.units.isEmpty { console.line() }
      console.line("Kurser")
      for line in columns(result.courses.map { [$0.id, $0.title] }) { console.line("  " + line) }
    }
    return 0
  }

  /// Rows padded to aligned columns (the last column is not padded).
  static func columns(_ rows: [[String]]) -> [String] {
    guard let count = rows.first?.count else { return [] }
    let widths = (0..<count).map { c in rows.map { $0[c].count }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { c, cell in
        c == count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - cell.count)
      }
      .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }
  }
}

extension UnitKind {
  /// `stad`, `nämnd`, `enhet`.
  var swedishName: String {
    switch self {
    case .city: "stad"
    case .board: "nämnd"
    case .unit: "enhet"
    }
  }
}
