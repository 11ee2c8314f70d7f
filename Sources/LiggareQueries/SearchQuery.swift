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
      /// The lowercased forms' UTF-8 when `Corpus.isPlain` (else nil).
      var plainID: [UInt8]?
      var plainName: [UInt8]?
    }

    /// Whether every scalar of `text` is a printable one below U+0300 (ASCII and the Latin
    /// letters with their accents precomposed; no combining marks): each is then a character of
    /// its own, and a substring match of two such texts is a match of their UTF-8 bytes.
    static func isPlain(_ text: String) -> Bool {
      text.unicodeScalars.allSatisfy {
        $0.value >= 0x20 && $0.value < 0x300 && !(0x7F...0x9F).contains($0.value)
      }
    }

    static func plainBytes(_ text: String) -> [UInt8]? {
      isPlain(text) ? Array(text.utf8) : nil
    }

    /// Whether `needle` occurs in `haystack` (bytes).
    static func occurs(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
      guard let first = needle.first else { return true }
      guard haystack.count >= needle.count else { return false }
      return haystack.withUnsafeBufferPointer { h in
        needle.withUnsafeBufferPointer { n in
          var i = 0
          let last = h.count - n.count
          while i <= last {
            if h[i] == first {
              var j = 1
              while j < n.count && h[i + j] == n[j] { j += 1 }
              if j == n.count { return true }
            }
            i += 1
          }
          return false
        }
      }
    }
    /// Every known person, in id order.
    let entries: [Entry]
    /// The entries' fields apart, read by index in the search loop (copying an entry retains
    /// six strings and arrays).
    let lowerIDs: [String]
    let lowerNames: [String?]
    let plainIDs: [[UInt8]?]
    let plainNames: [[UInt8]?]

    /// The persons of `snapshot` with their names in `register`.
    public init(snapshot: LedgerSnapshot, register: PersonRegister) {
      entries = snapshot.state(asOf: CivilDate(daysSinceEpoch: 0)).knownPersonIDs.map { id in
        let name = register.name(of: id)
        let (lowerID, lowerName) = (id.lowercased(), name?.lowercased())
        return Entry(
          id: id, lowerID: lowerID, name: name, lowerName: lowerName, plainID: Corpus.plainBytes(lowerID),
          plainName: lowerName.flatMap(Corpus.plainBytes))
      }
      lowerIDs = entries.map(\.lowerID)
      lowerNames = entries.map(\.lowerName)
      plainIDs = entries.map(\.plainID)
      plainNames = entries.map(\.plainName)
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
    // The first `limit` persons by (rank, name or id, id), kept in that order as they are found
    // (the same as sorting every hit and taking the first `limit`: ids are unique, so the order
    // is total); the unit's name is looked up for those kept only.
    var persons: [(rank: Int, person: Person)] = []
    func precedes(_ a: (rank: Int, person: Person), _ b: (rank: Int, person: Person)) -> Bool {
      (a.rank, a.person.name ?? a.person.id, a.person.id) < (
        b.rank, b.person.name ?? b.person.id, b.person.id
      )
    }
    let plainNeedle = Corpus.plainBytes(needle)
    func occurs(_ plain: [UInt8]?, _ lower: String) -> Bool {
      if let plainNeedle, let plain { return Corpus.occurs(plainNeedle, in: plain) }
      return lower.contains(needle)
    }
    let corpus = corpus ?? Corpus(snapshot: snapshot, register: register)
    for i in corpus.entries.indices {
      // rank(id, name), from the lowercased forms made once.
      let r: Int
      if corpus.lowerIDs[i] == needle {
        r = 0
      } else if occurs(corpus.plainIDs[i], corpus.lowerIDs[i]) {
        r = 1
      } else if let lowerName = corpus.lowerNames[i], occurs(corpus.plainNames[i], lowerName) {
        r = 2
      } else {
        continue
      }
      let (id, name) = (corpus.entries[i].id, corpus.entries[i].name)
      // A hit that would not be kept is not looked up (the checks below only drop hits).
      var hit = (rank: r, person: Person(id: id, name: name, unitID: nil))
      if persons.count == limit, let last = persons.last, !precedes(hit, last) { continue }
      guard state.isRegistered(id) else { continue }
      let placement = state.placement(of: id)
      guard mayShowPerson(id, placement) else { continue }
      hit.person.unitID = placement?.unitID
      var low = 0
      var high = persons.count
      while low < high {
        let mid = (low + high) / 2
        if precedes(persons[mid], hit) { low = mid + 1 } else { high = mid }
      }
      persons.insert(hit, at: low)
      if persons.count > limit { persons.removeLast() }
    }
    result.persons = persons.map { hit in
      var person = hit.person
      person.unitName = person.unitID.flatMap { state.unit($0)?.name }
      return person
    }
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
