import Foundation

/// A fresh folder under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
  let path: String

  init() {
    path = NSTemporaryDirectory() + "liggare-storage-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// A copy of folder `name` inside this one, as a crash would leave it.
  func copy(_ source: String, to name: String) -> String {
    let target = path + "/" + name
    try? FileManager.default.removeItem(atPath: target)
    try! FileManager.default.copyItem(atPath: source, toPath: target)
    return target
  }

  static func files(in folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
  }

  static func read(_ path: String) -> [UInt8] {
    Array(FileManager.default.contents(atPath: path) ?? Data())
  }

  static func write(_ bytes: [UInt8], to path: String) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
  }
}
