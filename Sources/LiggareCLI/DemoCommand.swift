import Foundation
import LiggareBasics
import LiggareDemo
import LiggareDomain
import LiggareKit
import LiggareReports

#if canImport(Glibc)
  import Glibc
#endif

/// `liggare demo [--scale small|city|national] [--year Y] [--seed N]`: generates the demo city
/// through the same append path as users, then writes its annual report as HTML.
///
/// The demo gets its own log folder (`<--log>/demo-<scale>` by default), never a real log; running
/// it again appends nothing (every event is already there) and rewrites the report.
enum DemoCommand {
  static func run(_ args: ParsedArguments, _ context: CommandContext, _ console: inout Console)
    throws(CLIError)
    -> Int32
  {
    // The table has checked the allowed values.
    let scale = DemoScale(rawValue: args.value("scale") ?? "small") ?? .small
    guard let seed = UInt64(args.value("seed") ?? "2011") else {
      throw .usage("--seed ska vara ett heltal", command: "demo")
    }
    guard let year = Int(args.value("year") ?? "2024") else {
      throw .usage("--year ska vara ett årtal", command: "demo")
    }
    var demoContext = context
    demoContext.logDirectory = context.logDirectory + "/demo-\(scale.rawValue)"
    try? FileManager.default.createDirectory(atPath: context.logDirectory, withIntermediateDirectories: true)
    let ledger = try demoContext.openForWriting()
    let city = DemoCity(scale: scale, seed: seed)
    var appended = 0
    var present = 0
    let started = ledger.clock.now()
    ledger.savesRegisterAfterEachAppend = false
    do {
      try city.generate { drafts in
        // The demo's history has the odd line entered twice (later retracted), as real lists do.
        let outcome = try ledger.append(drafts, source: "demostaden", allowingRepeatedCompletions: true)
        appended += outcome.appended
        present += outcome.alreadyPresent
      }
    } catch let error as LedgerError {
      throw CLIError.from(error)
    } catch {
      throw .failed("\(error)")
    }
    do {
      try ledger.saveRegister()
    } catch {
      throw CLIError.from(error)
    }
    ledger.saveCheckpoint()
    let knownAt = ledger.chronicle.latestRecordedAt ?? started
    let request = ReportRequest(year: year, knownAt: knownAt, format: .html)
    let bytes = try ReportCommand.render(request, ledger)
    let output =
      args.value("output") ?? demoContext.logDirectory + "/arsredovisning-\(year).html"
    try OutputFile.write(bytes, to: output)
    let report: AnnualReport
    do {
      let seq = ledger.chronicle.lastSeq(knownAt: knownAt)
      report = try AnnualReport(
        chronicle: ledger.chronicle, request: request,
        head: LogHeadInfo(seq: seq, hash: try ledger.recordHash(atSeq: seq).hex))
    } catch let error as LedgerError {
      throw CLIError.from(error)
    } catch {
      throw .failed("\(error)")
    }
    console.line("Demostaden \(city.cityName) (\(scale.rawValue)) finns i \(demoContext.logDirectory)")
    if appended > 0 {
      console.line(
        "Registrerade \(Summary.number(appended)) händelser genom samma regelkontroll som för användare"
          + (present > 0 ? " (\(Summary.number(present)) fanns redan)." : "."))
    } else {
      console.line("Loggen fanns redan: alla \(Summary.number(present)) händelser var registrerade.")
    }
    console.line(
      "Personregistret har \(Summary.number(ledger.register.people.count)) personer (namn hålls utanför loggen)."
    )
    console.line("Loggens huvud: seq \(ledger.log.head.seq), hash \(ledger.log.head.hash.hex)")
    console.line("")
    console.line("Årsredovisningen för \(year): \(output)")
    if !args.has("quiet") {
      for paragraph in report.summary.prefix(3) { console.line("  " + paragraph) }
    }
    console.line("")
    console.line("Prova vidare (se README):")
    console.line("  liggare --log \(demoContext.logDirectory) city --as-of \(year)-12-31")
    console.line(
      "  liggare --log \(demoContext.logDirectory) report --year \(year - 1) --known-at \(year)-01-31 --format md"
    )
    console.line("  liggare --log \(demoContext.logDirectory) verify")
    if args.has("no-serve") { return 0 }
    // The server takes the writer lock only while it writes.
    ledger.log.close()
    console.line("")
    for line in try DemoServe.accounts(demoContext, ledger: ledger) { console.line(line) }
    try DemoServe.serve(demoContext, &console)
    return 0
  }
}
