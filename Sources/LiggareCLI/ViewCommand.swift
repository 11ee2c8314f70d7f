import LiggareBasics
import LiggareDomain
import LiggareKit
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
        let person = args.positionals[0]
        let view = try PersonView(state: state, person: person, names: names, knownAt: knownAt)
        emit(json ? view.json.prettyText : view.text, &console)
      case "unit":
        let unit = args.positionals[0]
        let view = try UnitView(state: state, unit: unit, names: names, knownAt: knownAt)
        emit(json ? view.json.prettyText : view.text, &console)
      case "gaps":
        if let positional = args.positional(0), let flag = args.value("unit"), positional != flag {
          throw CLIError.usage("ange enheten en gång: \(positional) eller --unit \(flag)", command: name)
        }
        let unit = try args.positional(0) ?? args.value("unit") ?? state.city?.id ?? args.required("unit")
        let view = try GapList(
          state: state, unit: unit, goal: args.value("goal"), names: names, knownAt: knownAt)
        emit(json ? view.json.prettyText : view.text, &console)
      default:
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

  static func emit(_ text: String, _ console: inout Console) {
    console.write(Array(text.utf8))
    if !text.hasSuffix("\n") { console.line() }
  }
}
