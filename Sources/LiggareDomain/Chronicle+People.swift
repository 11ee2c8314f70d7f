extension Chronicle {
  /// Every person key with a `PersonRegistered` in the log (retracted or not), in key order: the
  /// people whose names the person register should hold unless they were forgotten.
  public var registeredPersonKeys: [String] {
    var keys: [String] = []
    for symbol in persons.indices where !persons[symbol].registrations.isEmpty {
      keys.append(personSymbols.name(Int32(symbol)))
    }
    return keys.sorted()
  }
}
