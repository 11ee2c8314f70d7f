import LiggareKit
import LiggareStorage

/// Why a command failed, and the exit status that says so.
enum CLIError: Error {
  /// Wrong arguments: exit 2, with a pointer to the help.
  case usage(String, command: String)
  /// Bad input or a rule broken: exit 1.
  case failed(String)
  /// The log is damaged: exit 3.
  case damaged(String)

  static func from(_ error: LedgerError) -> CLIError {
    if case .log(.damaged(let damage)) = error { return .damaged("loggen är skadad: \(damage)") }
    if case .log(.writeRefused) = error { return .damaged("\(error)") }
    if case .rule(_, _, .repeatedCompletion) = error {
      return .failed(
        "\(error).\nÄr det verkligen ett andra kurstillfälle samma dag, ange --second-completion.")
    }
    return .failed("\(error)")
  }

  /// As `from(_:)`, but a rule broken by a value the command line gave (`--date`, `--course`, …)
  /// blames that flag rather than the row or the event that carried it.
  /// - Parameters:
  ///   - options: for each event field the command line set, its flag (`course` → `course`).
  ///   - dateGiven: whether `--date` was given (otherwise the date was today's).
  static func from(_ error: LedgerError, options: [String: String], dateGiven: Bool = true) -> CLIError {
    guard case .rule(_, _, let violation) = error else { return from(error) }
    switch violation {
    case .occurredAfterRecorded(let occurredOn, let recordedOn) where dateGiven:
      return .failed(
        "--date \(occurredOn) ligger efter i dag (\(recordedOn)); en händelse kan inte registreras i förväg")
    case .unknownCourse(let c, _, _, _) where options["course"] != nil:
      return .failed("--\(options["course"] ?? "course") \(c): \(violation)")
    case .outOfRange(let field, _, _), .emptyField(let field):
      guard let option = options[field] else { return from(error) }
      return .failed("--\(option): \(violation)")
    default:
      return from(error)
    }
  }

  var exitCode: Int32 {
    switch self {
    case .usage: 2
    case .failed: 1
    case .damaged: 3
    }
  }

  var message: String {
    switch self {
    case .usage(let m, let command):
      command.isEmpty
        ? "fel: \(m)\nSe 'liggare help'."
        : "fel i 'liggare \(command)': \(m)\nSe 'liggare help \(command)'."
    case .failed(let m): "fel: \(m)"
    case .damaged(let m): "fel: \(m)"
    }
  }
}
