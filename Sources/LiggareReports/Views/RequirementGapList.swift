public import LiggareBasics
public import LiggareDomain

/// `liggare gaps --requirement R` or `--framework F` (optionally `--unit U`): everyone under the
/// node to whom the requirement (or any requirement on a competence of the framework) applies and
/// who is below it or not assessed, with the level that counts and the gap.
public struct RequirementGapList: Sendable {
  let state: CityState
  let knownAt: Timestamp?
  let names: ViewNames
  let tree: ViewTree
  let unit: UnitSnapshot
  let requirementID: String?
  let frameworkID: String?
  /// The fulfilment of each requirement shown, at the node.
  public let fulfilments: [RequirementFulfilment]

  /// Reads the gaps; throws when the node, the requirement or the framework is not there on the date.
  public init(
    state: CityState, unit id: String, requirement: String? = nil, framework: String? = nil,
    names: [String: String], knownAt: Timestamp? = nil
  ) throws(ViewError) {
    unit = try ViewLookup.unit(id, in: state)
    self.state = state
    self.knownAt = knownAt
    self.names = ViewNames(names: names)
    tree = ViewTree.of(state)
    requirementID = requirement
    frameworkID = framework
    if let requirement, state.requirement(requirement) == nil {
      throw .requirementNotInForce(requirement, on: state.asOf)
    }
    if let framework, state.framework(framework) == nil { throw .unknownFramework(framework, on: state.asOf) }
    let figures = CompetenceCensus(state, census: Census(state, within: id))
    fulfilments = figures.fulfilments(at: id).filter { f in
      if let requirement { return f.requirement.id == requirement }
      if let framework { return state.competence(f.requirement.competenceID)?.frameworkID == framework }
      return true
    }
  }

  /// The view for the terminal, Swedish, every line at most 100 columns.
  public var text: String {
    var out = ["Kompetensluckor: \(tree.label(unit.id, width: ViewFormat.room(after: "Kompetensluckor: ")))"]
    if let requirementID { out.append("Krav: \(requirementID)") }
    if let frameworkID { out.append("Ramverk: \(frameworkID)") }
    out += [ViewFormat.header(state: state, knownAt: knownAt), ""]
    out += CompetenceSection.fulfilmentTable(fulfilments, state: state).lines
    var table = TextTable(columns: [
      TextTable.Column("Person", truncatable: true), TextTable.Column("Namn", truncatable: true),
      TextTable.Column("Enhet", truncatable: true), TextTable.Column("Krav", truncatable: true),
      TextTable.Column("Nivå"), TextTable.Column("Lägst"), TextTable.Column("Lucka", .right),
    ])
    var rows = 0
    for f in fulfilments {
      for b in f.below {
        table.append([
          b.personID, names.display(b.personID), tree.name(b.unitID), f.requirement.id,
          b.counting?.label ?? "–",
          f.requirement.minLevel, b.gap.map(ViewFormat.integer) ?? "?",
        ])
        rows += 1
      }
    }
    out += ["", "Under kravnivån"]
    out += rows == 0 ? ["Ingen."] : table.lines
    var missing = TextTable(columns: [
      TextTable.Column("Person", truncatable: true), TextTable.Column("Namn", truncatable: true),
      TextTable.Column("Krav", truncatable: true),
    ])
    var count = 0
    for f in fulfilments {
      for p in f.notAssessedIDs {
        missing.append([p, names.display(p), f.requirement.id])
        count += 1
      }
    }
    out += ["", "Ej bedömda"]
    out += count == 0 ? ["Ingen."] : missing.lines
    return out.map { TextTable.fit($0) + "\n" }.joined()
  }

  /// The view as JSON (docs/json.md, "requirementGaps").
  public var json: JSONValue {
    var o = ViewJSON.header(view: "requirementGaps", state: state, knownAt: knownAt)
    o["unit"] = ViewJSON.unit(unit.id, tree)
    o["requirementFilter"] = ViewJSON.optional(requirementID)
    o["frameworkFilter"] = ViewJSON.optional(frameworkID)
    o["requirements"] = .array(
      fulfilments.map {
        CompetenceSection.fulfilmentJSON($0, state: state, tree: tree, names: names, people: true)
      })
    return .object(o)
  }
}
