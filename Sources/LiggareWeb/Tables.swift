/// Tables that keep every column at 320 px width: the table scrolls sideways inside a region that
/// can be reached and scrolled with the keyboard (`tabindex="0"`), named for screen readers.
public enum Tables {
  /// A column heading; `numeric` right-aligns the column.
  public struct Column: Sendable, Hashable {
    public var title: String
    public var numeric: Bool

    public init(_ title: String, numeric: Bool = false) {
      self.title = title
      self.numeric = numeric
    }
  }

  /// A scrollable region holding a table with a caption and a header row; each row's cells are
  /// markup (links, struck-through text) built by the page. The first cell of a row is its header.
  public static func table(
    _ label: String, columns: [Column], rows: [[HTML]], footer: [[HTML]] = [], rowClasses: [String?] = []
  ) -> HTML {
    el(
      "div",
      [
        Attribute("class", "table-scroll"), Attribute("role", "region"), Attribute("aria-label", label),
        Attribute("tabindex", "0"),
      ]
    ) {
      el("table") {
        el("caption", text: label)
        el("thead") {
          el("tr") {
            for c in columns {
              el(
                "th", [Attribute("scope", "col")] + (c.numeric ? [Attribute("class", "num")] : []),
                text: c.title)
            }
          }
        }
        el("tbody") {
          for (r, row) in rows.enumerated() {
            el("tr", (r < rowClasses.count ? rowClasses[r] : nil).map { [Attribute("class", $0)] } ?? []) {
              cells(row, columns)
            }
          }
        }
        if !footer.isEmpty {
          el("tfoot") {
            for row in footer { el("tr") { cells(row, columns) } }
          }
        }
      }
    }
  }

  static func cells(_ row: [HTML], _ columns: [Column]) -> HTML {
    HTML.build {
      for (i, cell) in row.enumerated() {
        let numeric = i < columns.count && columns[i].numeric
        if i == 0 {
          HTML.element(
            "th", [Attribute("scope", "row")] + (numeric ? [Attribute("class", "num")] : []), [cell])
        } else {
          HTML.element("td", numeric ? [Attribute("class", "num")] : [], [cell])
        }
      }
    }
  }
}
