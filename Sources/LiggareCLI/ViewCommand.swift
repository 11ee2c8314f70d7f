import LiggareBasics
import LiggareDomain
import LiggareKit
import LiggareReports

/// `liggare person P`, `unit U`, `gaps --unit U [--goal G]` and `city`, each with `--as-of`,
/// `--known-at` and `--json`.
enum ViewCommand {
  static func run(_ name: String, _ arguments: [String], _ context: CommandContext, _ console: inout Console)
    throws(CLIError) -> Int32
  {
    let options: Set<String> =
      name == "gaps" ? ["as-of", "known-at", "unit", "goal"] : ["as-of", "known-at"]
    let args = try ParsedArguments(arguments, command: name, options: options, flags: ["json"])
    let asOf = try context.asOf(args, command: name)
    let knownAt = try context.knownAt(args, command: name) ?? context.clock.now()
    let ledger = try context.openForReading()
    let state = ledger.state(asOf: asOf, knownAt: knownAt)
    // The city view names no people: it need not read the register.
    let names: [String: String]
    do {
      names = name == "city" ? [:] : try ledger.personRegister().names
    } catch {
      throw CLIError.from(error)
    }
    let json = args.has("json")
    do {
      switch name {
      case "person":
        let person = try single(args, command: name, what: "personens nyckel, t.ex. p-1042")
        let view = try PersonView(state: state, person: person, names: names, knownAt: knownAt)
        emit(json ? view.json.prettyText : view.text, &console)
      case "unit":
        let unit = try single(args, command: name, what: "enhetens id, t.ex. f-solrosen")
        let view = try UnitView(state: state, unit: unit, names: names, knownAt: knownAt)
        emit(json ? view.json.prettyText : view.text, &console)
      case "gaps":
        let unit = try args.value("unit") ?? state.city?.id ?? args.required("unit", command: name)
        let view = try GapList(
          state: state, unit: unit, goal: args.value("goal"), names: names, knownAt: knownAt)
        emit(json ? view.json.prettyText : view.text, &console)
      default:
        guard args.positionals.isEmpty else { throw CLIError.usage("city tar inga argument", command: name) }
        let view = CityView(state: state, names: names, knownAt: knownAt)
        emit(json ? view.json.prettyText : view.text, &console)
      }
    } catch let error as ViewError {
      throw .failed("\(error)")
    } catch let error as CLIError {
      throw error
    } catch {
      throw .failed("\(error)")
    }
    return 0
  }

  static func single(_ args: ParsedArguments, command: String, what: String) throws(CLIError) -> String {
    guard args.positionals.count == 1 else { throw .usage("ange \(what)", command: command) }
    return args.positionals[0]
  }

  static func emit(_ text: String, _ console: inout Console) {
    console.write(Array(text.utf8))
    if !text.hasSuffix("\n") { console.line() }
  }
}
