import LiggareDomain

/// The numbers behind one scale of the demo city; the rates are the same at every scale, so the
/// scales differ in size, not in character.
struct DemoProfile: Sendable {
  /// A district board merged into another (with its units moved first), on 1 January of `year`.
  struct BoardMerger: Sendable {
    var from: Int
    var into: Int
    var year: Int
  }

  /// District boards (stadsdelsnämnder), which run the preschools.
  var districts: Int
  /// Units at the start, per school form in `SchoolForm.allCases` order.
  var unitsPerForm: [Int]
  /// Mean staff of a unit, per school form in `SchoolForm.allCases` order.
  var staffPerForm: [Int]
  var boardMergers: [BoardMerger]
  /// Units closed after their staff have been moved away, between 2015 and 2024.
  var closures: Int
  /// Units merged into a neighbour (staff and examiners follow), between 2015 and 2024.
  var unitMergers: Int
  /// Units opened in a growing city, between 2013 and 2024.
  var newUnits: Int
  /// Units renamed, between 2014 and 2024.
  var renames: Int
  /// Chance that a course session's attendance list gets a mistake, retracted a few weeks later.
  var mistakesPerSession: Double

  /// Staff who leave the city per year (each is replaced by a new hire).
  var leavingPerYear = 0.065
  /// Staff who move to another unit per year (heads stay).
  var movesPerYear = 0.03
  /// Course sessions per unit and year; with a mean attendance of 45 % of the unit's staff this
  /// gives about 4–5 completions per person and year, the bulk of the log.
  var sessionsPerYear = 10.5
  /// Share of December course sessions whose attendance lists are logged in February.
  var lateDecemberShare = 0.2
  /// Examiner roles ended per year for other reasons than leaving (each unit asks for a new one).
  var examinerEndsPerYear = 0.12
}
