import Foundation
import LiggareBasics

#if canImport(Glibc)
  import Glibc
#endif

/// The `liggare` command line: a thin layer that parses arguments and calls the library.
public enum LiggareCommand {
  /// Runs the command line with the process arguments and exits with its status.
  public static func main() {
    // A closed pipe (`liggare export | head`) is a write error (EPIPE) reported in Swedish, not a
    // silent death by SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    var opened: OpenedLedgers?
    let status = run(Array(CommandLine.arguments.dropFirst()), keeping: &opened)
    // The ledgers the command opened stay referenced until the process ends: freeing a city's
    // folded chronicle (hundreds of thousands of arrays) only to exit took a tenth of a report's
    // time, and the kernel takes the memory back whole. Their files are closed by the exit.
    withExtendedLifetime(opened) { exit(status) }
  }

  /// Runs one command and returns its exit status (0 ok, 1 failed, 2 wrong usage, 3 damaged log).
  public static func run(_ arguments: [String]) -> Int32 {
    var opened: OpenedLedgers?
    return run(arguments, keeping: &opened)
  }

  /// `run(_:)`, handing the ledgers the command opened to the caller in `opened`.
  static func run(_ arguments: [String], keeping opened: inout OpenedLedgers?) -> Int32 {
    var arguments = arguments
    var console = Console()
    var context: CommandContext?
    defer {
      for warning in context?.opened.warnings ?? [] { Console.error(warning) }
    }
    do {
      let extracted = try CommandContext.extract(from: &arguments)
      context = extracted
      opened = extracted.opened
      let status = try dispatch(arguments, extracted, &console)
      try console.flush()
      return status
    } catch {
      Console.error(error.message)
      return error.exitCode
    }
  }

  /// Finds the command in the table, answers `--help`, checks the arguments and runs it.
  static func dispatch(_ arguments: [String], _ context: CommandContext, _ console: inout Console)
    throws(CLIError) -> Int32
  {
    guard let first = arguments.first, first != "--help", first != "-h" else {
      console.line(HelpText.overview)
      return 0
    }
    let (spec, rest) = try command(arguments)
    if wantsHelp(rest) {
      console.line(HelpText.text(for: spec))
      return 0
    }
    guard let run = spec.run else { throw groupWithoutSubcommand(spec, rest) }
    return try run(ParsedArguments(rest, spec: spec), context, &console)
  }

  /// The command the first words name, and the words after them.
  static func command(_ arguments: [String]) throws(CLIError) -> (CommandSpec, [String]) {
    guard let (spec, used) = CommandTable.resolve(arguments) else {
      throw .usage(unknownCommand(arguments.first ?? ""), command: "")
    }
    return (spec, Array(arguments.dropFirst(used)))
  }

  /// `--help` or `-h` before any `--`.
  static func wantsHelp(_ arguments: [String]) -> Bool {
    for a in arguments {
      if a == "--" { return false }
      if a == "--help" || a == "-h" { return true }
    }
    return false
  }

  /// `log` alone, or `log` with a word that names no event type.
  static func groupWithoutSubcommand(_ spec: CommandSpec, _ rest: [String]) -> CLIError {
    .usage(
      rest.first.map { unknownSubcommand($0, of: spec) } ?? "ange \(subcommandNoun(spec)): " + names(spec),
      command: spec.name)
  }

  static func unknownCommand(_ name: String) -> String {
    let known = CommandTable.all.map(\.name)
    let near = Suggestions.nearest(name, among: known)
    return "okänt kommando \"\(name)\""
      + (near.isEmpty
        ? "; kommandona är " + ParsedArguments.list(known)
        : "; menade du " + ParsedArguments.list(near) + "?")
  }

  static func unknownSubcommand(_ name: String, of spec: CommandSpec) -> String {
    let known = spec.subcommands.compactMap(\.path.last)
    let near = Suggestions.nearest(name, among: known)
    return "okänd \(subcommandNoun(spec)) \"\(name)\""
      + (near.isEmpty ? "; välj en av: " + names(spec) : "; menade du " + ParsedArguments.list(near) + "?")
  }

  static func subcommandNoun(_ spec: CommandSpec) -> String {
    spec.name == "log" ? "händelsetyp" : "underkommando"
  }

  static func names(_ spec: CommandSpec) -> String {
    spec.subcommands.compactMap(\.path.last).joined(separator: ", ")
  }

  /// The help text for `words` (`[]` for the overview, `["log", "pim-level"]`), or nil when they
  /// name no command. For tests and tools.
  public static func helpText(_ words: [String]) -> String? {
    try? HelpText.text(for: words)
  }

  /// The words of every command and subcommand, in table order (`["log", "pim-level"]`).
  public static var commandPaths: [[String]] {
    CommandTable.all.flatMap { [$0.path] + $0.subcommands.map(\.path) }
  }

  /// `docs/cli.md` as the command table makes it.
  public static var referenceDocument: String { HelpText.document }

  /// Checks a command line against the table without running it: nil when it parses, otherwise
  /// the usage error as the user would see it.
  ///
  /// - Parameter complete: false for a mention in prose (`liggare gaps --unit`): the command and
  ///   its flags must exist, but required flags, values and arguments are not checked.
  public static func check(_ arguments: [String], complete: Bool = true) -> String? {
    do {
      try checkThrowing(arguments, complete: complete)
      return nil
    } catch {
      return error.message
    }
  }

  static func checkThrowing(_ arguments: [String], complete: Bool) throws(CLIError) {
    var arguments = arguments
    _ = try CommandContext.extract(from: &arguments)
    guard let first = arguments.first, first != "--help", first != "-h" else { return }
    let (spec, rest) = try command(arguments)
    if wantsHelp(rest) { return }
    if !complete {
      for word in rest where word.hasPrefix("-") && word != "-" {
        let name = String(word.drop { $0 == "-" }.prefix { $0 != "=" })
        if spec.option(named: name) == nil {
          if spec.run == nil, spec.subcommands.contains(where: { $0.option(named: name) != nil }) { continue }
          throw CLIError.usage(ParsedArguments.unknownFlagMessage(word, spec: spec), command: spec.name)
        }
      }
      return
    }
    guard spec.run != nil else { throw groupWithoutSubcommand(spec, rest) }
    _ = try ParsedArguments(rest, spec: spec)
  }
}
