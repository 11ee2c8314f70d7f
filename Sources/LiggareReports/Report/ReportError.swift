/// Why an annual report could not be made; descriptions are Swedish, for the person at the terminal.
public enum ReportError: Error, Sendable, Hashable, CustomStringConvertible {
  /// `--scope` names no node established by the end of the year.
  case unknownScope(String)
  /// Nothing is known for the year: no city established by its last day.
  case noData(year: Int)
  /// The year is outside what a civil date can hold (the report needs year − 1 too).
  case invalidYear(Int)
  /// The head given is not the last event known at `knownAt`.
  case headMismatch(expectedSeq: UInt64, givenSeq: UInt64)

  /// The message shown to the user.
  public var description: String {
    switch self {
    case .unknownScope(let id):
      "okänd enhet \"\(id)\": ingen stad, nämnd eller enhet med det id:t fanns vid årets slut"
    case .noData(let year):
      "inga uppgifter för år \(year): staden var inte upprättad den 31 december \(year) enligt loggen"
    case .invalidYear(let year):
      "ogiltigt år \(year): ange ett år mellan 1001 och 9999"
    case .headMismatch(let expected, let given):
      "loggens huvud stämmer inte: händelse \(expected) är den sista kända vid tidpunkten, men \(given) angavs"
    }
  }
}
