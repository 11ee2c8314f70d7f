import Foundation
import LiggareAccess
import LiggareBasics
import LiggareKit
import LiggareSystem

/// `liggare account add NAME --role R [--scope UNIT]... --password-stdin`, `account list`,
/// `account disable NAME`, `account person NAME [PERSON]`, `account token NAME`: the accounts beside
/// the log (never in it).
enum AccountCommand {
  static var command: CommandSpec {
    let name = ArgumentSpec(name: "NAMN", isRequired: true, help: "kontots namn")
    return CommandSpec(
      path: ["account"], group: "Förvalta",
      summary: "konton för servern: lägg till, lista, stäng av, sätt person-id, ge API-nyckel",
      details: [
        "Kontona ligger i accounts.json bredvid loggen (läge 0600), aldrig i loggen. Se docs/server.md."
      ],
      examples: ["account list"],
      subcommands: [
        CommandSpec(
          path: ["account", "add"], group: "Förvalta", summary: "lägg till ett konto",
          arguments: [name],
          options: [
            .value("role", "ROLL", "kontots roll", required: true, allowed: Role.allCases.map(\.rawValue)),
            .repeated("scope", "ENHET", "nämnd eller enhet kontot gäller (flera går; ingen = hela staden)"),
            .value(
              "person", "PERSON",
              "rektorns eget person-id (bara head): bedömaren i chefens bedömningar kontot registrerar"),
            .flag("password-stdin", "läs lösenordet från standard in (annars bara API-nyckel)"),
          ],
          examples: [
            "account add anna --role coordinator --scope u-1007 --password-stdin",
            "account add kurssystemet --role coordinator",
            "account add rektor.sol --role head --scope f-solrosen --person p-101 --password-stdin",
          ],
          run: { args, context, console throws(CLIError) in try add(args, context, &console) }),
        CommandSpec(
          path: ["account", "list"], group: "Förvalta", summary: "lista kontona", examples: ["account list"],
          run: { args, context, console throws(CLIError) in try list(args, context, &console) }),
        CommandSpec(
          path: ["account", "disable"], group: "Förvalta",
          summary: "stäng av ett konto (nyckel och sessioner slutar gälla)",
          arguments: [name], examples: ["account disable anna"],
          run: { args, context, console throws(CLIError) in try disable(args, context, &console) }),
        CommandSpec(
          path: ["account", "person"], group: "Förvalta",
          summary: "sätt eller ta bort en rektors eget person-id (bara head)",
          arguments: [
            name,
            ArgumentSpec(
              name: "PERSON", isRequired: false,
              help: "rektorns person-id: bedömaren i chefens bedömningar; utelämnat tas det bort"),
          ],
          examples: ["account person rektor.sol p-101"],
          run: { args, context, console throws(CLIError) in try person(args, context, &console) }),
        CommandSpec(
          path: ["account", "token"], group: "Förvalta",
          summary: "skriv ut en ny API-nyckel; den gamla slutar gälla",
          arguments: [name], examples: ["account token kurssystemet"],
          run: { args, context, console throws(CLIError) in try token(args, context, &console) }),
      ])
  }

  static func store(_ context: CommandContext) throws(CLIError) -> AccountStore {
    do {
      return try AccountStore(logDirectory: context.logDirectory, clock: context.clock.now)
    } catch {
      throw .failed("\(error)")
    }
  }

  static func record(
    _ context: CommandContext, _ action: AccessLog.Action, _ route: String, _ subject: String
  ) {
    let log = try? AccessLog(logDirectory: context.logDirectory)
    try? log?.record(
      AccessLog.Entry(
        at: context.clock.now(), action: action, outcome: .ok, account: OperatingSystemUser.name,
        address: "cli",
        route: route, subject: subject))
  }

