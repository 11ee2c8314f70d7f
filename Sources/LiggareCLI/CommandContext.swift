import LiggareBasics
import LiggareKit

#if canImport(Glibc)
  import Glibc
#endif

/// What every command shares: the log folder, waiting for the writer lock, the actor and the clock.
struct CommandContext {
  var logDirectory: String
  var wait: Bool
  var actor: String?
  var clock: LedgerClock
  /// False with `LIGGARE_NO_CHECKPOINTS=1`: replay the whole log (benchmarks, diagnosis).
  var useCheckpoints = true
  /// The ledgers this command opened, whose warnings go to standard error when it ends.
  let opened = OpenedLedgers()

  /// Reads `--log`, `--wait` and `--actor` wherever they stand, and `LIGGARE_LOG` / `LIGGARE_NOW`.
  ///
  /// `LIGGARE_NOW` pins the clock (tests, reproducible demos); it is not for daily use.
  static func extract(from arguments: inout [String]) throws(CLIError) -> CommandContext {
    var log =
      getenv("LIGGARE_LOG").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "EventLog"
    var wait = false
    var actor: String?
    var rest: [String] = []
    var i = 0
    while i < arguments.count {
      let a = arguments[i]
      i += 1
      if a == "--log" || a == "--actor" {
        guard i < arguments.count else { throw .usage("flaggan \(a) behöver ett värde", command: "") }
        if a == "--log" { log = arguments[i] } else { actor = arguments[i] }
        i += 1
      } else if a.hasPrefix("--log=") {
        log = String(a.dropFirst(6))
      } else if a.hasPrefix("--actor=") {
        actor = String(a.dropFirst(8))
      } else if a == "--wait" {
        wait = true
      } else {
        rest.append(a)
      }
    }
    arguments = rest
    var clock = LedgerClock.system
    if let pinned = getenv("LIGGARE_NOW").map({ String(cString: $0) }), !pinned.isEmpty {
      guard let instant = Timestamp(parsing: pinned) else {
        throw .failed("LIGGARE_NOW=\(pinned) är ingen tidpunkt (t.ex. 2026-11-23T08:00:00Z)")
      }
      clock = .fixed(instant)
    }
    var context = CommandContext(logDirectory: log, wait: wait, actor: actor, clock: clock)
    context.useCheckpoints = getenv("LIGGARE_NO_CHECKPOINTS").map { String(cString: $0) } != "1"
    return context
  }

  /// Opens the ledger for reading; `withNames` reads the person register at the same time (a view
  /// that shows names needs it, and it then costs no extra time).
  func openForReading(withNames: Bool = false) throws(CLIError) -> Ledger {
    do {
      let ledger = try Ledger.open(
        directory: logDirectory, access: .read, clock: clock, actor: actor, useCheckpoints: useCheckpoints,
        readingRegisterAlongside: withNames)
      opened.ledgers.append(ledger)
      return ledger
    } catch {
      throw CLIError.from(error)
    }
  }

  /// Opens the ledger for writing, creating an empty log if there is none.
  func openForWriting() throws(CLIError) -> Ledger {
    do {
      let ledger = try Ledger.open(
        directory: logDirectory, access: .write(wait: wait), createIfMissing: true, clock: clock, actor: actor
      )
      opened.ledgers.append(ledger)
      return ledger
    } catch {
      throw CLIError.from(error)
    }
  }

  /// `--as-of DATE`, default today in Stockholm.
  func asOf(_ args: ParsedArguments) throws(CLIError) -> CivilDate {
    guard let text = args.value("as-of") else { return clock.now().stockholmDate }
    guard let date = CivilDate(parsing: text) else {
      throw .usage("--as-of \(text) är inget datum (ÅÅÅÅ-MM-DD)", command: args.command)
    }
    return date
  }

  /// `--known-at T`: a UTC instant, or a date meaning the end of that day in Stockholm (decision 3).
  func knownAt(_ args: ParsedArguments) throws(CLIError) -> Timestamp? {
    guard let text = args.value("known-at") else { return nil }
    let instant: Timestamp
    if let parsed = Timestamp(parsing: text) {
      instant = parsed
    } else if let date = CivilDate(parsing: text) {
      // A date means the end of that day; today's end has not come yet, so today means now.
      let now = clock.now()
      instant = date == now.stockholmDate ? now : Timestamp.endOfDayInStockholm(date)
    } else {
      throw .usage(
        "--known-at \(text) är varken en tidpunkt (2013-02-01T12:00:00Z) eller ett datum (2013-02-01)",
        command: args.command)
    }
    let now = clock.now()
    if instant > now {
      throw .usage(
        "--known-at \(text) ligger i framtiden (nu är det \(now)); det som blir känt senare går inte att "
          + "visa ännu, och en rapport med en framtida tidpunkt skulle inte gå att kontrollera igen",
        command: args.command)
    }
    return instant
  }
}

/// The ledgers a command opened (a reference, so the context can stay a value).
final class OpenedLedgers {
  var ledgers: [Ledger] = []

  /// Every opened ledger's warnings, each once, in order.
  var warnings: [String] {
    var seen: Set<String> = []
    return ledgers.flatMap(\.allWarnings).filter { seen.insert($0).inserted }
  }
}
