public import LiggareDomain

/// One filled cell of an uploaded assessments list as the preview shows it.
public struct AssessmentPreviewRow: Sendable, Hashable {
  public var line: Int
  public var person: String
  public var name: String?
  public var unit: String?
  /// The competence's title (or id when unknown).
  public var competence: String
  public var competenceID: String
  public var level: String
  /// Why the cell cannot be saved, or nil.
  public var error: String?

  public init(
    line: Int, person: String, name: String?, unit: String?, competence: String, competenceID: String,
    level: String, error: String?
  ) {
    self.line = line
    self.person = person
    self.name = name
    self.unit = unit
    self.competence = competence
    self.competenceID = competenceID
    self.level = level
    self.error = error
  }
}

/// The upload of a self-assessment survey (or a head's list), as `liggare import-assessments`.
extension RegisterPages {
  /// The form: framework, method, assessor, date and the file.
  ///
  /// - Parameter fixed: fields the viewer cannot choose (a head's list is the head's own
  ///   assessments: method `head`, the account's person as assessor), shown as text and sent as
  ///   hidden fields.
  public static func assessmentsForm(
    viewer: Viewer, state: FormState, frameworks: [(String, String)],
    fixed: [String: (value: String, label: String)] = [:]
  )
    -> [UInt8]
  {
    let own = !fixed.isEmpty
    return Layout.page(
      title: own ? "Dina bedömningar av personalen" : "Självskattningar eller bedömningar", viewer: viewer,
      section: .register
    ) {
      Forms.errorSummary(state.errors)
      el(
        "p",
        text: own
          ? "Ladda upp dina bedömningar som en CSV-fil (t.ex. sparad från Excel): en kolumn ”person” med personens id och en kolumn per kompetens med kompetensens id eller titel som rubrik. Cellerna är nivåer i ramverket eller tomma. Du kan bedöma personalen på dina enheter; hela listan sparas eller ingenting."
          : "Ladda upp enkätsvaren som en CSV-fil (Microsoft Forms eller Google Forms, sparad från Excel): en kolumn ”person” med personens id och en kolumn per kompetens med kompetensens id eller titel som rubrik. Cellerna är nivåer i ramverket eller tomma. Hela listan sparas eller ingenting."
      )
      Forms.post(Routes.assessments, viewer: viewer, multipart: true) {
        Forms.field(
          "framework", label: "Ramverk",
          input: .select([("", frameworks.isEmpty ? "Inget ramverk finns" : "Välj ramverk")] + frameworks),
          state: state)
        if let method = fixed["method"], let assessor = fixed["assessor"] {
          Forms.hidden("method", method.value)
          Forms.hidden("assessor", assessor.value)
          el("dl", [Attribute("class", "facts")]) {
            el("dt", text: "Metod")
            el("dd", text: method.label)
            el("dt", text: "Bedömare")
            el("dd", [Attribute("id", "f-assessor")], text: assessor.label)
          }
          if let error = state.error("assessor") {
            el("p", [Attribute("class", "error-message")], text: "Fel: \(error)")
          }
        } else {
          Forms.field(
            "method", label: "Metod",
            input: .select([("self", "självskattning"), ("head", "chefens bedömning")]), state: state)
          Forms.field(
            "assessor", label: "Bedömare (vid chefens bedömning)",
            hint: "Rektorns eller förskolechefens person-id; tomt vid självskattning", state: state,
            required: false)
        }
        Forms.field(
          "date", label: "Datum", input: .date, hint: "Dagen för bedömningen, ÅÅÅÅ-MM-DD", state: state)
        Forms.field("file", label: "Listan (CSV)", input: .file, state: state)
        el("p", text: "Först visas vad som skulle registreras; inget sparas förrän du bekräftar.")
        Forms.button("Granska", name: "step", value: "preview")
      }
    }
  }

