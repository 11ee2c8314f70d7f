public import LiggareSystem

/// What went wrong opening, reading or appending to a log, said in Swedish with where.
public enum LogError: Error, Sendable, Hashable {
  case system(SystemCallError)
  case notALog(directory: String)
  case unsupportedVersion(file: String, version: String)
  case locked(directory: String, holder: String)
  case readOnly(directory: String)
  case headMismatch(expected: LogHead, actual: LogHead)
  case bodyNotAnObject(index: Int)
  case recordTooLarge(index: Int, bytes: Int)
  case damaged(LogDamage)
  /// A writer found committed records missing (or a head file it cannot trust) and appended nothing.
  case writeRefused(LogDamage)
  /// A folder with segments but no `manifest.json`: a writer will not invent the log's identity.
  case manifestMissing(directory: String)
  case batchInProgress
  case noBatchInProgress
}

extension LogError: CustomStringConvertible {
  /// Swedish.
  public var description: String {
    switch self {
    case .system(let e): "\(e)"
    case .notALog(let directory):
      "\(directory) är ingen Liggare-logg (manifest.json saknas); ange rätt mapp med --log"
    case .unsupportedVersion(let file, let version):
      "\(file): formatversion \(version) stöds inte av denna version av Liggare; uppgradera Liggare"
    case .locked(let directory, let holder):
      "loggen i \(directory) används redan av en annan skrivande process (\(holder)); "
        + "vänta tills den är klar eller ange --wait"
    case .readOnly(let directory): "loggen i \(directory) är öppnad för läsning och kan inte skrivas"
    case .headMismatch(let expected, let actual):
      "loggen har ändrats sedan den lästes: väntade \(expected), men den är nu \(actual); läs om och försök igen"
    case .bodyNotAnObject(let index): "post \(index + 1) i satsen är inte ett JSON-objekt"
    case .recordTooLarge(let index, let bytes):
      "post \(index + 1) i satsen är för stor (\(bytes) byte; högst \(EventLog.maxRecordBytes))"
    case .damaged(let damage): "loggen är skadad: \(damage)"
    case .writeRefused(let damage):
      "loggen är skadad: \(damage). Inget har skrivits: att skriva vidare skulle dölja skadan för gott. "
        + "Återställ loggmappen från säkerhetskopian (hela mappen, även filen head) och försök igen; "
        + "kör liggare verify för att se skadan."
    case .manifestMissing(let directory):
      "\(directory) har segmentfiler men ingen manifest.json; en ny logg skapas inte ovanpå en gammal. "
        + "Återställ manifest.json från säkerhetskopian."
    case .batchInProgress: "en sats skrivs redan"
    case .noBatchInProgress: "ingen sats pågår"
    }
  }
}
