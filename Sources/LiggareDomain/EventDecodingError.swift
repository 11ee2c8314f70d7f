public import LiggareBasics

/// Why an event's `type` or `data` could not be read: names the field and what was expected.
public enum EventDecodingError: Error, Sendable, Hashable {
  case unknownType(String)
  case dataNotAnObject
  case missingField(String)
  case unknownFields([String], type: String)
  case wrongKind(field: String, expected: String)
  case invalidValue(field: String, value: String, allowed: String)
  case syntax(JSONSyntaxError)
  case notAnObject
  case missingEnvelopeField(String)
  case unknownEnvelopeField(String)
  case invalidEnvelopeField(field: String, value: String, expected: String)
  case duplicateEnvelopeField(String)
}

extension EventDecodingError: CustomStringConvertible {
  /// Swedish, naming the field.
  public var description: String {
    switch self {
    case .unknownType(let t):
      "okänd händelsetyp \"\(t)\"; tillåtna är \(EventType.allCases.map(\.rawValue).joined(separator: ", "))"
    case .dataNotAnObject:
      "data (fältet data) måste vara ett JSON-objekt"
    case .missingField(let f):
      "\(FieldName.swedish(f, jsonPath: "data.\(f)")) saknas"
    case .unknownFields(let fields, let type):
      "okänt fält för \(type): \(fields.map { "data.\($0)" }.joined(separator: ", "))"
    case .wrongKind(let f, let expected):
      "\(FieldName.swedish(f, jsonPath: "data.\(f)")) måste vara \(expected)"
    case .invalidValue(let f, let value, let allowed):
      "\(FieldName.swedish(f, jsonPath: "data.\(f)")) har värdet \"\(value)\"; tillåtet är \(allowed)"
    case .syntax(let e): "\(e)"
    case .notAnObject: "raden är inte ett JSON-objekt"
    case .missingEnvelopeField(let f): "\(FieldName.swedish(f, jsonPath: f)) saknas"
    case .unknownEnvelopeField(let f):
      "okänt fält \(f); tillåtna är id, type, occurredOn, recordedAt, actor och data"
    case .invalidEnvelopeField(let f, let value, let expected):
      "\(FieldName.swedish(f, jsonPath: f)) har värdet \(value); det ska vara \(expected)"
    case .duplicateEnvelopeField(let f): "\(FieldName.swedish(f, jsonPath: f)) förekommer två gånger"
    }
  }
}
