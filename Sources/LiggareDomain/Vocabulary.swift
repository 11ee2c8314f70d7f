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
