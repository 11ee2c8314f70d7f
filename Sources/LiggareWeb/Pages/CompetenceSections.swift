public import LiggareBasics

/// Contract Part 2 on the person, unit and city pages, drawn from the views' JSON (docs/json.md:
/// `requirements`, `followUp`, `measures`, `measuresByBoard`, `followUpByBoard`); nothing is
/// computed here.
public enum CompetenceSections {
  /// A mean rating with one decimal and a decimal comma.
  static func mean(_ value: JSONValue?) -> String {
    guard let x = value?.numberValue, x.isFinite else { return "–" }
    let tenths = Int((x * 10).rounded())
    return "\(tenths / 10),\(abs(tenths % 10))"
  }

  static func share(_ value: JSONValue?) -> String {
    value?.numberValue.map(WebFormat.percent) ?? "–"
  }

  static func competenceTitle(_ requirement: JSONValue) -> String {
    let c = requirement["competence"] ?? .null
    return c.optStr("title") ?? c.str("id")
  }

  static func assessed(_ a: JSONValue?) -> String {
    guard let a, a != .null else { return "–" }
    return "\(a.str("level")) (\(a.str("date")))"
  }

  // MARK: Person

  /// "Kompetenskrav": each requirement that applies, the self and head levels, the level that
  /// counts and the gap or "ej bedömd".
  public static func person(_ view: JSONValue) -> HTML {
    let statuses = view.list("requirements")
    return HTML.build {
      el("h2", [Attribute("id", "requirements")], text: "Kompetenskrav som gäller personen")
      if statuses.isEmpty {
        el("p", text: "Inga krav gäller.")
      } else {
        Tables.table(
          "Kompetenskrav med självskattning, chefens bedömning och lucka",
          columns: [
            .init("Krav"), .init("Kompetens"), .init("Lägst"), .init("Självskattning"),
            .init("Chefens bedömning"),
            .init("Gäller"), .init("Lucka", numeric: true),
          ],
          rows: statuses.map { s in
            let r = s["requirement"] ?? .null
            let gap: String =
              s.bool("notAssessed")
              ? "ej bedömd"
              : s.bool("met")
                ? "uppnått" : s.obj("gap").map { "\($0.numberValue.map { Int($0) } ?? 0)" } ?? "?"
            return [
              .text(r.str("id")), .text(competenceTitle(r)), .text(r.str("minLevel")),
              .text(assessed(s["self"])),
              .text(assessed(s["head"])), .text((s["counting"] ?? .null).optStr("level") ?? "–"), .text(gap),
            ]
          })
        el(
          "p", [Attribute("class", "hint")],
          text:
            "Gäller: chefens bedömning om den finns, annars självskattningen. Lucka: nivåsteg upp till kravet."
        )
      }
    }
  }

  // MARK: Unit or board

