/// Swedish help for people who are not programmers.
enum HelpText {
  static let overview = """
    liggare – kompetensliggaren för stadens förskolor och skolor (PIM, kurser, examinatorer)

    Användning: liggare [--log MAPP] KOMMANDO [FLAGGOR]
      --log MAPP   loggens mapp (standard: $LIGGARE_LOG, annars ./EventLog)
      --wait       vänta om en annan process skriver i loggen
      --actor NAMN vem som registrerar (standard: inloggad användare)

    Registrera
      log TYP …             en händelse, t.ex. log pim-level --person p-1042 --level 3 --examiner p-77
      import FIL|-          händelser i JSON Lines (migrering, integration); allt eller inget
      import-attendance FIL närvarolista (CSV) för en kurs: --course KURS --date DATUM
      forget PERSON         radera namn och e-post ur personregistret

    Fråga
      person P              en persons enhet, nivå, kurser och glapp mot målen
      unit E                en enhets personal, nivåer, mål, examinatorer och glapplista
      gaps --unit E         glapplistan: vem behöver vilken nivå
      city                  hela staden, en rad per nämnd
      report --year ÅR      årsredovisningen (--format html|md|csv|json, -o FIL)
      (alla frågor tar --as-of DATUM, --known-at TIDPUNKT och --json)

    Förvalta
      verify                kontrollera hela loggen (kontrollsummor, hashkedja, regler;
                            --integrity: bara kontrollsummor och hashkedja)
      stats                 vad loggen innehåller
      export                alla händelser som JSON Lines (--known-at T)
      demo                  skapa en demostad och skriv dess årsredovisning

    Mer: liggare help KOMMANDO
    """

  static func text(for command: String?) -> String {
    switch command {
    case "log":
      return "liggare log TYP [--date ÅÅÅÅ-MM-DD] [--id ID] [--dry-run] FLAGGOR\n\nTyper:\n"
        + LogCommand.forms.map { form in
          "  \(form.name.padding(toLength: 18, withPad: " ", startingAt: 0)) \(form.help)\n"
            + "      " + form.fields.map { "--\($0.option)" }.joined(separator: " ")
        }.joined(separator: "\n")
    case "import":
      return """
        liggare import FIL|- [--dry-run]
        Läser händelser i kontraktets JSON Lines (en händelse per rad). Hela filen läggs till eller
        inget av den: första felet avbryter och anger fil, rad, händelse och fält. Händelser som redan
        finns (samma id och innehåll) hoppas över, så samma fil kan köras igen utan dubbletter.
        """
    case "report":
      return """
        liggare report --year ÅR [--known-at T] [--scope ENHET] [--format html|md|csv|json]
                       [--csv-dialect swedish|rfc] [-o FIL]
        liggare report --verify FIL
        Samma --known-at ger alltid byte för byte samma rapport, även sedan fler händelser lagts till.
        """
    default:
      return overview
    }
  }
}
