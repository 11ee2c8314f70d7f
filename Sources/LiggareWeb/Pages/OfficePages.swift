public import LiggareBasics

/// The log's status for the office: head, last write, the last verify's answer.
public struct LogStatus: Sendable, Hashable {
  public var seq: UInt64
  public var hash: String
  public var lastWrite: String?
  public var events: Int
  /// The last check's result in Swedish, or nil when none is recorded.
  public var lastVerify: String?
  /// Whether the last check found the log intact without doubtful events.
  public var lastVerifyOK: Bool = true

  public init(seq: UInt64, hash: String, lastWrite: String?, events: Int, lastVerify: String?) {
    self.seq = seq
    self.hash = hash
    self.lastWrite = lastWrite
    self.events = events
    self.lastVerify = lastVerify
  }
}

/// The central office's pages: the city, the annual report, verifying a published report, status.
public enum OfficePages {
  /// The city with one row per board; each board links to its page (drill-down to units).
  public static func city(viewer: Viewer, view: JSONValue, asOf: CivilDate, knownAt: String?) -> [UInt8] {
    let cityRef = view["city"] ?? .null
    return Layout.page(title: cityRef == .null ? "Staden" : cityRef.nameOrID, viewer: viewer, section: .city)
    {
      el("form", [Attribute("method", "get"), .action(Routes.city), Attribute("class", "controls")]) {
        Forms.field(
          "as-of", label: "Som det var den", input: .date, hint: "ÅÅÅÅ-MM-DD",
          state: FormState(values: ["as-of": asOf.description]))
        Forms.field(
          "known-at", label: "Så som det var känt (valfritt)", input: .date, hint: "Tom: allt som är känt nu",
          state: FormState(values: ["known-at": knownAt ?? ""]), required: false)
        Forms.button("Visa", style: "secondary")
      }
      if cityRef == .null {
        el("p", text: "Ingen stad är upprättad den \(asOf).")
      } else {
        let total = view["total"] ?? .null
        let goals = view.list("goals")
        el(
          "p", [Attribute("class", "lead")],
          text:
            "\(WebFormat.integer(total.int("staff"))) i personalen, \(WebFormat.integer(total.int("examiners"))) examinatorer, \(WebFormat.hours((total["hoursThisYear"] ?? .null).num("total"))) kurstimmar i år. Som det var den \(view.str("asOf"))."
        )
        el("h2", text: "Mål för hela staden")
        if goals.isEmpty {
          el("p", text: "Inga mål för hela staden.")
        } else {
          el("ul") {
            for (i, g) in goals.enumerated() {
              el(
                "li",
                text:
                  "M\(i + 1) \(g.str("id")): \(WebFormat.percent(g.num("targetShare"))) på nivå \(g.int("minLevel")) eller högre senast \(g.str("deadline"))"
              )
            }
          }
        }
        el("h2", text: "Nämnder")
        Tables.table(
          "Nämnder", columns: cityColumns(goals: goals.count),
          rows: view.list("boards").map { b in
            let ref = b["node"] ?? .null
            return cells(
              el(
                "a",
                [.href(Routes.unit(ref.str("id")).with("as-of", asOf.description).with("known-at", knownAt))],
                text: ref.nameOrID), b)
          },
          footer: [cells(.text("Hela staden"), total)])
        let unattributed = ((view["unattributed"] ?? .null)["hoursThisYear"] ?? .null).num("total")
        if unattributed > 0 {
          el(
            "p", [Attribute("class", "muted")],
            text:
              "Kurstimmar av personer som inte var personal på kursdagen: \(WebFormat.hours(unattributed)).")
        }
        CompetenceSections.city(view)
      }
    }
  }

  static func cityColumns(goals: Int) -> [Tables.Column] {
    [.init("Nämnd"), .init("Personal", numeric: true)] + (0...5).map { .init("Nivå \($0)", numeric: true) }
      + (0..<goals).map { .init("Andel M\($0 + 1)", numeric: true) }
      + [
        .init("Examinatorer", numeric: true), .init("Utan examinator", numeric: true),
        .init("Timmar i år", numeric: true),
      ]
  }

  static func cells(_ label: HTML, _ row: JSONValue) -> [HTML] {
    [label, .text(WebFormat.integer(row.int("staff")))]
      + row.ints("levels").map { .text(WebFormat.integer($0)) }
      + row.list("standings").map { .text($0["share"]?.numberValue.map(WebFormat.percent) ?? "–") }
      + [
        .text(WebFormat.integer(row.int("examiners"))),
        .text(WebFormat.integer(row.list("unitsWithoutExaminer").count)),
        .text(WebFormat.hours((row["hoursThisYear"] ?? .null).num("total"))),
      ]
  }

  /// The download path of the report asked for, in `format`.
  public static func download(_ request: [String: String], format: String) -> WebPath {
    let path = WebPath("report", "download").with("year", request["year"]).with("format", format)
      .with("known-at", request["known-at"].flatMap { $0.isEmpty ? nil : $0 })
      .with("scope", request["scope"].flatMap { $0.isEmpty ? nil : $0 })
    return format == "csv" ? path.with("csv-dialect", request["csv-dialect"]) : path
  }

