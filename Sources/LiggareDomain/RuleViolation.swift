public import LiggareBasics

/// Why an event may not be appended: which rule of the contract it breaks, about what and when.
public enum RuleViolation: Error, Sendable, Hashable {
  case unknownUnit(String, on: CivilDate)
  case unitNotOpen(String, on: CivilDate)
  case notAUnit(String, kind: UnitKind)
  /// `registeredOn`: the person's registration when it is dated after `on` (the event is too early).
  case unknownPerson(String, on: CivilDate, registeredOn: CivilDate? = nil)
  /// `definedOn`: the course's definition when it is dated after `on`; `near`: existing course ids
  /// spelt nearly the same.
  case unknownCourse(String, on: CivilDate, definedOn: CivilDate? = nil, near: [String] = [])
  case unknownEvent(String)
  case alreadyExists(what: String, id: String)
  case cityAlreadyExists(String)
  case parentNotAllowed(String)
  case parentRequired(String)
  case wrongParentKind(unit: String, kind: UnitKind, parent: String, parentKind: UnitKind)
  case schoolFormNotAllowed(String, kind: UnitKind)
  case cannotChangeCity(String)
  case mergeIntoItself(String)
  case mergeKindMismatch(unit: String, kind: UnitKind, into: String, intoKind: UnitKind)
  case hasOpenChildren(String, children: [String], on: CivilDate)
  case hasPeople(String, people: [String], on: CivilDate)
  case notAssigned(String, on: CivilDate)
  case examinerIsCandidate(String)
  case notAnExaminer(String, on: CivilDate)
  case examinerLevelTooLow(String, maxLevel: Int, level: Int, on: CivilDate)
  case noExaminerRole(String, on: CivilDate)
  case alreadyRetracted(String, by: String)
  case retractsRetraction(String)
  case hasDependants(String, dependants: [String])
  case outOfRange(field: String, value: String, allowed: String)
  case emptyField(String)
  case occurredAfterRecorded(occurredOn: CivilDate, recordedOn: CivilDate)
  case conflictingDuplicate(id: String, existingSeq: UInt64)
  case unknownFramework(String, on: CivilDate)
  case unknownCompetence(String, on: CivilDate)
  case unknownRequirement(String, on: CivilDate)
  case unknownMeasure(String, on: CivilDate)
  case unknownLevel(field: String, label: String, framework: String, allowed: [String], on: CivilDate)
  case levelCountChanged(framework: String, count: Int, existing: Int)
  case competenceFrameworkChanged(competence: String, framework: String, existing: String)
  case notStaff(String, on: CivilDate)
  case assessorMissing
  case assessorNotAllowed(String)
  case assessorIsPerson(String)
  case notHeadOfUnit(assessor: String, person: String, unit: String, on: CivilDate)
  case requirementNotInForce(String, on: CivilDate)
  case measureFinished(String, status: MeasureState, on: CivilDate)
  case responsibleIsPerson(String)
  /// A completion of the same person, course and date as `earlier`, which is in force.
  case repeatedCompletion(person: String, course: String, on: CivilDate, earlier: String)
}

