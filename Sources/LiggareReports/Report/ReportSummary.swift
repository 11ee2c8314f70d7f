import LiggareBasics
import LiggareDomain

/// The short Swedish text that opens every report, written from the figures: each sentence is
/// chosen by what the numbers did (rose, fell, stayed; met, not met; how many units lack examiners),
/// so the text reads as written, not as a form with blanks.
enum ReportSummary {
  typealias F = SwedishFormat

  /// The summary as paragraphs of plain text (renderers escape them).
  static func paragraphs(_ r: AnnualReport) -> [String] {
    [staffAndShare(r), goals(r), activity(r), examiners(r)].filter { !$0.isEmpty }
  }

  static func subject(_ r: AnnualReport) -> String {
    r.root.name
  }

  static func levelPhrase(_ level: Int) -> String {
    level >= 5 ? "PIM nivå 5" : "PIM nivå \(level) eller högre"
  }

  static func staffAndShare(_ r: AnnualReport) -> String {
    let root = r.root
    let y = r.request.year
    var sentences: [String] = []
    let staffText =
      "\(subject(r)) hade \(F.integer(root.staff)) anställda i pedagogiska roller den 31 december \(y)"
    let delta = root.staff - root.previousStaff
    if root.previousStaff == 0 {
      sentences.append(staffText + ".")
    } else if delta > 0 {
      sentences.append(staffText + ", \(F.word(delta)) fler än ett år tidigare.")
    } else if delta < 0 {
      sentences.append(staffText + ", \(F.word(-delta)) färre än ett år tidigare.")
    } else {
      sentences.append(staffText + ", lika många som ett år tidigare.")
    }
    let level = r.referenceLevel
    let phrase = "Andelen pedagoger med \(levelPhrase(level))"
    switch (root.previousShare(atLeast: level), root.share(atLeast: level)) {
    case (nil, nil): break
    case (nil, let now?):
      sentences.append("\(phrase) var \(F.percentForText(now)) vid årets slut.")
    case (let before?, nil):
      sentences.append(
        "\(phrase) var \(F.percentForText(before)) ett år tidigare; vid årets slut fanns ingen personal.")
    case (let before?, let now?):
      // Compared as fractions, so that equal shares of different staff counts read as unchanged.
      let cross = root.atLeast(level) * root.previousStaff - root.previousAtLeast(level) * root.staff
      // The change is taken between the figures as written, so that the three agree.
      let shown = F.sharesForText(before: before, now: now)
      if cross > 0 {
        sentences.append(
          "\(phrase) ökade från \(shown.before) till \(shown.now) (\(shown.points) procentenheter).")
      } else if cross < 0 {
        sentences.append(
          "\(phrase) minskade från \(shown.before) till \(shown.now) (\(shown.points) procentenheter).")
      } else {
        sentences.append("\(phrase) var oförändrad, \(F.percentForText(now)).")
      }
    }
    if let first = r.furthestFromGoal.first {
      sentences.append(
        "Längst från nivå \(level) är \(first.name)"
          + (first.boardName.isEmpty || r.root.kind == .unit ? "" : " (\(first.boardName))")
          + ", där \(F.integer(first.staff - first.below)) av \(F.integer(first.staff)) anställda har nått dit."
      )
    } else if root.staff > 0, !r.units.isEmpty {
      sentences.append("Alla enheter har hela sin personal på nivå \(level) eller högre.")
    }
    return sentences.joined(separator: " ")
  }

  static func goalDescription(_ g: GoalFigures) -> String {
    "målet för \(g.scopeName), \(F.targetPercent(g.goal.targetShare)) på nivå \(g.goal.minLevel) "
      + "senast \(F.longDate(g.goal.deadline))"
  }

  static func goals(_ r: AnnualReport) -> String {
    let goals = r.goals
    guard !goals.isEmpty else {
      return "Inga mål för PIM-nivåer gällde för \(subject(r)) vid årets slut."
    }
    if goals.count > 3 {
      let passed = goals.filter(\.deadlinePassed)
      let met = passed.filter(\.status.isMet).count
      var text = ""
      if !passed.isEmpty {
        text =
          met == passed.count
          ? "Alla \(F.count(passed.count, "mål", "mål", neuter: true)) med slutdag senast årets slut uppnåddes."
          : "Av \(F.count(passed.count, "mål", "mål", neuter: true)) med slutdag senast årets slut "
            + (met == 0 ? "uppnåddes inget." : "uppnåddes \(F.word(met, neuter: true)).")
      }
      let open = goals.count - passed.count
      if open > 0 {
        let early = goals.filter { !$0.deadlinePassed && $0.status.isMet }.count
        text +=
          (text.isEmpty ? "" : " ") + "\(F.count(open, "mål", "mål", neuter: true).reportCapitalized) "
          + (open == 1 ? "har" : "har") + " slutdag senare"
          + (early > 0 ? ", varav \(F.word(early, neuter: true)) redan är uppnått." : ".")
      }
      return text
    }
    return goals.map { g in
      let desc = goalDescription(g).reportCapitalized
      // The share and the shortfall as the reader can check them against the target shown.
      // A share just under the target gets a decimal more, so it never reads as the target itself.
      var digits = F.targetPercent(g.goal.targetShare).contains(",") ? 1 : 0
      if !g.status.isMet,
        F.scaled(g.goal.targetShare * 100, digits: digits) <= F.scaled(g.status.share * 100, digits: digits)
      {
        digits += 1
      }
      let share = F.decimal(g.status.share * 100, digits: digits) + F.nbsp + "%"
      let missing =
        F.scaled(g.goal.targetShare * 100, digits: digits) - F.scaled(g.status.share * 100, digits: digits)
      let shortfall = F.number(max(missing, 0), digits: digits)
      switch (g.deadlinePassed, g.status.isMet) {
      case (true, true):
        return "\(desc), uppnåddes: andelen var \(share) vid slutdagen."
      case (true, false):
        return
          "\(desc), uppnåddes inte: andelen var \(share) vid slutdagen, \(shortfall) procentenheter under målet."
      case (false, true):
        return "\(desc), är redan uppnått med \(share)."
      case (false, false):
        return "\(desc), är ännu inte uppnått: andelen är \(share), \(shortfall) procentenheter från målet."
      }
    }.joined(separator: " ")
  }