  /// A unit's or board's Part 2: each requirement's fulfilment, for a unit who is below or not
  /// assessed, the follow-up per area and the action-plan measures with the overdue ones marked.
  ///
  /// - Parameters:
  ///   - assess: for a viewer who may record a head's assessment, the link to its form for a
  ///     person and competence (nil for a person they may not assess); nil otherwise.
  ///   - followUpLink: the link to record the unit's follow-up, for a head.
  public static func node(
    _ view: JSONValue, isUnit: Bool, assess: ((_ person: String, _ competence: String) -> WebPath?)? = nil,
    followUp followUpLink: WebPath? = nil
  ) -> HTML {
    let requirements = view.list("requirements")
    return HTML.build {
      el("h2", [Attribute("id", "requirements")], text: "Kompetenskrav")
      if requirements.isEmpty {
        el("p", text: "Inga krav gäller.")
      } else {
        Tables.table(
          "Kompetenskravens uppfyllelse",
          columns: [
            .init("Krav"), .init("Kompetens"), .init("Lägst"), .init("Gäller", numeric: true),
            .init("Uppnår", numeric: true), .init("Ej bedömda", numeric: true), .init("Andel", numeric: true),
          ],
          rows: requirements.map { f in
            let r = f["requirement"] ?? .null
            return [
              .text(r.str("id")), .text(competenceTitle(r)), .text(r.str("minLevel")),
              .text(WebFormat.integer(f.int("applies"))), .text(WebFormat.integer(f.int("met"))),
              .text(WebFormat.integer(f.int("notAssessed"))), .text(share(f["shareMet"])),
            ]
          })
        if isUnit {
          for f in requirements where !f.list("below").isEmpty || !f.list("notAssessedPeople").isEmpty {
            let r = f["requirement"] ?? .null
            let competence = (r["competence"] ?? .null).str("id")
            let label = "\(r.str("id")): under kravet (\(r.str("minLevel")) eller högre) eller ej bedömda"
            Tables.table(
              label,
              columns: [.init("Person"), .init("Nivå"), .init("Lucka", numeric: true)]
                + (assess == nil ? [] : [.init("Åtgärd")]),
              rows: f.list("below").map { b in
                let p = b["person"] ?? .null
                return [
                  el("a", [.href(Routes.person(p.str("id")))], text: p.label),
                  .text(b.optStr("level") ?? "–"),
                  .text(b.obj("gap").map { "\($0.numberValue.map { Int($0) } ?? 0)" } ?? "?"),
                ] + assessCell(assess, person: p, competence: competence)
              }
                + f.list("notAssessedPeople").map { p in
                  [
                    el("a", [.href(Routes.person(p.str("id")))], text: p.label), .text("–"),
                    .text("ej bedömd"),
                  ] + assessCell(assess, person: p, competence: competence)
                })
          }
        }
      }
      followUp(view["followUp"] ?? .null, isUnit: isUnit)
      if let followUpLink {
        el("p") { el("a", [.href(followUpLink)], text: "Registrera enhetens uppföljning") }
      }
      measures(view.list("measures"))
    }
  }

  static func assessCell(
    _ assess: ((String, String) -> WebPath?)?, person: JSONValue, competence: String
  ) -> [HTML] {
    guard let assess else { return [] }
    guard let path = assess(person.str("id"), competence) else { return [.text("–")] }
    return [el("a", [.href(path), Attribute("aria-label", "Bedöm \(person.nameOrID)")], text: "Bedöm")]
  }

  static func followUp(_ f: JSONValue, isUnit: Bool) -> HTML {
    let year = f.int("year")
    return HTML.build {
      el("h2", [Attribute("id", "follow-up")], text: "Uppföljning \(year)")
      el(
        "p", [Attribute("class", "hint")],
        text: "Betyg 1 ej påbörjat, 2 påbörjat, 3 etablerat, 4 en del av vardagen.")
      if isUnit {
        if let own = f.obj("own") {
          Tables.table(
            "Enhetens uppföljning \(year) per strategiområde",
            columns: [.init("Strategiområde"), .init("Betyg", numeric: true)],
            rows: own.list("ratings").map { r in
              [.text(r.str("area")), .text(r.obj("rating").map { "\(Int($0.numberValue ?? 0))" } ?? "–")]
            })
          el("p", text: "Registrerad \(own.str("recordedOn")).")
        } else {
          el("p", text: "Ingen uppföljning för \(year).")
        }
      } else {
        Tables.table(
          "Medelbetyg \(year) per strategiområde",
          columns: [.init("Strategiområde"), .init("Medel", numeric: true)],
          rows: f.list("meanByArea").map { [.text($0.str("area")), .text(mean($0["mean"]))] })
        el("p", text: "Enheter med uppföljning: \(WebFormat.integer(f.int("unitsWithFollowUp"))).")
        let missing = f.list("missing")
        if !missing.isEmpty {
          el("p") {
            "Utan uppföljning (\(missing.count)): "
            for (i, u) in missing.enumerated() {
              if i > 0 { ", " }
              el("a", [.href(Routes.unit(u.str("id")))], text: u.nameOrID)
            }
          }
        }
      }
    }
  }

  static func measures(_ list: [JSONValue]) -> HTML {
    HTML.build {
      el("h2", [Attribute("id", "measures")], text: "Åtgärder i handlingsplanen")
      if list.isEmpty {
        el("p", text: "Inga åtgärder.")
      } else {
        let overdue = list.filter { $0.bool("overdue") }.count
        Tables.table(
          "Åtgärder i handlingsplanen",
          columns: [
            .init("Åtgärd"), .init("Område"), .init("Klar senast"), .init("Status"), .init("Gäller"),
          ],
          rows: list.map { m in
            [
              .text(m.str("title")), .text(m.str("area")), .text(m.str("due")),
              m.bool("overdue")
                ? el("strong", [Attribute("class", "overdue")], text: "\(m.str("status")) (försenad)")
                : .text(m.str("status")),
              .text((m["scope"] ?? .null).nameOrID),
            ]
          })
        el(
          "p",
          text:
            "Försenade: \(WebFormat.integer(overdue)) (klar senast har passerat, status planerad eller pågår)."
        )
      }
    }
  }

