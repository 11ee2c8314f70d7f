import LiggareBasics
import LiggareDomain

/// One Swedish sentence saying what an event records, with names where known.
enum EventDescription {
  static func sentence(for payload: Payload, on date: CivilDate, names: [String: String]) -> String {
    func who(_ p: String) -> String { names[p].map { "\($0) (\(p))" } ?? p }
    let when = "den \(date)"
    switch payload {
    case .unitEstablished(let unit, let name, let kind, let parent, let form):
      let what = kind == .city ? "staden" : kind == .board ? "nämnden" : "enheten"
      return "\(what) \(name) (\(unit))\(form.map { ", \($0.rawValue)" } ?? "")"
        + "\(parent.map { " under \($0)" } ?? "") inrättas \(when)."
    case .unitRenamed(let unit, let name): return "\(unit) heter \(name) från \(when)."
    case .unitMoved(let unit, let parent): return "\(unit) hör till \(parent) från \(when)."
    case .unitMerged(let unit, let into): return "\(unit) slås ihop med \(into) \(when)."
    case .unitClosed(let unit): return "\(unit) läggs ned \(when)."
    case .personRegistered(let person): return "\(who(person)) registreras \(when)."
    case .staffAssigned(let person, let unit, let role):
      return "\(who(person)) arbetar som \(role.rawValue) på \(unit) från \(when)."
    case .staffLeft(let person): return "\(who(person)) slutar \(when)."
    case .courseDefined(let course, let title, let hours, let area):
      return "kursen \(title) (\(course)), \(hours.formatted) timmar, område \(area.rawValue), från \(when)."
    case .courseCompleted(let person, let course, let hours):
      return "\(who(person)) har gått \(course)\(hours.map { " (\($0.formatted) timmar)" } ?? "") \(when)."
    case .pimLevelAttained(let person, let level, let examiner):
      return "PIM-nivå \(level) för \(who(person)), examinerad av \(who(examiner)) \(when)."
    case .examinerAppointed(let person, let unit, let maxLevel):
      return "\(who(person)) är examinator på \(unit) upp till nivå \(maxLevel) från \(when)."
    case .examinerRoleEnded(let person): return "\(who(person)) är inte längre examinator från \(when)."
    case .goalSet(let goal, let scope, let minLevel, let share, let deadline):
      return "målet \(goal) för \(scope): \((share * 100).formatted) % på nivå \(minLevel) eller högre "
        + "senast \(deadline) (satt \(when))."
    case .eventRetracted(let event, let reason): return "händelse \(event) dras tillbaka (\(reason)) \(when)."
    case .frameworkDefined(let framework, let title, let levels):
      return "ramverket \(title) (\(framework)) med nivåerna \(levels.joined(separator: ", ")) från \(when)."
    case .competenceDefined(let competence, let framework, let title, let area):
      return
        "kompetensen \(title) (\(competence)) i ramverket \(framework), område \(area.rawValue), från \(when)."
    case .requirementSet(let requirement, let competence, let minLevel, let scope, let roles, let forms):
      let whom = roles.map { " för " + $0.map(\.rawValue).joined(separator: ", ") } ?? ""
      let where_ = forms.map { " i " + $0.map(\.rawValue).joined(separator: ", ") } ?? ""
      return
        "kravet \(requirement): \(competence) på nivå \(minLevel) eller högre inom \(scope)\(whom)\(where_) "
        + "från \(when)."
    case .requirementEnded(let requirement): return "kravet \(requirement) upphör \(when)."
    case .competenceAssessed(let person, let competence, let level, let method, let assessor):
      let how = method == .self ? "självskattning" : "bedömd av \(assessor.map(who) ?? "chefen")"
      return "\(who(person)) har nivå \(level) i \(competence) (\(how)) \(when)."
    case .unitFollowUp(let unit, let year, let ratings):
      let text = StrategyArea.allCases.map { "\($0.rawValue) \(ratings[$0].map(String.init) ?? "–")" }
      return "uppföljningen av \(unit) för \(year): \(text.joined(separator: ", ")) (\(when))."
    case .measurePlanned(let measure, let scope, let area, let title, let due, let responsible):
      return "åtgärden \(title) (\(measure)) för \(scope), område \(area.rawValue), klar senast \(due)"
        + "\(responsible.map { ", ansvarig \($0)" } ?? "") (planerad \(when))."
    case .measureStatus(let measure, let status):
      return "åtgärden \(measure) har status \(status.rawValue) från \(when)."
    }
  }
}

extension Double {
  /// As given, with a decimal comma and without a binary approximation's tail ("2,5", "90").
  var formatted: String { SwedishNumber.exact(self, style: .terminal) }
}
