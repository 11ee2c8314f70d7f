/// The frame of every page: skip link, header with the signed-in person and a logout form,
/// navigation by role, one `main` landmark and a footer linking to the accessibility statement.
public enum Layout {
  /// Where each navigation entry leads; `current` marks the page with `aria-current="page"`.
  public enum Section: String, Sendable, Hashable {
    case start, register, unit, city, report, status, admin, accessibility, login, other
  }

  /// The navigation entries the viewer's roles give, in a fixed order.
  static func navigation(for viewer: Viewer) -> [(Section, String, WebPath)] {
    var items: [(Section, String, WebPath)] = [(.start, "Start", WebPath(""))]
    if viewer.has(.coordinator) { items.append((.register, "Registrera", Routes.register)) }
    if viewer.has(.head) {
      items.append((.unit, "Min enhet", Routes.myUnit))
      if !viewer.has(.coordinator) { items.append((.register, "Bedöm och följ upp", Routes.register)) }
    }
    if viewer.has(.office) {
      items += [
        (.city, "Staden", Routes.city), (.report, "Årsredovisning", Routes.report),
        (.status, "Loggens status", Routes.status),
      ]
    }
    if viewer.has(.admin) { items.append((.admin, "Konton", Routes.admin)) }
    return items
  }

  /// A whole page as bytes: `title` names the page in `<title>` and is the `h1`.
  ///
  /// - Parameters:
  ///   - viewer: the signed-in person, or nil on the login and public pages.
  ///   - section: which navigation entry is current.
  ///   - bodyClass: a class on `body` (the print view uses `print`).
  public static func page(
    title: String, viewer: Viewer?, section: Section, bodyClass: String? = nil,
    @HTMLBuilder content: () -> HTML
  ) -> [UInt8] {
    document(title: title, viewer: viewer, section: section, bodyClass: bodyClass, content: content()).bytes
  }

  static func document(title: String, viewer: Viewer?, section: Section, bodyClass: String?, content: HTML)
    -> HTML
  {
    HTML.build {
      HTML.literal("<!DOCTYPE html>\n")
      el("html", [Attribute("lang", "sv")]) {
        el("head") {
          HTML.void("meta", [Attribute("charset", "utf-8")])
          HTML.void(
            "meta",
            [Attribute("name", "viewport"), Attribute("content", "width=device-width, initial-scale=1")])
          el("title", text: "\(title) – Liggare")
          HTML.void("link", [Attribute("rel", "stylesheet"), .href(Stylesheet.path)])
        }
        el("body", bodyClass.map { [Attribute("class", $0)] } ?? []) {
          el("a", [Attribute("class", "skip"), Attribute("href", "#main")], text: "Hoppa till innehållet")
          header(viewer: viewer, section: section)
          el("main", [Attribute("id", "main"), Attribute("tabindex", "-1")]) {
            el("div", [Attribute("class", "wrap")]) {
              el("h1", text: title)
              content
            }
          }
          el("footer", [Attribute("class", "site")]) {
            el("div", [Attribute("class", "wrap")]) {
              el("p") {
                el("a", [.href(Routes.accessibility)], text: "Tillgänglighetsredogörelse")
                " · Liggare – kompetensliggaren för stadens förskolor och skolor"
              }
            }
          }
        }
      }
    }
  }

  static func header(viewer: Viewer?, section: Section) -> HTML {
    el("header", [Attribute("class", "site")]) {
      el("div", [Attribute("class", "wrap")]) {
        el("a", [Attribute("class", "brand"), .href(WebPath(""))], text: "Liggare")
        if let viewer {
          el("nav", [Attribute("class", "main"), Attribute("aria-label", "Huvudmeny")]) {
            el("ul") {
              for (item, label, path) in navigation(for: viewer) {
                el("li") {
                  el(
                    "a", [.href(path)] + (item == section ? [Attribute("aria-current", "page")] : []),
                    text: label)
                }
              }
            }
          }
          el("div", [Attribute("class", "user")]) {
            el("span", text: "Inloggad som \(viewer.name)")
            el("form", [Attribute("method", "post"), .action(Routes.logout)]) {
              Forms.csrfField(viewer)
              el("button", [Attribute("type", "submit")], text: "Logga ut")
            }
          }
        }
      }
    }
  }
}

extension Attribute {
  /// A form's `action`, a path on this server.
  public static func action(_ path: WebPath) -> Attribute {
    Attribute("action", path.string)
  }
}
