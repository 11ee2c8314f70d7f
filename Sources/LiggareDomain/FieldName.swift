/// The Swedish names of the events' fields, for messages shown to people (the JSON keys stay
/// English, as the contract writes them).
public enum FieldName {
  /// "nivå" for `level`, "betyget för infrastruktur" for `ratings.infrastruktur`; an unknown key is
  /// returned as it is.
  public static func swedish(_ key: String) -> String {
    if key.hasPrefix("ratings.") { return "betyget för \(key.dropFirst("ratings.".count))" }
    return names[key] ?? key
  }

  /// "nivå (data.level)": the Swedish name and where the field stands in a JSON event, for errors
  /// about a file whose keys are the contract's English ones.
  public static func swedish(_ key: String, jsonPath: String) -> String {
    let name = swedish(key)
    return name == key ? jsonPath : "\(name) (\(jsonPath))"
  }

  static let names: [String: String] = [
    "id": "id", "type": "händelsetyp", "occurredOn": "datum", "recordedAt": "registreringstid",
    "actor": "registrerad av", "data": "data",
    "unit": "enhet", "name": "namn", "email": "e-post", "kind": "slag", "parent": "överordnad",
    "schoolForm": "skolform", "into": "enheten den slås ihop med", "person": "person", "role": "roll",
    "course": "kurs", "title": "titel", "hours": "timmar", "area": "område", "level": "nivå",
    "examiner": "examinator", "maxLevel": "högsta nivå", "goal": "mål", "scope": "omfattning",
    "minLevel": "lägsta nivå", "targetShare": "målandel", "deadline": "senast", "event": "händelse",
    "reason": "skäl", "framework": "ramverk", "levels": "nivåer", "competence": "kompetens",
    "requirement": "krav", "roles": "roller", "schoolForms": "skolformer", "method": "metod",
    "assessor": "bedömare", "year": "år", "ratings": "betyg", "measure": "åtgärd",
    "responsible": "ansvarig", "due": "klar senast", "status": "status",
  ]
}
