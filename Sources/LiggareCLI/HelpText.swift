/// Swedish help for people who are not programmers, made from the command table (`CommandTable`):
/// the overview, one text per command, and the Markdown reference `docs/cli.md`.
enum HelpText {
  /// `liggare help` with no command.
  static var overview: String {
    var lines = [
      "liggare – kompetensliggaren för stadens förskolor och skolor (PIM, kurser, examinatorer)",
      "",
      "Användning: liggare [--log MAPP] [--wait] [--actor NAMN] KOMMANDO [ARGUMENT] [FLAGGOR]",
    ]
    let width = CommandTable.all.map { listing($0).count }.max() ?? 0
    for group in CommandTable.groups {
      lines.append("")
      lines.append(group)
      for spec in CommandTable.all where spec.group == group {
        lines.append("  " + pad(listing(spec), width) + "  " + spec.summary)
      }
    }
    lines.append("")
    lines.append("Gemensamma flaggor (var som helst på raden)")
    lines.append(contentsOf: optionLines(CommandTable.globalOptions))
    lines.append("")
    lines.append(exitCodes)
    lines.append("")
    lines.append("Mer: liggare help KOMMANDO, eller liggare KOMMANDO --help")
    return lines.joined(separator: "\n")
  }

  static let exitCodes =
    "Slutstatus: 0 klart, 1 fel i indata eller en regel bruten (inget skrevs), 2 fel användning, 3 skadad logg."

  /// `help`, `help COMMAND` or `help log TYPE`.
  ///
  /// - Throws: `CLIError.usage` when the words name no command.
  static func text(for words: [String]) throws(CLIError) -> String {
    guard !words.isEmpty else { return overview }
    guard let (spec, used) = CommandTable.resolve(words), used == words.count else {
      if let (spec, _) = CommandTable.resolve(words), !spec.subcommands.isEmpty {
        throw .usage(LiggareCommand.unknownSubcommand(words[1], of: spec), command: "help")
      }
      throw .usage(LiggareCommand.unknownCommand(words[0]), command: "help")
    }
    return text(for: spec)
  }

  /// The help of one command.
  static func text(for spec: CommandSpec) -> String {
    var lines = ["liggare \(spec.name) – \(spec.summary)", "", "Användning: \(spec.synopsis)"]
    if !spec.subcommands.isEmpty {
      lines.append("")
      lines.append("Typer")
      let width = spec.subcommands.map { $0.path.last!.count }.max() ?? 0
      for sub in spec.subcommands { lines.append("  " + pad(sub.path.last!, width) + "  " + sub.summary) }
    }
    if !spec.arguments.isEmpty {
      lines.append("")
      lines.append("Argument")
      let width = spec.arguments.map(\.name.count).max() ?? 0
      for argument in spec.arguments {
        lines.append(
          "  " + pad(argument.name, width) + "  " + argument.help + (argument.isRequired ? "; krävs" : ""))
      }
    }
    if !spec.options.isEmpty {
      lines.append("")
      lines.append("Flaggor")
      lines.append(contentsOf: optionLines(spec.options))
    }
    if !spec.details.isEmpty {
      lines.append("")
      lines.append(contentsOf: spec.details)
    }
    if !spec.examples.isEmpty {
      lines.append("")
      lines.append("Exempel")
      for example in spec.examples { lines.append("  liggare " + example) }
    }
    lines.append("")
    lines.append("Gemensamma flaggor: --log MAPP, --wait, --actor NAMN (se 'liggare help').")
    return lines.joined(separator: "\n")
  }

  /// `  --date DATUM   när det hände (krävs)` and, beneath, the allowed values and the default.
  static func optionLines(_ options: [OptionSpec]) -> [String] {
    let width = options.map(\.usage.count).max() ?? 0
    var lines: [String] = []
    for option in options {
      lines.append(
        "  " + pad(option.usage, width) + "  " + option.help + (option.isRequired ? "; krävs" : ""))
      let indent = String(repeating: " ", count: width + 4)
      if !option.allowed.isEmpty {
        lines.append(indent + "tillåtet: " + option.allowed.joined(separator: ", "))
      }
      if let value = option.defaultValue { lines.append(indent + "standard: " + value) }
    }
    return lines
  }

  /// `import FIL`, `gaps [ENHET]`, `log TYP`: how the overview lists a command.
  static func listing(_ spec: CommandSpec) -> String {
    var words = [spec.name]
    if !spec.subcommands.isEmpty { words.append("TYP") }
    for argument in spec.arguments {
      words.append(argument.isRequired ? argument.name : "[\(argument.name)]")
    }
    return words.joined(separator: " ")
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }

  /// `docs/cli.md`: the reference of every command, made from the table.
  static var document: String {
    var out: [String] = [
      "# Kommandoraden (`liggare`)",
      "",
      "<!-- Skapad ur kommandotabellen (Sources/LiggareCLI/CommandTable.swift). Ändra inte för hand: -->",
      "<!-- LIGGARE_RECORD_GOLDEN=1 swift test --filter CommandTableTests skriver om filen. -->",
      "",
      "Allt här kommer ur samma tabell som programmet tolkar argumenten med, så hjälpen (`liggare help`,",
      "`liggare help KOMMANDO`, `KOMMANDO --help`) och den här sidan säger samma sak som programmet gör.",
      "",
      "## Översikt",
      "",
      "```text",
      overview,
      "```",
      "",
      "Fel användning (okänd flagga, saknat värde, ett värde som inte är tillåtet, för många argument)",
      "ger slutstatus 2 och ett svenskt felmeddelande som namnger kommandot, och inget skrivs.",
    ]
    for spec in CommandTable.all {
      out.append("")
      out.append(contentsOf: section(spec, level: "##"))
      for sub in spec.subcommands {
        out.append("")
        out.append(contentsOf: section(sub, level: "###"))
      }
    }
    out.append("")
    out.append(contentsOf: developerNote)
    return out.joined(separator: "\n") + "\n"
  }

  static func section(_ spec: CommandSpec, level: String) -> [String] {
    var out = [
      "\(level) `liggare \(spec.name)`", "",
      spec.summary.prefix(1).uppercased() + spec.summary.dropFirst() + ".",
    ]
    out.append(contentsOf: ["", "```text", spec.synopsis, "```"])
    if !spec.subcommands.isEmpty {
      out.append(contentsOf: ["", "| Typ | Vad |", "|---|---|"])
      for sub in spec.subcommands { out.append("| `\(sub.path.last!)` | \(cell(sub.summary)) |") }
    }
    if !spec.arguments.isEmpty {
      out.append(contentsOf: ["", "| Argument | Krävs | Beskrivning |", "|---|---|---|"])
      for argument in spec.arguments {
        out.append("| `\(argument.name)` | \(argument.isRequired ? "ja" : "nej") | \(cell(argument.help)) |")
      }
    }
    if !spec.options.isEmpty {
      out.append(contentsOf: [
        "", "| Flagga | Krävs | Tillåtna värden | Standard | Beskrivning |", "|---|---|---|---|---|",
      ])
      for option in spec.options {
        let allowed = option.allowed.map { "`\($0)`" }.joined(separator: ", ")
        out.append(
          "| `\(option.usage)` | \(option.isRequired ? "ja" : "nej") | \(cell(allowed)) | "
            + "\(cell(option.defaultValue ?? "")) | \(cell(option.help)) |")
      }
    }
    if !spec.details.isEmpty {
      out.append("")
      out.append(spec.details.joined(separator: " "))
    }
    if !spec.examples.isEmpty {
      out.append(contentsOf: ["", "```sh"])
      for example in spec.examples { out.append("liggare " + example) }
      out.append("```")
    }
    return out
  }

  static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|")
  }

  static let developerNote = [
    "## För utvecklare",
    "",
    "Ett nytt kommando är en deklaration och en funktion:",
    "",
    "1. Lägg till en `CommandSpec` i `CommandTable.all` (`Sources/LiggareCLI/CommandTable.swift`):",
    "   `path` (orden, t.ex. `[\"serve\"]`), `group` (`Registrera`, `Fråga` eller `Förvalta`), en rad",
    "   `summary` på svenska, `arguments` (`ArgumentSpec`), `options` (`.value(…)` med `required:`,",
    "   `allowed:` och `default:`, eller `.flag(…)`), gärna `details` och minst ett exempel i `examples`.",
    "   Ett underkommando till ett befintligt (som `account create`) läggs i `subcommands`;",
    "   en ny händelsetyp för `log` är en `LogCommand.Form`.",
    "2. Skriv `run`: den får `ParsedArguments` som redan är kontrollerade mot deklarationen (okända",
    "   flaggor, saknade obligatoriska flaggor, otillåtna värden och fel antal argument har redan gett",
    "   slutstatus 2), en `CommandContext` och en `Console`; den returnerar slutstatus eller kastar",
    "   `CLIError`.",
    "3. Kör `LIGGARE_RECORD_GOLDEN=1 swift test --filter CommandTableTests`: den skriver om den här",
    "   sidan och de gyllene hjälptexterna (`Tests/LiggareCLITests/Golden/help.txt`). Granska diffen.",
    "   Testerna tolkar dessutom varje kommandorad som börjar med liggare i README.md och docs/*.md",
    "   mot tabellen, så ett exempel i dokumentationen som inte går att köra fäller testerna.",
  ]
}