  /// The annual report form (year, as known at, scope, format), with links to the chosen report
  /// in all four formats once asked for.
  ///
  /// - Parameters:
  ///   - request: the values of a valid request, to offer the report and its downloads.
  public static func report(viewer: Viewer, state: FormState, request: [String: String]?, summary: [String])
    -> [UInt8]
  {
    Layout.page(title: "Årsredovisning", viewer: viewer, section: .report) {
      Forms.errorSummary(state.errors)
      el(
        "form",
        [
          Attribute("method", "get"), .action(Routes.report), Attribute("class", "stack"),
          .flag("novalidate"),
        ]
      ) {
        Forms.field("year", label: "År", input: .number, hint: "T.ex. 2024", state: state)
        Forms.field(
          "known-at", label: "Så som det var känt (valfritt)", input: .date,
          hint: "Tom: allt som är känt nu. Samma datum ger samma bytes igen.", state: state, required: false)
        Forms.field(
          "scope", label: "Omfattning (valfritt)", hint: "En nämnds eller enhets id; tom: hela staden",
          state: state, required: false)
        Forms.field(
          "csv-dialect", label: "CSV för",
          input: .select([
            ("swedish", "Excel på svenska (semikolon, decimalkomma)"),
            ("rfc", "RFC 4180 (komma, decimalpunkt)"),
          ]), state: state, required: false)
        Forms.button("Ta fram rapporten")
      }
      if let request {
        el("h2", text: "Årsredovisningen för \(request["year"] ?? "")")
        if !summary.isEmpty {
          el("div", [Attribute("class", "report-frame")]) { for p in summary { el("p", text: p) } }
        }
        el("ul") {
          for (format, label) in [
            ("html", "Visa som HTML"), ("md", "Ladda ned Markdown"), ("csv", "Ladda ned CSV"),
            ("json", "Ladda ned JSON"),
          ] {
            el("li") { el("a", [.href(download(request, format: format))], text: label) }
          }
        }
        el(
          "p", [Attribute("class", "muted")],
          text: "Filerna är byte för byte desamma som kommandot liggare report ger med samma värden.")
      }
      el("h2", [Attribute("id", "verify")], text: "Kontrollera en publicerad rapport")
      Forms.post(Routes.reportVerify, viewer: viewer, multipart: true) {
        Forms.field(
          "report", label: "Rapportfil", input: .file,
          hint: "En årsredovisning från Liggare i något av de fyra formaten")
        Forms.button("Kontrollera", style: "secondary")
      }
    }
  }

  /// The verify answer: STÄMMER or STÄMMER INTE, with the report's parameters.
  public static func verifyResult(viewer: Viewer, matches: Bool?, message: String) -> [UInt8] {
    Layout.page(
      title: matches == true ? "Rapporten stämmer" : "Rapporten stämmer inte", viewer: viewer,
      section: .report
    ) {
      el(
        "p", [Attribute("class", matches == true ? "notice" : "error-summary"), Attribute("role", "status")],
        text: message)
      el("p") { el("a", [.href(Routes.report.fragment("verify"))], text: "Kontrollera en annan fil") }
    }
  }

  /// The log's status, with the last check's result and (for `mayVerify`) a button that checks
  /// the log now.
  public static func status(viewer: Viewer, status: LogStatus, mayVerify: Bool = false, notice: String? = nil)
    -> [UInt8]
  {
    Layout.page(title: "Loggens status", viewer: viewer, section: .status) {
      if let notice { el("p", [Attribute("class", "notice"), Attribute("role", "status")], text: notice) }
      el("p", text: "Tiderna är svensk tid (Stockholm).")
      el("dl", [Attribute("class", "facts")]) {
        el("dt", text: "Händelser")
        el("dd", text: WebFormat.integer(status.events))
        el("dt", text: "Huvud (seq)")
        el("dd", text: "\(status.seq)")
        el("dt", text: "Huvudets hash")
        el("dd") { el("code", text: status.hash) }
        el("dt", text: "Senast skrivet")
        el("dd", text: status.lastWrite ?? "aldrig")
        el("dt", text: "Senaste kontroll")
        if let last = status.lastVerify {
          el("dd", [Attribute("id", "last-verify")]) {
            status.lastVerifyOK ? HTML.text(last) : el("strong", text: last)
          }
        } else {
          el("dd", [Attribute("id", "last-verify")], text: "Ingen kontroll är registrerad (liggare verify).")
        }
      }
      if mayVerify {
        Forms.post(WebPath("status", "verify"), viewer: viewer) {
          el(
            "p",
            text:
              "Kontrollerar varje posts kontrollsumma, löpnummer och hashkedjan, som liggare verify --integrity. Tar några sekunder för en stor logg."
          )
          Forms.button("Kontrollera loggen nu", style: "secondary")
        }
      }
    }
  }
}

