public import LiggareDomain

/// A goal in force at Y-12-31 and how it stood (contract decision 9).
public struct GoalFigures: Sendable, Hashable {
  /// The goal's status on the earlier of its deadline and Y-12-31.
  public var status: GoalStatus
  /// The scope's name at Y-12-31.
  public var scopeName: String
  /// Staff of the scope at Y-1-12-31, and of them those at the goal's level (for the change).
  public var previousStaff: Int
  /// Staff of the scope at the goal's level or higher at Y-1-12-31.
  public var previousAtLevel: Int

  /// The goal as set.
  public var goal: GoalSnapshot { status.goal }

  /// Whether the deadline has passed by Y-12-31, so that met/not met is final.
  public var deadlinePassed: Bool { status.evaluatedOn == status.goal.deadline }

  /// The share at the goal's level at Y-1-12-31; nil without staff.
  public var previousShare: Double? {
    previousStaff == 0 ? nil : Double(previousAtLevel) / Double(previousStaff)
  }

  /// Status in words: "uppnått", "ej uppnått", "uppnått i förtid" or "pågår".
  public var verdict: String {
    switch (deadlinePassed, status.isMet) {
    case (true, true): "uppnått"
    case (true, false): "ej uppnått"
    case (false, true): "uppnått i förtid"
    case (false, false): "pågår"
    }
  }
}

extension GoalFigures {
  /// What the goal is, in words: "nivå 3 för 100 % senast 2013-12-31".
  var what: String {
    goal.meaning(style: .text)
  }
}
