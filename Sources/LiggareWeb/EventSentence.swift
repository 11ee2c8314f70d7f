public import LiggareBasics
public import LiggareDomain

/// One Swedish sentence saying what an event records, with names where known: the preview before
/// saving, and the coordinator's recent registrations.
public enum EventSentence {
  /// - Parameters:
  ///   - names: person id → name (the register).
  ///   - units: unit id → name, as of the page's date.
  public static func describe(
    _ payload: Payload, on date: CivilDate, names: [String: String], units: [String: String] = [:]
  ) -> String {
    func who(_ p: String) -> String { names[p].map { "\($0) (\(p))" } ?? p }
    func unit(_ u: String) -> String { units[u].map { "\($0) (\(u))" } ?? u }
    let when = "den \(date)"
    switch payload {
    case .unitEstablished(let id, let name, let kind, let parent, let form):
      let what = kind == .city ? "Staden" : kind == .board ? "Nämnden" : "Enheten"
      return "\(what) \(name) (\(id))\(form.map { ", \($0.rawValue)" } ?? "")"
        + "\(parent.map { " under \(unit($0))" } ?? "") inrättas \(when)."
    case .unitRenamed(let u, let name): return "\(unit(u)) heter \(name) från \(when)."
    case .unitMoved(let u, let parent): return "\(unit(u)) hör till \(unit(parent)) från \(when)."
    case .unitMerged(let u, let into): return "\(unit(u)) slås ihop med \(unit(into)) \(when)."
    case .unitClosed(let u): return "\(unit(u)) läggs ned \(when)."
    case .personRegistered(let person): return "\(who(person)) registreras \(when)."
    case .staffAssigned(let person, let u, let role):
      return "\(who(person)) arbetar som \(role.rawValue) på \(unit(u)) från \(when)."
    case .staffLeft(let person): return "\(who(person)) slutar \(when)."
    case .courseDefined(let course, let title, let hours, let area):
      return
        "Kursen \(title) (\(course)), \(WebFormat.hours(hours)) timmar, område \(area.rawValue), från \(when)."
    case .courseCompleted(let person, let course, let hours):
      return
        "\(who(person)) har gått \(course)\(hours.map { " (\(WebFormat.hours($0)) timmar)" } ?? "") \(when)."
    case .pimLevelAttained(let person, let level, let examiner):
      return "PIM-nivå \(level) för \(who(person)), examinerad av \(who(examiner)) \(when)."
    case .examinerAppointed(let person, let u, let maxLevel):
      return "\(who(person)) är examinator på \(unit(u)) upp till nivå \(maxLevel) från \(when)."
    case .examinerRoleEnded(let person): return "\(who(person)) är inte längre examinator från \(when)."
    case .goalSet(let goal, let scope, let minLevel, let share, let deadline):
      return "Målet \(goal) för \(unit(scope)): \(WebFormat.percent(share)) på nivå \(minLevel) eller högre "
        + "senast \(deadline) (satt \(when))."
    case .eventRetracted(let event, let reason): return "Händelse \(event) dras tillbaka (\(reason)) \(when)."
    case .frameworkDefined(let framework, let title, let levels):
      return "Ramverket \(title) (\(framework)) med nivåerna \(levels.joined(separator: ", ")) från \(when)."
    case .competenceDefined(let competence, let framework, let title, let area):
      return
        "Kompetensen \(title) (\(competence)) i ramverket \(framework), område \(area.rawValue), från \(when)."
    case .requirementSet(let requirement, let competence, let minLevel, let scope, let roles, let forms):
      let who = roles.map { " för " + $0.map(\.rawValue).joined(separator: ", ") } ?? ""
      let whereForms = forms.map { " i " + $0.map(\.rawValue).joined(separator: ", ") } ?? ""
      return
        "Kravet \(requirement): \(competence) på nivå \(minLevel) eller högre i \(unit(scope))\(who)\(whereForms), "
        + "från \(when)."
    case .requirementEnded(let requirement): return "Kravet \(requirement) upphör \(when)."
    case .competenceAssessed(let person, let competence, let level, let method, let assessor):
      let how =
        method == .head ? "chefens bedömning av \(assessor.map(who) ?? "okänd bedömare")" : "självskattning"
      return "\(who(person)) har nivå \(level) i \(competence) (\(how)) \(when)."
    case .unitFollowUp(let u, let year, let ratings):
      let list = StrategyArea.allCases.map { "\($0.rawValue) \(ratings[$0].map(String.init) ?? "–")" }
      return "Uppföljningen \(year) för \(unit(u)): \(list.joined(separator: ", ")) (registrerad \(when))."
    case .measurePlanned(let measure, let scope, let area, let title, let due, let responsible):
      return "Åtgärden \(title) (\(measure)) för \(unit(scope)), område \(area.rawValue), klar senast \(due)"
        + "\(responsible.map { ", ansvarig \($0)" } ?? ""), från \(when)."
    case .measureStatus(let measure, let status):
      return "Åtgärden \(measure) har status \(status.rawValue) från \(when)."
    }
  }
}
