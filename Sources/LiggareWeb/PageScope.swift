public import LiggareDomain

/// Which units and persons a viewer may see: a scope is a node id and covers everything under it.
/// A page outside the viewer's scopes answers exactly as a page that does not exist.
public enum PageScope {
  /// True when `unitID`, as the tree stood on the state's date, is at or under one of `scopes`.
  /// An unknown unit is never visible.
  public static func mayView(unit unitID: String, in state: CityState, scopes: [String]) -> Bool {
    guard !scopes.isEmpty else { return false }
    let allowed = Set(scopes)
    var current: String? = unitID
    var steps = 0
    while let id = current, steps < 64 {
      guard let node = state.unit(id) else { return false }
      if allowed.contains(id) { return true }
      current = node.parentID
      steps += 1
    }
    return false
  }

  /// True when the person's placement on the state's date is in one of `scopes`, or when a scope
  /// is the city (the whole city sees everyone, also people who have left). A person without a
  /// placement is visible only to the whole city.
  public static func mayView(person personID: String, in state: CityState, scopes: [String]) -> Bool {
    if let city = state.city?.id, scopes.contains(city) { return true }
    guard let placement = state.placement(of: personID) else { return false }
    return mayView(unit: placement.unitID, in: state, scopes: scopes)
  }
}
