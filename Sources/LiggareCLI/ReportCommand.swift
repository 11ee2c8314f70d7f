import Foundation
import LiggareBasics
import LiggareKit
import LiggareQueries
import LiggareReports

#if canImport(Glibc)
  import Glibc
#endif

/// `liggare report --year Y [--known-at T] [--scope U] --format html|md|csv|json [-o FILE]`
/// and `liggare report --verify FILE`.
enum ReportCommand {
  static func run(_ args: ParsedArguments, _ context: CommandContext, _ console: inout Console)
    throws(CLIError)
    -> Int32
  {
    let ledger = try context.openForReading()
    if let file = args.value("verify") {
      let others = ["year", "known-at", "scope", "format", "csv-dialect", "output"].filter {
        args.value($0) != nil
      }
      guard others.isEmpty else {
        throw .usage(
          "--verify läser årtal, --known-at och format ur filen; ta bort --"
            + others.joined(separator: ", --"),
          command: "report")
      }
      return try verify(file, ledger, &console)
    }
    guard let yearText = args.value("year") else {
      throw .usage("ange året med --year, t.ex. --year 2024 (eller --verify FIL)", command: "report")
    }
    guard let year = Int(yearText) else {
      throw .usage("--year \(yearText) är inget årtal", command: "report")
    }
    let thisYear = context.clock.now().stockholmDate.components.year
    guard year <= thisYear else {
      throw .usage("--year \(year) har inte börjat ännu (i år är det \(thisYear))", command: "report")
    }
    // The table has checked the allowed values.
    let format = ReportFormat(rawValue: args.value("format") ?? "html") ?? .html
    let dialectText = args.value("csv-dialect") ?? "swedish"
    let dialect = CSVDialect(rawValue: dialectText == "excel" ? "swedish" : dialectText) ?? .swedish
    let knownAt = try context.knownAt(args) ?? context.clock.now()
    let request = ReportRequest(
      year: year, knownAt: knownAt, scope: args.value("scope"), format: format, csvDialect: dialect)
    let bytes = try render(request, ledger)
    if let output = args.value("output") {
      try OutputFile.write(bytes, to: output)
      console.line(
        "Årsredovisningen för \(year) är skriven till \(output) (\(Summary.number(bytes.count)) byte).")
      console.line(
        "Beräknad ur loggen till och med seq \(ledger.chronicle.lastSeq(knownAt: knownAt)), känt per \(SwedishTime.momentWithUTC(knownAt))."
      )
    } else {
      console.write(bytes)
    }
    return 0
  }

  static func render(_ request: ReportRequest, _ ledger: Ledger) throws(CLIError) -> [UInt8] {
    do {
      return try ReportQuery.render(request, snapshot: ledger.snapshot)
    } catch {
      if case .ledger(let e) = error { throw CLIError.from(e) }
      throw .failed("\(error)")
    }
  }

  static func verify(_ file: String, _ ledger: Ledger, _ console: inout Console) throws(CLIError) -> Int32 {
    guard let data = FileManager.default.contents(atPath: file) else {
      throw .failed("\(file): filen finns inte")
    }
    let result: ReportQuery.Verification
    do {
      result = try ReportQuery.verify(Array(data), name: file, snapshot: ledger.snapshot)
    } catch {
      if case .ledger(let e) = error { throw CLIError.from(e) }
      throw .failed("\(error)")
    }
    console.line(result.message)
    return result.matches ? 0 : 1
  }
}
