import LiggareBasics

/// The log folder's `manifest.json`: format name, version and segment size.
///
/// Written once when the log is created; a version this code does not know is refused.
public struct LogManifest: Sendable, Hashable {
  public static let formatName = "liggare-event-log"
  public static let currentVersion = 1
  /// The smallest and largest segment sizes a manifest may name.
  public static let minSegmentBytes = 4096
  public static let maxSegmentBytes = 1 << 40

  public var version: Int
  /// A segment is closed and a new one started when a record would make it larger than this.
  public var segmentBytes: Int

  /// Creates a manifest for a new log.
  public init(segmentBytes: Int) {
    self.version = LogManifest.currentVersion
    self.segmentBytes = segmentBytes
  }

  var json: JSONValue {
    [
      "format": .string(LogManifest.formatName), "version": .number(Double(version)),
      "segmentBytes": .number(Double(segmentBytes)),
    ]
  }

  /// Reads a manifest, refusing other formats and unknown versions.
  static func read(_ bytes: [UInt8], path: String) throws(LogError) -> LogManifest {
    guard let value = try? JSONValue.parse(bytes), value["format"]?.stringValue == formatName else {
      throw .unsupportedVersion(file: path, version: "okänd (filen är inte ett Liggare-manifest)")
    }
    guard let version = value["version"]?.numberValue, version == Double(currentVersion) else {
      throw .unsupportedVersion(file: path, version: value["version"].map(\.canonicalText) ?? "saknas")
    }
    // Range-checked before the conversion: a Double outside Int's range traps.
    guard let segmentBytes = value["segmentBytes"]?.numberValue, segmentBytes >= Double(minSegmentBytes),
      segmentBytes <= Double(maxSegmentBytes), segmentBytes == segmentBytes.rounded(.towardZero)
    else {
      throw .unsupportedVersion(
        file: path,
        version:
          "1 med ogiltig segmentBytes (ett heltal mellan \(minSegmentBytes) och \(maxSegmentBytes) krävs)")
    }
    return LogManifest(segmentBytes: Int(segmentBytes))
  }
}
