import LiggareBasics
import LiggareDomain
import Testing

/// Issue 10, item 12: a number in an event's `data` is read as written or refused by name; no
/// exponent and no more digits than a stored number keeps (`1e2` is not "100", and
/// `1.9999999999999999999` is not the level 2).
@Suite struct NumberSyntaxTests {
  static func decode(_ type: String, _ data: String) throws -> EventDraft {
    let line = #"{"id":"x","type":"\#(type)","occurredOn":"2011-02-01","data":\#(data)}"#
    return try Array(line.utf8).withUnsafeBytes { bytes throws(EventDecodingError) in
      try EventCodec.decodeEnvelope(bytes, personalDataAllowed: true)
    }
  }

  @Test(arguments: [
    ("CourseCompleted", #"{"person":"p-1","course":"k","hours":1e2}"#, "hours"),
    ("CourseCompleted", #"{"person":"p-1","course":"k","hours":1E2}"#, "hours"),
    ("CourseCompleted", #"{"person":"p-1","course":"k","hours":2.5e0}"#, "hours"),
    ("CourseCompleted", #"{"person":"p-1","course":"k","hours":2.00000000000000001}"#, "hours"),
    ("CourseDefined", #"{"course":"k","title":"T","hours":1e-2,"area":"infrastruktur"}"#, "hours"),
    ("PimLevelAttained", #"{"person":"p-1","level":1.9999999999999999999,"examiner":"p-2"}"#, "level"),
    ("PimLevelAttained", #"{"person":"p-1","level":2e0,"examiner":"p-2"}"#, "level"),
    ("ExaminerAppointed", #"{"person":"p-1","unit":"u","maxLevel":3.0000000000000000001}"#, "maxLevel"),
  ])
  func item12_numbersNotWrittenAsPlainDecimalsAreRefusedByName(type: String, data: String, field: String) {
    do {
      let draft = try Self.decode(type, data)
      Issue.record("\(data) read as \(draft.payload)")
    } catch {
      #expect("\(error)".contains(field), "\(error)")
    }
  }

  @Test func item12_plainDecimalsAreRead() throws {
    let completed = try Self.decode("CourseCompleted", #"{"person":"p-1","course":"k","hours":2.25}"#)
    #expect(completed.payload == .courseCompleted(person: "p-1", course: "k", hours: 2.25))
    let level = try Self.decode("PimLevelAttained", #"{"person":"p-1","level":2,"examiner":"p-2"}"#)
    #expect(level.payload == .pimLevelAttained(person: "p-1", level: 2, examiner: "p-2"))
    let long = try Self.decode("CourseCompleted", #"{"person":"p-1","course":"k","hours":0.123456789012345}"#)
    #expect(long.payload == .courseCompleted(person: "p-1", course: "k", hours: 0.123456789012345))
  }

  /// What `liggare log --hours` and the web forms read.
  @Test func item12_typedNumbersArePlainDecimals() {
    for text in ["1e2", "0x10", "+1", ".5", "5.", "1 5", "nan", "inf", "1.9999999999999999999", ""] {
      #expect(PlainDecimal.parse(text) == nil, "\(text)")
    }
    #expect(PlainDecimal.parse("2,5") == 2.5)
    #expect(PlainDecimal.parse("7.25") == 7.25)
    #expect(PlainDecimal.parse("-1") == -1)
    #expect(PlainDecimal.parse("0.123456789012345") == 0.123456789012345)
  }
}
