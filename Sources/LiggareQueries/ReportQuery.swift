import LiggareBasics
public import LiggareKit
public import LiggareReports

/// Why a report could not be made or checked.
public enum ReportQueryError: Error, Sendable, CustomStringConvertible {
  case ledger(LedgerError)
  case report(ReportError)
  /// The bytes to verify carry no report parameters.
  case notAReport(name: String)

  /// Swedish.
  public var description: String {
    switch self {
    case .ledger(let e): "\(e)"
    case .report(let e): "\(e)"
    case .notAReport(let name):
      "\(name): hittar inga rapportparametrar; är filen en årsredovisning från Liggare?"
    }
  }
}

/// The annual report as `liggare report` makes and verifies it.
public enum ReportQuery {
  /// The report's bytes for `request` from `snapshot`: what `liggare report` writes.
  ///
  /// - Throws: `ReportQueryError` (an unknown scope, no data for the year, an unreadable record).
  public static func render(_ request: ReportRequest, snapshot: LedgerSnapshot) throws(ReportQueryError)
    -> [UInt8]
  {
    try figures(request, snapshot: snapshot).rendered()
  }

  /// The report's figures for `request` from `snapshot`, ready to render (`rendered()`); the same
  /// for every request of the same year and scope known at the same seq (`AnnualReport.answering`).
  ///
  /// - Throws: `ReportQueryError` (an unknown scope, no data for the year, an unreadable record).
  public static func figures(_ request: ReportRequest, snapshot: LedgerSnapshot) throws(ReportQueryError)
    -> AnnualReport
  {
    let seq = snapshot.chronicle.lastSeq(knownAt: request.knownAt)
    let hash: String
    do {
      hash = try snapshot.recordHash(atSeq: seq).hex
    } catch {
      throw .ledger(error)
    }
    do {
      return try AnnualReport(
        chronicle: snapshot.chronicle, request: request, head: LogHeadInfo(seq: seq, hash: hash),
        index: snapshot.index)
    } catch {
      throw .report(error)
    }
  }

  /// The answer to `report --verify`.
  public struct Verification: Sendable, Hashable {
    /// The parameters read from the file.
    public var request: ReportRequest
    /// Whether the file is byte for byte the report computed again.
    public var matches: Bool
    /// The first differing byte when it does not match.
    public var firstDifference: Int?
    /// The Swedish sentence the CLI prints.
    public var message: String
  }

  /// Computes the report `bytes` claims to be again and compares.
  ///
  /// - Parameter name: the file's name, for the message.
  /// - Throws: `ReportQueryError.notAReport` when `bytes` carry no parameters, or why the report
  ///   cannot be made.
  public static func verify(_ bytes: [UInt8], name: String, snapshot: LedgerSnapshot) throws(ReportQueryError)
    -> Verification
  {
    guard let request = AnnualReport.parameters(inReport: bytes) else { throw .notAReport(name: name) }
    let again = try render(request, snapshot: snapshot)
    if again == bytes {
      return Verification(
        request: request, matches: true, firstDifference: nil,
        message: "STÄMMER: \(name) är identisk med årsredovisningen för \(request.year) beräknad ur loggen "
          + "känd per \(SwedishTime.momentWithUTC(request.knownAt)).")
    }
    let at = AnnualReport.firstDifference(bytes, again) ?? 0
    return Verification(
      request: request, matches: false, firstDifference: at,
      message: "STÄMMER INTE: \(name) skiljer sig från en ny beräkning för \(request.year) känd per "
        + "\(SwedishTime.momentWithUTC(request.knownAt)) (första skillnaden vid byte \(at)). Filen har ändrats, eller loggen har skrivits om."
    )
  }
}
