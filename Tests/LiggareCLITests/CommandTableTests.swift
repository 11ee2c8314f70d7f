import Foundation
import LiggareCLI
import Testing

/// The command table: `docs/cli.md` and the help texts are what it makes, and every `liggare …`
/// command written in the README and docs parses against it.
///
/// `LIGGARE_RECORD_GOLDEN=1 swift test --filter CommandTableTests` rewrites `docs/cli.md` and
/// `Golden/help.txt` from the table.
@Suite struct CommandTableTests {
  static var isRecording: Bool { ProcessInfo.processInfo.environment["LIGGARE_RECORD_GOLDEN"] == "1" }

  /// The repository's root, from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Compares `text` with the file at `relativePath`, or writes it when recording.
  static func checkFile(
    _ text: String, _ relativePath: String, sourceLocation: SourceLocation = #_sourceLocation
  )
    throws
  {
    let url = root.appendingPathComponent(relativePath)
    if isRecording {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let stored = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    if stored != text {
      let actual = FileManager.default.temporaryDirectory.appendingPathComponent(
        "liggare-golden-" + url.lastPathComponent)
      try? text.write(to: actual, atomically: true, encoding: .utf8)
      let storedLines = stored.split(separator: "\n", omittingEmptySubsequences: false)
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      let index =
        zip(storedLines, lines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(storedLines.count, lines.count)
      let message =
        "\(relativePath) is not what the command table makes (first difference at line \(index + 1)); "
        + "actual text in \(actual.path); re-record with LIGGARE_RECORD_GOLDEN=1"
      Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
  }

  @Test func docsCLIIsMadeFromTheTable() throws {
    try Self.checkFile(LiggareCommand.referenceDocument, "docs/cli.md")
  }

  @Test func helpTextsMatchTheGoldenFile() throws {
    var out = ""
    for words in [[]] + LiggareCommand.commandPaths {
      let text = try #require(LiggareCommand.helpText(words), "no help for \(words)")
      out += "$ liggare help \(words.joined(separator: " "))\n\(text)\n\n"
    }
    try Self.checkFile(out, "Tests/LiggareCLITests/Golden/help.txt")
  }

  @Test func everyCommandHasItsOwnHelp() throws {
    let overview = try #require(LiggareCommand.helpText([]))
    for words in LiggareCommand.commandPaths {
      let text = try #require(LiggareCommand.helpText(words))
      #expect(text != overview, "help \(words) prints the overview")
      #expect(text.hasPrefix("liggare \(words.joined(separator: " ")) – "), "\(text)")
      #expect(text.contains("Användning: liggare \(words.joined(separator: " "))"))
    }
    #expect(LiggareCommand.helpText(["no-such-command"]) == nil)
    #expect(LiggareCommand.helpText(["log", "no-such-type"]) == nil)
  }

  @Test func helpShowsRequiredFlagsAndAllowedValues() throws {
    let pimLevel = try #require(LiggareCommand.helpText(["log", "pim-level"]))
    #expect(pimLevel.contains("--examiner PERSON") && pimLevel.contains("; krävs"))
    let staff = try #require(LiggareCommand.helpText(["log", "staff-assigned"]))
    #expect(
      staff.contains(
        "tillåtet: lärare, förskollärare, barnskötare, fritidspedagog, rektor, förskolechef, annan"))
    let course = try #require(LiggareCommand.helpText(["log", "course-defined"]))
    #expect(course.contains("samarbete och kommunikation"))
    let unit = try #require(LiggareCommand.helpText(["log", "unit-established"]))
    #expect(unit.contains("anpassad skola") && unit.contains("tillåtet: city, board, unit"))
    let stats = try #require(LiggareCommand.helpText(["stats"]))
    #expect(stats.contains("--head"))
    let report = try #require(LiggareCommand.helpText(["report"]))
    #expect(report.contains("-o, --output FIL") && report.contains("excel"))
    let demo = try #require(LiggareCommand.helpText(["demo"]))
    #expect(demo.contains("--scale STORLEK") && demo.contains("small, city, national"))
  }

  @Test func everyExampleInTheTableParses() throws {
    let document = LiggareCommand.referenceDocument
    let examples = CommandLines.extract(from: document, file: "docs/cli.md")
    #expect(examples.count >= LiggareCommand.commandPaths.count)
    for line in examples {
      #expect(
        LiggareCommand.check(line.words, complete: line.complete) == nil, "\(line.place): \(line.words)")
    }
  }

  @Test func everyCommandInTheReadmeAndDocsParses() throws {
    var files = ["README.md"]
    let docs = Self.root.appendingPathComponent("docs")
    for name in try FileManager.default.contentsOfDirectory(atPath: docs.path).sorted()
    where name.hasSuffix(".md") {
      files.append("docs/" + name)
    }
    var checked = 0
    for file in files {
      let text = try String(contentsOf: Self.root.appendingPathComponent(file), encoding: .utf8)
      for line in CommandLines.extract(from: text, file: file) {
        // `liggare person|unit|gaps|city --json` names four commands.
        for first in line.words.first.map({ $0.split(separator: "|").map(String.init) }) ?? [] {
          if Self.announced.contains(first) { continue }
          checked += 1
          let words = [first] + line.words.dropFirst()
          let error = LiggareCommand.check(words, complete: line.complete)
          #expect(error == nil, "\(line.place): liggare \(words.joined(separator: " ")): \(error ?? "")")
        }
      }
    }
    // The README alone has a dozen; a broken extractor must not pass by finding none.
    #expect(checked > 60)
  }

  /// Commands that docs describe before they are in the table (another engineer is adding them).
  /// Remove a name when its command lands; the test below fails until then.
  static let announced: Set<String> = []

  @Test func announcedCommandsAreNotYetInTheTable() {
    let landed = Set(LiggareCommand.commandPaths.map { $0[0] }).intersection(Self.announced)
    #expect(landed.isEmpty, "remove \(landed.sorted()) from CommandTableTests.announced: the table has them")
  }

  @Test func theExtractorFindsCommandsInBlocksAndProse() {
    let text = """
      Kör `liggare gaps --unit` så här:

      ```sh
      liggare log pim-level --person p-1 --level 3 --examiner p-2   # kommentar
      some-export | liggare import -
      ```

      ```text
      liggare is not a command here
      ```
      """
    let lines = CommandLines.extract(from: text, file: "x.md")
    #expect(
      lines.map(\.words) == [
        ["gaps", "--unit"], ["log", "pim-level", "--person", "p-1", "--level", "3", "--examiner", "p-2"],
        ["import", "-"],
      ])
    #expect(lines.map(\.complete) == [false, true, true])
  }

