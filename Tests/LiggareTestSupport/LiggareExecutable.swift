import Foundation

/// The real `liggare` executable, for tests that run it as a child process.
public enum LiggareExecutable {
  /// The executable beside the test bundle (the test targets that use it depend on it, so it is
  /// built); the debug build's path when it is not found there.
  public static let path: String = {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("liggare").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    return ".build/debug/liggare"
  }()
}
