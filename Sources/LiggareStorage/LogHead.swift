/// The last committed record of a log: its `seq` and chain hash. The empty log has seq 0.
public struct LogHead: Sendable, Hashable {
  public var seq: UInt64
  public var hash: SHA256.Digest

  /// The head of a log with no records.
  public static let empty = LogHead(seq: 0, hash: .zero)

  /// Creates a head.
  public init(seq: UInt64, hash: SHA256.Digest) {
    self.seq = seq
    self.hash = hash
  }
}

extension LogHead: CustomStringConvertible {
  /// `seq N (hash…)`, for messages.
  public var description: String { "seq \(seq), hash \(hash.hex)" }
}
