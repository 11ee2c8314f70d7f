import Foundation
import LiggareBasics
import LiggareDomain
import LiggareKit

/// `liggare log <type> --field value … [--date D] [--id ID] [--dry-run]`: one event, as a
/// coordinator logs it.
enum LogCommand {
  /// One option of a subcommand and the `data` field it fills.
  struct Field: Sendable {
    /// The option's name (`max-level`).
    var option: String
    /// The `data` key it fills (`maxLevel`).
    var key: String
    /// Whether the value is a number (a decimal comma is accepted).
    var number: Bool
    /// The option as the help and the parser see it.
    var spec: OptionSpec
    /// Whether the value is a comma-separated list (`--roles lärare,rektor`).
    var list = false
    /// Whether the value is a follow-up's five ratings (`--ratings 3,2,2,1,4`).
    var ratings = false

    /// A list field, given comma-separated.
    static func list(
      _ option: String, _ valueName: String, _ help: String, key: String? = nil, required: Bool = false
    ) -> Field {
      Field(
        option: option, key: key ?? option, number: false,
        spec: .value(option, valueName, help, required: required), list: true)
    }

    /// The five ratings of a follow-up.
    static func ratings(_ option: String, _ help: String) -> Field {
      Field(
        option: option, key: option, number: false, spec: .value(option, "BETYG", help, required: true),
        ratings: true)
    }

    /// A text field.
    static func text(
      _ option: String, _ valueName: String, _ help: String, key: String? = nil, required: Bool = true,
      allowed: [String] = []
    ) -> Field {
      Field(
        option: option, key: key ?? option, number: false,
        spec: .value(option, valueName, help, required: required, allowed: allowed))
    }

    /// A number field.
    static func number(
      _ option: String, _ valueName: String, _ help: String, key: String? = nil, required: Bool = true
    ) -> Field {
      Field(
        option: option, key: key ?? option, number: true,
        spec: .value(option, valueName, help, required: required))
    }
  }

  /// One subcommand: the event type and which option fills which `data` field.
  ///
  /// Adding an event type to the command line is one `Form` here; its help, parsing and the
  /// section in `docs/cli.md` follow from it.
  struct Form: Sendable {
    var name: String
    var type: EventType
    var fields: [Field]
    var help: String
    var example: String
    /// Flags of this type alone, besides the fields and the common ones.
    var flags: [OptionSpec] = []
  }

