import Testing

@testable import LiggareWeb

@Suite struct FormsTests {
  let viewer = Viewer(name: "Sam <Samordnare>", roles: [.coordinator], scopes: ["stad"], csrfToken: "tok\"en")

  @Test func errorSummaryLinksToEachField() {
    let errors = [
      FieldError(field: "examiner", message: "Välj en examinator som är förordnad <den dagen>"),
      FieldError(field: "date", message: "Datum saknas"),
    ]
    let markup = Forms.errorSummary(errors).markup
    #expect(markup.contains("role=\"alert\""))
    #expect(markup.contains("<h2 id=\"error-summary-title\">Det finns ett problem</h2>"))
    #expect(
      markup.contains("<a href=\"#f-examiner\">Välj en examinator som är förordnad &lt;den dagen&gt;</a>"))
    #expect(markup.contains("<a href=\"#f-date\">Datum saknas</a>"))
    #expect(markup.range(of: "#f-examiner")!.lowerBound < markup.range(of: "#f-date")!.lowerBound)
  }

  @Test func noErrorsNoSummary() {
    #expect(Forms.errorSummary([]).markup.isEmpty)
  }

  @Test func fieldInErrorIsDescribedAndMarked() {
    let state = FormState(
      values: ["level": "\"><x"], errors: [FieldError(field: "level", message: "Välj nivå")])
    let markup = Forms.field("level", label: "Nivå", hint: "1–5", state: state).markup
    #expect(markup.contains("class=\"field has-error\""))
    #expect(markup.contains("<label for=\"f-level\">Nivå</label>"))
    #expect(markup.contains("id=\"f-level-error\">Fel: Välj nivå</span>"))
    #expect(markup.contains("aria-describedby=\"f-level-hint f-level-error\""))
    #expect(markup.contains("aria-invalid=\"true\""))
    #expect(markup.contains("value=\"&quot;&gt;&lt;x\""))
  }

  @Test func fieldWithoutErrorIsNotMarked() {
    let markup = Forms.field(
      "level", label: "Nivå", state: FormState(errors: [FieldError(field: "x", message: "m")])
    ).markup
    #expect(!markup.contains("aria-invalid"))
    #expect(!markup.contains("has-error"))
  }

  @Test func passwordIsNeverEchoed() {
    let markup = Forms.field(
      "password", label: "Lösenord", input: .password, state: FormState(values: ["password": "hemligt"])
    ).markup
    #expect(!markup.contains("hemligt"))
  }

  @Test func everyPostFormCarriesTheEscapedToken() {
    let markup = Forms.post(Routes.register, viewer: viewer) { "x" }.markup
    #expect(markup.contains("<input type=\"hidden\" name=\"csrf\" value=\"tok&quot;en\">"))
    #expect(markup.contains("method=\"post\""))
  }

  @Test func eventFormNumbersAcceptACommaAndRefuseText() {
    guard let form = EventForm.named("course-completed") else {
      Issue.record("no course-completed form")
      return
    }
    let ok = form.data(from: ["person": " p-1 ", "course": "kurs-a", "hours": "7,5"])
    #expect(ok.errors.isEmpty)
    #expect(ok.fields.count == 3)
    let bad = form.data(from: ["person": "p-1", "course": "kurs-a", "hours": "sju"])
    #expect(bad.errors.map(\.field) == ["hours"])
    #expect(form.missing(in: ["person": "", "course": "x"]).map(\.field) == ["person"])
  }
}

@Suite struct CarriedRowsTests {
  @Test func attendanceRowsSurviveTheHiddenField() throws {
    let rows = [
      AttendancePreviewRow(line: 2, person: "p-1;,\n<x>", name: nil, unit: nil, hours: 2.5, error: nil),
      AttendancePreviewRow(line: 3, person: "p-2", name: nil, unit: nil, hours: nil, error: nil),
    ]
    let text = RegisterPages.carry(rows)
    #expect(!text.contains("\n"))
    let back = try #require(RegisterPages.carriedRows(text))
    #expect(back.map(\.person) == ["p-1;,\n<x>", "p-2"])
    #expect(back.map(\.line) == [2, 3])
    #expect(back.map(\.hours) == [2.5, nil])
    #expect(RegisterPages.carriedRows("2;p-1") == nil)
    #expect(RegisterPages.carriedRows("x;p-1;") == nil)
    #expect(RegisterPages.carriedRows("2;%zz;") == nil)
  }
}
