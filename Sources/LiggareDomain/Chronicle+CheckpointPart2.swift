import LiggareBasics

/// The checkpoint sections of contract Part 2: records holding strings field by field, plain
/// histories as raw memory.
extension Chronicle {
  func writePart2(to w: inout CheckpointStream) {
    w.write(frameworks.count)
    for history in frameworks {
      w.write(history.count)
      for v in history {
        w.writePlain([v.date])
        w.writePlain([v.seq, v.retractedBy])
        w.write(v.value.title)
        w.writePlain(v.value.labels)
      }
    }
    w.write(competences.count)
    for history in competences {
      w.write(history.count)
      for v in history {
        w.writePlain([v.date])
        w.writePlain([v.seq, v.retractedBy])
        w.writePlain([v.value.framework])
        w.write(v.value.title)
        w.writePlain([v.value.area])
      }
    }
    w.write(requirements.count)
    for history in requirements { w.writePlain(history) }
    w.writePlain(assessments)
    w.writePlain(followUps)
    w.write(measurePlans.count)
    for history in measurePlans {
      w.write(history.count)
      for v in history {
        w.writePlain([v.date])
        w.writePlain([v.seq, v.retractedBy])
        w.writePlain([v.value.scope, v.value.due])
        w.writePlain([v.value.area])
        w.write(v.value.title)
        w.write(v.value.responsible == nil ? 0 : 1)
        w.write(v.value.responsible ?? "")
      }
    }
    for history in measureStatuses { w.writePlain(history) }
  }

  /// Reads what `writePart2` wrote; false when it does not fit the symbol tables.
  mutating func readPart2(from r: inout BinaryReader) throws(BinaryReader.Malformed) -> Bool {
    let frameworkCount = try r.readInt()
    guard frameworkCount == frameworkSymbols.count else { return false }
    for _ in 0..<frameworkCount {
      let n = try r.readInt()
      guard n >= 0 else { return false }
      var history: [Version<FrameworkDefinition>] = []
      for _ in 0..<n {
        guard let date = try r.readPlain(Int32.self).first else { return false }
        let seqs = try r.readPlain(UInt64.self)
        let title = try r.readString()
        let labels = try r.readPlain(Int32.self)
        guard seqs.count == 2, labels.allSatisfy({ $0 >= 0 && Int($0) < labelSymbols.count }) else {
          return false
        }
        history.append(
          Version(
            date: date, seq: seqs[0], retractedBy: seqs[1],
            value: FrameworkDefinition(title: title, labels: labels)))
      }
      frameworks.append(history)
    }
    let competenceCount = try r.readInt()
    guard competenceCount == competenceSymbols.count else { return false }
    for _ in 0..<competenceCount {
      let n = try r.readInt()
      guard n >= 0 else { return false }
      var history: [Version<CompetenceDefinition>] = []
      for _ in 0..<n {
        guard let date = try r.readPlain(Int32.self).first else { return false }
        let seqs = try r.readPlain(UInt64.self)
        guard seqs.count == 2, let framework = try r.readPlain(Int32.self).first,
          framework >= 0, Int(framework) < frameworkSymbols.count
        else { return false }
        let title = try r.readString()
        guard let area = try r.readPlain(StrategyArea.self).first else { return false }
        history.append(
          Version(
            date: date, seq: seqs[0], retractedBy: seqs[1],
            value: CompetenceDefinition(framework: framework, title: title, area: area)))
      }
      competences.append(history)
    }
    let requirementCount = try r.readInt()
    guard requirementCount == requirementSymbols.count else { return false }
    for _ in 0..<requirementCount { requirements.append(try r.readPlain()) }
    assessments = try r.readPlain()
    followUps = try r.readPlain()
    let measureCount = try r.readInt()
    guard measureCount == measureSymbols.count else { return false }
    for _ in 0..<measureCount {
      let n = try r.readInt()
      guard n >= 0 else { return false }
      var history: [Version<MeasurePlan>] = []
      for _ in 0..<n {
        guard let date = try r.readPlain(Int32.self).first else { return false }
        let seqs = try r.readPlain(UInt64.self)
        let ints = try r.readPlain(Int32.self)
        guard seqs.count == 2, ints.count == 2, let area = try r.readPlain(StrategyArea.self).first else {
          return false
        }
        let title = try r.readString()
        let hasResponsible = try r.readInt()
        let responsible = try r.readString()
        history.append(
          Version(
            date: date, seq: seqs[0], retractedBy: seqs[1],
            value: MeasurePlan(
              scope: ints[0], area: area, title: title, due: ints[1],
              responsible: hasResponsible == 1 ? responsible : nil)))
      }
      measurePlans.append(history)
    }
    for _ in 0..<measureCount { measureStatuses.append(try r.readPlain()) }
    return true
  }
}
