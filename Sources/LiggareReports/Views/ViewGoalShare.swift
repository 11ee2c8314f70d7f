public import LiggareBasics
public import LiggareDomain

/// How one node stood against one goal, evaluated on the earlier of the goal's deadline and the
/// view's date (contract decision 9): the share of the node's staff on that date at the goal's level.
public struct ViewGoalShare: Sendable, Hashable {
  /// The goal in force on the view's date.
  public var goal: GoalSnapshot
  /// The node measured (the goal's scope, or a node under it).
  public var nodeID: String
  /// The earlier of the deadline and the view's date.
  public var evaluatedOn: CivilDate
  /// Staff of the node on `evaluatedOn`.
  public var staff: Int
  /// Of them, those at `goal.minLevel` or higher.
  public var atLevel: Int

  /// Met when staff at level ≥ targetShare × staff (contract decision 9).
  public var isMet: Bool { Double(atLevel) >= goal.targetShare * Double(staff) }
  /// The share at level, 0 when the node has no staff.
  public var share: Double { staff == 0 ? 0 : Double(atLevel) / Double(staff) }
}
