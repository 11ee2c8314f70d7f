import Testing

@testable import LiggareReports

@Test func moduleLoads() {
  #expect(Bool(true))
}
