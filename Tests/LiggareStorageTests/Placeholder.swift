import Testing

@testable import LiggareStorage

@Test func moduleLoads() {
  #expect(Bool(true))
}
