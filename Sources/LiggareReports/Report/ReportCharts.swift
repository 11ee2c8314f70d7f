import LiggareDomain

/// The report's charts as inline SVG, drawn here so the HTML needs no scripts or network.
///
/// Every chart has `role="img"` with a `<title>` and a `<desc>` giving its data in words, and uses
/// fills that differ in lightness (and a hatch for "no level") plus printed labels, so it still reads
/// on a greyscale printout.
enum ReportCharts {
  typealias F = SwedishFormat

  /// Fills for PIM levels 0–5, light to dark.
  static let levelFills = ["#f4f5f7", "#d6dfec", "#aabdd9", "#7393c2", "#416599", "#1c355c"]
  /// Text colours that stay readable on each level's fill: at least 4.5:1 (WCAG AA) against it
  /// (dark ink on levels 0–3, white from level 4; white on level 3's #7393c2 was only 3.1:1).
  static let levelText = ["#1c2733", "#1c2733", "#1c2733", "#1c2733", "#ffffff", "#ffffff"]

  /// A coordinate with one decimal and a point, the same on every machine.
  static func n(_ x: Double) -> String {
    let s = F.scaled(x, digits: 1)
    return s % 10 == 0 ? String(s / 10) : F.plain(x, digits: 1, mark: ".")
  }

  static func open(id: String, width: Int, height: Int, title: String, desc: String) -> String {
    "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\" "
      + "xmlns=\"http://www.w3.org/2000/svg\" font-family=\"inherit\">"
      + "<title id=\"\(id)-t\">\(HTMLText.escape(title))</title>"
      + "<desc id=\"\(id)-d\">\(HTMLText.escape(desc))</desc>"
  }

  static func text(
    _ x: Double, _ y: Double, _ content: String, anchor: String = "start", size: Int = 12,
    fill: String = "#1c2733", weight: String? = nil
  ) -> String {
    "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\" fill=\"\(fill)\""
      + (weight.map { " font-weight=\"\($0)\"" } ?? "") + ">\(HTMLText.escape(content))</text>"
  }

  /// 100 % stacked bars of the PIM level distribution, one bar per node.
  ///
  /// Names are shortened by their drawn width (`ChartText`) to fit left of the bars; the drawing is
  /// as wide as the widest staff count to the right of them needs, so nothing is clipped.
  static func levelDistribution(id: String, rows: [NodeFigures], year: Int) -> String {
    let labelWidth = 170.0
    let barWidth = 390.0
    let rowHeight = 30.0
    let top = 44.0
    let height = Int(top + rowHeight * Double(rows.count) + 8)
    let counts = rows.map { "\(F.integer($0.staff)) pers." }
    let countWidth = counts.map { ChartText.width($0, size: 12) }.max() ?? 0
    let width = max(640, Int((labelWidth + barWidth + 8 + countWidth + 4).rounded(.up)))
    let desc = rows.map { r in
      "\(r.name): "
        + (r.staff == 0
          ? "ingen personal"
          : (0...5).map { "nivå \($0) \(F.percentForText(Double(r.pimLevels[$0]) / Double(r.staff)))" }
            .joined(separator: ", "))
    }.joined(separator: ". ")
    var svg = open(
      id: id, width: width, height: height,
      title: "PIM-nivåer per \(rows.count > 1 ? "nämnd" : "enhet") \(year)",
      desc: "Andel av personalen på varje PIM-nivå den 31 december \(year). " + desc + ".")
    svg +=
      "<defs><pattern id=\"\(id)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
      + "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"\(levelFills[0])\"/>"
      + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#b8c0cc\" stroke-width=\"2\"/></pattern></defs>"
    // Legend: one swatch per level, labelled, so colour is never the only cue.
    for level in 0...5 {
      let x = labelWidth + Double(level) * 75
      let fill = level == 0 ? "url(#\(id)-hatch)" : levelFills[level]
      svg +=
        "<rect x=\"\(n(x))\" y=\"8\" width=\"16\" height=\"16\" fill=\"\(fill)\" stroke=\"#6b7785\" "
        + "stroke-width=\"0.5\"/>"
      svg += text(x + 21, 21, "Nivå \(level)", size: 13)
    }
    for (i, row) in rows.enumerated() {
      let y = top + Double(i) * rowHeight
      let name = ChartText.fitted(row.name, maxWidth: labelWidth - 12, size: 13, bold: i == 0)
      svg += text(labelWidth - 8, y + 15, name, anchor: "end", size: 13, weight: i == 0 ? "600" : nil)
      guard row.staff > 0 else {
        svg += text(labelWidth, y + 15, "ingen personal", size: 12, fill: "#5b6672")
        continue
      }
      var x = labelWidth
      for level in 0...5 where row.pimLevels[level] > 0 {
        let w = barWidth * Double(row.pimLevels[level]) / Double(row.staff)
        let fill = level == 0 ? "url(#\(id)-hatch)" : levelFills[level]
        svg +=
          "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"20\" fill=\"\(fill)\" "
          + "stroke=\"#ffffff\" stroke-width=\"1\"/>"
        let pct = F.percentForText(Double(row.pimLevels[level]) / Double(row.staff))
        if w >= ChartText.width(pct, size: 11) + 4 {
          svg += text(x + w / 2, y + 14.5, pct, anchor: "middle", size: 11, fill: levelText[level])
        }
        x += w
      }
      svg += text(labelWidth + barWidth + 8, y + 15, counts[i], size: 12, fill: "#5b6672")
    }
    return svg + "</svg>"
  }

