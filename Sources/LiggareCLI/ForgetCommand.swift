import LiggareKit

/// `liggare forget PERSON`: erases name and e-mail from the person register; the log is untouched.
enum ForgetCommand {
  static func run(_ arguments: [String], _ context: CommandContext, _ console: inout Console) throws(CLIError)
    -> Int32
  {
    let args = try ParsedArguments(arguments, command: "forget", options: [], flags: [])
    guard args.positionals.count == 1 else {
      throw .usage("ange personens nyckel, t.ex. p-1042", command: "forget")
    }
    let person = args.positionals[0]
    let ledger = try context.openForWriting()
    let had: Bool
    do {
      had = try ledger.forget(person: person)
    } catch {
      throw CLIError.from(error)
    }
    if had {
      console.line("Namn och e-post för \(person) är raderade ur personregistret.")
      console.line("Loggen är oförändrad; i vyer och rapporter visas personen nu som \(person).")
    } else {
      console.line("Personregistret har inga uppgifter om \(person); inget att radera.")
    }
    return 0
  }
}
