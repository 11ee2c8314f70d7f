import LiggareBasics
import LiggareDomain
import LiggareKit

/// `liggare log <type> --field value … [--date D] [--id ID] [--dry-run]`: one event, as a
/// coordinator logs it.
enum LogCommand {
  /// One subcommand: the event type and which option fills which `data` field.
  struct Form {
    var name: String
    var type: EventType
    /// (option, data key, is a number)
    var fields: [(option: String, key: String, number: Bool)]
    var help: String
  }

  static let forms: [Form] = [
    Form(
      name: "unit-established", type: .unitEstablished,
      fields: [
        ("unit", "unit", false), ("name", "name", false), ("kind", "kind", false),
        ("parent", "parent", false),
        ("school-form", "schoolForm", false),
      ], help: "en ny enhet, nämnd eller staden"),
    Form(
      name: "unit-renamed", type: .unitRenamed, fields: [("unit", "unit", false), ("name", "name", false)],
      help: "nytt namn från datumet"),
    Form(
      name: "unit-moved", type: .unitMoved, fields: [("unit", "unit", false), ("parent", "parent", false)],
      help: "enheten hör till en annan nämnd från datumet"),
    Form(
      name: "unit-merged", type: .unitMerged, fields: [("unit", "unit", false), ("into", "into", false)],
      help: "enheten slås ihop med en annan; personal och examinatorer följer med"),
    Form(
      name: "unit-closed", type: .unitClosed, fields: [("unit", "unit", false)], help: "enheten läggs ned"),
    Form(
      name: "person-registered", type: .personRegistered,
      fields: [("person", "person", false), ("name", "name", false), ("email", "email", false)],
      help: "en ny person (namn och e-post går till personregistret, aldrig till loggen)"),
    Form(
      name: "staff-assigned", type: .staffAssigned,
      fields: [("person", "person", false), ("unit", "unit", false), ("role", "role", false)],
      help: "personen arbetar på enheten från datumet"),
    Form(
      name: "staff-left", type: .staffLeft, fields: [("person", "person", false)],
      help: "personen slutar i staden"),
    Form(
      name: "course-defined", type: .courseDefined,
      fields: [
        ("course", "course", false), ("title", "title", false), ("hours", "hours", true),
        ("area", "area", false),
      ], help: "en kurs i katalogen"),
    Form(
      name: "course-completed", type: .courseCompleted,
      fields: [("person", "person", false), ("course", "course", false), ("hours", "hours", true)],
      help: "personen har gått kursen"),
    Form(
      name: "pim-level", type: .pimLevelAttained,
      fields: [("person", "person", false), ("level", "level", true), ("examiner", "examiner", false)],
      help: "personen har klarat en PIM-nivå"),
    Form(
      name: "examiner", type: .examinerAppointed,
      fields: [("person", "person", false), ("unit", "unit", false), ("max-level", "maxLevel", true)],
      help: "förordnande som PIM-examinator"),
    Form(
      name: "examiner-ended", type: .examinerRoleEnded, fields: [("person", "person", false)],
      help: "examinatorsrollen upphör"),
    Form(
      name: "goal", type: .goalSet,
      fields: [
        ("goal", "goal", false), ("scope", "scope", false), ("min-level", "minLevel", true),
        ("target-share", "targetShare", true), ("deadline", "deadline", false),
      ], help: "ett mål, t.ex. alla på nivå 3 senast ett datum"),
    Form(
      name: "retract", type: .eventRetracted,
      fields: [("event", "event", false), ("reason", "reason", false)],
      help: "en händelse som aldrig borde ha registrerats"),
  ]

  static func run(_ arguments: [String], _ context: CommandContext, _ console: inout Console) throws(CLIError)
    -> Int32
  {
    guard let name = arguments.first, let form = forms.first(where: { $0.name == name }) else {
      let known = forms.map(\.name).joined(separator: ", ")
      throw .usage(
        arguments.first.map { "okänd händelsetyp \"\($0)\"; välj en av: \(known)" }
          ?? "ange vad som ska registreras: \(known)", command: "log")
    }
    let command = "log \(name)"
    let args = try ParsedArguments(
      Array(arguments.dropFirst()), command: command,
      options: Set(form.fields.map(\.option) + ["date", "id"]), flags: ["dry-run"])
    guard args.positionals.isEmpty else {
      throw .usage("oväntat argument \"\(args.positionals[0])\"", command: command)
    }
    var data: [(String, JSONValue)] = []
    for field in form.fields {
      guard let text = args.value(field.option) else { continue }
      if field.number {
        guard let n = Double(text.replacingOccurrences(of: ",", with: ".")), n.isFinite else {
          throw .usage("--\(field.option) \(text) är inget tal", command: command)
        }
        data.append((field.key, .number(n)))
      } else {
        data.append((field.key, .string(text)))
      }
    }
    let payload: Payload
    let personal: PersonalData?
    do {
      (payload, personal) = try Payload.decode(
        type: form.type.rawValue, fields: data, personalDataAllowed: true)
    } catch {
      throw .usage(optionWording(error, form: form), command: command)
    }
    let ledger = try context.openForWriting()
    var date = ledger.today
    if let text = args.value("date") {
      guard let parsed = CivilDate(parsing: text) else {
        throw .usage("--date \(text) är inget datum (ÅÅÅÅ-MM-DD)", command: command)
      }
      date = parsed
    }
    let draft = EventDraft(id: args.value("id"), occurredOn: date, payload: payload, personalData: personal)
    let outcome: AppendOutcome
    do {
      outcome = try ledger.append([draft], dryRun: args.has("dry-run"))
    } catch {
      throw CLIError.from(error)
    }
    let description = EventDescription.sentence(for: payload, on: date, names: ledger.register.names)
    if outcome.dryRun {
      console.line("Provkörning: \(description) Godkänt av reglerna; inget skrevs.")
    } else if outcome.appended == 0 {
      console.line("Redan registrerat: \(description) Inget nytt skrevs.")
    } else {
      let id = ledger.chronicle.eventID(atSeq: outcome.head.seq)
      console.line("Registrerat: \(description)")
      console.line("Händelse \(id), seq \(outcome.head.seq).")
    }
    console.line("Loggens huvud: seq \(outcome.head.seq), hash \(outcome.head.hash.hex)")
    return 0
  }

  /// Decoding errors name `data` fields; a coordinator typed options.
  static func optionWording(_ error: EventDecodingError, form: Form) -> String {
    func option(_ key: String) -> String {
      "--" + (form.fields.first { $0.key == key }?.option ?? key)
    }
    switch error {
    case .missingField(let key): return "flaggan \(option(key)) krävs"
    case .wrongKind(let key, let expected): return "\(option(key)) måste vara \(expected)"
    case .invalidValue(let key, let value, let allowed):
      return "\(option(key)) \"\(value)\": tillåtet är \(allowed)"
    default: return "\(error)"
    }
  }
}
