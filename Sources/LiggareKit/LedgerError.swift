public import LiggareBasics
public import LiggareDomain
public import LiggareStorage

/// Why a ledger operation failed, in Swedish, naming the file, line, event id and field.
public enum LedgerError: Error, Sendable {
  case log(LogError)
  case io(path: String, reason: String)
  case decoding(place: Place, error: EventDecodingError)
  case rule(place: Place, id: String, violation: RuleViolation)
  case conflictingDuplicate(place: Place, id: String, existingSeq: UInt64)
  case recordedAtTooEarly(place: Place, id: String, given: Timestamp, latest: Timestamp)
  case recordedAtInFuture(place: Place, id: String, given: Timestamp, now: Timestamp)
  case lineTooLong(place: Place, limit: Int)
  case corruptRecord(seq: UInt64, error: EventDecodingError)
  case register(path: String, reason: String)
  case attendance(place: Place, reason: String)
  /// The caller expected another head (`If-Match`, `expectingHead`): someone appended meanwhile.
  case headMoved(expected: LogHead, actual: LogHead)

  /// Where in the input an event came from.
  public struct Place: Sendable, Hashable, CustomStringConvertible {
    public var file: String?
    public var line: Int?

    /// Creates a place.
    public init(file: String? = nil, line: Int? = nil) {
      self.file = file
      self.line = line
    }

    /// "fil.jsonl rad 12", "rad 12", or "" when unknown (an empty file name is none: a request's
    /// body has no name of its own).
    public var description: String {
      switch (file.flatMap { $0.isEmpty ? nil : $0 }, line) {
      case (let f?, let l?): "\(f) rad \(l)"
      case (nil, let l?): "rad \(l)"
      case (let f?, nil): f
      case (nil, nil): ""
      }
    }

    /// "lista.csv rad 2 (händelse c-1): "; an empty id (an event without one of its own, never
    /// written) is not named.
    func prefix(id: String?) -> String {
      let place = description
      let event = id.flatMap { $0.isEmpty ? nil : "händelse \($0)" }
      switch (place.isEmpty, event) {
      case (true, nil): return ""
      case (true, let e?): return e + ": "
      case (false, nil): return place + ": "
      case (false, let e?): return "\(place) (\(e)): "
      }
    }
  }
}

extension LedgerError: CustomStringConvertible {
  /// Swedish.
  public var description: String {
    switch self {
    case .log(let e): "\(e)"
    case .io(let path, let reason): "\(path): \(reason)"
    case .decoding(let place, let error): place.prefix(id: nil) + "\(error)"
    case .rule(let place, let id, let violation): place.prefix(id: id) + "\(violation)"
    case .conflictingDuplicate(let place, let id, let seq):
      place.prefix(id: id)
        + "id:t finns redan i loggen (seq \(seq)) med annat innehåll; ett id kan inte återanvändas. "
        + "Välj ett nytt id, eller dra tillbaka den gamla händelsen och registrera en ny."
    case .recordedAtTooEarly(let place, let id, let given, let latest):
      place.prefix(id: id)
        + "registreringstiden (recordedAt) \(given) är tidigare än loggens senaste (\(latest)); "
        + "utelämna recordedAt så sätter loggen tiden"
    case .recordedAtInFuture(let place, let id, let given, let now):
      place.prefix(id: id) + "registreringstiden (recordedAt) \(given) ligger i framtiden (nu är det \(now))"
    case .lineTooLong(let place, let limit):
      place.prefix(id: nil) + "raden är längre än \(limit / 1024) KiB; varje händelse ska stå på en egen rad"
    case .corruptRecord(let seq, let error):
      "posten med seq \(seq) i loggen går inte att läsa som händelse: \(error); kör liggare verify"
    case .register(let path, let reason): "personregistret \(path): \(reason)"
    case .attendance(let place, let reason): place.prefix(id: nil) + reason
    case .headMoved(let expected, let actual):
      "loggens huvud är inte längre \(expected.hash.hex) (seq \(expected.seq)) utan \(actual.hash.hex) "
        + "(seq \(actual.seq)); läs om och försök igen"
    }
  }
}
