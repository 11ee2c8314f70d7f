import LiggareDomain

/// Makes the demo city's names: unique unit names that sound like Swedish preschools and schools,
/// district names, and fake staff names with e-mail addresses.
///
/// Unit names must be unique in the city (a report lists units by name); people's names need not
/// be, but their e-mail addresses are, as a mail system's would be.
struct NameBook {
  private var usedUnitNames: Set<String> = []
  private var usedDistricts: Set<String> = []
  /// How many people already have each address before the `@`, to number the next one.
  private var addressCounts: [String: Int] = [:]

  /// The mail domain of the fake addresses: `.example` is reserved, so no real inbox can be hit.
  static let mailDomain = "skola.norrvik.example"

  /// `count` distinct district names: the fourteen hand-made ones first, then made-up villages.
  mutating func districtNames(_ count: Int, rng: inout DemoRandom) -> [String] {
    var result: [String] = []
    for name in SwedishNames.districts.prefix(count) where usedDistricts.insert(name).inserted {
      result.append(name)
    }
    while result.count < count {
      let name = rng.pick(SwedishNames.placeStarts) + rng.pick(SwedishNames.districtEnds)
      if usedDistricts.insert(name).inserted { result.append(name) }
    }
    return result
  }

  /// A board's name in the style of Stockholm's ("Bromma stadsdelsnämnd", "Skarpnäcks stadsdelsnämnd").
  static func boardName(district: String) -> String {
    let last = district.last ?? "a"
    let keepsForm = "aeiouyåäös".contains(last)
    return district + (keepsForm ? "" : "s") + " stadsdelsnämnd"
  }

  /// The Swedish genitive: an "s" except after s, x or z.
  static func genitive(_ word: String) -> String {
    "sxz".contains(word.last ?? "a") ? word : word + "s"
  }

  /// A new unit name for `form` (nil: the central office), unique in the city; `district` names
  /// the area, used to tell apart two units that would otherwise share a name.
  mutating func unitName(form: SchoolForm?, district: String, rng: inout DemoRandom) -> String {
    guard let form else { return claim("PIM-kontoret") }
    for attempt in 0..<16 {
      var candidate = Self.baseName(form: form, rng: &rng)
      if attempt >= 6 { candidate += " i " + district }
      if usedUnitNames.insert(candidate).inserted { return candidate }
    }
    return claim(Self.baseName(form: form, rng: &rng) + " i " + district)
  }

  /// `name` if it is free, else `name` with the first free number after it.
  private mutating func claim(_ name: String) -> String {
    if usedUnitNames.insert(name).inserted { return name }
    var n = 2
    while !usedUnitNames.insert("\(name) \(n)").inserted { n += 1 }
    return "\(name) \(n)"
  }

  private static func baseName(form: SchoolForm, rng: inout DemoRandom) -> String {
    let start = rng.pick(SwedishNames.placeStarts)
    let end = rng.pick(SwedishNames.placeEnds)
    let place = start + end.place
    switch form {
    case .förskola:
      switch rng.below(3) {
      case 0: return genitive(rng.pick(SwedishNames.natureWords)) + " förskola"
      case 1: return genitive(place) + " förskolor"
      default: return "Förskolan " + rng.pick(SwedishNames.natureWords)
      }
    case .grundskola:
      return start + end.school + "skolan"
    case .gymnasieskola:
      return rng.chance(0.5) ? genitive(place) + " gymnasium" : start + end.school + "gymnasiet"
    case .anpassadSkola:
      return rng.chance(0.5)
        ? genitive(place) + " anpassade grundskola" : "Anpassade gymnasieskolan " + place
    case .vuxenutbildning:
      return rng.chance(0.5) ? "Komvux " + place : "Vuxenutbildningen " + place
    }
  }

  /// A fake staff member's name and e-mail (about 3 % have no address on file).
  mutating func person(rng: inout DemoRandom) -> PersonalData {
    // Most staff in Swedish preschools and schools are women.
    let first =
      rng.chance(0.72) ? rng.pick(SwedishNames.womenFirstNames) : rng.pick(SwedishNames.menFirstNames)
    let last = rng.pick(SwedishNames.surnames)
    let name = first + " " + last
    if rng.chance(0.03) { return PersonalData(name: name, email: nil) }
    let local = Self.ascii(first) + "." + Self.ascii(last)
    let count = (addressCounts[local] ?? 0) + 1
    addressCounts[local] = count
    let email = (count == 1 ? local : local + String(count)) + "@" + Self.mailDomain
    return PersonalData(name: name, email: email)
  }

  /// Lower-case ASCII for an address: å, ä → a; ö → o; é → e.
  static func ascii(_ text: String) -> String {
    var result = ""
    for c in text.lowercased() {
      switch c {
      case "å", "ä": result.append("a")
      case "ö": result.append("o")
      case "é", "è": result.append("e")
      case "ü": result.append("u")
      case " ": result.append("-")
      default: result.append(c)
      }
    }
    return result
  }
}
