/// The first damage `verify` found: which file, at which byte, at which record, and what.
public struct LogDamage: Error, Sendable, Hashable {
  /// What is wrong.
  public enum Kind: Sendable, Hashable {
    case malformedRecord(String)
    case checksumMismatch
    case hashMismatch
    case seqOutOfOrder(expected: UInt64, found: UInt64)
    case segmentNameMismatch(expectedFirstSeq: UInt64)
    case missingNewline
    case uncommittedTail(records: Int)
    case headFileAhead(headSeq: UInt64, logSeq: UInt64)
    case headFileHashMismatch(seq: UInt64)
    /// The head file is there but cannot be read as one.
    case headFileUnreadable(String)
    /// Segment files do not follow one another: records `lastSeq + 1 ..< nextFirstSeq` are missing.
    case segmentGap(lastSeq: UInt64, nextFirstSeq: UInt64)
  }

  public var file: String
  public var byteOffset: Int
  /// The record's seq where known (the expected seq when the record itself is unreadable).
  public var seq: UInt64
  public var kind: Kind

  /// Creates a description of damage.
  public init(file: String, byteOffset: Int, seq: UInt64, kind: Kind) {
    self.file = file
    self.byteOffset = byteOffset
    self.seq = seq
    self.kind = kind
  }
}

extension LogDamage: CustomStringConvertible {
  /// Swedish: file, byte and seq first, then what.
  public var description: String {
    let place = "\(file), byte \(byteOffset), post seq \(seq)"
    switch kind {
    case .malformedRecord(let why): return "\(place): posten går inte att läsa (\(why))"
    case .checksumMismatch:
      return "\(place): kontrollsumman (crc) stämmer inte; posten har ändrats eller skadats"
    case .hashMismatch:
      return
        "\(place): hashkedjan bryts; posten eller en tidigare post har ändrats, tagits bort eller flyttats"
    case .seqOutOfOrder(let expected, let found):
      return
        "\(place): väntade seq \(expected) men fann \(found); poster saknas, har lagts till eller bytt plats"
    case .segmentNameMismatch(let first):
      return "\(place): segmentfilens namn anger första seq \(first), men innehållet stämmer inte"
    case .missingNewline: return "\(place): sista raden saknar radslut"
    case .uncommittedTail(let records):
      return "\(place): \(records) poster efter sista fullbordade sats (avbruten skrivning)"
    case .headFileAhead(let headSeq, let logSeq):
      return
        "\(place): filen head anger seq \(headSeq) men loggen slutar vid \(logSeq); poster i slutet har tagits bort"
    case .headFileHashMismatch(let seq):
      return "\(place): filen head anger en annan hash för seq \(seq) än loggen; loggen har skrivits om"
    case .headFileUnreadable(let why):
      return "\(place): filen head går inte att läsa (\(why))"
    case .segmentGap(let last, let next):
      return
        "\(place): poster saknas mellan seq \(last) och \(next) (en segmentfil har tagits bort eller kortats)"
    }
  }
}
