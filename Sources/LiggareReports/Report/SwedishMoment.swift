public import LiggareBasics

/// A moment as people in the city read it, for the pages as well as the report: Stockholm time
/// in Swedish ("30 november 2026 kl. 14.05"), the same words the annual report uses for `knownAt`.
public enum SwedishMoment {
  /// `instant` in Stockholm time and Swedish, seconds shown only when not zero.
  public static func text(_ instant: Timestamp) -> String { SwedishFormat.timestamp(instant) }
}
