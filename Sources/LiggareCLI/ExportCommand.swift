import LiggareKit

#if canImport(Glibc)
  import Glibc
#endif

/// `liggare export [--known-at T] [-o FILE]`: the envelope, which `import` takes back unchanged.
enum ExportCommand {
  static func run(_ args: ParsedArguments, _ context: CommandContext, _ console: inout Console)
    throws(CLIError)
    -> Int32
  {
    let knownAt = try context.knownAt(args)
    let ledger = try context.openForReading()
    let output = args.value("output")
    var fd: Int32 = 1
    if let output {
      fd = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
      guard fd >= 0 else { throw OutputFile.failure("open", output, errno) }
    }
    defer { if fd != 1 { close(fd) } }
    let count: Int
    do {
      count = try ledger.export(knownAt: knownAt) { Console.write($0, to: fd) }
    } catch let error as LedgerError {
      throw CLIError.from(error)
    } catch {
      throw .failed("\(error)")
    }
    if let output {
      console.line("Exporterade \(Summary.number(count)) händelser till \(output).")
    }
    return 0
  }
}
