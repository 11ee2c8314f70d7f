public import LiggareDomain

/// The search box and its results: persons by name or id, units and courses by name or id.
public enum SearchPage {
  /// One hit.
  public struct Hit: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case person, unit, course }
    public var kind: Kind
    public var id: String
    public var label: String

    public init(kind: Kind, id: String, label: String) {
      self.kind = kind
      self.id = id
      self.label = label
    }
  }

  /// At most this many hits per kind.
  public static let limit = 50

  /// Matches `query` (case-insensitive, any part of the name or id) against the persons the viewer
  /// may see, the units and the courses. An empty or whitespace query finds nothing.
  public static func search(
    _ query: String, persons: [(id: String, name: String?)], units: [UnitSnapshot], courses: [CourseSnapshot]
  ) -> [Hit] {
    let needle = query.trimmingWhitespace.lowercased()
    guard !needle.isEmpty else { return [] }
    func matches(_ s: String) -> Bool { s.lowercased().contains(needle) }
    var people: [Hit] = []
    for p in persons where matches(p.id) || (p.name.map(matches) ?? false) {
      people.append(Hit(kind: .person, id: p.id, label: p.name.map { "\($0) (\(p.id))" } ?? p.id))
      if people.count == limit { break }
    }
    let unitHits = units.filter { matches($0.id) || matches($0.name) }.prefix(limit).map {
      Hit(kind: .unit, id: $0.id, label: "\($0.name) (\($0.id))")
    }
    let courseHits = courses.filter { matches($0.id) || matches($0.title) }.prefix(limit).map {
      Hit(kind: .course, id: $0.id, label: "\($0.title) (\($0.id))")
    }
    return people + unitHits + courseHits
  }

  /// The search form (GET, so it needs no CSRF token).
  public static func box(viewer: Viewer, query: String) -> HTML {
    el(
      "form",
      [
        Attribute("method", "get"), .action(Routes.search), Attribute("role", "search"),
        Attribute("class", "controls"),
      ]
    ) {
      Forms.field(
        "q", label: "Sök person, enhet eller kurs", input: .search,
        hint: "Namn eller id, t.ex. Andersson eller p-1042",
        state: FormState(values: ["q": query]), required: false)
      Forms.button("Sök", style: "secondary")
    }
  }

  /// The results page.
  public static func render(viewer: Viewer, query: String, hits: [Hit]) -> [UInt8] {
    Layout.page(title: "Sök", viewer: viewer, section: .other) {
      box(viewer: viewer, query: query)
      if !query.trimmingWhitespace.isEmpty {
        el("h2", text: hits.isEmpty ? "Inga träffar för ”\(query)”" : "Träffar för ”\(query)”")
        for (kind, title) in [(Hit.Kind.person, "Personer"), (.unit, "Enheter"), (.course, "Kurser")] {
          let list = hits.filter { $0.kind == kind }
          if !list.isEmpty {
            el("h3", text: title)
            el("ul") {
              for h in list {
                el("li") {
                  switch h.kind {
                  case .person: el("a", [.href(Routes.person(h.id))], text: h.label)
                  case .unit: el("a", [.href(Routes.unit(h.id))], text: h.label)
                  case .course:
                    h.label
                    if viewer.has(.coordinator) {
                      " – "
                      el(
                        "a", [.href(Routes.attendance.with("course", h.id))], text: "registrera närvarolista")
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

extension String {
  /// Without leading and trailing whitespace.
  var trimmingWhitespace: String {
    var s = Substring(self)
    while s.first?.isWhitespace == true { s.removeFirst() }
    while s.last?.isWhitespace == true { s.removeLast() }
    return String(s)
  }
}
