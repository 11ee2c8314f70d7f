import LiggareBasics

/// The log's own codec for events: the contract's envelope as canonical JSON, read and written by
/// hand so that replay never goes through `Codable` or builds dictionaries.
///
/// Canonical form: keys sorted (`actor`, `data`, `id`, `occurredOn`, `recordedAt`, `type`; `data`'s
/// keys sorted too), no spaces, minimal escapes, integral numbers without a fraction.
public enum EventCodec {
  /// Appends the canonical body of `event` (the log adds `seq` and the integrity fields).
  ///
  /// - Parameters:
  ///   - event: the event.
  ///   - personal: name and e-mail, only for export; the log's records never carry them.
  ///   - out: the buffer to append to.
  public static func writeBody(of event: Event, personal: PersonalData? = nil, to out: inout [UInt8]) {
    out.append(contentsOf: #"{"actor":"#.utf8)
    JSONWriter.writeString(event.actor, to: &out)
    out.append(contentsOf: #","data":"#.utf8)
    event.payload.writeCanonicalData(with: personal, to: &out)
    out.append(contentsOf: #","id":"#.utf8)
    JSONWriter.writeString(event.id, to: &out)
    out.append(contentsOf: #","occurredOn":""#.utf8)
    out.append(contentsOf: event.occurredOn.description.utf8)
    out.append(contentsOf: #"","recordedAt":""#.utf8)
    out.append(contentsOf: event.recordedAt.description.utf8)
    out.append(contentsOf: #"","type":""#.utf8)
    out.append(contentsOf: event.payload.type.rawValue.utf8)
    out.append(contentsOf: #""}"#.utf8)
  }

  /// The canonical body of `event` as a new array.
  public static func body(of event: Event, personal: PersonalData? = nil) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(256)
    writeBody(of: event, personal: personal, to: &out)
    return out
  }

  /// Reads an envelope: a whole JSON object, or a prefix of one that ends after its last member
  /// (a log record up to its integrity fields).
  ///
  /// - Parameters:
  ///   - bytes: the object's bytes.
  ///   - personalDataAllowed: whether `PersonRegistered` may (and must) carry `name`.
  /// - Returns: the draft; absent `id`, `recordedAt` or `actor` stay nil.
  /// - Throws: `EventDecodingError` naming the field.
  public static func decodeEnvelope(
    _ bytes: UnsafeRawBufferPointer, personalDataAllowed: Bool, isRecordPrefix: Bool = false
  ) throws(EventDecodingError) -> EventDraft {
    // Lines in the log's own form (an export, say) skip the general parser. An imported
    // `PersonRegistered` must carry a name, which only the general path reads.
    if let event = CanonicalRecordDecoder.decode(bytes, seq: 0, closed: !isRecordPrefix),
      !(personalDataAllowed && event.payload.type == .personRegistered)
    {
      return EventDraft(
        id: event.id, occurredOn: event.occurredOn, recordedAt: event.recordedAt, actor: event.actor,
        payload: event.payload)
    }
    var reader = JSONReader(bytes)
    do {
      return try readEnvelope(
        &reader, personalDataAllowed: personalDataAllowed, isRecordPrefix: isRecordPrefix)
    } catch let error as EventDecodingError {
      throw error
    } catch let error as JSONSyntaxError {
      throw .syntax(error)
    } catch {
      throw .notAnObject
    }
  }

  /// Reads a log record's body as a complete event.
  ///
  /// - Throws: `EventDecodingError` when a field the log always writes is missing or invalid.
  public static func decodeRecord(
    _ bytes: UnsafeRawBufferPointer, seq: UInt64
  ) throws(EventDecodingError) -> Event {
    if let event = CanonicalRecordDecoder.decode(bytes, seq: seq) { return event }
    let draft = try decodeEnvelope(bytes, personalDataAllowed: false, isRecordPrefix: true)
    guard let id = draft.id else { throw .missingEnvelopeField("id") }
    guard let recordedAt = draft.recordedAt else { throw .missingEnvelopeField("recordedAt") }
    guard let actor = draft.actor else { throw .missingEnvelopeField("actor") }
    return Event(
      seq: seq, id: id, occurredOn: draft.occurredOn, recordedAt: recordedAt, actor: actor,
      payload: draft.payload)
  }

  static func readEnvelope(
    _ r: inout JSONReader, personalDataAllowed: Bool, isRecordPrefix: Bool
  ) throws -> EventDraft {
    if r.bytes.count >= 3 && r.bytes[0] == 0xEF && r.bytes[1] == 0xBB && r.bytes[2] == 0xBF {
      throw JSONSyntaxError(offset: 0, reason: .byteOrderMark)
    }
    r.skipWhitespace()
    guard r.peek() == UInt8(ascii: "{") else {
      if r.peek() == nil { throw EventDecodingError.notAnObject }
      _ = try r.readValue()
      throw EventDecodingError.notAnObject
    }
    r.offset += 1
    var id: String?
    var type: String?
    var eventType: EventType?
    var occurredOn: CivilDate?
    var recordedAt: Timestamp?
    var actor: String?
    var data: [(String, JSONValue)]?
    var seen: UInt8 = 0
    r.skipWhitespace()
    if r.peek() == UInt8(ascii: "}") {
      r.offset += 1
    } else {
      while true {
        r.skipWhitespace()
        guard r.peek() == UInt8(ascii: "\"") else { throw r.unexpected("en nyckel inom citattecken") }
        let key = try readKey(&r)
        r.skipWhitespace()
        try r.expect(UInt8(ascii: ":"), "':'")
        r.skipWhitespace()
        let bit: UInt8
        switch key {
        case "id":
          bit = 1
          id = try readText(&r, field: "id")
        case "type":
          bit = 2
          let start = r.offset
          if let plain = plainString(&r), let known = knownType(plain) {
            eventType = known
          } else {
            r.offset = start
            type = try readText(&r, field: "type")
          }
        case "occurredOn":
          bit = 4
          let start = r.offset
          if let plain = plainString(&r),
            let date = CivilDate(utf8: plain.assumingMemoryBound(to: UInt8.self))
          {
            occurredOn = date
            break
          }
          r.offset = start
          let text = try readText(&r, field: "occurredOn")
          guard let date = CivilDate(parsing: text) else {
            throw EventDecodingError.invalidEnvelopeField(
              field: "occurredOn", value: quoted(r, from: start), expected: "ett datum ÅÅÅÅ-MM-DD")
          }
          occurredOn = date
        case "recordedAt":
          bit = 8
          let start = r.offset
          if let plain = plainString(&r),
            let instant = Timestamp(utf8: plain.assumingMemoryBound(to: UInt8.self))
          {
            recordedAt = instant
            break
          }
          r.offset = start
          let text = try readText(&r, field: "recordedAt")
          guard let instant = Timestamp(parsing: text) else {
            throw EventDecodingError.invalidEnvelopeField(
              field: "recordedAt", value: quoted(r, from: start),
              expected: "en tidpunkt i UTC, t.ex. 2012-04-20T08:12:00Z")
          }
          recordedAt = instant
        case "actor":
          bit = 16
          actor = try readText(&r, field: "actor")
        case "data":
          bit = 32
          data = try readDataMembers(&r, checkingNumbers: !isRecordPrefix)
        default:
          throw EventDecodingError.unknownEnvelopeField(key)
        }
        if seen & bit != 0 { throw EventDecodingError.duplicateEnvelopeField(key) }
        seen |= bit
        r.skipWhitespace()
        // A record's body ends right after its last member (the log's own fields follow).
        if isRecordPrefix && r.offset == r.bytes.count { break }
        if r.peek() == UInt8(ascii: ",") {
          r.offset += 1
          continue
        }
        try r.expect(UInt8(ascii: "}"), "',' eller '}'")
        r.skipWhitespace()
        if r.offset != r.bytes.count { throw r.fail(.trailingContent) }
        break
      }
    }
    if eventType == nil, let type {
      guard let known = EventType(rawValue: type) else { throw EventDecodingError.unknownType(type) }
      eventType = known
    }
    guard let eventType else { throw EventDecodingError.missingEnvelopeField("type") }
    guard let occurredOn else { throw EventDecodingError.missingEnvelopeField("occurredOn") }
    guard let data else { throw EventDecodingError.missingEnvelopeField("data") }
    let (payload, personal) = try Payload.decode(
      eventType: eventType, fields: data, personalDataAllowed: personalDataAllowed)
    if id?.isEmpty == true {
      throw EventDecodingError.invalidEnvelopeField(
        field: "id", value: "\"\"", expected: "en icke-tom sträng")
    }
    return EventDraft(
      id: id, occurredOn: occurredOn, recordedAt: recordedAt, actor: actor, payload: payload,
      personalData: personal)
  }

  /// The bytes of a string at the reader that has no escapes or control characters, and moves past
  /// it; nil (reader unmoved) otherwise. Dates, times and type names never need more.
  @inline(__always)
  static func plainString(_ r: inout JSONReader) -> UnsafeRawBufferPointer? {
    guard r.peek() == UInt8(ascii: "\"") else { return nil }
    var i = r.offset + 1
    while i < r.bytes.count {
      let b = r.bytes[i]
      if b == UInt8(ascii: "\"") {
        let slice = UnsafeRawBufferPointer(rebasing: r.bytes[(r.offset + 1)..<i])
        r.offset = i + 1
        return slice
      }
      if b == UInt8(ascii: "\\") || b < 0x20 || b >= 0x80 { return nil }
      i += 1
    }
    return nil
  }

  @inline(__always)
  static func knownType(_ bytes: UnsafeRawBufferPointer) -> EventType? {
    CanonicalRecordDecoder.eventType(bytes.assumingMemoryBound(to: UInt8.self))
  }

  static let envelopeKeys = ["id", "type", "occurredOn", "recordedAt", "actor", "data"].map {
    ($0, Array($0.utf8))
  }

  /// An envelope key; the known ones are matched on their bytes without building a new string.
  @inline(__always)
  static func readKey(_ r: inout JSONReader) throws -> String {
    let start = r.offset
    if let plain = plainString(&r) {
      for (key, bytes) in envelopeKeys where bytes.count == plain.count && bytes.elementsEqual(plain) {
        return key
      }
      r.offset = start
    }
    return try r.readString()
  }

  static func readText(_ r: inout JSONReader, field: String) throws -> String {
    guard r.peek() == UInt8(ascii: "\"") else {
      let start = r.offset
      _ = try r.readValue()
      throw EventDecodingError.invalidEnvelopeField(
        field: field, value: quoted(r, from: start), expected: "en sträng")
    }
    return try r.readString()
  }

  static func quoted(_ r: JSONReader, from start: Int) -> String {
    let end = min(r.offset, start + 60)
    return String(decoding: UnsafeRawBufferPointer(rebasing: r.bytes[start..<end]), as: UTF8.self)
  }

  /// `data`'s members in order; values are scalars (the contract has no nested data).
  /// `checkingNumbers`: refuse numbers that are no plain decimal (input; a record the log wrote
  /// itself is read as it is, whatever digits an older version stored).
  static func readDataMembers(_ r: inout JSONReader, checkingNumbers: Bool) throws -> [(String, JSONValue)] {
    guard r.peek() == UInt8(ascii: "{") else {
      _ = try r.readValue()
      throw EventDecodingError.dataNotAnObject
    }
    r.offset += 1
    var members: [(String, JSONValue)] = []
    r.skipWhitespace()
    if r.peek() == UInt8(ascii: "}") {
      r.offset += 1
      return members
    }
    while true {
      r.skipWhitespace()
      let keyOffset = r.offset
      guard r.peek() == UInt8(ascii: "\"") else { throw r.unexpected("en nyckel inom citattecken") }
      let key = try r.readString()
      r.skipWhitespace()
      try r.expect(UInt8(ascii: ":"), "':'")
      r.skipWhitespace()
      let value: JSONValue
      let valueStart = r.offset
      switch r.peek() {
      case UInt8(ascii: "\"")?: value = .string(try r.readString())
      case let c? where c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")):
        value = .number(try r.readNumber())
        if checkingNumbers {
          try checkNumbers(in: UnsafeRawBufferPointer(rebasing: r.bytes[valueStart..<r.offset]), field: key)
        }
      default:
        value = try r.readValue(depth: 1)
        if checkingNumbers {
          try checkNumbers(in: UnsafeRawBufferPointer(rebasing: r.bytes[valueStart..<r.offset]), field: key)
        }
      }
      // By bytes (issue 10, item 13): keys that differ only in Unicode normal form are two keys.
      for (k, _) in members where k.utf8.elementsEqual(key.utf8) {
        throw JSONSyntaxError(offset: keyOffset, reason: .duplicateKey(key))
      }
      members.append((key, value))
      r.skipWhitespace()
      if r.peek() == UInt8(ascii: ",") {
        r.offset += 1
        continue
      }
      try r.expect(UInt8(ascii: "}"), "',' eller '}'")
      return members
    }
  }

  /// The most significant digits a number in `data` may have: every decimal of up to 15 digits
  /// survives the trip through a `Double` and back unchanged.
  static let maxSignificantDigits = 15

  /// Refuses a number in `data` (also inside a list or an object) that is not a plain decimal:
  /// an exponent (`1e2`) or more than 15 significant digits (`1.9999999999999999999`, which a
  /// `Double` would store as 2) would change what was written (issue 10, item 12).
  static func checkNumbers(in bytes: UnsafeRawBufferPointer, field: String) throws(EventDecodingError) {
    var i = 0
    var inString = false
    while i < bytes.count {
      let b = bytes[i]
      if inString {
        if b == UInt8(ascii: "\\") {
          i += 2
          continue
        }
        if b == UInt8(ascii: "\"") { inString = false }
        i += 1
        continue
      }
      if b == UInt8(ascii: "\"") {
        inString = true
        i += 1
        continue
      }
      guard b == UInt8(ascii: "-") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) else {
        i += 1
        continue
      }
      let start = i
      var significant = 0
      var leading = true
      var exponent = false
      while i < bytes.count {
        let c = bytes[i]
        if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
          if c != UInt8(ascii: "0") { leading = false }
          if !leading { significant += 1 }
        } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
          exponent = true
        } else if c != UInt8(ascii: "-") && c != UInt8(ascii: "+") && c != UInt8(ascii: ".") {
          break
        }
        i += 1
      }
      let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
      if exponent {
        throw .invalidValue(
          field: field, value: text,
          allowed: "ett tal skrivet med siffror och högst en decimalpunkt, utan exponent")
      }
      if significant > maxSignificantDigits {
        throw .invalidValue(
          field: field, value: text,
          allowed: "ett tal med högst \(maxSignificantDigits) värdesiffror (fler kan inte lagras exakt)")
      }
    }
  }
}
