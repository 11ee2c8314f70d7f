import Foundation
import Testing

/// Golden files: reports compared byte for byte with files in Tests/LiggareReportsTests/Golden.
///
/// `LIGGARE_RECORD_GOLDEN=1 swift test --filter LiggareReportsTests` rewrites them in the source tree
/// (found through `#filePath`); normal runs read the copies bundled as resources (`Bundle.module`).
enum Golden {
  static var isRecording: Bool {
    ProcessInfo.processInfo.environment["LIGGARE_RECORD_GOLDEN"] == "1"
  }

  static func sourceDirectory(_ filePath: String) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Golden")
  }

  /// Compares `bytes` with the golden file `name`, or records it when recording.
  static func check(
    _ bytes: [UInt8], name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    if isRecording {
      try Data(bytes).write(to: sourceDirectory(filePath).appendingPathComponent(name))
      return
    }
    guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Golden") else {
      Issue.record(
        "golden file \(name) missing: run with LIGGARE_RECORD_GOLDEN=1 to record it",
        sourceLocation: sourceLocation)
      return
    }
    let expected = [UInt8](try Data(contentsOf: url))
    if expected != bytes {
      // Leave the actual output next to the temp dir for a diff.
      let actual = FileManager.default.temporaryDirectory.appendingPathComponent(
        "liggare-golden-actual-\(name)")
      try? Data(bytes).write(to: actual)
      let offset =
        zip(expected, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(expected.count, bytes.count)
      Issue.record(
        "\(name) differs from the golden file at byte \(offset); actual output written to \(actual.path)",
        sourceLocation: sourceLocation)
    }
  }
}
