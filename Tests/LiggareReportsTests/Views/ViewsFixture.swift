import LiggareBasics
import LiggareDomain
import LiggareTestSupport

@testable import LiggareReports

/// The view tests' log (ChronicleBuilding).
///
/// The fixture city (all figures in ViewsTests are worked out by hand from it):
/// - stad "Exempelstad"; boards n-norr "Norra nämnden" and n-syd "Södra nämnden".
/// - n-norr: f-sol "Solrosens förskola", f-ek "Ekens förskola" (merged into f-sol 2012-06-01),
///   g-dal "Dalskolan" (moved to n-syd 2012-03-01).
/// - n-syd: g-berg (a very long name), pim "PIM-kontoret" (no school form).
/// - Examiners: e-1 at f-sol (max 5, from 2011-01-01); e-2 at g-berg (max 3, 2011-01-01, ended
///   2012-11-01).
/// - Goal g-stad (city) set 2011-01-01 as level 3, 50 %, by 2013-12-31; replaced 2012-03-01 by level 2,
///   80 %, by 2012-06-30. Goal g-norr (n-norr) level 4, 25 %, by 2014-06-30, set 2012-01-01.
/// - Corrections appended last: p-6's level 1 backdated to 2011-12-15, and the retraction of p-6's
///   completion "c-wrong" of 2012-10-01.
struct ViewsFixture: ChronicleBuilding {
  var chronicle = Chronicle()
  var clock = fixtureStartClock
  /// The last seq before the two corrections.
  var beforeCorrections: UInt64 = 0

  static let longUnitName =
    "Bergsskolans grundskola och fritidshem för årskurserna F–9 i Södra stadsdelen med särskild profil"
  static let longPersonName = "David Ek-Långnamnsson de la Gardie af Wasaborg von Hohenzollern-Sigmaringen"

  /// The person register's names: p-2 and p-9 have none, so their keys show.
  static let names: [String: String] = [
    "e-1": "Åke Examinator", "e-2": "Greta Examinator", "p-1": "Anna Andersson", "p-3": "Ärla Svensson",
    "p-4": "Bo Berg", "p-5": "Cecilia Dahl", "p-6": longPersonName, "p-7": "Erik Annan", "p-8": "Fia Fors",
  ]

