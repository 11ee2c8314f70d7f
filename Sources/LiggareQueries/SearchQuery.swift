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

  /// Every person a search looks at, with the id and name lowercased once: made from one
  /// snapshot and register (a server keeps one per published state; a one-off search makes it).
  public struct Corpus: Sendable {
    struct Entry: Sendable {
      var id: String
      var lowerID: String
      var name: String?
      var lowerName: String?
    }
    /// Every known person, in id order.
    let entries: [Entry]

    /// The persons of `snapshot` with their names in `register`.
    public init(snapshot: LedgerSnapshot, register: PersonRegister) {
      entries = snapshot.state(asOf: CivilDate(daysSinceEpoch: 0)).knownPersonIDs.map { id in
        let name = register.name(of: id)
        return Entry(id: id, lowerID: id.lowercased(), name: name, lowerName: name?.lowercased())
      }
    }

    /// About the bytes it takes in memory.
    public var estimatedBytes: Int {
      entries.reduce(64) { $0 + 96 + 2 * ($1.id.utf8.count + ($1.name?.utf8.count ?? 0)) }
    }
  }

  /// Searches `snapshot` and `register` (through `corpus` when given: it must have been made from
  /// the same two); `mayShowPerson` and `mayShowUnit` filter the answer to what the asker may see
  /// (a person by id and placement, a unit by id).
  public func run(
    snapshot: LedgerSnapshot, register: PersonRegister, corpus: Corpus? = nil,
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
    for entry in (corpus ?? Corpus(snapshot: snapshot, register: register)).entries {
      // rank(id, name), from the lowercased forms made once.
      let r: Int
      if entry.lowerID == needle {
        r = 0
      } else if entry.lowerID.contains(needle) {
        r = 1
      } else if let lowerName = entry.lowerName, lowerName.contains(needle) {
        r = 2
      } else {
        continue
      }
      let (id, name) = (entry.id, entry.name)
      guard state.isRegistered(id) else { continue }
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
