/// A unit's distance from the reference goal level at Y-12-31 ("units furthest from the goal").
///
/// The gap of a person is the level minus their PIM level when positive (contract); a unit is
/// ranked by the average gap per staff member, then by the lower share at the level.
public struct UnitGap: Sendable, Hashable {
  /// The unit's id.
  public var unitID: String
  /// The unit's name.
  public var name: String
  /// Its board's id (nil when no board is above it).
  public var boardID: String? = nil
  /// Its board's name.
  public var boardName: String
  /// Staff at Y-12-31.
  public var staff: Int
  /// Staff below the reference level.
  public var below: Int
  /// The sum of the staff's gaps in levels.
  public var totalGap: Int

  /// Average gap per staff member, in levels.
  public var averageGap: Double { staff == 0 ? 0 : Double(totalGap) / Double(staff) }
  /// Share of staff at the reference level or higher.
  public var shareAtLevel: Double { staff == 0 ? 0 : Double(staff - below) / Double(staff) }
}
