public import LiggareBasics
public import LiggareDomain

/// One entry in a person's timeline: an event about them in valid time, retracted or not.
public struct TimelineEntry: Sendable, Hashable {
  /// The day the event took effect.
  public var date: CivilDate
  public var eventID: String
  /// What happened, in Swedish ("PIM-nivå 3, examinator Åke (e-1)").
  public var what: String
  /// The retraction's reason when the event was retracted (as known at the page's moment).
  public var retractedBecause: String?
  /// True when the event was retracted.
  public var isRetracted: Bool

  public init(date: CivilDate, eventID: String, what: String, isRetracted: Bool, retractedBecause: String?) {
    self.date = date
    self.eventID = eventID
    self.what = what
    self.isRetracted = isRetracted
    self.retractedBecause = retractedBecause
  }
}

/// A person's page: unit and role, level history, courses by year and area, gaps, and the timeline.
public struct PersonPage: Sendable {
  /// The person view's JSON (docs/json.md, "person").
  public var view: JSONValue
  public var timeline: [TimelineEntry]
  public var asOf: CivilDate
  public var knownAt: String?

  public init(view: JSONValue, timeline: [TimelineEntry], asOf: CivilDate, knownAt: String?) {
    self.view = view
    self.timeline = timeline
    self.asOf = asOf
    self.knownAt = knownAt
  }

  public func render(viewer: Viewer) -> [UInt8] {
    let person = view["person"] ?? .null
    let id = person.str("id")
    return Layout.page(title: person.nameOrID, viewer: viewer, section: .other) {
      el("p", [Attribute("class", "lead")]) {
        "Person \(id). Som det var den \(view.str("asOf"))"
        if let known = view.optStr("knownAt") { ", så som det var känt \(known)" }
        "."
      }
      el("form", [Attribute("method", "get"), .action(Routes.person(id)), Attribute("class", "controls")]) {
        Forms.field(
          "as-of", label: "Som det var den", input: .date, hint: "ÅÅÅÅ-MM-DD",
          state: FormState(values: ["as-of": asOf.description]))
        Forms.field(
          "known-at", label: "Så som det var känt (valfritt)", input: .date, hint: "Tom: allt som är känt nu",
          state: FormState(values: ["known-at": knownAt ?? ""]), required: false)
        Forms.button("Visa", style: "secondary")
      }
      facts
      goals
      CompetenceSections.person(view)
      levels
      courses
      timelineSection(viewer: viewer)
    }
  }

  var facts: HTML {
    el("dl", [Attribute("class", "facts")]) {
      if let p = view.obj("placement") {
        el("dt", text: "Enhet")
        el("dd") {
          el("a", [.href(Routes.unit((p["unit"] ?? .null).str("id")))], text: (p["unit"] ?? .null).label)
        }
        if let board = p.obj("board") {
          el("dt", text: "Nämnd")
          el("dd", text: board.label)
        }
        el("dt", text: "Roll")
        el(
          "dd",
          text:
            "\(p.str("role"))\(p.bool("countsAsStaff") ? "" : " (räknas inte som personal)"), sedan \(p.str("since"))"
        )
      } else {
        el("dt", text: "Enhet")
        el("dd", text: "Ingen placering (slutat eller aldrig placerad)")
      }
      el("dt", text: "PIM-nivå")
      if let attained = view.obj("levelAttained") {
        el(
          "dd",
          text:
            "\(view.int("level")), uppnådd \(attained.str("date")), examinator \((attained["examiner"] ?? .null).label)"
        )
      } else {
        el("dd", text: "0 (ingen nivå uppnådd)")
      }
      el("dt", text: "Examinator")
      if let role = view.obj("examinerRole") {
        el(
          "dd",
          text:
            "Ja, upp till nivå \(role.int("maxLevel")) sedan \(role.str("since")), för \((role["unit"] ?? .null).label)"
        )
      } else {
        el("dd", text: "Nej")
      }
    }
  }

  var goals: HTML {
    let goals = view.list("goals")
    let gaps = view.list("gaps")
    return HTML.build {
      el("h2", text: "Mål som gäller personen")
      if goals.isEmpty {
        el("p", text: "Inga mål.")
      } else {
        Tables.table(
          "Mål och lucka",
          columns: [
            .init("Mål"), .init("Omfattning"), .init("Nivå", numeric: true), .init("Senast"),
            .init("Lucka", numeric: true),
          ],
          rows: goals.map { g in
            [
              .text(g.str("id")), .text((g["scope"] ?? .null).nameOrID), .text("≥\(g.int("minLevel"))"),
              .text(g.str("deadline")),
              .text(gaps.first { $0.str("goal") == g.str("id") }.map { "\($0.int("gap"))" } ?? "uppnått"),
            ]
          })
      }
    }
  }

