import LiggareBasics
import LiggareDomain

/// A change planned for a fixed day: the founding, the catalogue, goals and reorganisations.
///
/// Which unit a closure, merger or rename touches is chosen on the day, among the units open then.
enum ScriptedChange {
  case founding
  case defineCourse(Int)
  case goal(id: String, scope: Int32, minLevel: Int, targetShare: Double, deadline: CivilDate)
  case boardMerger(from: Int32, into: Int32)
  case closeUnit(SchoolForm)
  case mergeUnits(SchoolForm)
  case openUnit(SchoolForm)
  case renameUnit(SchoolForm)
  /// A step of contract Part 2 (frameworks, assessments, follow-up, action plans).
  case competence(CompetenceStep)
}
