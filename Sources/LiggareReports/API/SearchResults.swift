public import LiggareBasics
public import LiggareDomain

/// `GET /api/v1/search?q=`: persons by name or id, units by name or id, courses by title or id, as of
/// the state's date. A hit contains the query (trimmed), with case ignored and é, è, ü… read as e, y…
/// (å, ä, ö stay letters of their own, as in Swedish); an exact id comes first, then Swedish name order,
/// then id. Each list stops at `limit`; `truncated` says one was cut. An empty query finds nothing.
public struct SearchResults: Sendable {
  /// The query as given.
  public let query: String
  let state: CityState
  let tree: OrgTree
  let names: [String: String]
  /// Matching person ids, units (node ids) and courses, in answer order.
  public let personIDs: [String]
  public let unitIDs: [String]
  public let courses: [CourseSnapshot]
  /// Whether any list was cut at `limit`.
  public let truncated: Bool

  /// At most this many hits per list by default.
  public static let defaultLimit = 50
  /// Queries longer than this are refused by callers (the server answers 400).
  public static let maxQueryLength = 200

  /// Searches; `mayShowPerson` and `mayShowUnit` drop hits the caller may not see (the server's
  /// scopes), before the limit is applied.
  public init(
    state: CityState, names: [String: String], query: String, limit: Int = SearchResults.defaultLimit,
    mayShowPerson: (String) -> Bool = { _ in true }, mayShowUnit: (String) -> Bool = { _ in true }
  ) {
    self.query = query
    self.state = state
    self.names = names
    let tree = OrgTree(state.allUnits)
    self.tree = tree
    let needle = ViewCollation.key(
      String(query.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()))
    func matches(_ id: String, _ name: String?) -> Bool {
      guard !needle.isEmpty else { return false }
      return ViewCollation.key(id).contains(needle)
        || name.map { ViewCollation.key($0).contains(needle) } == true
    }
    func ordered(_ ids: [String], _ name: (String) -> String?) -> [String] {
      ids.sorted { a, b in
        let (ea, eb) = (ViewCollation.key(a) == needle, ViewCollation.key(b) == needle)
        if ea != eb { return ea }
        let (na, nb) = (name(a) ?? a, name(b) ?? b)
        if na != nb { return ViewCollation.precedes(na, nb) }
        return a < b
      }
    }
    let persons = ordered(
      state.knownPersonIDs.filter { state.isRegistered($0) && matches($0, names[$0]) && mayShowPerson($0) },
      { names[$0] })
    let units = ordered(
      tree.nodes.values.filter { matches($0.id, $0.name) && mayShowUnit($0.id) }.map(\.id),
      { tree.nodes[$0]?.name })
    let courseList = state.courses.filter { matches($0.id, $0.title) }
    let byID = Dictionary(uniqueKeysWithValues: courseList.map { ($0.id, $0) })
    let limit = max(0, limit)
    personIDs = Array(persons.prefix(limit))
    unitIDs = Array(units.prefix(limit))
    courses = ordered(courseList.map(\.id), { byID[$0]?.title }).prefix(limit).compactMap { byID[$0] }
    truncated = persons.count > limit || units.count > limit || courseList.count > limit
  }

  /// The answer (docs/api/search.schema.json).
  public var json: JSONValue {
    [
      "apiVersion": .number(Double(ViewJSON.apiVersion)), "query": .string(query),
      "asOf": ViewJSON.date(state.asOf),
      "persons": .array(personIDs.map { ["id": .string($0), "name": ViewJSON.optional(names[$0])] }),
      "units": .array(unitIDs.map { ViewJSON.node($0, tree) }),
      "courses": .array(courses.map { ["id": .string($0.id), "title": .string($0.title)] }),
      "truncated": .bool(truncated),
    ]
  }
}
