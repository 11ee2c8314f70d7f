import Testing

@testable import LiggareCLI

@Test func moduleLoads() {
  #expect(Bool(true))
}
