import LiggareKit

/// `liggare forget PERSON`: erases name and e-mail from the person register; the log is untouched.
enum ForgetCommand {
  static func run(_ args: ParsedArguments, _ context: CommandContext, _ console: inout Console)
    throws(CLIError)
    -> Int32
  {
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
