import LiggareBasics
import LiggareKit

/// `liggare import-attendance FILE --course C --date D [--dry-run]`: a course's attendance list.
enum AttendanceCommand {
  static func run(_ arguments: [String], _ context: CommandContext, _ console: inout Console) throws(CLIError)
    -> Int32
  {
    let args = try ParsedArguments(
      arguments, command: "import-attendance", options: ["course", "date"], flags: ["dry-run"])
    guard args.positionals.count == 1 else {
      throw .usage("ange närvarolistan (CSV-fil)", command: "import-attendance")
    }
    let course = try args.required("course", command: "import-attendance")
    let dateText = try args.required("date", command: "import-attendance")
    guard let date = CivilDate(parsing: dateText) else {
      throw .usage("--date \(dateText) är inget datum (ÅÅÅÅ-MM-DD)", command: "import-attendance")
    }
    let ledger = try context.openForWriting()
    let outcome: AppendOutcome
    do {
      let list = try AttendanceList.read(path: args.positionals[0])
      outcome = try ledger.append(
        list.drafts(course: course, date: date), dryRun: args.has("dry-run"), source: args.positionals[0],
        places: list.rows.map(\.line))
    } catch {
      throw CLIError.from(error)
    }
    console.line(Summary.outcome(outcome, verb: "registrerade kursen \(course) för"))
    return 0
  }
}
