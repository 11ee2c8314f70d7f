import LiggareBasics
import LiggareKit

/// `liggare import FILE|- [--dry-run]`: the contract's JSON Lines, all or nothing.
enum ImportCommand {
  static func run(_ args: ParsedArguments, _ context: CommandContext, _ console: inout Console)
    throws(CLIError)
    -> Int32
  {
    let ledger = try context.openForWriting()
    let outcome: AppendOutcome
    do {
      outcome = try ledger.importEvents(from: args.positionals[0], dryRun: args.has("dry-run"))
    } catch {
      throw CLIError.from(error)
    }
    ledger.saveCheckpoint()
    console.line(Summary.outcome(outcome, verb: "importerade"))
    if ledger.namesRestored > 0 {
      console.line("Personregistret fick tillbaka \(Summary.number(ledger.namesRestored)) namn som saknades.")
    }
    return 0
  }
}

/// Swedish sentences about what an append did.
enum Summary {
  static func outcome(_ o: AppendOutcome, verb: String) -> String {
    let count = o.appended == 1 ? "1 händelse" : "\(Summary.number(o.appended)) händelser"
    var text: String
    if o.dryRun {
      text = "Provkörning: \(count) skulle läggas till; inget skrevs."
    } else if o.appended == 0 {
      text = "Inget nytt: alla händelser fanns redan i loggen."
    } else {
      text = "Klart: \(verb) \(count) (seq \(o.firstSeq ?? 0)–\(o.head.seq))."
    }
    if o.alreadyPresent > 0 && o.appended > 0 || o.alreadyPresent > 0 && o.dryRun {
      text += " \(Summary.number(o.alreadyPresent)) fanns redan och hoppades över."
    }
    text += "\nLoggens huvud: seq \(o.head.seq), hash \(o.head.hash.hex)"
    return text
  }

  /// Thousands separated by a space, as Swedish writes them (`SwedishNumber`, terminal style).
  static func number(_ n: some BinaryInteger) -> String {
    SwedishNumber.integer(n, style: .terminal)
  }
}
