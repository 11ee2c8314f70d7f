import LiggareKit
import LiggareSystem

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
    let target: FileDescriptor
    if let output {
      do {
        target = try FileDescriptor.open(output, O_WRONLY | O_CREAT | O_TRUNC)
      } catch {
        throw OutputFile.failure(error, output)
      }
    } else {
      target = .standardOutput
    }
    defer { if output != nil { target.close() } }
    let count: Int
    do {
      // A chunk that cannot be written ends the export with the system's reason (a full disk,
      // a closed pipe), never a silent exit 0.
      count = try ledger.export(knownAt: knownAt) { bytes throws(CLIError) in
        do throws(SystemCallError) {
          try target.writeAll(bytes)
        } catch {
          throw output.map { OutputFile.failure(error, $0) } ?? Console.failure(error)
        }
      }
    } catch let error as CLIError {
      throw error
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
