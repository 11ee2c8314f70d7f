/// Something the generator has planned for a day: a person's leaving, move or next PIM exam, a
/// unit's course session or search for an examiner, a replacement hire, a retraction.
struct SimulationAction {
  /// What to do; the raw order is the order within a day: changes to who works and examines where
  /// come before exams and courses, so an exam never names a role that ends later the same day.
  enum Kind: UInt8, Comparable {
    case leave, move, examinerEnd, staffUnit, hire, examinerWanted, exam, session, retraction

    static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  var kind: Kind
  /// A person index (leave, move, examinerEnd, exam), a unit index (staffUnit, hire,
  /// examinerWanted, session) or a retraction index.
  var subject: Int32
  /// The person's stamp when planned (the action is void if it has changed), or a role code (hire).
  var stamp: UInt32
}
