import LiggareQueries
import Testing

/// The answer cache tells views apart by `ViewQuery.Kind.key`: equal kinds give one key, different
/// kinds (also ones whose ids contain spaces or look like another kind's parts) different keys.
@Suite struct ViewKindKeyTests {
  static let kinds: [ViewQuery.Kind] = [
    .city, .unit("u-1"), .unit("u-1 u-2"), .unit("u"), .unit(""), .person("u-1"), .person("p 1"),
    .gaps(unit: "u-1", goal: nil), .gaps(unit: "u-1", goal: "m-1"), .gaps(unit: "u-1 4:m-1", goal: nil),
    .gaps(unit: "u-1", goal: ""), .gaps(unit: "", goal: "u-1"),
    .requirementGaps(unit: "u-1", requirement: "k", framework: nil),
    .requirementGaps(unit: "u-1", requirement: nil, framework: "k"),
    .requirementGaps(unit: "u-1 1:k", requirement: nil, framework: nil),
    .requirementGaps(unit: "u-1", requirement: nil, framework: nil),
  ]

  @Test func differentKindsHaveDifferentKeys() {
    for (i, a) in Self.kinds.enumerated() {
      for (j, b) in Self.kinds.enumerated() {
        #expect((a.key == b.key) == (i == j), "\(a) \(b)")
      }
    }
  }

  @Test func equalKindsHaveEqualKeys() {
    for kind in Self.kinds {
      let again = Self.kinds.first { $0 == kind }
      #expect(again?.key == kind.key)
    }
    #expect(ViewQuery.Kind.unit("u-1").key == ViewQuery.Kind.unit(String("u-" + "1")).key)
  }
}
