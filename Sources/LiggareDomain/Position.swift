public import LiggareBasics

/// A point in the fold order (`occurredOn`, `seq`): everything at or before it counts.
///
/// Views use the end of a day (`seq` = max); checks of an event against what came before it
/// in fold order use the event's own date and the seq just below it.
public struct Position: Sendable, Hashable, Comparable {
  /// Valid-time date.
  public var date: CivilDate
  /// Tie-break within the date, in log order.
  public var seq: UInt64

  /// Creates a position.
  public init(date: CivilDate, seq: UInt64) {
    self.date = date
    self.seq = seq
  }

  /// After every event dated on or before `date`.
  public static func endOf(_ date: CivilDate) -> Position {
    Position(date: date, seq: .max)
  }

  public static func < (lhs: Position, rhs: Position) -> Bool {
    (lhs.date, lhs.seq) < (rhs.date, rhs.seq)
  }
}
