import Testing

@testable import LiggareDemo

@Test func moduleLoads() {
  #expect(Bool(true))
}