/// An account as the admin page lists it.
public struct AccountRow: Sendable, Hashable {
  public var username: String
  public var roles: [WebRole]
  public var scopes: [String]
  /// A head's own person id (the assessor of the head assessments the account records).
  public var person: String?
  public var disabled: Bool

  public init(username: String, roles: [WebRole], scopes: [String], person: String? = nil, disabled: Bool) {
    self.username = username
    self.roles = roles
    self.scopes = scopes
    self.person = person
    self.disabled = disabled
  }
}

/// The admin's page: accounts, roles and scopes, disabling, a new account, a new API token.
public enum AdminPages {
  /// - Parameters:
  ///   - newToken: a token just created, shown once.
  public static func accounts(
    viewer: Viewer, accounts: [AccountRow], state: FormState, notice: String?, newToken: String?
  ) -> [UInt8] {
    Layout.page(title: "Konton", viewer: viewer, section: .admin) {
      Forms.errorSummary(state.errors)
      if let notice { el("p", [Attribute("class", "notice"), Attribute("role", "status")], text: notice) }
      if let newToken {
        el("div", [Attribute("class", "preview")]) {
          el("h2", text: "Ny API-nyckel")
          el("p", text: "Kopiera nyckeln nu; den visas bara en gång.")
          el("p") { el("code", text: newToken) }
        }
      }
      Tables.table(
        "Konton",
        columns: [
          .init("Användare"), .init("Roller"), .init("Behörighet"), .init("Person"), .init("Status"),
          .init("Åtgärd"),
        ],
        rows: accounts.map { a in
          [
            .text(a.username), .text(a.roles.map(\.swedish).joined(separator: ", ")),
            .text(a.scopes.isEmpty ? "–" : a.scopes.joined(separator: ", ")), .text(a.person ?? "–"),
            .text(a.disabled ? "avstängt" : "aktivt"),
            a.disabled
              ? .text("–")
              // Not one's own: an admin who disables themselves is locked out (the route refuses it too).
              : a.username == viewer.name
                ? .text("ditt konto")
                : el(
                  "form",
                  [
                    Attribute("method", "post"), .action(WebPath("admin", "disable")),
                    Attribute("class", "inline-form"),
                  ]
                ) {
                  Forms.csrfField(viewer)
                  Forms.hidden("username", a.username)
                  el(
                    "button",
                    [
                      Attribute("type", "submit"), Attribute("class", "warning"),
                      Attribute("aria-label", "Stäng av \(a.username)"),
                    ], text: "Stäng av")
                },
          ]
        })
      el("h2", text: "Nytt konto")
      Forms.post(WebPath("admin", "accounts"), viewer: viewer) {
        Forms.field("username", label: "Användarnamn", state: state, autocomplete: "off")
        Forms.field(
          "password", label: "Lösenord (valfritt)", input: .password,
          hint: "Minst 12 tecken; tomt ger ett konto som bara används med API-nyckel", state: state,
          required: false, autocomplete: "new-password")
        Forms.field(
          "role", label: "Roll",
          input: .select([("", "Välj roll")] + WebRole.allCases.map { ($0.rawValue, $0.swedish) }),
          state: state)
        Forms.field(
          "scopes", label: "Behörighet (enheter)",
          hint: "Id:n åtskilda med komma; stadens id ger hela staden", state: state, required: false)
        Forms.field(
          "person", label: "Rektorns person-id (bara chef för enhet)",
          hint: "Behövs för att rektorn ska kunna registrera sina bedömningar, t.ex. p-1042", state: state,
          required: false)
        Forms.button("Skapa kontot")
      }
      let heads = accounts.filter { $0.roles.contains(.head) }
      if !heads.isEmpty {
        el("h2", text: "Rektorns person-id")
        el(
          "p",
          text:
            "En chef för enhet behöver sitt eget person-id för att registrera sina bedömningar. Tomt fält tar bort det. Kontots sessioner avslutas, så ändringen gäller från nästa inloggning."
        )
        Forms.post(WebPath("admin", "person"), viewer: viewer) {
          Forms.field(
            "person-user", label: "För kontot",
            input: .select(
              [("", "Välj konto")]
                + heads.map {
                  ($0.username, "\($0.username) (\($0.person.map { "nu \($0)" } ?? "inget person-id"))")
                }),
            state: state)
          Forms.field(
            "new-person", label: "Person-id", hint: "T.ex. p-1042", state: state, required: false,
            autocomplete: "off")
          Forms.button("Spara person-id", style: "secondary")
        }
      }
      el("h2", text: "Ny API-nyckel")
      Forms.post(WebPath("admin", "token"), viewer: viewer) {
        Forms.field(
          "token-user", label: "För kontot",
          input: .select(
            [("", "Välj konto")] + accounts.filter { !$0.disabled }.map { ($0.username, $0.username) }),
          state: state)
        Forms.button("Skapa nyckel", style: "secondary")
      }
    }
  }
}
