public import LiggareBasics
public import LiggareDomain
public import LiggareKit
import LiggareReports

/// Persons by name or id, units by name or id, courses by title or id: what the search box and
/// `GET /api/v1/search?q=` answer.
///
/// Matching is case-insensitive on a substring of the id or the name (title); exact id matches come
/// first, then by name. At most `limit` of each kind.
public struct SearchQuery: Sendable, Hashable {
  /// The shortest query answered (one letter would list the whole city).
  public static let minimumLength = 2
  /// The longest query accepted, in characters.
  public static let maximumLength = 200

  public var text: String
  public var asOf: CivilDate
  public var limit: Int

  /// A search for `text` in the organisation as of `asOf`.
  public init(_ text: String, asOf: CivilDate, limit: Int = 25) {
    self.text = text
    self.asOf = asOf
    self.limit = limit
  }

  /// One person found.
  public struct Person: Sendable, Hashable {
    public var id: String
    public var name: String?
    /// The unit the person works at on the date, if any.
    public var unitID: String?
    /// That unit's name on the date.
    public var unitName: String? = nil
  }

  /// One node (city, board, unit) found.
  public struct Unit: Sendable, Hashable {
    public var id: String
    public var name: String
    public var kind: UnitKind
  }

  /// One course found.
  public struct Course: Sendable, Hashable {
    public var id: String
    public var title: String
  }

  /// What a search found.
  public struct Result: Sendable, Hashable {
    public var persons: [Person] = []
    public var units: [Unit] = []
    public var courses: [Course] = []
  }

  /// Searches `snapshot` and `register`; `mayShowPerson` and `mayShowUnit` filter the answer to what
  /// the asker may see (a person by id and placement, a unit by id).
  public func run(
    snapshot: LedgerSnapshot, register: PersonRegister,
    mayShowPerson: (String, Placement?) -> Bool = { _, _ in true },
    mayShowUnit: (String) -> Bool = { _ in true }
  ) -> Result {
    let needle = text.lowercased()
    var result = Result()
    guard text.count >= SearchQuery.minimumLength, text.count <= SearchQuery.maximumLength else {
      return result
    }
    let state = snapshot.state(asOf: asOf)
    func rank(_ id: String, _ name: String?) -> Int? {
      if id.lowercased() == needle { return 0 }
      if id.lowercased().contains(needle) { return 1 }
      if let name, name.lowercased().contains(needle) { return 2 }
      return nil
    }
    var persons: [(Int, Person)] = []
    for id in state.knownPersonIDs where state.isRegistered(id) {
      let name = register.name(of: id)
      guard let r = rank(id, name) else { continue }
      let placement = state.placement(of: id)
      guard mayShowPerson(id, placement) else { continue }
      persons.append(
        (
          r,
          Person(
            id: id, name: name, unitID: placement?.unitID,
            unitName: placement.flatMap { state.unit($0.unitID)?.name })
        ))
    }
    result.persons = persons.sorted {
      ($0.0, $0.1.name ?? $0.1.id, $0.1.id) < ($1.0, $1.1.name ?? $1.1.id, $1.1.id)
    }
    .prefix(limit).map(\.1)
    var units: [(Int, Unit)] = []
    for unit in state.allUnits {
      guard let r = rank(unit.id, unit.name), mayShowUnit(unit.id) else { continue }
      units.append((r, Unit(id: unit.id, name: unit.name, kind: unit.kind)))
    }
    result.units = units.sorted { ($0.0, $0.1.name, $0.1.id) < ($1.0, $1.1.name, $1.1.id) }.prefix(limit).map(
      \.1)
    var courses: [(Int, Course)] = []
    for course in state.courses {
      guard let r = rank(course.id, course.title) else { continue }
      courses.append((r, Course(id: course.id, title: course.title)))
    }
    result.courses = courses.sorted { ($0.0, $0.1.title, $0.1.id) < ($1.0, $1.1.title, $1.1.id) }.prefix(
      limit
    )
    .map(\.1)
    return result
  }
}

extension SearchQuery.Result {
  /// The API's JSON (version 1, docs/api/search.schema.json): persons `{"id","name","unit"}` with
  /// `unit` a node reference, units `{"id","name","kind"}`, courses `{"id","title"}`.
  public func json(query: String) -> JSONValue {
    APIDocument.search(
      query: query,
      persons: persons.map {
        APIDocument.personHit(id: $0.id, name: $0.name, unitID: $0.unitID, unitName: $0.unitName)
      },
      units: units.map { ($0.id, $0.name, $0.kind) }, courses: courses.map { ($0.id, $0.title) })
  }
}
