/// Approximate text widths for the report's SVG charts, so labels are shortened by how wide they are
/// drawn, not by how many characters they have ("jörkhöjdens stadsdelsn…" was clipped at the left).
///
/// The widths are those of DejaVu Sans and DejaVu Sans Bold (in 1/1000 em), measured with Chromium:
/// the widest of the fonts the report's font stack falls back to (Source Sans, Segoe UI, Roboto,
/// Helvetica and Arial are all narrower), so a label that fits here fits everywhere. Characters
/// outside the table count as wide as "M".
enum ChartText {
  /// The characters the tables cover, in order: ASCII 32–126, then the extra ones.
  static let covered: [Character] =
    (32..<127).map { Character(Unicode.Scalar(UInt8($0))) } + Array("ÅÄÖåäöÉéÜüØøÆæ…–—−\u{00A0}’”")

  static let regular: [Int] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636,
    636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295,
    295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838,
    500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
    392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838, 684, 684, 787, 613, 613, 612, 632, 615, 732, 634,
    787, 612, 974, 982, 1000, 500, 1000, 838, 318, 318, 518,
  ]

  static let bold: [Int] = [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696,
    696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372,
    372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838,
    500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595,
    478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838, 774, 774, 850, 675, 675, 687, 683, 678, 812, 712,
    850, 687, 1085, 1048, 1000, 500, 1000, 838, 348, 380, 657,
  ]

  static let index: [Character: Int] = Dictionary(
    uniqueKeysWithValues: covered.enumerated().map { ($0.element, $0.offset) })

  /// The drawn width of `text` at font size `size` (px), bold when `bold`.
  static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
    let table = bold ? Self.bold : regular
    let wide = table[index["M"] ?? 0]
    var units = 0
    for c in text { units += index[c].map { table[$0] } ?? wide }
    return Double(units) * size / 1000
  }

  /// `text` as it is if it fits in `maxWidth`, otherwise cut at a character and ended with "…" so
  /// that it fits.
  static func fitted(_ text: String, maxWidth: Double, size: Double, bold: Bool = false) -> String {
    guard width(text, size: size, bold: bold) > maxWidth else { return text }
    var kept = Array(text)
    while !kept.isEmpty {
      kept.removeLast()
      let candidate = String(kept).trimmingTrailingSpaces + "…"
      if width(candidate, size: size, bold: bold) <= maxWidth { return candidate }
    }
    return "…"
  }
}

extension String {
  fileprivate var trimmingTrailingSpaces: String {
    var s = self
    while s.last == " " || s.last == "\u{00A0}" { s.removeLast() }
    return s
  }
}