  static let forms: [Form] = [
    Form(
      name: "unit-established", type: .unitEstablished,
      fields: [
        .text("unit", "ENHET", "den nya enhetens id"), .text("name", "NAMN", "enhetens namn"),
        .text("kind", "SLAG", "stad, nämnd eller enhet", allowed: UnitKind.allCases.map(\.rawValue)),
        .text("parent", "ENHET", "nämnden eller staden den hör till (alla utom staden)", required: false),
        .text(
          "school-form", "SKOLFORM", "skolformen (för en enhet)", key: "schoolForm", required: false,
          allowed: SchoolForm.allCases.map(\.rawValue)),
      ], help: "en ny enhet, nämnd eller staden",
      example:
        "unit-established --unit fe-grondal --name \"Förskolorna i Gröndal\" --kind unit --parent sdn-hl "
        + "--school-form förskola --date 2011-01-01"),
    Form(
      name: "unit-renamed", type: .unitRenamed,
      fields: [.text("unit", "ENHET", "enhetens id"), .text("name", "NAMN", "det nya namnet")],
      help: "nytt namn från datumet",
      example: "unit-renamed --unit fe-grondal --name \"Gröndals förskoleenhet\" --date 2012-07-01"),
    Form(
      name: "unit-moved", type: .unitMoved,
      fields: [
        .text("unit", "ENHET", "enhetens id"), .text("parent", "ENHET", "nämnden den hör till från datumet"),
      ],
      help: "enheten hör till en annan nämnd från datumet",
      example: "unit-moved --unit sk-aspudden --parent utbn --date 2013-01-01"),
    Form(
      name: "unit-merged", type: .unitMerged,
      fields: [
        .text("unit", "ENHET", "enheten som upphör"), .text("into", "ENHET", "enheten den går upp i"),
      ],
      help: "enheten slås ihop med en annan; personal och examinatorer följer med",
      example: "unit-merged --unit fe-midsommar --into fe-grondal --date 2013-01-01"),
    Form(
      name: "unit-closed", type: .unitClosed, fields: [.text("unit", "ENHET", "enhetens id")],
      help: "enheten läggs ned", example: "unit-closed --unit fe-tellusborg --date 2013-08-01"),
    Form(
      name: "person-registered", type: .personRegistered,
      fields: [
        .text("person", "PERSON", "personens nyckel, t.ex. p-1042"),
        .text("name", "NAMN", "namnet (till personregistret)"),
        .text("email", "E-POST", "e-postadressen (till personregistret)", required: false),
      ],
      help: "en ny person (namn och e-post går till personregistret, aldrig till loggen)",
      example: "person-registered --person p-1042 --name \"Anna Lindqvist\" --date 2012-01-16"),
    Form(
      name: "staff-assigned", type: .staffAssigned,
      fields: [
        .text("person", "PERSON", "personens nyckel"), .text("unit", "ENHET", "enheten"),
        .text(
          "role", "ROLL", "rollen (annan räknas inte som personal)",
          allowed: StaffRole.allCases.map(\.rawValue)),
      ],
      help: "personen arbetar på enheten från datumet",
      example: "staff-assigned --person p-1042 --unit fe-grondal --role förskollärare --date 2012-01-16"),
    Form(
      name: "staff-left", type: .staffLeft, fields: [.text("person", "PERSON", "personens nyckel")],
      help: "personen slutar i staden", example: "staff-left --person p-1187 --date 2013-06-30"),
    Form(
      name: "course-defined", type: .courseDefined,
      fields: [
        .text("course", "KURS", "kursens id"), .text("title", "TITEL", "kursens titel"),
        .number("hours", "TIMMAR", "kursens längd i timmar"),
        .text("area", "OMRÅDE", "IT-strategins område", allowed: StrategyArea.allCases.map(\.rawValue)),
      ], help: "en kurs i katalogen",
      example: "course-defined --course pim-intro --title \"PIM – introduktion\" --hours 6 "
        + "--area \"digital kompetens\" --date 2012-01-20"),
    Form(
      name: "course-completed", type: .courseCompleted,
      fields: [
        .text("person", "PERSON", "personens nyckel"), .text("course", "KURS", "kursens id"),
        .number("hours", "TIMMAR", "timmar, om andra än kursens", required: false),
      ],
      help: "personen har gått kursen",
      example: "course-completed --person p-1708 --course pim-intro --date 2026-03-14",
      flags: [CommandTable.secondCompletion]),
    Form(
      name: "pim-level", type: .pimLevelAttained,
      fields: [
        .text("person", "PERSON", "personens nyckel"), .number("level", "NIVÅ", "PIM-nivån, 1–5"),
        .text("examiner", "PERSON", "examinatorn (med förordnande den dagen)"),
      ],
      help: "personen har klarat en PIM-nivå",
      example: "pim-level --person p-1708 --level 3 --examiner p-1287 --date 2026-03-20"),
    Form(
      name: "examiner", type: .examinerAppointed,
      fields: [
        .text("person", "PERSON", "examinatorns nyckel"),
        .text("unit", "ENHET", "enheten förordnandet gäller"),
        .number("max-level", "NIVÅ", "högsta nivå examinatorn får examinera", key: "maxLevel"),
      ],
      help: "förordnande som PIM-examinator",
      example: "examiner --person p-1187 --unit fe-grondal --max-level 3 --date 2012-03-26"),
    Form(
      name: "examiner-ended", type: .examinerRoleEnded,
      fields: [.text("person", "PERSON", "examinatorns nyckel")],
      help: "examinatorsrollen upphör", example: "examiner-ended --person p-1187 --date 2013-06-30"),
    Form(
      name: "goal", type: .goalSet,
      fields: [
        .text("goal", "MÅL", "målets id"),
        .text("scope", "ENHET", "staden, nämnden eller enheten målet gäller"),
        .number("min-level", "NIVÅ", "lägsta nivå som räknas", key: "minLevel"),
        .number("target-share", "ANDEL", "andel av personalen, 0–1 (t.ex. 0,9)", key: "targetShare"),
        .text("deadline", "DATUM", "senast när, ÅÅÅÅ-MM-DD"),
      ], help: "ett mål, t.ex. alla på nivå 3 senast ett datum",
      example: "goal --goal hl-pim3-2013 --scope sdn-hl --min-level 3 --target-share 1 --deadline 2013-12-31"),
    Form(
      name: "retract", type: .eventRetracted,
      fields: [
        .text("event", "HÄNDELSE", "id för händelsen som dras tillbaka"), .text("reason", "SKÄL", "varför"),
      ],
      help: "en händelse som aldrig borde ha registrerats",
      example: "retract --event hl-2013-003 --reason \"fel person på deltagarlistan\""),
    Form(
      name: "framework", type: .frameworkDefined,
      fields: [
        .text("framework", "RAMVERK", "ramverkets id"), .text("title", "TITEL", "ramverkets namn"),
        .list("levels", "NIVÅER", "nivåerna, lägsta först, kommaseparerade (2–10)", required: true),
      ],
      help: "ett kompetensramverk och dess nivåer (t.ex. DigCompEdu, A1–C2)",
      example:
        "framework --framework digcompedu --title DigCompEdu --levels A1,A2,B1,B2,C1,C2 --date 2019-01-15"),
    Form(
      name: "competence", type: .competenceDefined,
      fields: [
        .text("competence", "KOMPETENS", "kompetensens id"),
        .text("framework", "RAMVERK", "ramverket den hör till"),
        .text("title", "TITEL", "kompetensens namn"),
        .text("area", "OMRÅDE", "IT-strategins område", allowed: StrategyArea.allCases.map(\.rawValue)),
      ],
      help: "en kompetens i ett ramverk, kopplad till ett av strategins fem områden",
      example:
        "competence --competence dce-2.1 --framework digcompedu --title \"Välja digitala resurser\" "
        + "--area \"digitalt innehåll\" --date 2019-01-15"),
    Form(
      name: "requirement", type: .requirementSet,
      fields: [
        .text("requirement", "KRAV", "kravets id"), .text("competence", "KOMPETENS", "kompetensen"),
        .text("min-level", "NIVÅ", "lägsta nivå (en nivå i ramverket)", key: "minLevel"),
        .text("scope", "ENHET", "staden, nämnden eller enheten kravet gäller"),
        .list("roles", "ROLLER", "bara dessa roller, kommaseparerade (annars alla utom annan)"),
        .list("school-forms", "SKOLFORMER", "bara enheter med dessa skolformer", key: "schoolForms"),
      ],
      help: "ett kompetenskrav: personal inom omfattningen ska nå minst en nivå",
      example:
        "requirement --requirement krav-dce-2.1 --competence dce-2.1 --min-level B1 --scope sdn-hl "
        + "--roles förskollärare,förskolechef --date 2019-02-01"),
    Form(
      name: "requirement-ended", type: .requirementEnded,
      fields: [.text("requirement", "KRAV", "kravets id")], help: "kravet gäller inte längre från datumet",
      example: "requirement-ended --requirement krav-skolplattform --date 2021-06-30"),
    Form(
      name: "assessment", type: .competenceAssessed,
      fields: [
        .text("person", "PERSON", "personens nyckel"), .text("competence", "KOMPETENS", "kompetensen"),
        .text("level", "NIVÅ", "nivån (en nivå i ramverket)"),
        .text(
          "method", "METOD", "self (självskattning) eller head (chefens bedömning)",
          allowed: AssessmentMethod.allCases.map(\.rawValue)),
        .text("assessor", "PERSON", "chefen som bedömt (bara med head)", required: false),
      ],
      help: "en självskattning eller chefens bedömning av en kompetens",
      example: "assessment --person p-1042 --competence dce-2.1 --level B1 --method head --assessor p-1550 "
        + "--date 2019-10-01"),
    Form(
      name: "follow-up", type: .unitFollowUp,
      fields: [
        .text("unit", "ENHET", "enheten"), .number("year", "ÅR", "året som följs upp"),
        .ratings(
          "ratings",
          "fem betyg 1–4 i ordningen infrastruktur, digital kompetens, digitalt innehåll, samarbete och "
            + "kommunikation, uppföljning (eller område=betyg,…)"),
      ],
      help: "enhetens årliga uppföljning mot strategins fem områden",
      example: "follow-up --unit fe-grondal --year 2019 --ratings 3,2,2,3,1 --date 2020-01-20"),
    Form(
      name: "measure", type: .measurePlanned,
      fields: [
        .text("measure", "ÅTGÄRD", "åtgärdens id"), .text("scope", "ENHET", "nämnden, enheten eller staden"),
        .text("area", "OMRÅDE", "IT-strategins område", allowed: StrategyArea.allCases.map(\.rawValue)),
        .text("title", "TITEL", "vad som ska göras"), .text("due", "DATUM", "klart senast, ÅÅÅÅ-MM-DD"),
        .text(
          "responsible", "FUNKTION", "ansvarig funktion, t.ex. IT-strateg (aldrig en person)", required: false
        ),
      ],
      help: "en åtgärd i en handlingsplan",
      example:
        "measure --measure hp-2020-1 --scope sdn-hl --area \"digital kompetens\" --title \"Fortbildning\" "
        + "--due 2020-12-31 --responsible IT-pedagog --date 2020-02-01"),
    Form(
      name: "measure-status", type: .measureStatus,
      fields: [
        .text("measure", "ÅTGÄRD", "åtgärdens id"),
        .text("status", "STATUS", "ny status", allowed: MeasureState.recordable.map(\.rawValue)),
      ],
      help: "åtgärdens status från datumet",
      example: "measure-status --measure hp-2020-1 --status genomförd --date 2021-01-15"),
  ]

