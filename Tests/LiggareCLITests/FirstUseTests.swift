import Foundation
import Testing

/// The walk-through as a new user meets it (issue 13): no silent defaults, no hours counted twice.
/// The clock is pinned at 2026-01-15T10:00:00Z (`ProcessTests.start`).
@Suite(.serialized) struct FirstUseTests {
  /// A log with the city, a unit `u`, course `k` and staff p0…p3; the folder to remove.
  static func log() throws -> (log: String, dir: String) {
    let dir = ProcessTests.folder()
    try ProcessTests.base(people: 4).write(toFile: dir + "/a.jsonl", atomically: true, encoding: .utf8)
    let log = dir + "/log"
    let run = try ProcessTests.run(["--log", log, "import", dir + "/a.jsonl"])
    #expect(run.status == 0, "\(run.error)")
    return (log, dir)
  }

  @Test func theAttendanceListDoesNotCountACompletionTwice() throws {
    let (log, dir) = try Self.log()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let single = try ProcessTests.run(
      ["--log", log, "log", "course-completed", "--person", "p0", "--course", "k", "--date", "2012-03-01"])
    #expect(single.status == 0, "\(single.error)")
    try "person;timmar\np1;2\np0;2\n".write(toFile: dir + "/lista.csv", atomically: true, encoding: .utf8)
    let list = [
      "--log", log, "import-attendance", dir + "/lista.csv", "--course", "k", "--date", "2012-03-01",
    ]
    let refused = try ProcessTests.run(list)
    #expect(refused.status == 1)
    #expect(refused.error.contains("rad 3"), "\(refused.error)")
    #expect(refused.error.contains("p0 har redan gått k den 2012-03-01"), "\(refused.error)")
    #expect(refused.error.contains("--second-completion"), "\(refused.error)")
    #expect(
      !refused.error.contains("rad 3 (händelse"), "names an event that was never written: \(refused.error)")
    let verifyBefore = try ProcessTests.run(["--log", log, "verify"])
    #expect(!verifyBefore.output.contains("dubblett"), "\(verifyBefore.output)")
    let accepted = try ProcessTests.run(list + ["--second-completion"])
    #expect(accepted.status == 0, "\(accepted.error)")
    #expect(
      accepted.output.contains("Klart: registrerade deltagande i kursen k: 2 händelser"), "\(accepted.output)"
    )
    let verify = try ProcessTests.run(["--log", log, "verify"])
    #expect(verify.status == 0)
    #expect(verify.output.contains("Möjliga dubbletter: 1 (samma person"), "\(verify.output)")
  }

  @Test func theReportSaysWhenItWasKnownInStockholmTime() throws {
    let (log, dir) = try Self.log()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let file = dir + "/rapport.html"
    let written = try ProcessTests.run([
      "--log", log, "report", "--year", "2012", "-o", file,
    ])
    #expect(written.status == 0, "\(written.error)")
    // Without --known-at: now, pinned at 2026-01-15T10:00:00Z, which is 11.00 in Stockholm.
    let known = "15 januari 2026 kl. 11.00 (2026-01-15T10:00:00Z)"
    #expect(written.output.contains("känt per \(known)."), "\(written.output)")
    let verified = try ProcessTests.run(["--log", log, "report", "--verify", file])
    #expect(verified.status == 0, "\(verified.error)")
    #expect(
      verified.output.contains("STÄMMER") && verified.output.contains("känd per \(known)."),
      "\(verified.output)")
  }

  @Test func aMissingDateIsSaidAloud() throws {
    let (log, dir) = try Self.log()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let run = try ProcessTests.run([
      "--log", log, "log", "course-completed", "--person", "p1", "--course", "k",
    ])
    #expect(run.status == 0, "\(run.error)")
    #expect(run.output.contains("Inget --date angavs: händelsen dateras i dag, 2026-01-15"), "\(run.output)")
    let dated = try ProcessTests.run(
      ["--log", log, "log", "course-completed", "--person", "p2", "--course", "k", "--date", "2026-01-14"])
    #expect(!dated.output.contains("Inget --date"))
  }

  @Test func gapsTakesTheUnitPositionally() throws {
    let (log, dir) = try Self.log()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let positional = try ProcessTests.run(["--log", log, "gaps", "u", "--as-of", "2012-01-01"])
    let flag = try ProcessTests.run(["--log", log, "gaps", "--unit", "u", "--as-of", "2012-01-01"])
    let city = try ProcessTests.run(["--log", log, "gaps", "--as-of", "2012-01-01"])
    #expect(positional.status == 0, "\(positional.error)")
    #expect(positional.output == flag.output)
    #expect(positional.output != city.output)
    let both = try ProcessTests.run(["--log", log, "gaps", "u", "--unit", "n"])
    #expect(both.status == 2)
  }

  @Test func theFutureIsRefused() throws {
    let (log, dir) = try Self.log()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let year = try ProcessTests.run(["--log", log, "report", "--year", "2030", "--format", "md"])
    #expect(year.status == 2)
    #expect(year.error.contains("--year 2030 har inte börjat ännu"), "\(year.error)")
    for command in [["city"], ["report", "--year", "2025", "--format", "md"], ["export"]] {
      let future = try ProcessTests.run(["--log", log] + command + ["--known-at", "2026-01-16"])
      #expect(future.status == 2, "\(command)")
      #expect(future.error.contains("ligger i framtiden"), "\(command): \(future.error)")
      let instant = try ProcessTests.run(["--log", log] + command + ["--known-at", "2026-01-15T10:00:01Z"])
      #expect(instant.status == 2, "\(command)")
    }
    // Today as a date means now, not the end of a day that has not ended.
    let today = try ProcessTests.run(["--log", log, "city", "--known-at", "2026-01-15"])
    #expect(today.status == 0, "\(today.error)")
    let thisYear = try ProcessTests.run(["--log", log, "report", "--year", "2026", "--format", "md"])
    #expect(thisYear.status == 0, "\(thisYear.error)")
  }

  @Test func searchFindsIdsAndUnitTakesAUniqueName() throws {
    let (log, dir) = try Self.log()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let person = try ProcessTests.run(["--log", log, "search", "namn 2"])
    #expect(person.status == 0, "\(person.error)")
    #expect(person.output.contains("p2  Namn 2  på u"), "\(person.output)")
    #expect(!person.output.contains("p1"))
    let unit = try ProcessTests.run(["--log", log, "search", "skol"])
    #expect(unit.output.contains("u  Skola  enhet"), "\(unit.output)")
    let course = try ProcessTests.run(["--log", log, "search", "KURS", "--json"])
    #expect(
      course.output.contains(#""title" : "Kurs""#) || course.output.contains(#""title": "Kurs""#),
      "\(course.output)")
    let none = try ProcessTests.run(["--log", log, "search", "zz"])
    #expect(none.output.contains("Inget hittades"))
    let byName = try ProcessTests.run(["--log", log, "unit", "skola", "--as-of", "2012-01-01"])
    let byID = try ProcessTests.run(["--log", log, "unit", "u", "--as-of", "2012-01-01"])
    #expect(byName.status == 0, "\(byName.error)")
    #expect(byName.output == byID.output)
  }
}
