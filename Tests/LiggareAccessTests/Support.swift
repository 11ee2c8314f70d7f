import Foundation
import LiggareAccess
import LiggareBasics
import Synchronization

/// A fresh folder under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
  let path: String

  init() {
    path = NSTemporaryDirectory() + "liggare-access-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }

  static func read(_ path: String) -> [UInt8] {
    Array(FileManager.default.contents(atPath: path) ?? Data())
  }

  static func write(_ text: String, to path: String) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
  }

  static func mode(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
  }
}

/// A clock the test moves by hand.
final class TestClock: Sendable {
  private let instant: Mutex<Timestamp>

  init(_ start: Timestamp = Timestamp(seconds: 1_780_000_000)) {
    instant = Mutex(start)
  }

  var now: Timestamp { instant.withLock { $0 } }

  func advance(seconds: Int64) {
    instant.withLock { $0 = Timestamp(microseconds: $0.microseconds + seconds * 1_000_000) }
  }

  var closure: @Sendable () -> Timestamp { { self.now } }
}

/// A store in a fresh folder with few PBKDF2 iterations (the vectors test the real function).
func makeStore(
  _ directory: TemporaryDirectory, clock: TestClock = TestClock(), seed: UInt64 = 1, iterations: Int = 10
) throws -> AccountStore {
  try AccountStore(
    logDirectory: directory.path, passwordIterations: iterations, random: SeededRandom(seed: seed),
    clock: clock.closure)
}
