/// A command's arguments: positionals, `--name value` options and `--flag`s, checked against what
/// the command declares so that a typo is an error, never silently ignored.
struct ParsedArguments {
  var positionals: [String] = []
  var values: [String: String] = [:]
  var flags: Set<String> = []

  /// Parses `arguments` for a command taking `options` (with a value) and `flags` (without).
  ///
  /// - Throws: `CLIError.usage` for an unknown option or a missing value.
  init(_ arguments: [String], command: String, options: Set<String>, flags: Set<String>) throws(CLIError) {
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
      var name = argument.hasPrefix("--") ? String(argument.dropFirst(2)) : String(argument.dropFirst())
      var inlineValue: String?
      if let eq = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: eq)...])
        name = String(name[..<eq])
      }
      if flags.contains(name) {
        guard inlineValue == nil else { throw .usage("flaggan --\(name) tar inget värde", command: command) }
        self.flags.insert(name)
      } else if options.contains(name) {
        if let inlineValue {
          values[name] = inlineValue
        } else {
          guard i < arguments.count else {
            throw .usage("flaggan --\(name) behöver ett värde", command: command)
          }
          values[name] = arguments[i]
          i += 1
        }
      } else {
        throw .usage("okänd flagga \(argument)", command: command)
      }
    }
  }

  /// The value of `--name`, or nil.
  func value(_ name: String) -> String? { values[name] }

  /// The value of `--name`, or a usage error saying it is needed.
  func required(_ name: String, command: String) throws(CLIError) -> String {
    guard let v = values[name] else { throw .usage("flaggan --\(name) krävs", command: command) }
    return v
  }

  /// Whether `--name` was given.
  func has(_ name: String) -> Bool { flags.contains(name) }
}