  var levels: HTML {
    let history = view.list("levelHistory")
    return HTML.build {
      el("h2", text: "Nivåhistorik")
      if history.isEmpty {
        el("p", text: "Inga nivåer.")
      } else {
        Tables.table(
          "Nivåhistorik", columns: [.init("Datum"), .init("Nivå", numeric: true), .init("Examinator")],
          rows: history.map {
            [.text($0.str("date")), .text("\($0.int("level"))"), .text(($0["examiner"] ?? .null).label)]
          })
      }
    }
  }

  var courses: HTML {
    let years = view.list("hoursByYear")
    return HTML.build {
      el("h2", text: "Kurser per år och strategiområde")
      if years.isEmpty {
        el("p", text: "Inga kurser.")
      } else {
        let areas = (years.first ?? .null).list("byArea").map { $0.str("area") }
        Tables.table(
          "Kurstimmar per år och strategiområde",
          columns: [.init("År")] + areas.map { .init($0, numeric: true) } + [.init("Totalt", numeric: true)],
          rows: years.map { y in
            [.text("\(y.int("year"))")] + y.list("byArea").map { .text(WebFormat.hours($0.num("hours"))) } + [
              .text(WebFormat.hours(y.num("total")))
            ]
          })
      }
    }
  }

  func timelineSection(viewer: Viewer) -> HTML {
    HTML.build {
      el("h2", text: "Tidslinje")
      el(
        "p",
        text:
          "Varje händelse om personen i giltighetstid. Tillbakadragna händelser är överstrukna med skälet.")
      if timeline.isEmpty {
        el("p", text: "Inga händelser.")
      } else {
        Tables.table(
          "Händelser om personen",
          columns: [.init("Datum"), .init("Händelse"), .init("Id")]
            + (viewer.has(.coordinator) ? [.init("Åtgärd")] : []),
          rows: timeline.map { e in
            var row: [HTML] = [
              .text(e.date.description),
              e.isRetracted
                ? HTML.build {
                  el("del", text: e.what)
                  el(
                    "span", [Attribute("class", "reason")],
                    text: "Tillbakadragen: \(e.retractedBecause ?? "skäl okänt")")
                } : .text(e.what),
              .text(e.eventID),
            ]
            if viewer.has(.coordinator) {
              row.append(
                e.isRetracted ? .text("–") : el("a", [.href(Routes.retract(e.eventID))], text: "Dra tillbaka")
              )
            }
            return row
          })
      }
    }
  }
}

extension TimelineEntry {
  /// The entry for one event of `Chronicle.timeline(ofPerson:knownAtSeq:)`, in Swedish.
  ///
  /// - Parameters:
  ///   - person: names by person id (the register), for examiners.
  ///   - unit: a unit's name by id, as of the page's date.
  ///   - course: a course's title by id.
  ///   - competence: a competence's title by id.
  ///   - reason: the retraction's reason by the retraction's seq.
  public init(
    _ item: PersonTimelineItem, person: (String) -> String, unit: (String) -> String,
    course: (String) -> String, competence: (String) -> String = { $0 },
    reason: (UInt64) -> String?
  ) {
    let what: String
    switch item.change {
    case .registered: what = "Registrerad"
    case .assigned(let u, let role): what = "Placerad som \(role.rawValue) på \(unit(u))"
    case .left: what = "Slutade"
    case .levelAttained(let level, let examiner): what = "PIM-nivå \(level), examinator \(person(examiner))"
    case .courseCompleted(let c, let hours):
      what = "Kurs: \(course(c))" + (hours.map { " (\(WebFormat.hours($0)) timmar)" } ?? "")
    case .examinerAppointed(let u, let maxLevel):
      what = "Förordnad examinator upp till nivå \(maxLevel) för \(unit(u))"
    case .examinerEnded: what = "Examinatorsförordnandet upphörde"
    case .assessed(let competenceID, let level, let method, let assessor):
      what =
        "Bedömd \(level) i \(competence(competenceID)) ("
        + (method == .head
          ? "chefens bedömning, \(assessor.map(person) ?? "okänd bedömare")" : "självskattning")
        + ")"
    }
    self.init(
      date: item.date, eventID: item.eventID, what: what, isRetracted: item.retractedBySeq != nil,
      retractedBecause: item.retractedBySeq.flatMap(reason))
  }
}
