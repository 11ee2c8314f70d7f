/// Name and e-mail from a `PersonRegistered`: they go to the erasable person register, never into
/// the append-only log.
public struct PersonalData: Sendable, Hashable {
  public var name: String
  public var email: String?

  /// Creates personal data.
  public init(name: String, email: String?) {
    self.name = name
    self.email = email
  }
}
