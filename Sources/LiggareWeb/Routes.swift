/// Every page's path (English, as the rules want routes); the server's route table uses the same.
public enum Routes {
  public static let start = WebPath("")
  public static let login = WebPath("login")
  public static let logout = WebPath("logout")
  public static let accessibility = WebPath("accessibility")
  public static let register = WebPath("register")
  public static let attendance = WebPath("register", "attendance")
  public static let assessments = WebPath("register", "assessments")
  public static let search = WebPath("search")
  public static let myUnit = WebPath("unit")
  public static let city = WebPath("city")
  public static let report = WebPath("report")
  public static let reportVerify = WebPath("report", "verify")
  public static let status = WebPath("status")
  public static let admin = WebPath("admin")

  /// The form for one event type (`/register/pim-level`, …).
  public static func event(_ form: String) -> WebPath { WebPath("register", form) }
  /// The retraction form for one event.
  public static func retract(_ eventID: String) -> WebPath {
    WebPath("register", "retract").with("event", eventID)
  }
  /// A unit's page ("Min enhet" for a head, drill-down for the office).
  public static func unit(_ id: String) -> WebPath { WebPath("unit", id) }
  /// A unit's gap list as CSV for Swedish Excel.
  public static func unitGapsCSV(_ id: String) -> WebPath { WebPath("unit", id, "gaps.csv") }
  /// A unit's print view.
  public static func unitPrint(_ id: String) -> WebPath { WebPath("unit", id, "print") }
  /// A person's page.
  public static func person(_ id: String) -> WebPath { WebPath("person", id) }
}