  static func city() throws -> ViewsFixture {
    var log = ViewsFixture()
    let start = "2010-01-01"
    try log.establishExampleCity(on: start)
    try log.append(
      .unitEstablished(
        unit: "g-dal", name: "Dalskolan", kind: .unit, parent: "n-norr", schoolForm: .grundskola),
      on: start)
    try log.append(
      .unitEstablished(
        unit: "g-berg", name: longUnitName, kind: .unit, parent: "n-syd", schoolForm: .grundskola),
      on: start)
    try log.append(
      .unitEstablished(unit: "pim", name: "PIM-kontoret", kind: .unit, parent: "n-syd", schoolForm: nil),
      on: start)
    try log.append(
      .courseDefined(course: "kurs-a", title: "Digitala verktyg", hours: 3, area: .digitalKompetens),
      on: start)
    try log.append(
      .courseDefined(course: "kurs-b", title: "Källkritik online", hours: 5, area: .digitaltInnehåll),
      on: start)
    let staff: [(String, String, StaffRole)] = [
      ("e-1", "f-sol", .förskollärare), ("e-2", "g-berg", .lärare), ("p-1", "f-sol", .förskollärare),
      ("p-2", "f-sol", .barnskötare), ("p-3", "f-ek", .förskollärare), ("p-4", "f-ek", .förskolechef),
      ("p-5", "g-dal", .lärare), ("p-6", "g-berg", .lärare), ("p-7", "g-berg", .annan),
      ("p-8", "pim", .lärare),
      ("p-9", "g-berg", .fritidspedagog),
    ]
    for (person, unit, role) in staff {
      try log.append(.personRegistered(person: person), on: start)
      try log.append(.staffAssigned(person: person, unit: unit, role: role), on: start)
    }
    try log.append(.examinerAppointed(person: "e-1", unit: "f-sol", maxLevel: 5), on: "2011-01-01")
    try log.append(.examinerAppointed(person: "e-2", unit: "g-berg", maxLevel: 3), on: "2011-01-01")
    try log.append(
      .goalSet(
        goal: "g-stad", scope: "stad", minLevel: 3, targetShare: 0.5,
        deadline: CivilDate(parsing: "2013-12-31")!),
      on: "2011-01-01")
    try log.append(.pimLevelAttained(person: "p-8", level: 5, examiner: "e-1"), on: "2011-02-01")
    try log.append(.pimLevelAttained(person: "p-1", level: 1, examiner: "e-1"), on: "2011-03-01")
    try log.append(.pimLevelAttained(person: "p-4", level: 4, examiner: "e-1"), on: "2011-06-01")
    try log.append(.courseCompleted(person: "p-1", course: "kurs-b", hours: nil), on: "2011-11-01")
    try log.append(
      .goalSet(
        goal: "g-norr", scope: "n-norr", minLevel: 4, targetShare: 0.25,
        deadline: CivilDate(parsing: "2014-06-30")!),
      on: "2012-01-01")
    try log.append(.pimLevelAttained(person: "p-2", level: 2, examiner: "e-1"), on: "2012-02-01")
    try log.append(.courseCompleted(person: "p-5", course: "kurs-b", hours: nil), on: "2012-02-15")
    try log.append(.unitMoved(unit: "g-dal", parent: "n-syd"), on: "2012-03-01")
    try log.append(
      .goalSet(
        goal: "g-stad", scope: "stad", minLevel: 2, targetShare: 0.8,
        deadline: CivilDate(parsing: "2012-06-30")!),
      on: "2012-03-01")
    try log.append(.courseCompleted(person: "p-1", course: "kurs-a", hours: nil), on: "2012-03-10")
    try log.append(.pimLevelAttained(person: "p-1", level: 3, examiner: "e-1"), on: "2012-04-01")
    try log.append(.courseCompleted(person: "p-5", course: "kurs-a", hours: nil), on: "2012-04-15")
    try log.append(.pimLevelAttained(person: "p-5", level: 2, examiner: "e-2"), on: "2012-05-01")
    try log.append(.courseCompleted(person: "p-7", course: "kurs-a", hours: nil), on: "2012-05-05")
    try log.append(.courseCompleted(person: "p-3", course: "kurs-b", hours: nil), on: "2012-05-20")
    try log.append(.unitMerged(unit: "f-ek", into: "f-sol"), on: "2012-06-01")
    try log.append(.courseCompleted(person: "p-2", course: "kurs-a", hours: 4), on: "2012-08-01")
    try log.append(.staffLeft(person: "p-9"), on: "2012-09-01")
    try log.append(
      .courseCompleted(person: "p-6", course: "kurs-b", hours: nil), on: "2012-10-01", id: "c-wrong")
    try log.append(.examinerRoleEnded(person: "e-2"), on: "2012-11-01")
    // Things that exist only after 2012, for the dated errors.
    try log.append(.personRegistered(person: "p-10"), on: "2013-01-15")
    try log.append(
      .unitEstablished(
        unit: "g-ny", name: "Nya skolan", kind: .unit, parent: "n-syd", schoolForm: .grundskola),
      on: "2013-02-01")
    try log.append(
      .goalSet(
        goal: "g-2014", scope: "stad", minLevel: 3, targetShare: 1,
        deadline: CivilDate(parsing: "2014-12-31")!),
      on: "2013-03-01")
    log.beforeCorrections = log.chronicle.lastSeq
    try log.append(.pimLevelAttained(person: "p-6", level: 1, examiner: "e-2"), on: "2011-12-15")
    try log.append(.eventRetracted(event: "c-wrong", reason: "fel person"), on: "2013-03-02")
    return log
  }
}
