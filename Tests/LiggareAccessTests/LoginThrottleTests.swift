import LiggareBasics
import Testing

@testable import LiggareAccess

@Suite struct LoginThrottleTests {
  @Test func delayGrowsThenCapsThenLocksOut() {
    let clock = TestClock()
    let limit = LoginThrottle.Limit(
      freeFailures: 3, baseDelay: 1, maximumDelay: 16, lockoutFailures: 10, lockoutDuration: 900,
      forgetAfter: 900)
    let throttle = LoginThrottle(account: limit, address: .address)
    var delays: [Int64] = []
    for _ in 0..<10 {
      throttle.recordFailure(account: "anna", address: "10.0.0.1", now: clock.now)
      delays.append(throttle.delay(account: "anna", address: "10.0.0.1", now: clock.now))
    }
    #expect(delays == [0, 0, 0, 1, 2, 4, 8, 16, 16, 900])
    // The wait runs down with time.
    clock.advance(seconds: 899)
    #expect(throttle.delay(account: "anna", address: "10.0.0.1", now: clock.now) == 1)
    clock.advance(seconds: 1)
    #expect(throttle.delay(account: "anna", address: "10.0.0.1", now: clock.now) == 0)
    // Another account from another address is not slowed.
    #expect(throttle.delay(account: "bo", address: "10.0.0.2", now: clock.now) == 0)
  }

  @Test func perAddressCatchesSprayingOverAccounts() {
    let clock = TestClock()
    let throttle = LoginThrottle()
    for i in 0..<12 {
      throttle.recordFailure(account: "user\(i)", address: "192.0.2.9", now: clock.now)
    }
    // Every account has one failure (free) but the address has 12 (10 free: 1, 2).
    #expect(throttle.delay(account: "someone-new", address: "192.0.2.9", now: clock.now) == 2)
    #expect(throttle.delay(account: "someone-new", address: "192.0.2.10", now: clock.now) == 0)
  }

  @Test func successClearsTheAccountButNotTheAddress() {
    let clock = TestClock()
    let throttle = LoginThrottle()
    for _ in 0..<5 { throttle.recordFailure(account: "anna", address: "a", now: clock.now) }
    #expect(throttle.delay(account: "anna", address: "b", now: clock.now) == 2)
    throttle.recordSuccess(account: "anna", address: "a", now: clock.now)
    #expect(throttle.delay(account: "anna", address: "b", now: clock.now) == 0)
    for _ in 0..<8 {
      throttle.recordFailure(account: "x\(Int.random(in: 0..<1000))", address: "a", now: clock.now)
    }
    throttle.recordSuccess(account: "anna", address: "a", now: clock.now)
    #expect(throttle.delay(account: "anna", address: "a", now: clock.now) > 0)  // 13 failures from "a"
  }

  @Test func failuresAreForgotten() {
    let clock = TestClock()
    let throttle = LoginThrottle()
    for _ in 0..<6 { throttle.recordFailure(account: "anna", address: "a", now: clock.now) }
    #expect(throttle.delay(account: "anna", address: "a", now: clock.now) == 4)
    clock.advance(seconds: 15 * 60)
    #expect(throttle.delay(account: "anna", address: "a", now: clock.now) == 0)
    throttle.recordFailure(account: "anna", address: "a", now: clock.now)
    #expect(throttle.delay(account: "anna", address: "a", now: clock.now) == 0)  // counting from 1 again
  }

  @Test func tableIsBounded() {
    let clock = TestClock()
    let throttle = LoginThrottle(maximumKeys: 100)
    for i in 0..<1000 { throttle.recordFailure(account: "a\(i)", address: "b\(i)", now: clock.now) }
    #expect(throttle.count <= 100)
  }

  @Test func defaultLimitsSlowAccountsAndLockThemOut() {
    #expect(LoginThrottle.Limit.account.wait(afterFailures: 3) == 0)
    #expect(LoginThrottle.Limit.account.wait(afterFailures: 4) > 0)
    #expect(LoginThrottle.Limit.account.wait(afterFailures: 1000) >= 15 * 60)
    #expect(LoginThrottle.Limit.account.wait(afterFailures: Int.max) >= 15 * 60)
  }

  /// A login form may post a huge "name": the table keeps a hash of it, not the name.
  @Test func longNamesAreKeptAsHashes() {
    let clock = TestClock()
    let throttle = LoginThrottle()
    let long = String(repeating: "x", count: 100_000)
    for i in 0..<50 {
      throttle.recordFailure(account: long + "\(i)", address: long + "\(i % 2)", now: clock.now)
    }
    #expect(throttle.count == 52)
    #expect(throttle.keyBytes < 52 * 80)
    // Each long name is still counted on its own.
    for _ in 0..<4 { throttle.recordFailure(account: long + "a", address: "1.2.3.4", now: clock.now) }
    #expect(throttle.delay(account: long + "a", address: "5.6.7.8", now: clock.now) == 1)
    #expect(throttle.delay(account: long + "b", address: "5.6.7.8", now: clock.now) == 0)
  }
}
