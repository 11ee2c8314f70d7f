import Foundation
import Testing

/// Issue 13 item 4: the advice in an error fits the mistake made. The clock is pinned at
/// 2026-01-15T10:00:00Z (`ProcessTests.start`).
@Suite(.serialized) struct AdviceTests {
  @Test func aPersonRegisteredAfterTheEventIsToldSo() throws {
    let (log, dir) = try FirstUseTests.log()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let registered = try ProcessTests.run([
      "--log", log, "log", "person-registered", "--person", "p-sen", "--name", "Sen Person", "--date",
      "2025-08-01",
    ])
    #expect(registered.status == 0, "\(registered.error)")
    let run = try ProcessTests.run([
      "--log", log, "log", "course-completed", "--person", "p-sen", "--course", "k", "--date", "2025-03-14",
    ])
    #expect(run.status == 1)
    #expect(run.error.contains("p-sen registrerades först den 2025-08-01"), "\(run.error)")
    #expect(run.error.contains("2025-03-14"), "\(run.error)")
    #expect(!run.error.contains("registrera först personen"), "\(run.error)")
    let nobody = try ProcessTests.run([
      "--log", log, "log", "course-completed", "--person", "p-ingen", "--course", "k", "--date", "2025-03-14",
    ])
    #expect(nobody.error.contains("registrera först personen"), "\(nobody.error)")
  }

  @Test func aMisspeltCourseGetsTheNearestIds() throws {
    let (log, dir) = try FirstUseTests.log()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let defined = try ProcessTests.run([
      "--log", log, "log", "course-defined", "--course", "pim-intro", "--title", "PIM intro", "--hours", "2",
      "--area", "digital kompetens", "--date", "2012-01-01",
    ])
    #expect(defined.status == 0, "\(defined.error)")
    let run = try ProcessTests.run([
      "--log", log, "log", "course-completed", "--person", "p0", "--course", "pim-intr", "--date",
      "2012-03-01",
    ])
    #expect(run.status == 1)
    #expect(run.error.contains("menade du pim-intro?"), "\(run.error)")
    #expect(!run.error.contains("definiera först kursen"), "\(run.error)")
    try "person;timmar\np1;2\n".write(toFile: dir + "/lista.csv", atomically: true, encoding: .utf8)
    let list = try ProcessTests.run([
      "--log", log, "import-attendance", dir + "/lista.csv", "--course", "pim-intr", "--date", "2012-03-01",
    ])
    #expect(list.status == 1)
    #expect(list.error.contains("--course pim-intr"), "\(list.error)")
    #expect(list.error.contains("menade du pim-intro?"), "\(list.error)")
    let early = try ProcessTests.run([
      "--log", log, "log", "course-completed", "--person", "p0", "--course", "pim-intro", "--date",
      "2011-06-01",
    ])
    #expect(early.error.contains("pim-intro definierades först den 2012-01-01"), "\(early.error)")
  }

  @Test func messagesUseSwedishFieldNames() throws {
    let (log, dir) = try FirstUseTests.log()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let level = try ProcessTests.run([
      "--log", log, "log", "pim-level", "--person", "p0", "--level", "7", "--examiner", "p1", "--date",
      "2012-03-01",
    ])
    #expect(level.status == 1)
    #expect(level.error.contains("--level: nivå har värdet 7"), "\(level.error)")
    let future = try ProcessTests.run([
      "--log", log, "log", "course-completed", "--person", "p0", "--course", "k", "--date", "2026-02-01",
    ])
    #expect(future.status == 1)
    #expect(future.error.contains("--date 2026-02-01 ligger efter i dag (2026-01-15)"), "\(future.error)")
    let line =
      #"{"id":"x1","type":"PimLevelAttained","occurredOn":"2012-03-01","data":{"person":"p0","level":9,"examiner":"p1"}}"#
    try (line + "\n").write(toFile: dir + "/b.jsonl", atomically: true, encoding: .utf8)
    let imported = try ProcessTests.run(["--log", log, "import", dir + "/b.jsonl"])
    #expect(imported.status == 1)
    for text in [level.error, future.error, imported.error] {
      #expect(!text.contains("occurredOn"), "\(text)")
      #expect(!text.contains("fältet level"), "\(text)")
    }
    #expect(imported.error.contains("nivå har värdet 9"), "\(imported.error)")
  }

  @Test func aFutureDateInAnAttendanceListBlamesTheFlag() throws {
    let (log, dir) = try FirstUseTests.log()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try "person;timmar\np1;2\np2;2\n".write(toFile: dir + "/lista.csv", atomically: true, encoding: .utf8)
    let run = try ProcessTests.run([
      "--log", log, "import-attendance", dir + "/lista.csv", "--course", "k", "--date", "2026-03-14",
    ])
    #expect(run.status == 1)
    #expect(run.error.contains("--date 2026-03-14 ligger efter i dag"), "\(run.error)")
    #expect(!run.error.contains("rad 2"), "\(run.error)")
  }
}
