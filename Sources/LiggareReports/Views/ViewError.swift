public import LiggareBasics

/// Why a view could not be shown; descriptions are Swedish, for the person at the terminal.
///
/// "Unknown" means the log as known never names the thing; the dated cases mean it exists in the log
/// but not as of the date asked about, so the user learns which date to ask for instead.
public enum ViewError: Error, Sendable, Hashable, CustomStringConvertible {
  /// No registration of the person is known at all.
  case unknownPerson(String)
  /// The person is registered, but only after the as-of date.
  case personNotRegistered(String, on: CivilDate)
  /// No node with the id is known at all.
  case unknownUnit(String)
  /// The node is established, but only after the as-of date.
  case notAUnit(String, on: CivilDate)
  /// No goal with the id is known at all.
  case unknownGoal(String)
  /// The goal is set, but only after the as-of date.
  case goalNotInForce(String, on: CivilDate)
  /// No requirement with the id is in force on the date.
  case requirementNotInForce(String, on: CivilDate)
  /// No framework with the id is defined on the date.
  case unknownFramework(String, on: CivilDate)

  /// The message shown to the user.
  public var description: String {
    switch self {
    case .unknownPerson(let id): "okänd person \"\(id)\""
    case .personNotRegistered(let id, let date): "\"\(id)\" är inte registrerad den \(date)"
    case .unknownUnit(let id): "okänd enhet \"\(id)\""
    case .notAUnit(let id, let date): "\"\(id)\" är inte en enhet den \(date)"
    case .unknownGoal(let id): "okänt mål \"\(id)\""
    case .goalNotInForce(let id, let date): "målet \"\(id)\" är inte satt den \(date)"
    case .requirementNotInForce(let id, let date): "kravet \"\(id)\" gäller inte den \(date)"
    case .unknownFramework(let id, let date): "ramverket \"\(id)\" finns inte den \(date)"
    }
  }
}
