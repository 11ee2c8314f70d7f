import LiggareDomain

/// A staff role in one byte, for the per-person table (the domain's `StaffRole` is a string enum).
enum StaffRoleCode: UInt8 {
  case lärare, förskollärare, barnskötare, fritidspedagog, rektor, förskolechef, annan

  init(_ role: StaffRole) {
    switch role {
    case .lärare: self = .lärare
    case .förskollärare: self = .förskollärare
    case .barnskötare: self = .barnskötare
    case .fritidspedagog: self = .fritidspedagog
    case .rektor: self = .rektor
    case .förskolechef: self = .förskolechef
    case .annan: self = .annan
    }
  }

  var role: StaffRole {
    switch self {
    case .lärare: .lärare
    case .förskollärare: .förskollärare
    case .barnskötare: .barnskötare
    case .fritidspedagog: .fritidspedagog
    case .rektor: .rektor
    case .förskolechef: .förskolechef
    case .annan: .annan
    }
  }

  /// Heads of units: they do not move between units and are replaced as heads.
  var isHead: Bool { self == .rektor || self == .förskolechef }
}
