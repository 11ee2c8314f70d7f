import LiggareDemo
import LiggareReports

/// Every command of `liggare`, declared as data: parsing, `liggare help`, `COMMAND --help`, usage
/// errors and `docs/cli.md` are all made from this table.
///
/// Adding a command is one `CommandSpec` in `all` (name, group, one-line summary, arguments, flags
/// with allowed values and defaults, an example) and a `run` function taking the checked
/// `ParsedArguments`. Then `LIGGARE_RECORD_GOLDEN=1 swift test --filter CommandTableTests` rewrites
/// `docs/cli.md` and the golden help texts; review the diff.
enum CommandTable {
  /// The groups of the overview, in order.
  static let groups = ["Registrera", "Fråga", "Förvalta"]

  /// Flags every command takes, wherever they stand (read by `CommandContext.extract`).
  static let globalOptions: [OptionSpec] = [
    .value("log", "MAPP", "loggens mapp", default: "$LIGGARE_LOG, annars ./EventLog"),
    .flag("wait", "vänta om en annan process skriver i loggen (annars fel direkt)"),
    .value("actor", "NAMN", "vem som registrerar", default: "inloggad användare"),
    .flag("help", "visa hjälpen för kommandot (även -h)"),
  ]

  static let asOf = OptionSpec.value(
    "as-of", "DATUM", "dagen som visas, ÅÅÅÅ-MM-DD", default: "i dag (Stockholm)")
  static let knownAt = OptionSpec.value(
    "known-at", "TIDPUNKT", "så som det var känt då: 2025-01-31T12:00:00Z, eller ett datum (dagens slut)",
    default: "nu")
  static let json = OptionSpec.flag("json", "JSON i stället för tabell (se docs/json.md)")
  static let output = OptionSpec.value(
    "output", "FIL", "skriv till filen", short: "o", default: "standard ut")
  static let dryRun = OptionSpec.flag("dry-run", "kontrollera mot reglerna utan att skriva")
  static let secondCompletion = OptionSpec.flag(
    "second-completion", "godta ett andra kurstillfälle samma dag för samma person och kurs")