  /// The preview: each filled cell with the person's name and unit, errors by row; saving is
  /// offered only when every cell can be saved (all or nothing).
  public static func assessmentsPreview(
    viewer: Viewer, framework: String, frameworkTitle: String?, method: AssessmentMethod, assessor: String,
    date: String, file: String, rows: [AssessmentPreviewRow]
  ) -> [UInt8] {
    let bad = rows.filter { $0.error != nil }
    let persons = Set(rows.map(\.person)).count
    return Layout.page(title: "Granska bedömningarna", viewer: viewer, section: .register) {
      if !bad.isEmpty {
        el(
          "div",
          [
            Attribute("class", "error-summary"), Attribute("role", "alert"),
            Attribute("aria-labelledby", "error-summary-title"), Attribute("tabindex", "-1"),
          ]
        ) {
          el(
            "h2", [Attribute("id", "error-summary-title")],
            text: "\(bad.count) bedömningar kan inte registreras")
          el("ul") {
            for r in bad {
              el("li") {
                el(
                  "a", [Attribute("href", "#cell-\(r.line)-\(r.competenceID)")],
                  text: "Rad \(r.line): \(r.error ?? "")")
              }
            }
          }
          el("p", text: "Inget sparas förrän listan är rättad. Rätta filen och ladda upp den igen.")
        }
      }
      el("div", [Attribute("class", "preview")]) {
        el("h2", text: "Det här registreras")
        el(
          "p",
          text:
            "\(frameworkTitle.map { "\($0) (\(framework))" } ?? framework), \(method == .head ? "chefens bedömning av \(assessor)" : "självskattning"), \(date), från \(file): \(rows.count) bedömningar av \(persons) personer."
        )
      }
      Tables.table(
        "Bedömningarna i listan",
        columns: [
          .init("Rad"), .init("Person"), .init("Namn"), .init("Enhet"), .init("Kompetens"), .init("Nivå"),
          .init("Fel"),
        ],
        rows: rows.map { r in
          [
            el("span", [Attribute("id", "cell-\(r.line)-\(r.competenceID)")], text: "\(r.line)"),
            .text(r.person),
            .text(r.name ?? "–"), .text(r.unit ?? "–"), .text(r.competence), .text(r.level),
            .text(r.error ?? ""),
          ]
        })
      if bad.isEmpty && !rows.isEmpty {
        Forms.post(Routes.assessments, viewer: viewer) {
          Forms.hidden("framework", framework)
          Forms.hidden("method", method.rawValue)
          Forms.hidden("assessor", assessor)
          Forms.hidden("date", date)
          Forms.hidden("file", file)
          Forms.hidden("cells", carry(rows))
          Forms.button("Spara \(rows.count) bedömningar", name: "step", value: "confirm")
        }
      }
      el("p") { el("a", [.href(Routes.assessments)], text: "Ladda upp en annan lista") }
    }
  }

  /// The cells as one line for a hidden field: "line;person;competence;level" per cell, cells
  /// separated by ",", each text percent-encoded.
  static func carry(_ rows: [AssessmentPreviewRow]) -> String {
    rows.map {
      "\($0.line);\(WebPath.encode($0.person));\(WebPath.encode($0.competenceID));\(WebPath.encode($0.level))"
    }
    .joined(separator: ",")
  }

  /// The cells carried from the preview to the confirm step (see `carry`), or nil when malformed.
  public static func carriedAssessments(_ text: String) -> [(
    line: Int, person: String, competence: String, level: String
  )]? {
    var out: [(Int, String, String, String)] = []
    for raw in text.split(separator: ",", omittingEmptySubsequences: true) {
      let parts = raw.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
      guard parts.count == 4, let line = Int(parts[0]), let person = WebPath.decode(parts[1]),
        let competence = WebPath.decode(parts[2]), let level = WebPath.decode(parts[3]), !person.isEmpty,
        !competence.isEmpty, !level.isEmpty
      else { return nil }
      out.append((line, person, competence, level))
    }
    return out
  }
}
