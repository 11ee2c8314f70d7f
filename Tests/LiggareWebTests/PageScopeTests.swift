import LiggareDomain
import Testing

@testable import LiggareWeb

@Suite struct PageScopeTests {
  @Test func headSeesOwnUnitAndItsPeopleOnly() throws {
    let state = try WebFixture.city().state(asOf: "2012-12-31")
    let head = ["f-sol"]
    #expect(PageScope.mayView(unit: "f-sol", in: state, scopes: head))
    #expect(!PageScope.mayView(unit: "f-ek", in: state, scopes: head))
    #expect(!PageScope.mayView(unit: "g-berg", in: state, scopes: head))
    #expect(!PageScope.mayView(unit: "n-norr", in: state, scopes: head))
    #expect(PageScope.mayView(person: "p-1", in: state, scopes: head))
    #expect(!PageScope.mayView(person: "p-2", in: state, scopes: head))
    // An unknown unit or person gives the same answer as one outside the scopes.
    #expect(!PageScope.mayView(unit: "finns-inte", in: state, scopes: head))
    #expect(!PageScope.mayView(person: "finns-inte", in: state, scopes: head))
    // A person who has left is outside every unit's scope.
    #expect(!PageScope.mayView(person: "p-3", in: state, scopes: ["f-ek"]))
  }

  @Test func boardScopeCoversItsUnits() throws {
    let state = try WebFixture.city().state(asOf: "2012-12-31")
    #expect(PageScope.mayView(unit: "f-ek", in: state, scopes: ["n-norr"]))
    #expect(!PageScope.mayView(unit: "g-berg", in: state, scopes: ["n-norr"]))
    #expect(PageScope.mayView(person: "p-2", in: state, scopes: ["n-syd"]))
  }

  @Test func cityScopeSeesEveryoneAndNoScopeSeesNothing() throws {
    let state = try WebFixture.city().state(asOf: "2012-12-31")
    #expect(PageScope.mayView(person: "p-3", in: state, scopes: ["stad"]))
    #expect(PageScope.mayView(unit: "g-berg", in: state, scopes: ["stad"]))
    #expect(!PageScope.mayView(unit: "f-sol", in: state, scopes: []))
  }
}