  static func add(_ args: ParsedArguments, _ context: CommandContext, _ console: inout Console)
    throws(CLIError)
    -> Int32
  {
    let name = args.positionals[0]
    let roleText = try args.required("role")
    guard let role = Role(rawValue: roleText) else {
      throw .usage(
        "okänd roll \"\(roleText)\"; välj coordinator, head, office eller admin", command: "account add")
    }
    var password: String?
    if args.has("password-stdin") {
      // Through the system-call layer: Foundation's FileHandle traps on a read error (stdin a
      // folder), and a crash is no answer.
      let limit = 1 << 20
      let bytes: [UInt8]
      do {
        bytes = try FileDescriptor.standardInput.readToEnd(atMost: limit)
      } catch {
        throw .failed("lösenordet kunde inte läsas från standard in: \(error)")
      }
      guard bytes.count <= limit else {
        throw .failed("standard in är större än \(limit) byte; ange bara lösenordet")
      }
      guard var text = String(bytes: bytes, encoding: .utf8) else {
        throw .failed("lösenordet på standard in är inte UTF-8")
      }
      while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
      password = text
    }
    let scopes = args.values("scope")
    let person = args.value("person")
    do {
      try store(context).add(name: name, role: role, scopes: scopes, person: person, password: password)
    } catch {
      throw .failed("\(error)")
    }
    record(context, .accountAdded, "account add", name)
    console.line(
      "Kontot \(name) (\(role.swedishName)) är skapat"
        + (scopes.isEmpty ? "" : " för \(scopes.joined(separator: ", "))")
        + (person.map { ", person \($0)" } ?? "")
        + (password == nil
          ? "; det har inget lösenord (ge det en API-nyckel: liggare account token \(name))." : "."))
    return 0
  }

  static func list(_ args: ParsedArguments, _ context: CommandContext, _ console: inout Console)
    throws(CLIError)
    -> Int32
  {
    let accounts: [Account]
    do {
      accounts = try store(context).list()
    } catch {
      throw .failed("\(error)")
    }
    if accounts.isEmpty {
      console.line("Inga konton ännu: liggare account add NAMN --role ROLL --password-stdin")
    }
    for a in accounts {
      var parts = [
        a.name, a.role.rawValue, a.scopes.isEmpty ? "hela staden" : a.scopes.joined(separator: ","),
      ]
      if let person = a.person { parts.append("person \(person)") }
      parts.append(a.disabled ? "avstängt" : "aktivt")
      if a.hasPassword { parts.append("lösenord") }
      if a.hasToken { parts.append("API-nyckel") }
      console.line(parts.joined(separator: "\t"))
    }
    return 0
  }

  static func disable(_ args: ParsedArguments, _ context: CommandContext, _ console: inout Console)
    throws(CLIError) -> Int32
  {
    let name = args.positionals[0]
    do {
      try store(context).disable(name: name)
    } catch {
      throw .failed("\(error)")
    }
    record(context, .accountDisabled, "account disable", name)
    console.line(
      "Kontot \(name) är avstängt: det kan inte logga in, och dess nyckel och sessioner slutar gälla.")
    return 0
  }

  static func person(_ args: ParsedArguments, _ context: CommandContext, _ console: inout Console)
    throws(CLIError) -> Int32
  {
    let name = args.positionals[0]
    let person = args.positionals.count > 1 ? args.positionals[1] : nil
    do {
      try store(context).setPerson(name: name, person: person)
    } catch {
      throw .failed("\(error)")
    }
    record(context, .personSet, "account person", name)
    console.line(
      person.map {
        "Kontot \(name) har person-id \($0): dess bedömningar registreras med \($0) som bedömare."
      }
        ?? "Kontot \(name) har inget person-id längre: det kan inte registrera bedömningar.")
    return 0
  }

  static func token(_ args: ParsedArguments, _ context: CommandContext, _ console: inout Console)
    throws(CLIError)
    -> Int32
  {
    let name = args.positionals[0]
    let token: String
    do {
      token = try store(context).newToken(name: name)
    } catch {
      throw .failed("\(error)")
    }
    record(context, .tokenIssued, "account token", name)
    console.line(token)
    Console.error(
      "Ny API-nyckel för \(name) (visas bara nu; den gamla slutar gälla). Skicka den som "
        + "Authorization: Bearer <nyckel>.")
    return 0
  }
}
