public import LiggareBasics

/// One of the coordinator's recent registrations, with "ångra".
public struct RecentRegistration: Sendable, Hashable {
  public var eventID: String
  public var date: CivilDate
  public var what: String
  public var isRetracted: Bool

  public init(eventID: String, date: CivilDate, what: String, isRetracted: Bool) {
    self.eventID = eventID
    self.date = date
    self.what = what
    self.isRetracted = isRetracted
  }
}

/// One row of an uploaded attendance list as the preview shows it.
public struct AttendancePreviewRow: Sendable, Hashable {
  public var line: Int
  public var person: String
  public var name: String?
  public var unit: String?
  public var hours: Double?
  /// Why the row cannot be saved, or nil.
  public var error: String?

  public init(line: Int, person: String, name: String?, unit: String?, hours: Double?, error: String?) {
    self.line = line
    self.person = person
    self.name = name
    self.unit = unit
    self.hours = hours
    self.error = error
  }
}

/// The coordinator's pages: the list of forms, one event's form, its preview, the attendance list.
public enum RegisterPages {
  /// "Registrera": every form, the attendance upload, search and the recent registrations.
  public static func index(viewer: Viewer, recent: [RecentRegistration], notice: String?) -> [UInt8] {
    Layout.page(title: "Registrera", viewer: viewer, section: .register) {
      if let notice { el("p", [Attribute("class", "notice"), Attribute("role", "status")], text: notice) }
      SearchPage.box(viewer: viewer, query: "")
      el("h2", text: "Vad vill du registrera?")
      if viewer.has(.coordinator) {
        el("h3", text: "PIM, personal, enheter och kurser")
        el("ul") {
          el("li") { el("a", [.href(Routes.attendance)], text: "Närvarolista för en kurs (fil)") }
          for form in EventForm.part1 where form.name != "retract" {
            el("li") { el("a", [.href(Routes.event(form.name))], text: form.title) }
          }
        }
      }
      el("h3", text: "Kompetenskrav, bedömningar, uppföljning och handlingsplan")
      el("ul") {
        if viewer.has(.coordinator) {
          el("li") { el("a", [.href(Routes.assessments)], text: "Självskattningar eller bedömningar (fil)") }
        } else if viewer.has(.head) {
          el("li") { el("a", [.href(Routes.assessments)], text: "Dina bedömningar av personalen (fil)") }
        }
        for form in EventForm.part2 where form.isAvailable(to: viewer) {
          el("li") { el("a", [.href(Routes.event(form.name))], text: form.title) }
        }
      }
      if viewer.has(.coordinator) {
        el(
          "p",
          text:
            "Ett fel rättas genom att dra tillbaka händelsen: välj ”Ångra” nedan eller ”Dra tillbaka” på personens sida."
        )
      } else {
        el(
          "p",
          text:
            "Blev något fel? Välj ”Ångra” vid registreringen nedan, ange skälet och registrera sedan rätt uppgift. Du kan dra tillbaka dina egna bedömningar och dina enheters uppföljningar; annat drar PIM-samordnaren tillbaka."
        )
      }
      el("h2", text: "Dina senaste registreringar")
      if recent.isEmpty {
        el("p", text: "Inga ännu.")
      } else {
        Tables.table(
          "Dina senaste registreringar",
          columns: [.init("Datum"), .init("Händelse"), .init("Id"), .init("Ångra")],
          rows: recent.map { r in
            [
              .text(r.date.description), r.isRetracted ? el("del", text: r.what) : .text(r.what),
              .text(r.eventID),
              r.isRetracted
                ? .text("tillbakadragen")
                : !(EventForm.named("retract")?.isAvailable(to: viewer) ?? false)
                  ? .text("–")
                  : el(
                    "a", [.href(Routes.retract(r.eventID)), Attribute("aria-label", "Ångra \(r.eventID)")],
                    text: "Ångra"),
            ]
          })
      }
    }
  }

