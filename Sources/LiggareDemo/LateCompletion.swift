/// A December course completion whose attendance list is logged in February, kept compact until
/// the week it is recorded in (only ids and numbers, so memory follows people, not events).
struct LateCompletion {
  var person: Int32
  var course: Int16
  /// Half the course's hours (a partial attendance) instead of the default.
  var halfHours: Bool
  var day: Int32
  var recordDay: Int32
  var number: UInt64
  /// The node whose coordinator logs it.
  var board: Int32
}