  static func activity(_ r: AnnualReport) -> String {
    let root = r.root
    let y = r.request.year
    var sentences: [String] = []
    let total = root.totalLevelsAttained
    if total == 0 {
      sentences.append("Inga PIM-nivåer registrerades under \(y).")
    } else {
      let reached = (1...5).filter { root.levelsAttained[$0 - 1] > 0 }
      let levelWord = total == 1 ? "PIM-nivå" : "PIM-nivåer"
      if reached.count == 1 {
        let only = reached[0]
        sentences.append(
          "Under \(y) uppnåddes \(F.word(total)) \(levelWord)"
            + (total == 1 ? ", nivå \(only)." : ", alla på nivå \(only)."))
      } else {
        let most = reached.max { root.levelsAttained[$0 - 1] < root.levelsAttained[$1 - 1] }!
        sentences.append(
          "Under \(y) uppnåddes \(F.word(total)) \(levelWord), flest på nivå \(most) "
            + "(\(F.integer(root.levelsAttained[most - 1]))).")
      }
    }
    let hours = root.totalHours
    if hours == 0 {
      sentences.append("Inga kurstimmar registrerades under året.")
    } else {
      var text = "Personalen genomförde \(F.hours(hours)) kurstimmar"
      if let perStaff = root.hoursPerStaff {
        text += ", i genomsnitt \(F.decimal(perStaff, digits: 1)) timmar per anställd"
      }
      let top = StrategyArea.allCases.max { (root.courseHours[$0] ?? 0) < (root.courseHours[$1] ?? 0) }!
      let topShare = (root.courseHours[top] ?? 0) / hours
      text +=
        topShare >= 0.9995
        ? ", allt inom \(top.rawValue)." : "; mest inom \(top.rawValue) (\(F.percentForText(topShare)))."
      sentences.append(text)
    }
    if let u = r.unattributed, u.totalHours > 0 || u.levelsAttained.reduce(0, +) > 0 {
      var parts: [String] = []
      if u.totalHours > 0 { parts.append("\(F.hours(u.totalHours)) kurstimmar") }
      let levels = u.levelsAttained.reduce(0, +)
      if levels > 0 { parts.append("\(F.count(levels, "PIM-nivå", "PIM-nivåer"))") }
      sentences.append(
        "\(F.list(parts).reportCapitalized) avsåg personer som inte var anställda i pedagogisk roll den dagen; "
          + "de redovisas på en egen rad.")
    }
    return sentences.joined(separator: " ")
  }

  static func examiners(_ r: AnnualReport) -> String {
    let root = r.root
    var sentences: [String] = []
    let (a, e) = (root.examinersAppointed, root.examinersEnded)
    let atEnd = "vid årets slut fanns \(F.count(root.examiners, "examinator", "examinatorer"))"
    switch (a, e) {
    case (0, 0):
      sentences.append("Inga examinatorer förordnades eller avslutades under året; \(atEnd).")
    case (_, 0):
      sentences.append("Under året förordnades \(F.count(a, "examinator", "examinatorer")); \(atEnd).")
    case (0, _):
      sentences.append(
        "Under året förordnades inga nya examinatorer och \(F.count(e, "förordnande", "förordnanden", neuter: true)) "
          + "avslutades; \(atEnd).")
    default:
      sentences.append(
        "Under året förordnades \(F.count(a, "examinator", "examinatorer")) och "
          + "\(F.count(e, "förordnande", "förordnanden", neuter: true)) avslutades; \(atEnd).")
    }
    let withForm = r.units.filter { $0.isOpen && $0.schoolForm != nil }.count
    let missing = r.unitsWithoutExaminer
    if withForm > 0 {
      if missing.isEmpty {
        sentences.append(
          withForm == 1
            ? "Enheten har en examinator."
            : "Alla \(F.word(withForm)) enheter med skolform har minst en examinator.")
      } else if missing.count == withForm {
        sentences.append(
          withForm == 1
            ? "Enheten saknar examinator."
            : "Ingen av de \(F.word(withForm)) enheterna med skolform har någon examinator.")
      } else if missing.count == 1 {
        sentences.append("En av \(F.word(withForm)) enheter saknar examinator: \(missing[0].name).")
      } else if missing.count <= 3 {
        sentences.append(
          "\(F.word(missing.count).reportCapitalized) av \(F.word(withForm)) enheter saknar examinator: "
            + "\(F.list(missing.map(\.name))).")
      } else {
        sentences.append(
          "\(F.word(missing.count).reportCapitalized) av \(F.word(withForm)) enheter med skolform saknar examinator vid årets slut."
        )
      }
    }
    return sentences.joined(separator: " ")
  }
}

extension String {
  /// The string with its first letter upper-cased ("tre" → "Tre").
  var reportCapitalized: String {
    guard let first else { return self }
    return first.uppercased() + dropFirst()
  }
}
