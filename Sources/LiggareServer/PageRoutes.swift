/// The web pages' routes (issue 12): one `Route` declaration each, `audience: .page` (the
/// default for paths outside `/api/`). Handlers get the principal, the session (its CSRF token for
/// forms) and the ledger's state through `RequestContext`.
public enum PageRoutes {
  public static let all: [Route] = []
}
