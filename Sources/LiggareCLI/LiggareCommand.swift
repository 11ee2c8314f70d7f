import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The `liggare` command line: a thin layer that parses arguments and calls the library.
public enum LiggareCommand {
  /// Runs the command line with the process arguments and exits with its status.
  public static func main() {
    exit(run(Array(CommandLine.arguments.dropFirst())))
  }

  /// Runs one command and returns its exit status (0 ok, 1 failed, 2 wrong usage, 3 damaged log).
  public static func run(_ arguments: [String]) -> Int32 {
    var arguments = arguments
    do {
      let context = try CommandContext.extract(from: &arguments)
      guard let name = arguments.first else {
        var console = Console()
        console.line(HelpText.overview)
        console.flush()
        return 0
      }
      let rest = Array(arguments.dropFirst())
      var console = Console()
      let status = try dispatch(name, rest, context, &console)
      console.flush()
      return status
    } catch {
      Console.error(error.message)
      return error.exitCode
    }
  }

  static func dispatch(
    _ name: String, _ rest: [String], _ context: CommandContext, _ console: inout Console
  ) throws(CLIError) -> Int32 {
    switch name {
    case "help", "--help", "-h":
      console.line(HelpText.text(for: rest.first))
      return 0
    case "import": return try ImportCommand.run(rest, context, &console)
    case "import-attendance": return try AttendanceCommand.run(rest, context, &console)
    case "export": return try ExportCommand.run(rest, context, &console)
    case "verify": return try VerifyCommand.run(rest, context, &console)
    case "stats": return try StatsCommand.run(rest, context, &console)
    case "log": return try LogCommand.run(rest, context, &console)
    case "forget": return try ForgetCommand.run(rest, context, &console)
    default:
      if let status = try ReadCommands.run(name, rest, context, &console) { return status }
      throw .usage("okänt kommando \"\(name)\"", command: "")
    }
  }
}