  /// All commands, in the order of the overview.
  static let all: [CommandSpec] = [
    LogCommand.command,
    CommandSpec(
      path: ["import"], group: "Registrera",
      summary: "händelser i JSON Lines (migrering, integration); allt eller inget",
      arguments: [ArgumentSpec(name: "FIL", isRequired: true, help: "filen, eller - för standard in")],
      options: [dryRun],
      details: [
        "Läser händelser i kontraktets JSON Lines (en händelse per rad). Hela filen läggs till eller",
        "inget av den: första felet avbryter och anger fil, rad, händelse och fält. Händelser som redan",
        "finns (samma id och innehåll) hoppas över, så samma fil kan köras igen utan dubbletter.",
      ],
      examples: ["import export-2013.jsonl", "import --dry-run export-2013.jsonl"],
      run: { args, context, console throws(CLIError) in try ImportCommand.run(args, context, &console) }),
    CommandSpec(
      path: ["import-attendance"], group: "Registrera",
      summary: "närvarolistan (CSV) från ett kurstillfälle; allt eller inget",
      arguments: [ArgumentSpec(name: "FIL", isRequired: true, help: "närvarolistan (CSV)")],
      options: [
        .value("course", "KURS", "kursens id", required: true),
        .value("date", "DATUM", "kursdagen, ÅÅÅÅ-MM-DD", required: true),
        secondCompletion, dryRun,
      ],
      details: [
        "Listan får vara ;-, tabb- eller ,-separerad, i UTF-8 (med eller utan BOM), UTF-16 med BOM",
        "(Excels Unicode-text), Windows-1252, MS-DOS (kodsida 850) eller Macintosh (Mac Roman), med",
        "en kolumn person (eller deltagare) och gärna timmar: ett decimaltal som 2,5 (i en",
        "kommaseparerad lista inom citattecken). Samma lista två gånger lägger inte till något. En",
        "person som redan har gått kursen samma dag avvisas (samma uppgift två gånger), om inte",
        "--second-completion anges.",
      ],
      examples: ["import-attendance lista.csv --course pim-intro --date 2026-03-14"],
      run: { args, context, console throws(CLIError) in try AttendanceCommand.run(args, context, &console) }),
    AssessmentImportCommand.spec,
    CommandSpec(
      path: ["forget"], group: "Registrera", summary: "radera namn och e-post ur personregistret",
      arguments: [ArgumentSpec(name: "PERSON", isRequired: true, help: "personens nyckel, t.ex. p-1042")],
      details: ["Loggen ändras inte; i vyer och rapporter visas personen sedan med sin nyckel."],
      examples: ["forget p-1042"],
      run: { args, context, console throws(CLIError) in try ForgetCommand.run(args, context, &console) }),
    CommandSpec(
      path: ["person"], group: "Fråga", summary: "en persons enhet, nivå, kurser och glapp mot målen",
      arguments: [ArgumentSpec(name: "PERSON", isRequired: true, help: "personens nyckel, t.ex. p-1042")],
      options: [asOf, knownAt, json], examples: ["person p-1042 --as-of 2024-12-31"],
      run: { args, context, console throws(CLIError) in try ViewCommand.run("person", args, context, &console)
      }),
    CommandSpec(
      path: ["unit"], group: "Fråga", summary: "en enhets personal, nivåer, mål, examinatorer och glapplista",
      arguments: [
        ArgumentSpec(
          name: "ENHET", isRequired: true, help: "enhetens, nämndens eller stadens id, eller ett unikt namn")
      ],
      options: [asOf, knownAt, json], examples: ["unit u-1007", "unit \"Förskolan Krusbäret\""],
      run: { args, context, console throws(CLIError) in try ViewCommand.run("unit", args, context, &console) }
    ),
    CommandSpec(
      path: ["gaps"], group: "Fråga", summary: "glapplistan: vem behöver vilken nivå eller kompetens",
      arguments: [ArgumentSpec(name: "ENHET", isRequired: false, help: "enheten (samma som --unit)")],
      options: [
        .value("unit", "ENHET", "enheten, nämnden eller staden", default: "hela staden"),
        .value("goal", "MÅL", "bara detta mål", default: "alla mål som gäller"),
        .value("requirement", "KRAV", "i stället: vem som är under detta kompetenskrav eller ej bedömd"),
        .value("framework", "RAMVERK", "i stället: alla kompetenskrav i detta ramverk"),
        asOf, knownAt, json,
      ],
      examples: ["gaps u-1007", "gaps --unit u-1007", "gaps --requirement krav-dce-2.1"],
      run: { args, context, console throws(CLIError) in try ViewCommand.run("gaps", args, context, &console) }
    ),
    CommandSpec(
      path: ["city"], group: "Fråga", summary: "hela staden, en rad per nämnd",
      options: [asOf, knownAt, json], examples: ["city --as-of 2024-12-31"],
      run: { args, context, console throws(CLIError) in try ViewCommand.run("city", args, context, &console) }
    ),
    CommandSpec(
      path: ["search"], group: "Fråga",
      summary: "hitta id: personer på namn, enheter på namn, kurser på titel",
      arguments: [ArgumentSpec(name: "TEXT", isRequired: true, help: "en del av namnet, titeln eller id:t")],
      options: [asOf, .value("limit", "ANTAL", "högst så många av varje slag", default: "25"), json],
      details: ["Skiftläget spelar ingen roll. Personernas namn kommer ur personregistret."],
      examples: ["search Lindqvist", "search \"Förskolan Krusbäret\"", "search pim --json"],
      run: { args, context, console throws(CLIError) in try SearchCommand.run(args, context, &console) }
    ),
    CommandSpec(
      path: ["report"], group: "Fråga", summary: "årsredovisningen, eller kontrollera en skriven",
      options: [
        .value("year", "ÅR", "året som redovisas (krävs utom med --verify)"),
        .value(
          "known-at", "TIDPUNKT", "så som det var känt då (tidpunkt, eller datum = dagens slut)",
          default: "nu"),
        .value("scope", "ENHET", "bara denna nämnd eller enhet", default: "hela staden"),
        .value(
          "format", "FORMAT", "utdataformat", allowed: ReportFormat.allCases.map(\.rawValue), default: "html"),
        .value(
          "csv-dialect", "DIALEKT", "CSV för svenska Excel (;, decimalkomma, BOM) eller RFC 4180",
          allowed: ["swedish", "excel", "rfc"], default: "swedish"),
        output,
        .value("verify", "FIL", "räkna om rapporten i filen och jämför byte för byte"),
      ],
      details: [
        "Samma --known-at ger alltid byte för byte samma rapport, även sedan fler händelser lagts till.",
        "excel är ett annat namn för swedish. Se docs/report.md.",
      ],
      examples: [
        "report --year 2024 --known-at 2025-01-31 --format html -o rapport-2024.html",
        "report --verify rapport-2024.html",
      ],
      run: { args, context, console throws(CLIError) in try ReportCommand.run(args, context, &console) }),
    CommandSpec(
      path: ["verify"], group: "Förvalta",
      summary: "kontrollera hela loggen: kontrollsummor, hashkedja och regler",
      options: [.flag("integrity", "bara kontrollsummor, seq och hashkedja (inte reglerna)")],
      details: [
        "Första skadan anges med fil, byte och seq (slutstatus 3). Tveksamma händelser (som senare",
        "händelser gjort tveksamma) listas utan att ändras.",
      ],
      examples: ["verify", "verify --integrity"],
      run: { args, context, console throws(CLIError) in try VerifyCommand.run(args, context, &console) }),
    CommandSpec(
      path: ["stats"], group: "Förvalta", summary: "vad loggen innehåller, per typ och år",
      options: [.flag("head", "bara loggens huvud (seq och hash), utan att spela upp loggen")],
      examples: ["stats", "stats --head"],
      run: { args, context, console throws(CLIError) in try StatsCommand.run(args, context, &console) }),
    CommandSpec(
      path: ["export"], group: "Förvalta", summary: "alla händelser som JSON Lines, som import tar tillbaka",
      options: [
        .value("known-at", "TIDPUNKT", "bara händelser registrerade till och med då", default: "alla"),
        output,
      ],
      examples: ["export -o alla-handelser.jsonl", "export --known-at 2013-02-01"],
      run: { args, context, console throws(CLIError) in try ExportCommand.run(args, context, &console) }),
    ServeCommand.command,
    AccountCommand.command,
    CommandSpec(
      path: ["demo"], group: "Förvalta", summary: "skapa en demostad och skriv dess årsredovisning",
      options: [
        .value(
          "scale", "STORLEK", "stadens storlek", allowed: DemoScale.allCases.map(\.rawValue), default: "small"
        ),
        .value("year", "ÅR", "årsredovisningens år", default: "2024"),
        .value("seed", "TAL", "slumpfrö; samma frö ger samma stad", default: "2011"),
        .value(
          "output", "FIL", "årsredovisningens fil", short: "o",
          default: "MAPP/demo-STORLEK/arsredovisning-ÅR.html"),
        .flag("quiet", "skriv inte ut sammanfattningen"),
        .flag("no-serve", "starta inte webbappen efteråt"),
      ],
      details: [
        "Demostaden får en egen mapp (--log MAPP/demo-STORLEK), aldrig en riktig logg. Körs den igen",
        "läggs inget nytt till, och rapporten skrivs om.",
        "Sedan skapas ett demokonto per roll (nya lösenord visas varje gång) och webbappen startas på",
        "http://127.0.0.1:8080/ tills Ctrl-C (--no-serve hoppar över det).",
      ],
      examples: ["demo", "demo --scale city", "demo --no-serve"],
      run: { args, context, console throws(CLIError) in try DemoCommand.run(args, context, &console) }),
    CommandSpec(
      path: ["help"], group: "Förvalta", summary: "hjälp för ett kommando",
      arguments: [
        ArgumentSpec(name: "KOMMANDO", isRequired: false, help: "kommandot"),
        ArgumentSpec(name: "TYP", isRequired: false, help: "underkommandot (för log)"),
      ],
      examples: ["help", "help log pim-level"],
      run: { args, _, console throws(CLIError) in
        console.line(try HelpText.text(for: args.positionals))
        return 0
      }),
  ]

  /// The command named by the first words of `words`, and how many words named it.
  ///
  /// A command with subcommands (`log`) takes the next word as the subcommand when it names one;
  /// otherwise the group itself is returned (its help lists the subcommands).
  static func resolve(_ words: [String]) -> (spec: CommandSpec, used: Int)? {
    guard let first = words.first, let top = all.first(where: { $0.path[0] == first }) else { return nil }
    if words.count > 1, let sub = top.subcommands.first(where: { $0.path.last == words[1] }) {
      return (sub, 2)
    }
    return (top, 1)
  }

  /// Every command with a `run`, subcommands included, in table order.
  static var runnable: [CommandSpec] {
    all.flatMap { $0.subcommands.isEmpty ? [$0] : $0.subcommands }
  }
}
