public import LiggareBasics
public import LiggareDomain

extension GoalSnapshot {
  /// What the goal asks, in words: "nivå 3 för 100 % senast 2013-12-31". The one wording of a goal
  /// for the annual report (text style) and the terminal views (terminal style), so that a goal is
  /// never shown only by its id.
  public func meaning(style: SwedishNumber.Style) -> String {
    "nivå \(minLevel) för \(GoalSnapshot.targetPercent(targetShare, style: style)) senast \(deadline)"
  }

  /// A goal's target share: whole percent when it is one ("90 %"), else one decimal ("87,5 %").
  public static func targetPercent(_ share: Double, style: SwedishNumber.Style) -> String {
    SwedishNumber.wholeOrTenths(share * 100, style: style, invalid: "0") + style.percentSpace + "%"
  }
}
