import Testing

@testable import LiggareKit

@Test func moduleLoads() {
  #expect(Bool(true))
}