  /// The flags every `log` subcommand takes besides its fields.
  static let commonOptions: [OptionSpec] = [
    .value("date", "DATUM", "dagen det hände, ÅÅÅÅ-MM-DD", default: "i dag (Stockholm); skrivs ut"),
    .value("id", "ID", "händelsens id", default: "ett id av innehållet"),
    .flag("dry-run", "kontrollera mot reglerna utan att skriva"),
  ]

  /// `log` and one subcommand per form, for the command table.
  static var command: CommandSpec {
    CommandSpec(
      path: ["log"], group: "Registrera", summary: "en händelse, en typ per underkommando",
      details: [
        "Varje typ av händelse har ett underkommando; 'liggare help log TYP' visar dess flaggor.",
        "Tal får skrivas med decimalkomma (--target-share 0,9).",
      ],
      examples: ["log pim-level --person p-1708 --level 3 --examiner p-1287 --date 2026-03-20"],
      subcommands: forms.map { form in
        CommandSpec(
          path: ["log", form.name], group: "Registrera", summary: form.help,
          options: form.fields.map(\.spec) + form.flags + commonOptions, examples: ["log " + form.example],
          run: { args, context, console throws(CLIError) in try run(form, args, context, &console) })
      })
  }

  /// Runs `log <form>` with arguments already checked against the form's declaration.
  static func run(_ form: Form, _ args: ParsedArguments, _ context: CommandContext, _ console: inout Console)
    throws(CLIError) -> Int32
  {
    let command = args.command
    var data: [(String, JSONValue)] = []
    for field in form.fields {
      guard let text = args.value(field.option) else { continue }
      if field.list {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map {
          $0.trimmingCharacters(in: .whitespaces)
        }
        data.append((field.key, .array(items.map { .string($0) })))
      } else if field.ratings {
        data.append((field.key, try ratings(text, option: field.option, command: command)))
      } else if field.number {
        guard let n = PlainDecimal.parse(text) else {
          throw .usage(
            "--\(field.option) \(text) är inget tal; skriv siffror och högst ett decimaltecken, t.ex. 2,5",
            command: command)
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
      outcome = try ledger.append(
        [draft], dryRun: args.has("dry-run"), allowingRepeatedCompletions: args.has("second-completion"))
    } catch {
      let options = Dictionary(form.fields.map { ($0.key, $0.option) }, uniquingKeysWith: { a, _ in a })
      throw CLIError.from(error, options: options, dateGiven: args.value("date") != nil)
    }
    let description = EventDescription.sentence(for: payload, on: date, names: ledger.register.names)
    if args.value("date") == nil {
      console.line("Inget --date angavs: händelsen dateras i dag, \(date) (Stockholm).")
    }
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

  /// Five ratings 1–4, in the order of the strategy's areas (`3,2,2,1,4`), or by name
  /// (`infrastruktur=3,digital kompetens=2,…`).
  static func ratings(_ text: String, option: String, command: String) throws(CLIError) -> JSONValue {
    let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    let areas = StrategyArea.allCases
    var members: [String: JSONValue] = [:]
    let order = areas.map(\.rawValue).joined(separator: ", ")
    for (i, part) in parts.enumerated() {
      let name: String
      let value: String
      if let eq = part.firstIndex(of: "=") {
        name = part[..<eq].trimmingCharacters(in: .whitespaces)
        value = part[part.index(after: eq)...].trimmingCharacters(in: .whitespaces)
      } else {
        guard i < areas.count, !parts.contains(where: { $0.contains("=") }) else {
          throw .usage("--\(option) ska ha fem betyg 1–4 i ordningen \(order)", command: command)
        }
        name = areas[i].rawValue
        value = part
      }
      guard let n = Int(value) else {
        throw .usage("--\(option): betyget \"\(value)\" för \(name) är inget heltal 1–4", command: command)
      }
      members[name] = .number(Double(n))
    }
    return .object(members)
  }

  /// Decoding errors name `data` fields; a coordinator typed options.
  static func optionWording(_ error: EventDecodingError, form: Form) -> String {
    func option(_ key: String) -> String {
      "--"
        + (form.fields.first { $0.key == key || key.hasPrefix($0.key + ".") }?.option ?? key)
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
