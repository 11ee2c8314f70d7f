public import LiggareSystem

/// Why an account operation or an access-log write failed; `description` is Swedish and names the
/// file or account concerned.
public enum AccessError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The accounts file cannot be read or has content that is not a Liggare accounts file.
  case accountFile(path: String, reason: String)
  /// The accounts file has a format version this program does not know.
  case unsupportedVersion(path: String, version: String)
  /// A file could not be read, written or synced.
  case io(SystemCallError)
  /// An account name that cannot be used.
  case invalidName(String, reason: String)
  /// An account that already exists.
  case accountExists(String)
  /// An account that does not exist.
  case unknownAccount(String)
  /// A password that cannot be used (too short, too long).
  case invalidPassword(reason: String)
  /// A scope that cannot be used with the role, or a malformed scope id.
  case invalidScope(reason: String)
  /// An account's person id cannot be used (wrong role, or not an id).
  case invalidPerson(reason: String)
  /// A line of the access log that cannot be read.
  case accessLog(path: String, line: Int, reason: String)
  /// Too many accounts in one file.
  case tooManyAccounts(limit: Int)
  /// The kernel's random generator cannot be read, so no secret can be made.
  case randomnessUnavailable(reason: String)

  /// A Swedish sentence naming what went wrong and where.
  public var description: String {
    switch self {
    case .accountFile(let path, let reason): "Kontofilen \(path) går inte att använda: \(reason)."
    case .unsupportedVersion(let path, let version):
      "Kontofilen \(path) har formatversion \(version), som den här versionen av Liggare inte känner till; uppgradera Liggare."
    case .io(let error): "\(error)."
    case .invalidName(let name, let reason): "Kontonamnet \"\(name)\" går inte att använda: \(reason)."
    case .accountExists(let name): "Kontot \"\(name)\" finns redan."
    case .unknownAccount(let name): "Kontot \"\(name)\" finns inte."
    case .invalidPassword(let reason): "Lösenordet går inte att använda: \(reason)."
    case .invalidScope(let reason): "Omfattningen går inte att använda: \(reason)."
    case .invalidPerson(let reason): "Person-id:t går inte att använda: \(reason)."
    case .accessLog(let path, let line, let reason): "Åtkomstloggen \(path), rad \(line): \(reason)."
    case .tooManyAccounts(let limit): "Kontofilen rymmer högst \(limit) konton."
    case .randomnessUnavailable(let reason):
      "Slumptal går inte att läsa från operativsystemet (\(reason)); utan dem kan inga lösenord, "
        + "sessioner eller nycklar skapas. Kontrollera att /dev/urandom finns och går att läsa."
    }
  }
}