extension RuleViolation: CustomStringConvertible {
  /// Swedish: what is wrong and what to do about it.
  public var description: String {
    switch self {
    case .unknownUnit(let u, let d):
      "enheten \(u) finns inte den \(d); registrera den först med UnitEstablished (log unit-established)"
    case .unitNotOpen(let u, let d):
      "enheten \(u) är stängd den \(d); välj en öppen enhet"
    case .notAUnit(let u, let kind):
      "\(u) är \(kind.swedish), inte en enhet; personal och examinatorer knyts till enheter (slag unit)"
    case .unknownPerson(let p, let d, let registeredOn?):
      "personen \(p) registrerades först den \(registeredOn), efter händelsens datum \(d); "
        + "kontrollera datumet, eller rätta registreringen om personen fanns redan då"
    case .unknownPerson(let p, let d, nil):
      "personen \(p) är inte registrerad den \(d); registrera först personen (log person-registered)"
    case .unknownCourse(let c, let d, let definedOn?, _):
      "kursen \(c) definierades först den \(definedOn), efter händelsens datum \(d); "
        + "kontrollera datumet, eller rätta kursdefinitionen om kursen fanns redan då"
    case .unknownCourse(let c, let d, nil, let near) where !near.isEmpty:
      "kursen \(c) finns inte i katalogen den \(d); menade du \(Self.alternatives(near))?"
    case .unknownCourse(let c, let d, nil, _):
      "kursen \(c) finns inte i katalogen den \(d); definiera först kursen (log course-defined)"
    case .unknownEvent(let e):
      "händelsen \(e) finns inte i loggen"
    case .alreadyExists(let what, let id):
      "\(what) \(id) finns redan; välj ett nytt id"
    case .cityAlreadyExists(let c):
      "det finns redan en stad (\(c)); det får bara finnas en"
    case .parentNotAllowed(let u):
      "staden \(u) kan inte ha någon överordnad (parent)"
    case .parentRequired(let u):
      "\(u) behöver en överordnad (parent): en nämnd har staden, en enhet har en nämnd"
    case .wrongParentKind(let u, let kind, let parent, let parentKind):
      "\(u) är \(kind.swedish) och kan inte ligga under \(parent), som är \(parentKind.swedish); "
        + "en nämnd ligger under staden och en enhet under en nämnd"
    case .schoolFormNotAllowed(let u, let kind):
      "\(u) är \(kind.swedish) och kan inte ha någon skolform"
    case .cannotChangeCity(let u):
      "staden \(u) kan inte flyttas, slås ihop eller stängas"
    case .mergeIntoItself(let u):
      "\(u) kan inte slås ihop med sig själv"
    case .mergeKindMismatch(let u, let kind, let into, let intoKind):
      "\(u) är \(kind.swedish) och kan inte slås ihop med \(into), som är \(intoKind.swedish)"
    case .hasOpenChildren(let u, let children, let d):
      "\(u) har öppna underordnade den \(d) (\(children.joined(separator: ", "))); flytta eller stäng dem först"
    case .hasPeople(let u, let people, let d):
      "\(u) har personal eller examinatorer den \(d) (\(Self.list(people))); "
        + "flytta dem, avsluta dem eller slå ihop enheten i stället"
    case .notAssigned(let p, let d):
      "\(p) har ingen placering den \(d); StaffLeft kräver att personen är placerad"
    case .examinerIsCandidate(let p):
      "\(p) kan inte examinera sig själv; examinatorn måste vara en annan person"
    case .notAnExaminer(let p, let d):
      "\(p) är inte examinator den \(d); registrera först ett förordnande (log examiner)"
    case .examinerLevelTooLow(let p, let maxLevel, let level, let d):
      "\(p) får examinera till och med nivå \(maxLevel) den \(d), inte nivå \(level); "
        + "utöka förordnandet eller välj en annan examinator"
    case .noExaminerRole(let p, let d):
      "\(p) har inget examinatorsförordnande den \(d) att avsluta"
    case .alreadyRetracted(let e, let by):
      "händelsen \(e) är redan återkallad (av \(by))"
    case .retractsRetraction(let e):
      "\(e) är en återkallelse och kan inte själv återkallas"
    case .hasDependants(let e, let dependants):
      "händelsen \(e) har händelser som bygger på den (\(Self.list(dependants))); återkalla dem först"
    case .outOfRange(let field, let value, let allowed):
      "\(FieldName.swedish(field)) har värdet \(value), tillåtet är \(allowed)"
    case .emptyField(let field):
      "\(FieldName.swedish(field)) får inte vara tomt"
    case .occurredAfterRecorded(let occurredOn, let recordedOn):
      "datumet \(occurredOn) ligger efter registreringsdagen \(recordedOn); en händelse kan inte registreras i förväg"
    case .conflictingDuplicate(let id, let seq):
      "id \(id) finns redan i loggen (seq \(seq)) med annat innehåll; välj ett nytt id"
    case .unknownFramework(let f, let d):
      "ramverket \(f) finns inte den \(d); definiera det först (log framework)"
    case .unknownCompetence(let c, let d):
      "kompetensen \(c) finns inte den \(d); definiera den först (log competence)"
    case .unknownRequirement(let r, let d):
      "kravet \(r) finns inte den \(d); sätt det först (log requirement)"
    case .unknownMeasure(let m, let d):
      "åtgärden \(m) finns inte den \(d); planera den först (log measure)"
    case .unknownLevel(let field, let label, let f, let allowed, let d):
      "\(FieldName.swedish(field)) har nivån \"\(label)\", som inte finns i ramverket \(f) den \(d); "
        + "tillåtna är \(allowed.joined(separator: ", "))"
    case .levelCountChanged(let f, let count, let existing):
      "ramverket \(f) har redan \(existing) nivåer; en ny definition får byta namn på nivåerna men inte "
        + "ändra antalet (\(count)); definiera ett nytt ramverk i stället"
    case .competenceFrameworkChanged(let c, let f, let existing):
      "kompetensen \(c) hör till ramverket \(existing) och kan inte flyttas till \(f); definiera en ny kompetens"
    case .notStaff(let p, let d):
      "\(p) är inte personal den \(d) (ingen placering, slutat eller rollen annan); bara personal bedöms"
    case .assessorMissing:
      "en bedömning av chefen (metod head) kräver en bedömare: den rektor eller förskolechef som bedömt"
    case .assessorNotAllowed(let a):
      "en självskattning (metod self) har ingen bedömare; ta bort bedömaren (\(a)) eller ange metod head"
    case .assessorIsPerson(let p):
      "\(p) kan inte bedöma sig själv som chef; använd en självskattning (metod self) "
        + "eller låt en annan chef på enheten bedöma"
    case .notHeadOfUnit(let a, let p, let u, let d):
      "\(a) är inte rektor eller förskolechef på \(p)s enhet \(u) den \(d); bara enhetens chef gör chefsbedömningar"
    case .requirementNotInForce(let r, let d):
      "kravet \(r) gäller inte den \(d) (redan avslutat); inget att avsluta"
    case .measureFinished(let m, let status, let d):
      "åtgärden \(m) är redan \(status.rawValue) den \(d); dess status kan inte ändras mer"
    case .responsibleIsPerson(let r):
      "ansvarig får inte vara en person (\(r) är en registrerad person); ange en funktion, "
        + "t.ex. \"IT-strateg\""
    case .repeatedCompletion(let p, let c, let d, let earlier):
      "\(p) har redan gått \(c) den \(d) (händelse \(earlier)); samma person, kurs och dag två gånger "
        + "är nästan alltid samma uppgift registrerad två gånger"
    }
  }

  /// "a", "a eller b", "a, b eller c".
  static func alternatives(_ items: [String]) -> String {
    guard let last = items.last, items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " eller " + last
  }

  static func list(_ items: [String]) -> String {
    items.count <= 5 ? items.joined(separator: ", ") : items.prefix(5).joined(separator: ", ") + " m.fl."
  }
}

extension UnitKind {
  /// "staden", "en nämnd", "en enhet".
  public var swedish: String {
    switch self {
    case .city: "staden"
    case .board: "en nämnd"
    case .unit: "en enhet"
    }
  }
}