  /// One event's form with the values typed and the refusals at their fields.
  ///
  /// - Parameters:
  ///   - examiners: for the PIM level form, the examiners valid on the form's date (id, label).
  ///   - choices: the options of the fields whose choices come from the ledger (frameworks,
  ///     competences, level labels, units, requirements, measures), by field key.
  ///   - fixed: fields whose value the viewer cannot choose (a head's own method and assessor),
  ///     shown as text and sent as hidden fields.
  public static func form(
    viewer: Viewer, form: EventForm, state: FormState, examiners: [(id: String, label: String)] = [],
    choices: [String: [(String, String)]] = [:], fixed: [String: (value: String, label: String)] = [:]
  ) -> [UInt8] {
    Layout.page(title: form.title, viewer: viewer, section: .register) {
      Forms.errorSummary(state.errors)
      Forms.post(Routes.event(form.name), viewer: viewer) {
        for f in form.fields {
          field(f, state: state, examiners: examiners, choices: choices, fixed: fixed)
        }
        Forms.field("date", label: "Datum", input: .date, hint: "Dagen det hände, ÅÅÅÅ-MM-DD", state: state)
        el("p", text: "Först visas vad som skulle registreras; inget sparas förrän du bekräftar.")
        Forms.button("Granska", name: "step", value: "preview")
      }
    }
  }

  /// One field of an event's form: fixed (text and a hidden field), a choice from the ledger, the
  /// examiners valid on the date, or the field as declared.
  static func field(
    _ f: EventForm.Field, state: FormState, examiners: [(id: String, label: String)],
    choices: [String: [(String, String)]], fixed: [String: (value: String, label: String)]
  ) -> HTML {
    if let fixedValue = fixed[f.key] {
      return el("div", [Attribute("class", "field")]) {
        el("p", [Attribute("id", Forms.id(f.key))]) {
          el("strong", text: f.label + ": ")
          fixedValue.label
        }
        if let error = state.error(f.key) {
          el(
            "span", [Attribute("class", "error-message"), Attribute("id", Forms.id(f.key) + "-error")],
            text: "Fel: " + error)
        }
        Forms.hidden(f.key, fixedValue.value)
      }
    }
    if f.key == "examiner" {
      return Forms.field(
        f.key, label: f.label,
        input: .select(
          [("", examiners.isEmpty ? "Ingen examinator är förordnad på datumet" : "Välj examinator")]
            + examiners.map { ($0.id, $0.label) }),
        hint: f.hint, state: state, required: f.required)
    }
    if let list = choices[f.key] ?? (f.input == .select([]) ? [] : nil) {
      // A typed field offered as a choice (a head's staff) gets a hint that fits.
      let hint = f.input == .text && f.key == "person" ? "Personalen på dina enheter" : f.hint
      return Forms.field(
        f.key, label: f.label,
        input: .select([("", list.isEmpty ? "Inget att välja på datumet" : "Välj")] + list),
        hint: hint, state: state, required: f.required)
    }
    return Forms.field(
      f.key, label: f.label, input: f.input, hint: f.hint, state: state, required: f.required)
  }

  /// What would be recorded, with the values carried in hidden fields, "Spara" and "Ändra".
  public static func preview(viewer: Viewer, form: EventForm, values: [String: String], sentences: [String])
    -> [UInt8]
  {
    Layout.page(title: "Granska: \(form.title)", viewer: viewer, section: .register) {
      el("div", [Attribute("class", "preview")]) {
        el("h2", text: "Det här registreras")
        el("ul") { for s in sentences { el("li", text: s) } }
        el("p", text: "Reglerna godkänner registreringen. Inget är sparat ännu.")
      }
      Forms.post(Routes.event(form.name), viewer: viewer) {
        for (key, value) in values.sorted(by: { $0.key < $1.key }) { Forms.hidden(key, value) }
        Forms.button("Spara", name: "step", value: "confirm")
        Forms.button("Ändra", name: "step", value: "edit", style: "secondary")
      }
    }
  }

  /// The attendance list upload: course, date and the file.
  public static func attendanceForm(viewer: Viewer, state: FormState) -> [UInt8] {
    Layout.page(title: "Närvarolista", viewer: viewer, section: .register) {
      Forms.errorSummary(state.errors)
      el(
        "p",
        text:
          "Ladda upp närvarolistan som en CSV-fil från Excel: en kolumn ”person” (eller ”deltagare”) med personens id och gärna en kolumn ”timmar”. Semikolon, tabb eller komma; Excels alla CSV-format och Unicode-text går bra. Timmar skrivs som 2,5."
      )
      Forms.post(Routes.attendance, viewer: viewer, multipart: true) {
        Forms.field("course", label: "Kurs", hint: "Kursens id, t.ex. pim-intro", state: state)
        Forms.field("date", label: "Datum", input: .date, hint: "Kursdagen, ÅÅÅÅ-MM-DD", state: state)
        Forms.field("file", label: "Närvarolista (CSV)", input: .file, state: state)
        el("p", text: "Först visas vad som skulle registreras; inget sparas förrän du bekräftar.")
        Forms.button("Granska", name: "step", value: "preview")
      }
    }
  }

