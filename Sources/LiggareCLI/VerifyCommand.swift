import LiggareDomain
import LiggareKit
import LiggareStorage

/// `liggare verify [--integrity]`: every record's checksum, seq and hash chain; then, unless only
/// the integrity was asked for, the domain's findings.
enum VerifyCommand {
  static func run(_ args: ParsedArguments, _ context: CommandContext, _ console: inout Console)
    throws(CLIError)
    -> Int32
  {
    let log: EventLog
    do {
      log = try EventLog.open(directory: context.logDirectory, access: .read)
    } catch {
      if case .damaged(let damage) = error {
        console.line("SKADAD: \(damage)")
        return 3
      }
      throw .failed("\(error)")
    }
    let result: VerificationResult
    do {
      result = try log.verify()
    } catch {
      throw .failed("\(error)")
    }
    for warning in result.warnings { Console.error("varning: \(warning)") }
    if let damage = result.damage {
      remember(
        context,
        LastVerification(
          at: context.clock.now(), intact: false, records: result.records, head: result.head,
          damage: "\(damage)", doubtful: nil, by: "liggare verify"))
      console.line("SKADAD: \(damage)")
      console.line("Poster före skadan är oförändrade; kontakta den som ansvarar för säkerhetskopiorna.")
      return 3
    }
    console.line(
      "OK: \(Summary.number(result.records)) poster i \(result.segments) segment "
        + "(\(Summary.number(result.bytes)) byte); kontrollsummor, seq och hashkedja stämmer.")
    console.line("Loggens huvud: seq \(result.head.seq), hash \(result.head.hash.hex)")
    if result.unfinishedRecords > 0 { reportUnfinishedWrite(result.unfinishedRecords, context, &console) }
    var verified = LastVerification(
      at: context.clock.now(), intact: true, records: result.records, head: result.head, damage: nil,
      doubtful: nil, by: "liggare verify --integrity")
    if args.has("integrity") {
      remember(context, verified)
      return 0
    }
    let ledger = try context.openForReading()
    do {
      let lost = try ledger.peopleWithLostNames()
      if !lost.isEmpty {
        console.line(
          "Obs: \(Summary.number(lost.count)) registrerade personer saknar namn i personregistret utan att ha "
            + "raderats med forget (t.ex. \(lost.prefix(5).joined(separator: ", "))); återställ personregistret "
            + "från säkerhetskopian eller importera deras PersonRegistered igen med namn.")
      }
    } catch {
      Console.error("varning: \(error)")
    }
    let findings: [Finding]
    do {
      findings = try ledger.findings()
    } catch {
      throw CLIError.from(error)
    }
    let repeated = findings.filter {
      if case .repeatedCompletion = $0.violation { true } else { false }
    }
    let doubtful = findings.filter {
      if case .repeatedCompletion = $0.violation { false } else { true }
    }
    verified.doubtful = doubtful.count
    verified.by = "liggare verify"
    verified.at = context.clock.now()
    remember(context, verified)
    if doubtful.isEmpty {
      console.line("Inga tveksamma händelser: alla uppfyller reglerna med det som är känt nu.")
    } else {
      console.line(
        "Tveksamma händelser: \(Summary.number(doubtful.count)) (registrerade enligt reglerna, men senare "
          + "händelser gör dem tveksamma; de räknas som de är):")
      list(doubtful, &console)
    }
    if !repeated.isEmpty {
      console.line(
        "Möjliga dubbletter: \(Summary.number(repeated.count)) (samma person, kurs och dag som en tidigare kursregistrering; "
          + "båda räknas). Är det samma tillfälle, dra tillbaka den senare med 'liggare log retract':")
      list(repeated, &console)
    }
    return 0
  }

  /// Records the result beside the log for the status page; a folder that cannot be written to
  /// only gives a warning (the check itself stands).
  static func remember(_ context: CommandContext, _ result: LastVerification) {
    do throws(LedgerError) {
      try result.write(logDirectory: context.logDirectory)
    } catch {
      Console.error("varning: kontrollens resultat kunde inte sparas för statussidan: \(error)")
    }
  }

  static func list(_ findings: [Finding], _ console: inout Console) {
    for f in findings.prefix(50) { console.line("  seq \(f.seq) (\(f.eventID)): \(f.violation)") }
    if findings.count > 50 { console.line("  … och \(findings.count - 50) till") }
  }

  /// Records after the last commit (issue 10, item 4): with no writer holding the lock, `verify`
  /// takes it and sets them aside itself, as the next writer would; with a writer holding it, the
  /// write may be in progress and is only reported.
  static func reportUnfinishedWrite(_ count: Int, _ context: CommandContext, _ console: inout Console) {
    let pending =
      "Obs: \(Summary.number(count)) poster efter sista fullbordade sats hör till en "
      + "skrivning som pågår eller avbröts; de är inte en del av loggen och läggs åt sidan vid nästa "
      + "skrivning. Inget är skadat."
    let outcome: UnfinishedWrite
    do {
      outcome = try EventLog.setAsideUnfinishedWrite(directory: context.logDirectory)
    } catch {
      console.line(pending)
      Console.error("varning: kunde inte lägga den avbrutna skrivningen åt sidan nu: \(error)")
      return
    }
    switch outcome {
    case .none:
      console.line("Obs: en skrivning som pågick när kontrollen började har avslutats. Inget är skadat.")
    case .writerBusy(let holder):
      console.line(pending + " (Låset hålls av \(holder).)")
    case .setAside(let records, let files):
      console.line(
        "Obs: \(Summary.number(records)) poster efter sista fullbordade sats hörde till en avbruten skrivning "
          + "(ingen skrivare höll låset); de är inte en del av loggen och har lagts åt sidan i "
          + "\(files.joined(separator: ", ")). Inget är skadat.")
    }
  }
}
