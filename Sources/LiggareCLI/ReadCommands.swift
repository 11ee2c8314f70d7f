/// The commands that only read: views, the annual report and the demo.
enum ReadCommands {
  static func run(
    _ name: String, _ rest: [String], _ context: CommandContext, _ console: inout Console
  ) throws(CLIError) -> Int32? {
    switch name {
    case "report": return try ReportCommand.run(rest, context, &console)
    case "person", "unit", "gaps", "city": return try ViewCommand.run(name, rest, context, &console)
    case "demo": return try DemoCommand.run(rest, context, &console)
    default: return nil
    }
  }
}
