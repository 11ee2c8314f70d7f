/// A command's arguments, parsed and checked against its declaration (`CommandSpec`): positionals,
/// `--name value` options and `--flag`s. A typo, a missing required flag, a value that is not
/// allowed or an argument too many is a usage error naming the command, never silently ignored.
struct ParsedArguments {
  /// The command's words (`log pim-level`), for messages.
  var command: String
  var positionals: [String] = []
  var values: [String: String] = [:]
  var flags: Set<String> = []
  /// The values of flags that may be repeated, in order.
  var repeatedValues: [String: [String]] = [:]

  /// Parses `arguments` (what follows the command's words) as `spec` declares.
  ///
  /// - Throws: `CLIError.usage` for an unknown flag, a missing or surplus value, a value not in
  ///   the allowed list, a flag given twice, a missing required flag or a wrong number of
  ///   positional arguments.
  init(_ arguments: [String], spec: CommandSpec) throws(CLIError) {
    command = spec.name
    var i = 0
    while i < arguments.count {
      let argument = arguments[i]
      i += 1
      if argument == "--" {
        positionals.append(contentsOf: arguments[i...])
        break
      }
      guard argument.hasPrefix("-") && argument != "-" else {
        positionals.append(argument)
        continue
      }
      let long = argument.hasPrefix("--")
      var name = long ? String(argument.dropFirst(2)) : String(argument.dropFirst())
      var inlineValue: String?
      if let eq = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: eq)...])
        name = String(name[..<eq])
      }
      guard let option = long ? spec.options.first(where: { $0.name == name }) : spec.option(named: name),
        long || option.short == name
      else {
        throw .usage(Self.unknownFlagMessage(argument, spec: spec), command: spec.name)
      }
      guard option.takesValue else {
        guard inlineValue == nil else {
          throw .usage("flaggan --\(option.name) tar inget värde", command: command)
        }
        guard !flags.contains(option.name) else {
          throw .usage("flaggan --\(option.name) anges två gånger", command: command)
        }
        flags.insert(option.name)
        continue
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else {
        guard i < arguments.count else {
          throw .usage(
            "flaggan --\(option.name) behöver ett värde (\(option.valueName ?? ""))", command: command)
        }
        value = arguments[i]
        i += 1
      }
      if option.isRepeatable {
        repeatedValues[option.name, default: []].append(value)
        continue
      }
      guard values[option.name] == nil else {
        throw .usage("flaggan --\(option.name) anges två gånger", command: command)
      }
      if !option.allowed.isEmpty && !option.allowed.contains(value) {
        throw .usage(
          "--\(option.name) \"\(value)\" är inte tillåtet; välj "
            + Self.list(option.allowed.map { "\"\($0)\"" }), command: command)
      }
      values[option.name] = value
    }
    for option in spec.options where option.isRequired && values[option.name] == nil {
      throw .usage("flaggan --\(option.name) krävs: \(option.help)", command: command)
    }
    let requiredCount = spec.arguments.filter(\.isRequired).count
    if positionals.count < requiredCount {
      let missing = spec.arguments.filter(\.isRequired)[positionals.count]
      throw .usage("ange \(missing.name): \(missing.help)", command: command)
    }
    if positionals.count > spec.arguments.count {
      let surplus = positionals[spec.arguments.count]
      throw .usage(
        spec.arguments.isEmpty
          ? "\(spec.name) tar inga argument, men fick \"\(surplus)\""
          : "oväntat argument \"\(surplus)\" (\(spec.name) tar "
            + spec.arguments.map(\.name).joined(separator: " ") + ")",
        command: command)
    }
  }

  /// "okänd flagga --x", with the flags the command does take.
  static func unknownFlagMessage(_ argument: String, spec: CommandSpec) -> String {
    let known = spec.options.map { "--\($0.name)" }
    return "okänd flagga \(argument)"
      + (known.isEmpty ? "; \(spec.name) tar inga flaggor" : "; \(spec.name) tar " + list(known))
  }

  /// "a, b eller c".
  static func list(_ items: [String]) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " eller " + items[items.count - 1]
  }

  /// The value of `--name`, or nil.
  func value(_ name: String) -> String? { values[name] }

  /// The value of `--name`, or a usage error saying it is needed (for flags required only in
  /// some uses, as `report --year` without `--verify`).
  func required(_ name: String) throws(CLIError) -> String {
    guard let v = values[name] else { throw .usage("flaggan --\(name) krävs", command: command) }
    return v
  }

  /// Every value of a repeatable `--name`, in order.
  func values(_ name: String) -> [String] { repeatedValues[name] ?? [] }

  /// Whether `--name` was given.
  func has(_ name: String) -> Bool { flags.contains(name) }

  /// The positional argument at `index`, or nil.
  func positional(_ index: Int) -> String? { index < positionals.count ? positionals[index] : nil }
}
