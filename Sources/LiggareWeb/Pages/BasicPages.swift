/// The login form, the start page, the accessibility statement and the error pages.
public enum BasicPages {
  /// "Logga in": user name and password, with the pre-session CSRF token (login CSRF).
  ///
  /// - Parameters:
  ///   - csrfToken: the token the server set in the pre-session cookie.
  ///   - state: the user name typed (never the password) and the refusal, if any.
  ///   - notice: a message above the form ("Du är utloggad.").
  public static func login(csrfToken: String, state: FormState = FormState(), notice: String? = nil)
    -> [UInt8]
  {
    Layout.page(title: "Logga in", viewer: nil, section: .login) {
      Forms.errorSummary(state.errors)
      if let notice { el("p", [Attribute("class", "notice"), Attribute("role", "status")], text: notice) }
      el("p", [Attribute("class", "lead")], text: "Logga in med det konto du fått av stadens administratör.")
      el(
        "form",
        [
          Attribute("method", "post"), .action(Routes.login), Attribute("class", "stack"),
          .flag("novalidate"),
        ]
      ) {
        Forms.csrfField(token: csrfToken)
        Forms.field(
          "name", label: "Användarnamn", state: state, autocomplete: "username",
          extra: [Attribute("spellcheck", "false"), Attribute("autocapitalize", "none")])
        Forms.field(
          "password", label: "Lösenord", input: .password, state: state, autocomplete: "current-password")
        Forms.button("Logga in")
      }
    }
  }

  /// The start page after login: what the viewer's roles let them do.
  public static func start(viewer: Viewer) -> [UInt8] {
    Layout.page(title: "Välkommen, \(viewer.name)", viewer: viewer, section: .start) {
      el(
        "p", [Attribute("class", "lead")],
        text: "Du är inloggad som " + viewer.roles.sorted().map(\.swedish).joined(separator: ", ") + ".")
      el("ul") {
        if viewer.has(.coordinator) {
          el("li") {
            el("a", [.href(Routes.register)], text: "Registrera");
            " kurser, närvarolistor, PIM-nivåer och andra händelser."
          }
        }
        if viewer.has(.head) {
          el("li") {
            el("a", [.href(Routes.myUnit)], text: "Min enhet");
            ": personal, luckor mot målen, kompetenskrav, examinatorer och kurstimmar."
          }
          el("li") {
            el("a", [.href(Routes.register)], text: "Bedöm och följ upp");
            ": chefens bedömning av personalens kompetenser och enhetens årliga uppföljning."
          }
        }
        if viewer.has(.office) {
          el("li") {
            el("a", [.href(Routes.city)], text: "Staden"); ": varje nämnd och enhet."
          }
          el("li") {
            el("a", [.href(Routes.report)], text: "Årsredovisning"); ": ta fram, ladda ned och kontrollera."
          }
          el("li") { el("a", [.href(Routes.status)], text: "Loggens status") }
        }
        if viewer.has(.admin) {
          el("li") {
            el("a", [.href(Routes.admin)], text: "Konton"); ": roller, behörigheter och API-nycklar."
          }
        }
      }
      if viewer.has(.coordinator) || viewer.has(.office) {
        SearchPage.box(viewer: viewer, query: "")
      }
    }
  }

  /// A page that does not exist, or one the viewer may not see: the same answer for both, so a
  /// head cannot learn whether another unit's page or person exists.
  public static func notFound(viewer: Viewer?) -> [UInt8] {
    Layout.page(title: "Sidan finns inte", viewer: viewer, section: .other) {
      el("p", text: "Sidan finns inte, eller så har du inte behörighet att se den.")
      el("p") { el("a", [.href(Routes.start)], text: "Till startsidan") }
    }
  }

  /// A refused request (a missing or wrong CSRF token, a role that does not fit).
  public static func refused(viewer: Viewer?, message: String) -> [UInt8] {
    Layout.page(title: "Det gick inte", viewer: viewer, section: .other) {
      el("p", text: message)
      el("p") { el("a", [.href(Routes.start)], text: "Till startsidan") }
    }
  }

  /// Tillgänglighetsredogörelse, as the DOS law (2018:1937) and DIGG's model ask.
  public static func accessibility(viewer: Viewer?) -> [UInt8] {
    Layout.page(title: "Tillgänglighetsredogörelse", viewer: viewer, section: .accessibility) {
      el(
        "p", [Attribute("class", "lead")],
        text:
          "Staden står bakom Liggare och vill att så många som möjligt ska kunna använda tjänsten. Här beskriver vi hur Liggare uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, kända brister och hur du kan rapportera problem."
      )
      el("h2", text: "Hur tillgänglig är tjänsten?")
      el(
        "p",
        text:
          "Vi bedömer att Liggare helt uppfyller lagens krav, det vill säga WCAG 2.1 nivå AA enligt EN 301 549."
      )
      el("ul") {
        el("li", text: "Alla sidor fungerar utan JavaScript och med enbart tangentbord; fokus syns tydligt.")
        el(
          "li",
          text:
            "Sidorna går att förstora till 400 % och att läsa i 320 pixlars bredd. Breda tabeller rullar i sidled i en egen region som går att nå med tangentbordet."
        )
        el(
          "li",
          text:
            "Kontrasten är minst 4,5:1 för text och minst 3:1 för diagram och fokusmarkering. Varje diagram har en tabell med samma siffror."
        )
        el(
          "li",
          text:
            "Varje fält har en etikett. Fel visas vid fältet och i en sammanfattning överst med länkar till fälten."
        )
        el(
          "li",
          text:
            "Sidorna har svenska som språk (lang=\"sv\"), landmärken, rubriker i ordning och en länk förbi menyn."
        )
      }
      el("h2", text: "Kända brister")
      el(
        "p",
        text:
          "Årsredovisningen som HTML är ett eget dokument med samma krav. Nedladdade CSV-filer är tänkta för kalkylprogram och har inga tillgänglighetsanpassningar utöver tydliga kolumnrubriker."
      )
      el("h2", text: "Hur vi har testat")
      el(
        "p",
        text:
          "Varje sida granskas automatiskt med axe-core i en riktig webbläsare (Chromium) vid varje ändring, och vi provar sidorna med enbart tangentbord, i 200 % zoom och i 320 pixlars bredd."
      )
      el("h2", text: "Rapportera brister")
      el(
        "p",
        text:
          "Om du upptäcker problem som inte är beskrivna här, eller om du behöver innehåll i ett annat format, kontakta stadens PIM-samordnare eller servicecenter. Vi svarar inom fem arbetsdagar."
      )
      el("h2", text: "Tillsyn")
      el(
        "p",
        text:
          "Myndigheten för digital förvaltning (Digg) har ansvar för tillsynen av lagen. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg och påtala det."
      )
      el("p", [Attribute("class", "muted")], text: "Redogörelsen uppdaterades den 1 december 2026.")
    }
  }
}
