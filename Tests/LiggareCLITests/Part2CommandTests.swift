import Foundation
import Testing

/// `liggare log framework|competence|requirement|…` and `import-assessments` run as a user would.
@Suite(.serialized) struct Part2CommandTests {
  typealias P = ProcessTests

  /// A log with a city, a school with a head (p0 made rektor) and staff p1…, DigCompEdu and two competences.
  static func prepared() throws -> String {
    let dir = P.folder()
    let file = dir + "/base.jsonl"
    var text = P.base(people: 4)
    text += P.line("h", "StaffAssigned", "2012-01-01", #"{"person":"p0","unit":"u","role":"rektor"}"#) + "\n"
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    #expect(try P.run(["--log", dir + "/log", "import", file]).status == 0)
    let log = ["--log", dir + "/log"]
    let steps: [[String]] = [
      ["framework", "--framework", "dce", "--title", "DigCompEdu", "--levels", "A1,A2,B1,B2,C1,C2"],
      [
        "competence", "--competence", "dce-2.1", "--framework", "dce", "--title", "Välja digitala resurser",
        "--area", "digitalt innehåll",
      ],
      [
        "competence", "--competence", "dce-3.1", "--framework", "dce", "--title", "Undervisning", "--area",
        "digital kompetens",
      ],
    ]
    for step in steps {
      let r = try P.run(log + ["log"] + step + ["--date", "2019-01-01"])
      #expect(r.status == 0, "\(step): \(r.error)")
    }
    return dir
  }

  @Test func everyPart2TypeCanBeLoggedAndDryRunWritesNothing() throws {
    let dir = try Self.prepared()
    let log = ["--log", dir + "/log"]
    let dry = try P.run(
      log + [
        "log", "requirement", "--requirement", "r1", "--competence", "dce-2.1", "--min-level", "B1",
        "--scope",
        "stad", "--roles", "lärare,rektor", "--school-forms", "grundskola", "--date", "2019-02-01",
        "--dry-run",
      ])
    #expect(dry.status == 0)
    #expect(dry.output.contains("Provkörning"))
    let before = P.headSeq(dry.output)
    let steps: [[String]] = [
      [
        "requirement", "--requirement", "r1", "--competence", "dce-2.1", "--min-level", "B1", "--scope",
        "stad",
        "--roles", "lärare,rektor", "--school-forms", "grundskola", "--date", "2019-02-01",
      ],
      [
        "assessment", "--person", "p1", "--competence", "dce-2.1", "--level", "A2", "--method", "self",
        "--date", "2019-03-01",
      ],
      [
        "assessment", "--person", "p1", "--competence", "dce-2.1", "--level", "B1", "--method", "head",
        "--assessor",
        "p0", "--date", "2019-03-02",
      ],
      ["follow-up", "--unit", "u", "--year", "2019", "--ratings", "3,2,2,1,4", "--date", "2020-01-15"],
      [
        "measure", "--measure", "m1", "--scope", "n", "--area", "infrastruktur", "--title", "Trådlöst nät",
        "--due",
        "2020-06-30", "--responsible", "IT-strateg", "--date", "2019-05-01",
      ],
      ["measure-status", "--measure", "m1", "--status", "pågår", "--date", "2019-06-01"],
      ["requirement-ended", "--requirement", "r1", "--date", "2021-01-01"],
    ]
    var seq = before ?? 0
    for step in steps {
      let r = try P.run(log + ["log"] + step)
      #expect(r.status == 0, "\(step): \(r.error)")
      #expect(P.headSeq(r.output) == seq + 1, "\(step)")
      seq += 1
    }
    // Broken rules: Swedish, non-zero, nothing appended.
    let bad = try P.run(
      log + [
        "log", "assessment", "--person", "p1", "--competence", "dce-2.1", "--level", "B1", "--method", "head",
        "--assessor", "p2", "--date", "2019-04-01",
      ])
    #expect(bad.status != 0)
    #expect(bad.error.contains("inte rektor eller förskolechef"))
    let badRatings = try P.run(
      log + ["log", "follow-up", "--unit", "u", "--year", "2020", "--ratings", "3,2,x"])
    #expect(badRatings.status != 0)
    #expect(badRatings.error.contains("--ratings"))
    let stats = try P.run(log + ["verify"])
    #expect(P.headSeq(stats.output) == seq || stats.output.contains("seq \(seq)"))
  }

  @Test func importAssessmentsIsAllOrNoneNamesRowAndColumnAndIsIdempotent() throws {
    let dir = try Self.prepared()
    let log = ["--log", dir + "/log"]
    let good = dir + "/self.csv"
    try "ID;Starttid;Person;Välja digitala resurser;dce-3.1\n1;x;p1;B2;\n2;y;p2;a2;C1\n3;z;p3;;\n"
      .write(toFile: good, atomically: true, encoding: .utf8)
    let bad = dir + "/bad.csv"
    try "person;dce-2.1;dce-3.1\np1;B2;A1\np2;B2;X9\n".write(toFile: bad, atomically: true, encoding: .utf8)
    let refused = try P.run(
      log + ["import-assessments", bad, "--framework", "dce", "--method", "self", "--date", "2019-09-01"])
    #expect(refused.status != 0)
    #expect(refused.error.contains("rad 3"))
    #expect(refused.error.contains("kolumn 3"))
    let first = try P.run(
      log + ["import-assessments", good, "--framework", "dce", "--method", "self", "--date", "2019-09-01"])
    #expect(first.status == 0, "\(first.error)")
    #expect(first.output.contains("3 händelser"))
    let again = try P.run(
      log + ["import-assessments", good, "--framework", "dce", "--method", "self", "--date", "2019-09-01"])
    #expect(again.status == 0)
    #expect(again.output.contains("Inget nytt"))
    #expect(P.headSeq(again.output) == P.headSeq(first.output))
    // A head's list needs an assessor who heads the people's unit; p1 is not a head.
    let heads = try P.run(
      log + [
        "import-assessments", good, "--framework", "dce", "--method", "head", "--assessor", "p1", "--date",
        "2019-10-01",
      ])
    #expect(heads.status != 0)
    #expect(heads.error.contains("rad"))
    let noAssessor = try P.run(
      log + ["import-assessments", good, "--framework", "dce", "--method", "head", "--date", "2019-10-01"])
    #expect(noAssessor.status == 2)
  }
}
