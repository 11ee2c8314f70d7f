/// The log head a report was computed from: the last event known at `knownAt` and its chain hash.
///
/// It is the head *as of knownAt*, not the log's current head, so that a report recomputed later with
/// the same `--known-at` states the same head and comes out byte-identical.
public struct LogHeadInfo: Sendable, Hashable {
  /// The seq of the last event recorded at or before `knownAt` (0 for none).
  public var seq: UInt64
  /// The chain hash of that record, as hex text.
  public var hash: String

  /// Creates the head description.
  public init(seq: UInt64, hash: String) {
    self.seq = seq
    self.hash = hash
  }
}
