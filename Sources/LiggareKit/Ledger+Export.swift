public import LiggareBasics
import LiggareDomain
import LiggareStorage

extension Ledger {
  /// Writes the contract's envelope for every event known at `knownAt` (all when nil), one per
  /// line, with names and e-mail from the person register: what `import` takes back unchanged.
  ///
  /// A person whose data was erased is exported with their key as name (the contract requires a
  /// name on import); erasure is not undone by a round trip.
  /// - Parameters:
  ///   - knownAt: the moment; events recorded later are left out.
  ///   - write: receives output in chunks of about 1 MiB.
  /// - Returns: the number of events written.
  /// - Throws: `LedgerError` if a record cannot be read, or what `write` throws.
  @discardableResult
  public func export(knownAt: Timestamp? = nil, to write: ([UInt8]) throws -> Void) throws -> Int {
    try snapshot.export(register: try personRegister(), knownAt: knownAt, to: write)
  }

  /// Erases a person's name and e-mail from the register and remembers the key as forgotten (so a
  /// forgotten person is told apart from a lost name); the log is untouched.
  ///
  /// - Returns: whether the register held any data for them.
  /// - Throws: `LedgerError.register` if the register cannot be written.
  @discardableResult
  public func forget(person: String) throws(LedgerError) -> Bool {
    // Names still only in the journal go into the register first, and the journal goes, so it can
    // never bring the erased name back.
    try saveRegister()
    var updated = try personRegister()
    let alreadyForgotten = updated.forgotten.contains(person)
    let had = updated.forget(person)
    if had || !alreadyForgotten {
      try updated.save()
      loadedRegister = updated
    }
    return had
  }
}

extension LedgerSnapshot {
  /// Writes the contract's envelope for every event of the snapshot known at `knownAt` (all when
  /// nil), with names and e-mail from `register`: what `Ledger.export(knownAt:to:)` writes.
  ///
  /// - Returns: the number of events written.
  /// - Throws: `LedgerError` if a record cannot be read, or what `write` throws.
  @discardableResult
  public func export(register: PersonRegister, knownAt: Timestamp? = nil, to write: ([UInt8]) throws -> Void)
    throws -> Int
  {
    let last = knownAt.map { chronicle.lastSeq(knownAt: $0) } ?? chronicle.lastSeq
    guard last > 0 else { return 0 }
    var out: [UInt8] = []
    out.reserveCapacity(1 << 20 + 4096)
    var count = 0
    try forEachRecord(through: last) { record in
      let body = UnsafeRawBufferPointer(rebasing: record.line[..<record.bodyEnd])
      let event = try EventCodec.decodeRecord(body, seq: record.seq)
      var personal: PersonalData?
      if case .personRegistered(let person) = event.payload {
        personal = register.people[person] ?? PersonalData(name: person, email: nil)
      }
      EventCodec.writeBody(of: event, personal: personal, to: &out)
      out.append(0x0A)
      count += 1
      if out.count >= 1 << 20 {
        try write(out)
        out.removeAll(keepingCapacity: true)
      }
    }
    if !out.isEmpty { try write(out) }
    return count
  }
}
