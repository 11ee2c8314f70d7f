import LiggareBasics
import LiggareDomain
import LiggareKit
import LiggareQueries
import LiggareReports

/// `liggare person P`, `unit U`, `gaps --unit U [--goal G]` and `city`, each with `--as-of`,
/// `--known-at` and `--json`.
enum ViewCommand {
  static func run(
    _ name: String, _ args: ParsedArguments, _ context: CommandContext, _ console: inout Console
  )
    throws(CLIError) -> Int32
  {
    let asOf = try context.asOf(args)
    let knownAt = try context.knownAt(args) ?? context.clock.now()
    let ledger = try context.openForReading(withNames: name != "city")
    let kind: ViewQuery.Kind
    switch name {
    case "person": kind = .person(args.positionals[0])
    case "unit":
      kind = .unit(
        try unitID(args.positionals[0], in: ledger.state(asOf: asOf, knownAt: knownAt), command: name))
    case "gaps":
      if let positional = args.positional(0), let flag = args.value("unit"), positional != flag {
        throw CLIError.usage("ange enheten en gång: \(positional) eller --unit \(flag)", command: name)
      }
      var unit =
        args.positional(0) ?? args.value("unit") ?? ledger.state(asOf: asOf, knownAt: knownAt).city?.id
      if unit == nil { unit = try args.required("unit") }
      let unitID = try unitID(unit ?? "", in: ledger.state(asOf: asOf, knownAt: knownAt), command: name)
      if args.value("requirement") != nil || args.value("framework") != nil {
        guard args.value("goal") == nil else {
          throw CLIError.usage(
            "--goal gäller PIM-mål; ange det eller --requirement/--framework", command: name)
        }
        kind = .requirementGaps(
          unit: unitID, requirement: args.value("requirement"), framework: args.value("framework"))
      } else {
        kind = .gaps(unit: unitID, goal: args.value("goal"))
      }
    default: kind = .city
    }
    let query = ViewQuery(kind, asOf: asOf, knownAt: knownAt)
    // The city view names no people: it need not read the register.
    let names: [String: String]
    do {
      names = query.needsNames ? try ledger.personRegister().names : [:]
    } catch {
      throw CLIError.from(error)
    }
    // Text views fit the terminal (`COLUMNS`, then the terminal's size, else 100 columns); JSON is
    // the same bytes the server's API answers with (`ViewQuery`).
    let width = Terminal.current(default: TextTable.defaultWidth)
    // A view of one node or person looks only at the people who may count there, through an index
    // over the chronicle (the same bytes as without, IndexedViewTests): a unit's view no longer
    // sorts and walks the whole city. The city view reads everyone either way.
    let snapshot = query.needsNames ? ledger.snapshot.indexed() : ledger.snapshot
    do {
      let bytes = try TextTable.$terminalWidth.withValue(width) {
        try query.output(snapshot: snapshot, names: names, json: args.has("json"))
      }
      console.write(bytes)
    } catch {
      throw .failed("\(error)")
    }
    return 0
  }

  /// `text` as a unit id: an id as it is, otherwise the one unit (board, city) with that name
  /// (case-insensitive) on the date.
  ///
  /// - Throws: `CLIError.usage` when several units have the name, listing their ids.
  static func unitID(_ text: String, in state: CityState, command: String) throws(CLIError) -> String {
    if state.unit(text) != nil { return text }
    let wanted = text.lowercased()
    let named = state.allUnits.filter { $0.name.lowercased() == wanted }
    if named.count == 1 { return named[0].id }
    if named.count > 1 {
      throw .usage(
        "flera enheter heter \"\(text)\": " + named.map(\.id).sorted().joined(separator: ", ") + "; ange id",
        command: command)
    }
    return text
  }
}
