import LiggareBasics
import LiggareKit

/// `liggare import-attendance FILE --course C --date D [--dry-run]`: a course's attendance list.
enum AttendanceCommand {
  static func run(_ args: ParsedArguments, _ context: CommandContext, _ console: inout Console)
    throws(CLIError)
    -> Int32
  {
    let course = try args.required("course")
    let dateText = try args.required("date")
    guard let date = CivilDate(parsing: dateText) else {
      throw .usage("--date \(dateText) är inget datum (ÅÅÅÅ-MM-DD)", command: "import-attendance")
    }
    let ledger = try context.openForWriting()
    let outcome: AppendOutcome
    do {
      let list = try AttendanceList.read(path: args.positionals[0])
      outcome = try ledger.append(
        list.drafts(course: course, date: date), dryRun: args.has("dry-run"), source: args.positionals[0],
        places: list.rows.map(\.line), allowingRepeatedCompletions: args.has("second-completion"))
    } catch {
      throw CLIError.from(error, options: ["course": "course"])
    }
    console.line(Summary.outcome(outcome, verb: "registrerade deltagande i kursen \(course):"))
    return 0
  }
}
