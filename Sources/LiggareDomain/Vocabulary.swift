/// The kind of an organisational node: the one city, a board (nämnd/förvaltning) or a unit.
public enum UnitKind: String, Sendable, Hashable, CaseIterable {
  case city
  case board
  case unit
}

/// The school form of a unit, as the contract spells it.
public enum SchoolForm: String, Sendable, Hashable, CaseIterable {
  case förskola
  case grundskola
  case gymnasieskola
  case anpassadSkola = "anpassad skola"
  case vuxenutbildning
}

/// A staff member's role at a unit; `annan` is not counted as staff.
public enum StaffRole: String, Sendable, Hashable, CaseIterable {
  case lärare
  case förskollärare
  case barnskötare
  case fritidspedagog
  case rektor
  case förskolechef
  case annan

  /// Whether people in this role count as staff in every figure.
  public var countsAsStaff: Bool { self != .annan }
}

/// The five areas of the IT strategy that every course serves.
public enum StrategyArea: String, Sendable, Hashable, CaseIterable, Comparable {
  case infrastruktur
  case digitalKompetens = "digital kompetens"
  case digitaltInnehåll = "digitalt innehåll"
  case samarbeteOchKommunikation = "samarbete och kommunikation"
  case uppföljning

  public static func < (lhs: StrategyArea, rhs: StrategyArea) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// How a competence was judged (contract Part 2): by the person, or by the head of their unit.
public enum AssessmentMethod: String, Sendable, Hashable, CaseIterable {
  case `self`
  case head
}

/// Where a measure of an action plan stands; `planerad` until its first `MeasureStatus`.
public enum MeasureState: String, Sendable, Hashable, CaseIterable {
  case planerad
  case pågår
  case genomförd
  case inställd

  /// The values a `MeasureStatus` event may carry (`planerad` is only the state before any).
  public static let recordable: [MeasureState] = [.pågår, .genomförd, .inställd]

  /// Whether no further status may follow (`genomförd`, `inställd`).
  public var isFinal: Bool { self == .genomförd || self == .inställd }
}

/// A unit head's yearly ratings, one per strategy area, each 1–4
/// (1 not started, 2 started, 3 established, 4 integrated in daily work).
public struct AreaRatings: Sendable, Hashable {
  /// By area, in `StrategyArea.allCases` order; an area not given is absent.
  public var byArea: [StrategyArea: Int]

  /// Creates ratings.
  public init(_ byArea: [StrategyArea: Int]) {
    self.byArea = byArea
  }

  /// The rating of `area`, if given.
  public subscript(area: StrategyArea) -> Int? { byArea[area] }
}
