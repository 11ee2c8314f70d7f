public import LiggareStorage

/// What an append or import did: how many events were new, how many were already there.
public struct AppendOutcome: Sendable, Hashable {
  /// Events written (or, for a dry run, that would have been).
  public var appended: Int
  /// Events whose id was already in the log with the same content: no-ops.
  public var alreadyPresent: Int
  /// The head after the append (unchanged for a dry run or when nothing was new).
  public var head: LogHead
  /// Seq of the first new event, if any.
  public var firstSeq: UInt64?
  public var dryRun: Bool
}
