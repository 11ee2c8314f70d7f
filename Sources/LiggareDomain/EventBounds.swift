/// Bounds on event values that the JSON types alone do not give (issue 10, item 12; listed in
/// docs/events.md): what is refused by name before an event is checked against the rules.
///
/// - ids, actors and the person key of a `PersonRegistered`: printable text: not empty, no space
///   (of any kind, line and paragraph separators included) first or last, no control or format
///   characters (NUL, zero-width space, joiners, direction marks) anywhere;
/// - a name: at least one visible character, no control characters;
/// - `hours`: a finite number from 0 to 1 000 per course or completion.
public enum EventBounds {
  /// The largest `hours` of a course or a completion.
  public static let maxHours: Double = 1000

  /// The first value out of bounds in `draft` (with its id and actor as they will be stored).
  public static func violation(of draft: EventDraft, id: String, actor: String) -> EventDecodingError? {
    if let why = textProblem(id) {
      return .invalidEnvelopeField(field: "id", value: shown(id), expected: why)
    }
    if let why = textProblem(actor) {
      return .invalidEnvelopeField(field: "actor", value: shown(actor), expected: why)
    }
    switch draft.payload {
    case .personRegistered(let person):
      if let why = textProblem(person) {
        return .invalidValue(field: "person", value: shown(person), allowed: why)
      }
      if let name = draft.personalData?.name, !isVisibleName(name) {
        return .invalidValue(field: "name", value: shown(name), allowed: "ett namn med synliga tecken")
      }
    case .courseDefined(_, _, let hours, _):
      if let why = hoursProblem(hours) {
        return .invalidValue(field: "hours", value: "\(hours)", allowed: why)
      }
    case .courseCompleted(_, _, let hours?):
      if let why = hoursProblem(hours) {
        return .invalidValue(field: "hours", value: "\(hours)", allowed: why)
      }
    default: break
    }
    return nil
  }

  static let expectedText =
    "utskrivbar text utan blanksteg först eller sist och utan styr- eller osynliga tecken"

  /// Why `text` is no printable id, or nil (also used for the person keys of uploaded lists).
  public static func textProblem(_ text: String) -> String? {
    // The common case, printable ASCII without spaces at the ends, without Unicode property look-ups.
    var text = text
    let plain = text.withUTF8 { bytes in
      !bytes.isEmpty && bytes.first != 0x20 && bytes.last != 0x20
        && bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }
    if plain { return nil }
    guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else {
      return expectedText
    }
    if isSpace(first) || isSpace(last) { return expectedText }
    for scalar in text.unicodeScalars where isInvisible(scalar) { return expectedText }
    return nil
  }

  static func isSpace(_ s: Unicode.Scalar) -> Bool {
    s.properties.isWhitespace || s.properties.generalCategory == .lineSeparator
      || s.properties.generalCategory == .paragraphSeparator
  }

  static func isInvisible(_ s: Unicode.Scalar) -> Bool {
    switch s.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .surrogate, .privateUse: true
    default: false
    }
  }

  /// A name needs one character that is neither space nor invisible.
  static func isVisibleName(_ name: String) -> Bool {
    name.unicodeScalars.contains { !isSpace($0) && !isInvisible($0) }
  }

  static func hoursProblem(_ hours: Double) -> String? {
    hours.isFinite && hours >= 0 && hours <= maxHours ? nil : "ett tal från 0 till 1000"
  }

  /// The value as shown in a message: invisible characters written as U+XXXX.
  public static func shown(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars.prefix(80) {
      if isInvisible(scalar) || (isSpace(scalar) && scalar != " ") {
        out += "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return "\"" + out + "\""
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