  @Test func usageErrorsNameTheCommand() throws {
    let cases: [([String], String)] = [
      (["import", "--foo", "x"], "okänd flagga --foo"),
      (["import"], "ange FIL"),
      (["import-attendance", "lista.csv", "--date", "2026-03-14"], "flaggan --course krävs"),
      (
        ["log", "staff-assigned", "--person", "p", "--unit", "u", "--role", "lärar"],
        "\"lärar\" är inte tillåtet"
      ),
      (["log", "pim-level", "--person", "p", "--level", "3"], "flaggan --examiner krävs"),
      (["city", "extra"], "city tar inga argument"),
      (["verify", "--integrity=yes"], "--integrity tar inget värde"),
      (["report", "--format", "pdf"], "\"pdf\" är inte tillåtet"),
      (["report", "--year", "2024", "--year", "2025"], "anges två gånger"),
      (["export", "-o"], "behöver ett värde"),
      (["log", "pim-levl"], "menade du pim-level?"),
      (["lgo"], "menade du log?"),
      (["gaps", "a", "b"], "oväntat argument \"b\""),
    ]
    for (arguments, expected) in cases {
      let error = try #require(LiggareCommand.check(arguments), "\(arguments) parsed")
      #expect(error.contains(expected), "\(arguments): \(error)")
      if arguments[0] != "lgo" {
        let name =
          arguments[0] == "log" && arguments[1].hasPrefix("pim-level") ? "log pim-level" : arguments[0]
        #expect(error.contains("'liggare \(name == "log" ? "log" : name)"), "\(arguments): \(error)")
      }
    }
    #expect(LiggareCommand.check(["export", "-o", "x.jsonl"]) == nil)
    #expect(LiggareCommand.check(["export", "--output=x.jsonl"]) == nil)
    #expect(LiggareCommand.check(["gaps", "u-1007"]) == nil)
    #expect(LiggareCommand.check(["--log", "x", "verify", "--wait"]) == nil)
  }

