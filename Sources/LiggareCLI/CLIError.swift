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