  /// The attendance preview: rows read, persons found with name and unit, errors by row. Saving is
  /// offered only when no row has an error (all or nothing).
  public static func attendancePreview(
    viewer: Viewer, course: String, courseTitle: String?, date: String, file: String,
    rows: [AttendancePreviewRow]
  ) -> [UInt8] {
    let bad = rows.filter { $0.error != nil }
    return Layout.page(title: "Granska närvarolistan", viewer: viewer, section: .register) {
      if !bad.isEmpty {
        el(
          "div",
          [
            Attribute("class", "error-summary"), Attribute("role", "alert"),
            Attribute("aria-labelledby", "error-summary-title"), Attribute("tabindex", "-1"),
          ]
        ) {
          el("h2", [Attribute("id", "error-summary-title")], text: "\(bad.count) rader kan inte registreras")
          el("ul") {
            for r in bad {
              el("li") {
                el("a", [Attribute("href", "#row-\(r.line)")], text: "Rad \(r.line): \(r.error ?? "")")
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
            "\(courseTitle.map { "\($0) (\(course))" } ?? course), \(date), från \(file): \(rows.count) rader, \(rows.count - bad.count) personer hittade."
        )
      }
      el(
        "div",
        [
          Attribute("class", "table-scroll"), Attribute("role", "region"),
          Attribute("aria-label", "Raderna i närvarolistan"), Attribute("tabindex", "0"),
        ]
      ) {
        el("table") {
          el("caption", text: "Raderna i närvarolistan")
          el("thead") {
            el("tr") {
              for t in ["Rad", "Person", "Namn", "Enhet", "Timmar", "Fel"] {
                el("th", [Attribute("scope", "col")], text: t)
              }
            }
          }
          el("tbody") {
            for r in rows {
              el("tr", [Attribute("id", "row-\(r.line)")]) {
                el("th", [Attribute("scope", "row")], text: "\(r.line)")
                el("td", text: r.person)
                el("td", text: r.name ?? "–")
                el("td", text: r.unit ?? "–")
                el("td", [Attribute("class", "num")], text: r.hours.map(WebFormat.hours) ?? "kursens")
                el("td", text: r.error ?? "")
              }
            }
          }
        }
      }
      if bad.isEmpty && !rows.isEmpty {
        Forms.post(Routes.attendance, viewer: viewer) {
          Forms.hidden("course", course)
          Forms.hidden("date", date)
          Forms.hidden("file", file)
          Forms.hidden("rows", carry(rows))
          Forms.button("Spara \(rows.count) kursgenomföranden", name: "step", value: "confirm")
        }
      }
      el("p") { el("a", [.href(Routes.attendance)], text: "Ladda upp en annan lista") }
    }
  }

  /// The rows as one line for a hidden field (browsers drop line breaks there): "line;person;hours"
  /// per row, rows separated by ",", the person percent-encoded.
  static func carry(_ rows: [AttendancePreviewRow]) -> String {
    rows.map { "\($0.line);\(WebPath.encode($0.person));\($0.hours.map { "\($0)" } ?? "")" }.joined(
      separator: ",")
  }

  /// The rows carried from the preview to the confirm step (see `carry`), or nil when malformed.
  public static func carriedRows(_ text: String) -> [(line: Int, person: String, hours: Double?)]? {
    var out: [(Int, String, Double?)] = []
    for raw in text.split(separator: ",", omittingEmptySubsequences: true) {
      var parts = raw.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
      guard parts.count == 3, let person = WebPath.decode(parts[1]) else { return nil }
      parts[1] = person
      guard parts.count == 3, let line = Int(parts[0]), !parts[1].isEmpty else { return nil }
      if parts[2].isEmpty {
        out.append((line, parts[1], nil))
      } else {
        guard let h = Double(parts[2]), h.isFinite else { return nil }
        out.append((line, parts[1], h))
      }
    }
    return out
  }
}