  // MARK: City

  /// The city's Part 2: each requirement per board, the boards' measures by status with the overdue
  /// ones listed, and the follow-up per board.
  public static func city(_ view: JSONValue) -> HTML {
    let requirements = view.list("requirements")
    let measures = view.list("measuresByBoard")
    let followUps = view.list("followUpByBoard")
    func boardCell(_ b: JSONValue) -> HTML {
      let board = b["board"] ?? .null
      return el("a", [.href(Routes.unit(board.str("id")))], text: board.nameOrID)
    }
    return HTML.build {
      el("h2", [Attribute("id", "requirements")], text: "Kompetenskrav per nämnd")
      if requirements.isEmpty {
        el("p", text: "Inga krav gäller.")
      }
      for entry in requirements {
        let r = entry["requirement"] ?? .null
        let total = entry["total"] ?? .null
        Tables.table(
          "\(r.str("id")): \(competenceTitle(r)), \(r.str("minLevel")) eller högre",
          columns: [
            .init("Nämnd"), .init("Gäller", numeric: true), .init("Uppnår", numeric: true),
            .init("Ej bedömda", numeric: true), .init("Andel", numeric: true),
          ],
          rows: entry.list("byBoard").map { b in
            [
              boardCell(b), .text(WebFormat.integer(b.int("applies"))),
              .text(WebFormat.integer(b.int("met"))),
              .text(WebFormat.integer(b.int("notAssessed"))), .text(share(b["shareMet"])),
            ]
          },
          footer: total == .null
            ? []
            : [
              [
                .text("Hela staden"), .text(WebFormat.integer(total.int("applies"))),
                .text(WebFormat.integer(total.int("met"))),
                .text(WebFormat.integer(total.int("notAssessed"))),
                .text(share(total["shareMet"])),
              ]
            ])
      }
      el("h2", [Attribute("id", "measures")], text: "Åtgärder i handlingsplanerna")
      let statuses = (measures.first ?? .null).list("byStatus").map { $0.str("status") }
      Tables.table(
        "Åtgärder per nämnd och status",
        columns: [.init("Nämnd")] + statuses.map { .init($0, numeric: true) } + [
          .init("Försenade", numeric: true)
        ],
        rows: measures.enumerated().map { i, b in
          [i == measures.count - 1 ? .text("Hela staden") : boardCell(b)]
            + b.list("byStatus").map { .text(WebFormat.integer($0.int("count"))) }
            + [.text(WebFormat.integer(b.list("overdue").count))]
        })
      let overdue = (measures.last ?? .null).list("overdue")
      if !overdue.isEmpty {
        Tables.table(
          "Försenade åtgärder",
          columns: [
            .init("Åtgärd"), .init("Gäller"), .init("Område"), .init("Klar senast"), .init("Status"),
          ],
          rows: overdue.map { m in
            [
              .text(m.str("title")), .text((m["scope"] ?? .null).nameOrID), .text(m.str("area")),
              .text(m.str("due")), .text(m.str("status")),
            ]
          })
      }
      let year = (followUps.first ?? .null).int("year")
      el("h2", [Attribute("id", "follow-up")], text: "Uppföljning \(year) per nämnd")
      let areas = (followUps.first ?? .null).list("meanByArea").map { $0.str("area") }
      Tables.table(
        "Medelbetyg \(year) per nämnd och strategiområde (1–4)",
        columns: [.init("Nämnd")] + areas.map { .init($0, numeric: true) } + [
          .init("Utan uppföljning", numeric: true)
        ],
        rows: followUps.enumerated().map { i, b in
          [i == followUps.count - 1 ? .text("Hela staden") : boardCell(b)]
            + b.list("meanByArea").map { .text(mean($0["mean"])) } + [
              .text(WebFormat.integer(b.list("missing").count))
            ]
        })
    }
  }
}
