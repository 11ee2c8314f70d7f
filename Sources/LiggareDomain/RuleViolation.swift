public import LiggareBasics

/// Why an event may not be appended: which rule of the contract it breaks, about what and when.
public enum RuleViolation: Error, Sendable, Hashable {
  case unknownUnit(String, on: CivilDate)
  case unitNotOpen(String, on: CivilDate)
  case notAUnit(String, kind: UnitKind)
  case unknownPerson(String, on: CivilDate)
  case unknownCourse(String, on: CivilDate)
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
      "\(u) är \(kind.swedish), inte en enhet; personal och examinatorer knyts till enheter (kind unit)"
    case .unknownPerson(let p, let d):
      "personen \(p) är inte registrerad den \(d); registrera först personen (log person-registered)"
    case .unknownCourse(let c, let d):
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
      "fältet \(field) har värdet \(value), tillåtet är \(allowed)"
    case .emptyField(let field):
      "fältet \(field) får inte vara tomt"
    case .occurredAfterRecorded(let occurredOn, let recordedOn):
      "occurredOn \(occurredOn) ligger efter registreringsdagen \(recordedOn); en händelse kan inte loggas i förväg"
    case .conflictingDuplicate(let id, let seq):
      "id \(id) finns redan i loggen (seq \(seq)) med annat innehåll; välj ett nytt id"
    }
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
