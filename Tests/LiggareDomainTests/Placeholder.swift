import Testing

@testable import LiggareDomain

@Test func moduleLoads() {
  #expect(Bool(true))
}
