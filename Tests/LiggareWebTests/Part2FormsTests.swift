import LiggareBasics
import LiggareDomain
import Testing

@testable import LiggareWeb

/// Part 2's forms: the submitted text becomes the contract's `data` (lists, ticked boxes, the five
/// ratings), refusals land at their fields, and a message that starts with an id keeps its case.
@Suite struct Part2FormsTests {
  @Test func everyPart2TypeHasAFormAndHeadsGetTwoAndTheRetraction() throws {
    let types = Set(EventForm.all.map(\.type))
    for t in [
      EventType.frameworkDefined, .competenceDefined, .requirementSet, .requirementEnded, .competenceAssessed,
      .unitFollowUp, .measurePlanned, .measureStatus,
    ] {
      #expect(types.contains(t), "no form for \(t)")
    }
    let head = Viewer(name: "r", roles: [.head], scopes: ["u"], csrfToken: "t")
    #expect(
      Set(EventForm.all.filter { $0.isAvailable(to: head) }.map(\.name)) == [
        "assessment", "follow-up", "retract",
      ])
  }

  @Test func listsTickedBoxesAndRatingsBecomeTheContractsData() throws {
    let framework = try #require(EventForm.named("framework"))
    let (fields, errors) = framework.data(from: [
      "framework": "it", "title": "IT-planen", "levels": " grund, säker ,\nexpert,",
    ])
    #expect(errors.isEmpty)
    let (payload, _) = try Payload.decode(type: "FrameworkDefined", fields: fields, personalDataAllowed: true)
    #expect(
      payload == .frameworkDefined(framework: "it", title: "IT-planen", levels: ["grund", "säker", "expert"]))

    let requirement = try #require(EventForm.named("requirement"))
    let ticked = requirement.data(from: [
      "requirement": "r", "competence": "c", "minLevel": "säker", "scope": "stad",
      "roles": "lärare,förskollärare", "schoolForms": "",
    ]).fields
    let (set, _) = try Payload.decode(type: "RequirementSet", fields: ticked, personalDataAllowed: true)
    #expect(
      set
        == .requirementSet(
          requirement: "r", competence: "c", minLevel: "säker", scope: "stad",
          roles: [.lärare, .förskollärare],
          schoolForms: nil))

    let followUp = try #require(EventForm.named("follow-up"))
    var values = ["unit": "u", "year": "2025"]
    for i in 1...5 { values["ratings-\(i)"] = "\(i == 5 ? 4 : i)" }
    #expect(followUp.missing(in: values).isEmpty)
    let (rated, _) = try Payload.decode(
      type: "UnitFollowUp", fields: followUp.data(from: values).fields, personalDataAllowed: true)
    guard case .unitFollowUp("u", 2025, let ratings) = rated else {
      Issue.record("\(rated)")
      return
    }
    #expect(StrategyArea.allCases.map { ratings[$0] } == [1, 2, 3, 4, 4])
    // One rating missing: the error is at the fieldset, whose first select has the field's id.
    values["ratings-3"] = ""
    #expect(followUp.missing(in: values).map(\.field) == ["ratings"])
    let markup = Forms.field(
      "ratings", label: "Betyg", input: .ratings, hint: "1–4",
      state: FormState(values: values, errors: followUp.missing(in: values))
    ).markup
    #expect(markup.contains("<fieldset") && markup.contains("<legend>Betyg</legend>"))
    #expect(markup.contains("id=\"f-ratings\" name=\"ratings-1\""))
    #expect(markup.contains("id=\"f-ratings-3\" name=\"ratings-3\" required aria-invalid=\"true\""))
  }

  @Test func part2RefusalsLandAtTheirFields() throws {
    let assessment = try #require(EventForm.named("assessment"))
    let on = try #require(CivilDate(parsing: "2025-06-01"))
    #expect(
      assessment.error(
        for: .unknownLevel(field: "level", label: "X", framework: "it", allowed: ["a"], on: on)
      ).field == "level")
    #expect(
      assessment.error(for: .notHeadOfUnit(assessor: "p-1", person: "p-2", unit: "u", on: on)).field
        == "assessor")
    #expect(assessment.error(for: .notStaff("p-2", on: on)).field == "person")
    let status = try #require(EventForm.named("measure-status"))
    #expect(status.error(for: .measureFinished("m", status: .genomförd, on: on)).field == "status")
    let measure = try #require(EventForm.named("measure"))
    #expect(measure.error(for: .responsibleIsPerson("p-1")).field == "responsible")
  }

  /// Issue 12: a message that starts with an id showed the id capitalised ("P-103 kan inte …").
  @Test func anIdAtTheStartOfAMessageKeepsItsCase() throws {
    let pim = try #require(EventForm.named("pim-level"))
    let own = pim.error(for: .examinerIsCandidate("p-103"), values: ["person": "p-103", "examiner": "p-103"])
    #expect(own.message.hasPrefix("p-103 kan inte examinera sig själv"), "\(own.message)")
    let on = try #require(CivilDate(parsing: "2025-06-01"))
    #expect(pim.error(for: .unknownPerson("p-9", on: on)).message.hasPrefix("Personen p-9"))
    // An id of plain letters is kept too when it is what was typed.
    let unit = try #require(EventForm.named("unit-established"))
    let parent = unit.error(for: .parentRequired("solrosen"), values: ["unit": "solrosen"])
    #expect(parent.message.hasPrefix("solrosen "), "\(parent.message)")
    #expect(EventForm.capitalized("händelsen finns inte") == "Händelsen finns inte")
    #expect(EventForm.capitalized("e-12 är inte") == "e-12 är inte")
    #expect(EventForm.capitalized("occurredOn ligger efter") == "occurredOn ligger efter")
  }
}
