import LiggareBasics
import LiggareDomain

/// Finds what a view is asked about, or says in Swedish why it cannot: unknown to the log as known,
/// or known only from a later date than the one asked about.
enum ViewLookup {
  /// The last date a civil date holds: "at any date" for telling the two errors apart.
  static let anyDate = Position.endOf(CivilDate(year: 9999, month: 12, day: 31)!)

  static func unit(_ id: String, in state: CityState) throws(ViewError) -> UnitSnapshot {
    if let u = state.unit(id) { return u }
    if state.at(anyDate).unit(id) != nil { throw .notAUnit(id, on: state.asOf) }
    throw .unknownUnit(id)
  }

  static func person(_ id: String, in state: CityState) throws(ViewError) {
    if state.isRegistered(id) { return }
    if state.at(anyDate).isRegistered(id) { throw .personNotRegistered(id, on: state.asOf) }
    throw .unknownPerson(id)
  }

  static func goal(_ id: String, in state: CityState, goals: [GoalSnapshot]) throws(ViewError) -> GoalSnapshot
  {
    if let g = goals.first(where: { $0.id == id }) { return g }
    if state.at(anyDate).goals.contains(where: { $0.id == id }) { throw .goalNotInForce(id, on: state.asOf) }
    throw .unknownGoal(id)
  }
}
