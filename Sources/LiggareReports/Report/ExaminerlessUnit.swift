public import LiggareDomain

/// An open unit with a school form that held no examiner role at Y-12-31 (decision 2).
public struct ExaminerlessUnit: Sendable, Hashable {
  /// The unit's id.
  public var unitID: String
  /// The unit's name.
  public var name: String
  /// Its board's id.
  public var boardID: String?
  /// Its board's name.
  public var boardName: String
  /// The school form (always present: only such units count).
  public var schoolForm: SchoolForm
  /// Staff at Y-12-31.
  public var staff: Int
}
