import LiggareBasics
import LiggareDomain
import LiggareKit

/// `liggare import-assessments FILE --framework F --method self|head [--assessor P] --date D
/// [--dry-run]`: a self-assessment survey, or a head's list, one column per competence.
enum AssessmentImportCommand {
  static let command = "import-assessments"

  /// The command table's declaration.
  static var spec: CommandSpec {
    CommandSpec(
      path: [command], group: "Registrera",
      summary: "självskattningar eller chefsbedömningar (CSV, en kolumn per kompetens); allt eller inget",
      arguments: [ArgumentSpec(name: "FIL", isRequired: true, help: "listan (CSV), t.ex. en enkätexport")],
      options: [
        .value("framework", "RAMVERK", "ramverket kolumnerna hör till", required: true),
        .value(
          "method", "METOD", "self (självskattning) eller head (chefens bedömning)", required: true,
          allowed: AssessmentMethod.allCases.map(\.rawValue)),
        .value("assessor", "PERSON", "chefen som bedömt (krävs med head)"),
        .value("date", "DATUM", "bedömningens dag, ÅÅÅÅ-MM-DD", required: true),
        CommandTable.dryRun,
      ],
      details: [
        "En enkätexport (Microsoft Forms eller Google Formulär sparad från Excel): en kolumn person och en",
        "kolumn per kompetens med kompetensens id eller titel som rubrik, och en nivå eller en tom cell i",
        "varje ruta. Hela listan läggs till eller inget; ett fel anger rad och kolumn. Samma lista två",
        "gånger lägger inte till något.",
      ],
      examples: ["import-assessments enkat.csv --framework digcompedu --method self --date 2019-09-10"],
      run: { args, context, console throws(CLIError) in try run(args, context, &console) })
  }

  static func run(_ args: ParsedArguments, _ context: CommandContext, _ console: inout Console)
    throws(CLIError)
    -> Int32
  {
    let framework = try args.required("framework")
    let methodText = try args.required("method")
    guard let method = AssessmentMethod(rawValue: methodText) else {
      throw .usage(
        "--method \(methodText): ange self (självskattning) eller head (chefens bedömning)", command: command)
    }
    let assessor = args.value("assessor")
    if method == .head && assessor == nil {
      throw .usage(
        "--method head kräver --assessor: den rektor eller förskolechef som bedömt", command: command)
    }
    if method == .self, let assessor {
      throw .usage("en självskattning har ingen bedömare; ta bort --assessor \(assessor)", command: command)
    }
    let dateText = try args.required("date")
    guard let date = CivilDate(parsing: dateText) else {
      throw .usage("--date \(dateText) är inget datum (ÅÅÅÅ-MM-DD)", command: command)
    }
    let ledger = try context.openForWriting()
    let state = ledger.state(asOf: date)
    guard let scale = state.framework(framework) else {
      throw .failed("ramverket \(framework) finns inte den \(date); definiera det först (log framework)")
    }
    let competences = state.competences.filter { $0.frameworkID == framework }
    let outcome: AppendOutcome
    do {
      let list = try AssessmentList.read(
        path: args.positionals[0], competences: competences, levels: scale.levels)
      outcome = try ledger.append(
        list.drafts(method: method, assessor: assessor, date: date), dryRun: args.has("dry-run"),
        source: args.positionals[0], places: list.cells.map(\.line))
    } catch {
      throw CLIError.from(error, options: ["assessor": "assessor"])
    }
    let what = method == .self ? "självskattningar" : "chefsbedömningar"
    console.line(Summary.outcome(outcome, verb: "registrerade \(what):"))
    return 0
  }
}
