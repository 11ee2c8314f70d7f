/// One person as the generator tracks them: where they work, their PIM level and plan, and any
/// examiner role.
struct StaffRecord {
  /// Index of the unit they work at; -1 once they have left.
  var unit: Int32 = -1
  /// Position in that unit's staff list.
  var slot: Int32 = -1
  var role: StaffRoleCode = .annan
  var level: Int8 = 0
  /// The highest level this person will go for.
  var top: Int8 = 0
  /// The plan: from `planStart` the person reaches level min(top, 3) on `planEnd`, steps spread between.
  var planStart: Int32 = 0
  var planEnd: Int32 = 0
  /// Index of the unit they examine for; -1 when they hold no examiner role.
  var examinerUnit: Int32 = -1
  var examinerMax: Int8 = 0
  /// Position in the examiner pool of their maxLevel.
  var poolSlot: Int32 = -1
  /// Bumped when the person leaves: every action still pending for them is void.
  var stamp: UInt32 = 0
  /// Bumped at each appointment and end: a pending random end of an earlier role is void.
  var examinerStamp: UInt32 = 0
}