  @Test func helpFlagExitsZeroAndUsageErrorsExitTwo() throws {
    let help = try ProcessTests.run(["import", "--help"])
    #expect(help.status == 0)
    #expect(help.output == (LiggareCommand.helpText(["import"]) ?? "") + "\n")
    let sub = try ProcessTests.run(["log", "pim-level", "-h"])
    #expect(sub.status == 0)
    #expect(sub.output.hasPrefix("liggare log pim-level – "))
    let bad = try ProcessTests.run(["import", "--bogus"])
    #expect(bad.status == 2)
    #expect(bad.error.contains("fel i 'liggare import': okänd flagga --bogus"), "\(bad.error)")
    #expect(bad.output.isEmpty)
  }
}

/// `liggare …` command lines found in Markdown.
enum CommandLines {
  struct Line {
    var words: [String]
    /// False for a mention in prose or a synopsis (`[--known-at T]`): only names are checked.
    var complete: Bool
    var place: String
  }

  /// Lines of ```sh (or unlabelled) blocks, indented blocks, and `inline code` starting with
  /// `liggare `.
  static func extract(from text: String, file: String) -> [Line] {
    var found: [Line] = []
    var fence: String?
    var lineNumber = 0
    var prose = ""
    var proseStart = 1
    func flushProse() {
      var rest = Substring(prose)
      while let open = rest.firstIndex(of: "`") {
        let after = rest[rest.index(after: open)...]
        guard let close = after.firstIndex(of: "`") else { break }
        let span = after[..<close]
        if span.hasPrefix("liggare "), let words = tokens(String(span.dropFirst(8))) {
          found.append(Line(words: words, complete: false, place: "\(file):\(proseStart)"))
        }
        rest = after[after.index(after: close)...]
      }
      prose = ""
    }
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let trimmed = raw.drop { $0 == " " }
      if trimmed.hasPrefix("```") {
        if fence == nil {
          flushProse()
          fence = String(trimmed.dropFirst(3)).trimmingCharacters(in: .whitespaces)
        } else {
          fence = nil
        }
        continue
      }
      if let language = fence {
        guard ["", "sh", "bash", "shell"].contains(language) else { continue }
        if let line = command(in: String(trimmed), file: file, line: lineNumber) { found.append(line) }
        continue
      }
      if raw.hasPrefix("    ") && trimmed.hasPrefix("liggare ") && prose.isEmpty {
        if var line = command(in: String(trimmed), file: file, line: lineNumber) {
          line.complete = false
          found.append(line)
        }
        continue
      }
      if trimmed.isEmpty {
        flushProse()
        proseStart = lineNumber + 1
      } else {
        if prose.isEmpty { proseStart = lineNumber }
        prose += " " + trimmed
      }
    }
    flushProse()
    return found
  }

  /// The command in one shell line: from the word `liggare` to a comment, pipe or redirection.
  static func command(in line: String, file: String, line number: Int) -> Line? {
    var words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    guard let start = words.firstIndex(of: "liggare") else { return nil }
    words.removeFirst(start)
    var rest = words.dropFirst().joined(separator: " ")
    for stop in [" #", "|", ">"] {
      if let r = rest.range(of: stop) { rest = String(rest[..<r.lowerBound]) }
    }
    guard let tokens = tokens(rest) else { return nil }
    let placeholder = tokens.contains { $0.contains("[") || $0.contains("…") || $0.contains("|") }
    return Line(words: tokens, complete: !placeholder, place: "\(file):\(number)")
  }

  /// Splits like a shell: spaces separate, single and double quotes group.
  static func tokens(_ text: String) -> [String]? {
    var out: [String] = []
    var current = ""
    var inWord = false
    var quote: Character?
    for c in text {
      if let q = quote {
        if c == q { quote = nil } else { current.append(c) }
      } else if c == "\"" || c == "'" {
        quote = c
        inWord = true
      } else if c == " " || c == "\n" || c == "\t" {
        if inWord { out.append(current) }
        current = ""
        inWord = false
      } else {
        current.append(c)
        inWord = true
      }
    }
    guard quote == nil else { return nil }
    if inWord { out.append(current) }
    return out
  }
}
