import Foundation
import Testing

/// Issue 13 item 12: the system calls are made in one layer. Outside `Sources/LiggareSystem` no
/// file retries EINTR, reads `errno`, or spells a file or socket call itself (the checks read the
/// source; comments and string literals are left out).
@Suite struct OneLayerTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  static let rules: [(name: String, pattern: String)] = [
    ("EINTR", #"EINTR"#),
    ("errno", #"(?<![.\w])errno(?![:\w])"#),
    (
      "system call",
      #"(?<![.\w])(?<!func )(fsync|fdatasync|pread|pwrite|ftruncate|flock|fstat|recv|accept|poll|unlink|fchmod|lseek|mkdir|socket|setsockopt|getsockname|bind|listen|shutdown|stat|access|opendir|readdir|mmap)\("#
    ),
    ("Glibc call", #"Glibc\.\w+\("#),
    ("send", #"(?<![.\w])send\(.*MSG_"#),
  ]

  /// Each line of Swift source under `Sources` outside the layer that breaks a rule.
  static func offences() throws -> [String] {
    let sources = root + "/Sources"
    let rules = try Self.rules.map { ($0.name, try NSRegularExpression(pattern: $0.pattern)) }
    let literal = try NSRegularExpression(pattern: #""(\\.|[^"\\])*""#)
    var found: [String] = []
    let files = FileManager.default.enumerator(atPath: sources)?.compactMap { $0 as? String } ?? []
    for file in files.sorted() where file.hasSuffix(".swift") && !file.hasPrefix("LiggareSystem/") {
      let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
      for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("//") { continue }
        let code = literal.stringByReplacingMatches(
          in: trimmed, range: NSRange(trimmed.startIndex..., in: trimmed), withTemplate: "\"\"")
        for (name, rule) in rules
        where rule.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)) != nil {
          found.append("\(file):\(number + 1): \(name): \(trimmed)")
        }
      }
    }
    return found
  }

  @Test func noSystemCallOutsideTheLayer() throws {
    let files = FileManager.default.enumerator(atPath: Self.root + "/Sources")?.allObjects.count ?? 0
    try #require(files > 50, "the sources were not found at \(Self.root)")
    let offences = try Self.offences()
    #expect(offences.isEmpty, "\(offences.joined(separator: "\n"))")
  }

  /// The check finds what it is meant to find (a rule that matches nothing would pass anything).
  @Test func theRulesCatchTheOldLoops() throws {
    let old = [
      "if n < 0 && errno == EINTR { continue }",
      "let n = Glibc.read(fd, base, count)",
      "guard fsync(fd) == 0 else {",
      "let count = recv(connection.fd, $0.baseAddress, $0.count, 0)",
      "send(fd, base + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))",
    ]
    for line in old {
      let hits = try Self.rules.filter { rule in
        try NSRegularExpression(pattern: rule.pattern).firstMatch(
          in: line, range: NSRange(line.startIndex..., in: line))
          != nil
      }
      #expect(!hits.isEmpty, "\(line)")
    }
    let fine = [
      "func send(_ events: [Event]) throws(LedgerError) {", "try send(t.takePending())",
      "throw .socketFailed(call: \"pipe\", errno: e)",
    ]
    for line in fine {
      let hits = try Self.rules.filter { rule in
        try NSRegularExpression(pattern: rule.pattern).firstMatch(
          in: line, range: NSRange(line.startIndex..., in: line))
          != nil
      }
      #expect(hits.isEmpty, "\(line)")
    }
  }
}
