public import LiggareBasics
public import LiggareKit
public import LiggareReports

/// One of the views (`liggare city|unit|gaps|person`) as asked for by the CLI or the API.
public struct ViewQuery: Sendable, Hashable {
  /// Which view.
  public enum Kind: Sendable, Hashable {
    case city
    case unit(String)
    case gaps(unit: String, goal: String?)
    case person(String)
    /// `gaps --requirement R` or `--framework F` (contract Part 2): who is below a competence
    /// requirement or not assessed.
    case requirementGaps(unit: String, requirement: String?, framework: String?)

    /// A string that tells this kind from every other (each id length-prefixed, so that no two
    /// kinds share one): for cache keys, without the reflection string interpolation of an enum
    /// value costs.
    public var key: String {
      func part(_ s: String?) -> String { s.map { "\($0.utf8.count):\($0)" } ?? "-" }
      switch self {
      case .city: return "city"
      case .unit(let id): return "unit " + part(id)
      case .gaps(let unit, let goal): return "gaps " + part(unit) + " " + part(goal)
      case .person(let id): return "person " + part(id)
      case .requirementGaps(let unit, let requirement, let framework):
        return "requirementGaps " + part(unit) + " " + part(requirement) + " " + part(framework)
      }
    }

    /// The command's name (`city`, `unit`, `gaps`, `person`).
    public var command: String {
      switch self {
      case .city: "city"
      case .unit: "unit"
      case .gaps, .requirementGaps: "gaps"
      case .person: "person"
      }
    }
  }

  public var kind: Kind
  public var asOf: CivilDate
  public var knownAt: Timestamp

  /// A view as of `asOf` as known at `knownAt`.
  public init(_ kind: Kind, asOf: CivilDate, knownAt: Timestamp) {
    self.kind = kind
    self.asOf = asOf
    self.knownAt = knownAt
  }

  /// Whether the view names people (and so needs the person register).
  public var needsNames: Bool {
    if case .city = kind { return false }
    return true
  }

  /// The bytes `liggare <view> [--json]` prints: the text or the JSON (API v1), with a final
  /// newline. The server's API answers with exactly these bytes.
  ///
  /// - Throws: `ViewError` for an unknown or not yet existing person, unit or goal.
  public func output(snapshot: LedgerSnapshot, names: [String: String], json: Bool) throws(ViewError)
    -> [UInt8]
  {
    if json { return ViewQuery.bytes(try document(snapshot: snapshot, names: names), knownAt: knownAt) }
    let state = snapshot.state(asOf: asOf, knownAt: knownAt)
    let names = needsNames ? names : [:]
    let text: String
    switch kind {
    case .city:
      let view = CityView(state: state, names: names, knownAt: knownAt)
      text = json ? view.json.prettyText : view.text
    case .unit(let unit):
      let view = try UnitView(state: state, unit: unit, names: names, knownAt: knownAt)
      text = json ? view.json.prettyText : view.text
    case .gaps(let unit, let goal):
      let view = try GapList(state: state, unit: unit, goal: goal, names: names, knownAt: knownAt)
      text = json ? view.json.prettyText : view.text
    case .requirementGaps(let unit, let requirement, let framework):
      let view = try RequirementGapList(
        state: state, unit: unit, requirement: requirement, framework: framework, names: names,
        knownAt: knownAt)
      text = json ? view.json.prettyText : view.text
    case .person(let person):
      let view = try PersonView(state: state, person: person, names: names, knownAt: knownAt)
      text = json ? view.json.prettyText : view.text
    }
    var bytes = Array(text.utf8)
    if !text.hasSuffix("\n") { bytes.append(0x0A) }
    return bytes
  }

  /// The view's JSON document (API v1). It depends on `knownAt` only through the seq it selects
  /// (`lastSeq(knownAt:)`) and the `knownAt` member, which `bytes(_:knownAt:)` sets: a server keeps
  /// one document for every request of the same view, date and seq.
  ///
  /// - Throws: `ViewError` for an unknown or not yet existing person, unit or goal.
  public func document(snapshot: LedgerSnapshot, names: [String: String]) throws(ViewError) -> JSONValue {
    let state = snapshot.state(asOf: asOf, knownAt: knownAt)
    let names = needsNames ? names : [:]
    switch kind {
    case .city:
      return CityView(state: state, names: names, knownAt: knownAt).json
    case .unit(let unit):
      return try UnitView(state: state, unit: unit, names: names, knownAt: knownAt).json
    case .gaps(let unit, let goal):
      return try GapList(state: state, unit: unit, goal: goal, names: names, knownAt: knownAt).json
    case .requirementGaps(let unit, let requirement, let framework):
      return try RequirementGapList(
        state: state, unit: unit, requirement: requirement, framework: framework, names: names,
        knownAt: knownAt
      ).json
    case .person(let person):
      return try PersonView(state: state, person: person, names: names, knownAt: knownAt).json
    }
  }

  /// The bytes of `document` as the view prints them, with its `knownAt` member set to `knownAt`.
  public static func bytes(_ document: JSONValue, knownAt: Timestamp) -> [UInt8] {
    var document = document
    if case .object(var members) = document {
      members["knownAt"] = .string(knownAt.description)
      document = .object(members)
    }
    // `prettyText`'s UTF-8, which ends in a newline, without a `String` between.
    return document.prettyBytes
  }
}
