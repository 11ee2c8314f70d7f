import LiggareBasics
import LiggareDomain
import LiggareTestSupport

@testable import LiggareReports

/// The report tests' log (ChronicleBuilding), with the report and head it answers.
struct ReportLogBuilder: ChronicleBuilding {
  var chronicle = Chronicle()
  var clock = fixtureStartClock

  /// A stand-in chain hash: tests need a stable value per seq, not a real chain.
  static func hash(_ seq: UInt64) -> String {
    let hex = Array("0123456789abcdef")
    return String((0..<64).map { hex[Int((seq &* 2_654_435_761 &+ UInt64($0) &* 40_503) % 16)] })
  }

  /// The head as of `knownAt` for this log.
  func head(knownAt: Timestamp) -> LogHeadInfo {
    let seq = chronicle.lastSeq(knownAt: knownAt)
    return LogHeadInfo(seq: seq, hash: ReportLogBuilder.hash(seq))
  }

  /// The report for `year` as known at `knownAt` (the last event's time when nil).
  func report(
    year: Int = 2012, knownAt: Timestamp? = nil, scope: String? = nil, format: ReportFormat = .json,
    dialect: CSVDialect = .swedish
  ) throws -> AnnualReport {
    let k = knownAt ?? clock
    let request = ReportRequest(year: year, knownAt: k, scope: scope, format: format, csvDialect: dialect)
    return try AnnualReport(chronicle: chronicle, request: request, head: head(knownAt: k))
  }

  /// The fixture every report test uses; the expected figures are worked out by hand in
  /// ReportFigureTests. Two boards, four units (one without school form), a merger during 2012,
  /// a person who leaves, a non-staff person's work, a backdated level and a retracted completion.
  static func city() throws -> ReportLogBuilder {
    var log = ReportLogBuilder()
    let start = "2010-01-01"
    try log.establishExampleCity(on: start)
    try log.append(
      .unitEstablished(
        unit: "g-berg", name: "Bergsskolan", kind: .unit, parent: "n-syd", schoolForm: .grundskola),
      on: start)
    try log.append(
      .unitEstablished(unit: "pim", name: "PIM-kontoret", kind: .unit, parent: "n-syd", schoolForm: nil),
      on: start)
    try log.append(
      .courseDefined(course: "kurs-a", title: "Digitala verktyg", hours: 3, area: .digitalKompetens),
      on: start)
    try log.append(
      .courseDefined(course: "kurs-b", title: "Digitalt innehåll", hours: 5, area: .digitaltInnehåll),
      on: start)
    try log.append(
      .courseDefined(course: "kurs-c", title: "Uppföljning", hours: 2, area: .uppföljning), on: start)
    let placements: [(String, String, StaffRole)] = [
      ("p1", "f-sol", .förskollärare), ("p2", "f-sol", .barnskötare), ("p3", "f-ek", .förskollärare),
      ("p4", "g-berg", .lärare), ("p5", "g-berg", .lärare), ("p6", "g-berg", .rektor), ("p7", "pim", .annan),
      ("p8", "f-ek", .lärare),
    ]
    for (person, unit, role) in placements {
      try log.append(.personRegistered(person: person), on: start)
      try log.append(.staffAssigned(person: person, unit: unit, role: role), on: start)
    }
    try log.append(.examinerAppointed(person: "p7", unit: "pim", maxLevel: 5), on: start)
    try log.append(
      .goalSet(
        goal: "mal-2013", scope: "stad", minLevel: 3, targetShare: 1,
        deadline: CivilDate(parsing: "2013-12-31")!),
      on: "2011-01-01")
    try log.append(
      .goalSet(
        goal: "norr-2012", scope: "n-norr", minLevel: 2, targetShare: 0.5,
        deadline: CivilDate(parsing: "2012-06-30")!),
      on: "2011-01-01")
    // 2011: the year before.
    try log.append(.examinerAppointed(person: "p3", unit: "f-ek", maxLevel: 3), on: "2011-02-01")
    try log.append(.pimLevelAttained(person: "p1", level: 1, examiner: "p7"), on: "2011-03-01")
    try log.append(.pimLevelAttained(person: "p1", level: 2, examiner: "p7"), on: "2011-05-01")
    try log.append(.pimLevelAttained(person: "p4", level: 3, examiner: "p7"), on: "2011-06-01")
    try log.append(.pimLevelAttained(person: "p6", level: 1, examiner: "p7"), on: "2011-09-01")
    // 2012: the report year.
    try log.append(.pimLevelAttained(person: "p1", level: 3, examiner: "p7"), on: "2012-02-01")
    try log.append(.pimLevelAttained(person: "p5", level: 2, examiner: "p7"), on: "2012-03-01")
    try log.append(.courseCompleted(person: "p7", course: "kurs-a", hours: nil), on: "2012-03-15")
    try log.append(.courseCompleted(person: "p8", course: "kurs-b", hours: nil), on: "2012-03-20")
    try log.append(.pimLevelAttained(person: "p7", level: 1, examiner: "p3"), on: "2012-04-01")
    try log.append(.unitMerged(unit: "f-ek", into: "f-sol"), on: "2012-04-10")
    try log.append(.courseCompleted(person: "p3", course: "kurs-a", hours: nil), on: "2012-05-01")
    try log.append(.courseCompleted(person: "p2", course: "kurs-c", hours: 4), on: "2012-06-01")
    try log.append(.registered("p9"), on: "2012-07-01")
    try log.append(.staffAssigned(person: "p9", unit: "g-berg", role: .fritidspedagog), on: "2012-07-01")
    try log.append(.examinerAppointed(person: "p6", unit: "g-berg", maxLevel: 2), on: "2012-08-01")
    try log.append(
      .courseCompleted(person: "p4", course: "kurs-a", hours: nil), on: "2012-09-01", id: "kurs-p4")
    try log.append(
      .courseCompleted(person: "p5", course: "kurs-b", hours: nil), on: "2012-10-15", id: "fel-kurs")
    try log.append(.examinerRoleEnded(person: "p3"), on: "2012-11-01")
    try log.append(.staffLeft(person: "p2"), on: "2012-12-01")
    // Recorded after later-dated events: a backdated level, then a retraction of a mistaken completion.
    try log.append(.pimLevelAttained(person: "p8", level: 2, examiner: "p7"), on: "2012-10-01")
    try log.append(.eventRetracted(event: "fel-kurs", reason: "fel person"), on: "2013-01-20")
    return log
  }
}

extension Payload {
  static func registered(_ person: String) -> Payload { .personRegistered(person: person) }
}
