import LiggareDomain

/// The city, a board or a unit as the generator tracks it: who works there and who examines for it,
/// so that no event needs a look into the log.
struct OrgNode {
  let id: String
  var name: String
  let kind: UnitKind
  /// Index of the parent node; -1 for the city.
  var parent: Int32
  let schoolForm: SchoolForm?
  var isOpen = true
  /// Staff of the unit (person indexes, any role), in no particular order.
  var staff: [Int32] = []
  /// Examiners holding a role for the unit.
  var examiners: [Int32] = []
  /// Staff the unit is sized for at the start.
  var targetStaff: Int
  /// Examiners the unit asks for: two at a large school.
  var wantedExaminers: Int
  /// The district the node lies in, used to tell apart units with the same name.
  var district: String
  /// Who logs the board's events (a board's PIM coordinator); empty for units, which use their board's.
  var actor: String
  /// Position in the list of open units of its school form; -1 when not in one.
  var formSlot: Int32 = -1
  /// The year it was established (a follow-up may not be of an earlier year).
  var establishedYear = 2011
}
