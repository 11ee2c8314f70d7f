/// Near matches for a misspelt name.
public enum Suggestions {
  /// The candidates within a small edit distance of `word` (at most three, nearest first), or
  /// those that start with it.
  public static func nearest(_ word: String, among candidates: [String]) -> [String] {
    let target = Array(word.lowercased())
    let limit = max(1, min(3, target.count / 3))
    let scored =
      candidates
      .map { ($0, distance(target, Array($0.lowercased()))) }
      .filter { $0.1 <= limit || (!target.isEmpty && $0.0.lowercased().hasPrefix(word.lowercased())) }
      .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
    return scored.prefix(3).map(\.0)
  }

  /// Edit distance counting a swap of two neighbouring letters as one edit (`lgo` → `log`).
  public static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
          d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
        }
      }
    }
    return d[a.count][b.count]
  }
}
