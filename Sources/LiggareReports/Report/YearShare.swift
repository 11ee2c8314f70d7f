/// The report root's share at the reference level at the end of one year, for the line chart.
public struct YearShare: Sendable, Hashable {
  /// The year (the share is at its 31 December).
  public var year: Int
  /// Staff of the root then.
  public var staff: Int
  /// Staff at the reference level or higher then.
  public var atLevel: Int

  /// The share; nil without staff.
  public var share: Double? { staff == 0 ? nil : Double(atLevel) / Double(staff) }
}