  /// The share at the reference level at each year end, as a line, with the goal's target dashed.
  static func shareOverYears(
    id: String, points: [YearShare], level: Int, target: Double?, subject: String
  ) -> String {
    let (left, right, top, bottom) = (56.0, 620.0, 24.0, 230.0)
    let count = points.count
    func x(_ i: Int) -> Double {
      count <= 1 ? (left + right) / 2 : left + 20 + (right - left - 40) * Double(i) / Double(count - 1)
    }
    func y(_ share: Double) -> Double { bottom - (bottom - top) * share }
    let desc = points.map { p in
      "\(p.year): " + (p.share.map { F.percentForText($0) } ?? "ingen personal")
    }.joined(separator: ", ")
    var svg = open(
      id: id, width: 640, height: 270,
      title: "Andel med \(ReportSummary.levelPhrase(level)) per år, \(subject)",
      desc: "Andel av personalen med \(ReportSummary.levelPhrase(level)) den 31 december varje år: \(desc)."
        + (target.map { " Målet är \(F.percentForText($0))." } ?? ""))
    for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
      svg +=
        "<line x1=\"\(n(left))\" y1=\"\(n(y(tick)))\" x2=\"\(n(right))\" y2=\"\(n(y(tick)))\" "
        + "stroke=\"#d5dae1\" stroke-width=\"1\"/>"
      svg += text(left - 8, y(tick) + 4, F.percentForText(tick), anchor: "end", size: 11, fill: "#5b6672")
    }
    if let target {
      svg +=
        "<line x1=\"\(n(left))\" y1=\"\(n(y(target)))\" x2=\"\(n(right))\" y2=\"\(n(y(target)))\" "
        + "stroke=\"#1c2733\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
      svg += text(
        right, y(target) - 6, "Mål \(F.percentForText(target))", anchor: "end", size: 11,
        weight: "600")
    }
    // The line breaks where a year has no staff, rather than drawing through a missing value.
    var segment: [String] = []
    var paths: [String] = []
    for (i, p) in points.enumerated() {
      if let s = p.share {
        segment.append("\(n(x(i))),\(n(y(s)))")
      } else if !segment.isEmpty {
        paths.append(segment.joined(separator: " "))
        segment = []
      }
    }
    if !segment.isEmpty { paths.append(segment.joined(separator: " ")) }
    for path in paths where path.contains(" ") {
      svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#1f4e8c\" stroke-width=\"2.5\"/>"
    }
    let labelEvery = max(1, (count + 7) / 8)
    for (i, p) in points.enumerated() {
      if i % labelEvery == 0 || i == count - 1 {
        svg += text(x(i), bottom + 20, String(p.year), anchor: "middle", size: 11, fill: "#5b6672")
      }
      guard let s = p.share else { continue }
      svg +=
        "<circle cx=\"\(n(x(i)))\" cy=\"\(n(y(s)))\" r=\"4\" fill=\"#ffffff\" stroke=\"#1f4e8c\" "
        + "stroke-width=\"2\"/>"
      if i % labelEvery == 0 || i == count - 1 {
        svg += text(x(i), y(s) - 9, F.percentForText(s), anchor: "middle", size: 11, weight: "600")
      }
    }
    return svg + "</svg>"
  }

  /// Course hours by strategy area as horizontal bars with their values.
  ///
  /// The label column is as wide as the widest area name, the drawing as wide as the longest value
  /// needs (measured with `ChartText`), so no label is clipped.
  static func hoursByArea(id: String, hours: [StrategyArea: Double], year: Int) -> String {
    let names = StrategyArea.allCases.map(\.rawValue.reportCapitalized)
    let labelWidth = ((names.map { ChartText.width($0, size: 13) }.max() ?? 0) + 12).rounded(.up)
    let barWidth = 330.0
    let values = StrategyArea.allCases.map { "\(F.hours(hours[$0] ?? 0)) h" }
    let valueWidth = values.map { ChartText.width($0, size: 13, bold: true) }.max() ?? 0
    let width = max(640, Int((labelWidth + barWidth + 1 + 8 + valueWidth + 4).rounded(.up)))
    let rowHeight = 30.0
    let maxHours = StrategyArea.allCases.map { hours[$0] ?? 0 }.max() ?? 0
    let desc = StrategyArea.allCases.map { "\($0.rawValue): \(F.hours(hours[$0] ?? 0)) timmar" }
      .joined(separator: ", ")
    var svg = open(
      id: id, width: width, height: Int(rowHeight * 5 + 12), title: "Kurstimmar per strategiområde \(year)",
      desc: "Kurstimmar under \(year) per område i IT-strategin: \(desc).")
    for (i, area) in StrategyArea.allCases.enumerated() {
      let y = 6 + Double(i) * rowHeight
      let value = hours[area] ?? 0
      let w = maxHours > 0 ? barWidth * value / maxHours : 0
      svg += text(labelWidth - 8, y + 15, names[i], anchor: "end", size: 13)
      svg +=
        "<rect x=\"\(n(labelWidth))\" y=\"\(n(y))\" width=\"\(n(max(w, 1)))\" height=\"20\" "
        + "fill=\"#416599\"/>"
      svg += text(labelWidth + max(w, 1) + 8, y + 15, values[i], size: 13, weight: "600")
    }
    return svg + "</svg>"
  }
}
