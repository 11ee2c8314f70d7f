import LiggareBasics
import LiggareDomain
import LiggareKit
import LiggareStorage

/// `liggare stats`: what the log holds, by type and year.
enum StatsCommand {
  static func run(_ args: ParsedArguments, _ context: CommandContext, _ console: inout Console)
    throws(CLIError)
    -> Int32
  {
    if args.has("head") {
      // Only the head, recovered from the tail of the last segment: no replay.
      do {
        let log = try EventLog.open(directory: context.logDirectory, access: .read)
        console.line("Loggens huvud: seq \(log.head.seq), hash \(log.head.hash.hex)")
      } catch {
        throw .failed("\(error)")
      }
      return 0
    }
    let ledger = try context.openForReading()
    let c = ledger.chronicle
    console.line("Logg: \(context.logDirectory)")
    console.line("Händelser: \(Summary.number(c.eventCount)) (seq 1–\(c.lastSeq))")
    console.line("Loggens huvud: seq \(ledger.log.head.seq), hash \(ledger.log.head.hash.hex)")
    if let latest = c.latestRecordedAt { console.line("Senast registrerad: \(latest)") }
    let tally = c.tally()
    let (byType, byYear, retracted) = (tally.byType, tally.byYear, tally.retracted)
    console.line("Tillbakadragna: \(Summary.number(retracted))")
    console.line("Personer i personregistret: \(Summary.number(ledger.register.people.count))")
    console.line("")
    console.line("Per typ:")
    for type in EventType.allCases where byType[type] != nil {
      console.line(
        "  " + type.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0) + pad(byType[type]!))
    }
    console.line("Per år (händelsens datum):")
    for year in byYear.keys.sorted() { console.line("  \(year)                " + pad(byYear[year]!)) }
    return 0
  }

  static func pad(_ n: Int) -> String {
    let s = Summary.number(n)
    return String(repeating: " ", count: max(0, 12 - s.count)) + s
  }
}
