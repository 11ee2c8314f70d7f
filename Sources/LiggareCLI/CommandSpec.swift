/// One flag of a command, as declared in the command table (`CommandTable`).
///
/// From this declaration come parsing, the help texts, usage errors and `docs/cli.md`.
struct OptionSpec: Sendable {
  /// The long name without dashes: `course` for `--course`.
  var name: String
  /// A one-letter alias without the dash (`o` for `-o`), or nil.
  var short: String?
  /// What the value is called in help (`DATUM`), or nil for a flag that takes no value.
  var valueName: String?
  /// Whether the command refuses to run without it.
  var isRequired: Bool
  /// The only values accepted (checked while parsing), or empty for any value.
  var allowed: [String]
  /// What happens without the flag, in Swedish (`i dag (Stockholm)`), or nil.
  var defaultValue: String?
  /// One line of Swedish: what the flag is for.
  var help: String
  /// Whether the flag may be given more than once (`--scope A --scope B`).
  var isRepeatable = false

  /// Whether the flag takes a value.
  var takesValue: Bool { valueName != nil }

  /// A flag with a value.
  static func value(
    _ name: String, _ valueName: String, _ help: String, short: String? = nil, required: Bool = false,
    allowed: [String] = [], default defaultValue: String? = nil
  ) -> OptionSpec {
    OptionSpec(
      name: name, short: short, valueName: valueName, isRequired: required, allowed: allowed,
      defaultValue: defaultValue, help: help)
  }

  /// A flag with a value that may be given several times (`ParsedArguments.values(_:)`).
  static func repeated(_ name: String, _ valueName: String, _ help: String) -> OptionSpec {
    OptionSpec(
      name: name, short: nil, valueName: valueName, isRequired: false, allowed: [], defaultValue: nil,
      help: help,
      isRepeatable: true)
  }

  /// A flag without a value (`--dry-run`).
  static func flag(_ name: String, _ help: String) -> OptionSpec {
    OptionSpec(
      name: name, short: nil, valueName: nil, isRequired: false, allowed: [], defaultValue: nil, help: help)
  }

  /// `--name VALUE` or `--name`, with `-s, ` before it when there is a short alias.
  var usage: String {
    (short.map { "-\($0), " } ?? "") + "--\(name)" + (valueName.map { " \($0)" } ?? "")
  }
}

/// A positional argument of a command.
struct ArgumentSpec: Sendable {
  /// What it is called in help (`FIL`).
  var name: String
  /// Whether the command refuses to run without it.
  var isRequired: Bool
  /// One line of Swedish: what it is.
  var help: String
}

/// How a command is run once its arguments are parsed and checked against its declaration.
typealias CommandRun =
  @Sendable (ParsedArguments, CommandContext, inout Console) throws(CLIError) -> Int32

/// One command (or subcommand, as `log pim-level`) of `liggare`, declared as data.
struct CommandSpec: Sendable {
  /// The words that name it: `["import"]`, `["log", "pim-level"]`.
  var path: [String]
  /// The heading it is listed under in the overview (`Registrera`, `Fråga`, `Förvalta`).
  var group: String
  /// One line of Swedish: what the command does.
  var summary: String
  /// Positional arguments, in order.
  var arguments: [ArgumentSpec] = []
  /// Flags.
  var options: [OptionSpec] = []
  /// A few more lines of Swedish for `help COMMAND`, or empty.
  var details: [String] = []
  /// Example command lines (without the leading `liggare `); each is parsed by a test.
  var examples: [String] = []
  /// Subcommands (`log` has one per event type); a command with subcommands has no `run`.
  var subcommands: [CommandSpec] = []
  /// Runs the command; nil for a command that only groups subcommands.
  var run: CommandRun?

  /// `import-attendance`, `log pim-level`.
  var name: String { path.joined(separator: " ") }

  /// The option called `name` (long name or short alias).
  func option(named name: String) -> OptionSpec? {
    options.first { $0.name == name || $0.short == name }
  }

  /// `liggare import-attendance FIL --course KURS --date DATUM [--dry-run]`.
  var synopsis: String {
    var words = ["liggare", name]
    if !subcommands.isEmpty { words.append("TYP") }
    for argument in arguments { words.append(argument.isRequired ? argument.name : "[\(argument.name)]") }
    for option in options.sorted(by: { $0.isRequired && !$1.isRequired }) {
      let text = "--\(option.name)" + (option.valueName.map { " \($0)" } ?? "")
      words.append(option.isRequired ? text : "[\(text)]")
    }
    if !subcommands.isEmpty { words.append("FLAGGOR") }
    return words.joined(separator: " ")
  }
}
