public import LiggareAccess
public import LiggareDomain
public import LiggareKit

/// Scopes: which units and persons a principal may see and log events about.
///
/// A unit is in scope when it, or one of its ancestors in the tree as of the date asked about, is
/// one of the principal's scopes. A person is in scope when placed, on that date, at a unit in
/// scope; a person without a placement only for principals covering the city. Anything unknown is
/// out of scope for a scoped principal, so that the answer is the same whether or not it exists.
public enum Scope {
  /// The ancestors of `unit` in `state`, nearest first.
  public static func ancestors(of unit: String, in state: CityState) -> [String] {
    var result: [String] = []
    var current = state.unit(unit)?.parentID
    while let id = current, result.count < 64 {
      result.append(id)
      current = state.unit(id)?.parentID
    }
    return result
  }

  /// Whether `principal` covers the unit `id` as of `state`'s date.
  public static func covers(_ principal: Principal, unit id: String, in state: CityState) -> Bool {
    if principal.coversCity { return true }
    guard state.unit(id) != nil else { return false }
    return principal.covers(id) { ancestors(of: $0, in: state) }
  }

  /// Whether `principal` covers the person `id` as of `state`'s date.
  public static func covers(_ principal: Principal, person id: String, in state: CityState) -> Bool {
    if principal.coversCity { return true }
    guard let placement = state.placement(of: id) else { return false }
    return covers(principal, unit: placement.unitID, in: state)
  }

  /// Whether `principal`'s writes are checked draft by draft (`firstRefusal`): every scoped
  /// account, and every head (heads record only their own assessments and their units' follow-up).
  public static func restrictsWrites(_ principal: Principal) -> Bool {
    !principal.coversCity || principal.role == .head
  }

  /// The first draft a scoped coordinator may not log, with its position, or nil when all may be.
  public static func firstOutOfScope(
    _ drafts: [EventDraft], principal: Principal, chronicle: Chronicle,
    event: (String) -> Event? = { _ in nil }
  ) -> Int? {
    firstRefusal(drafts, principal: principal, chronicle: chronicle, event: event)?.index
  }

  /// What a head's account says when it may not record a draft (Swedish, lower case).
  public static let headOnly =
    "en rektor kan bara registrera sina egna bedömningar (chefens bedömning) av personal på sina enheter och enheternas uppföljning"

  /// What a head's account says when it may not retract an event: the same whether the event does
  /// not exist or is another's (Swedish, lower case).
  public static let headRetractsOwnOnly =
    "en rektor kan bara dra tillbaka sina egna bedömningar (chefens bedömning) av personal på sina enheter och enheternas uppföljning; be PIM-samordnaren om annat"

  /// The logged event with the id `id` in `snapshot` (read from the log), or nil.
  public static func loggedEvent(_ id: String, in snapshot: LedgerSnapshot) -> Event? {
    guard let seq = snapshot.chronicle.seq(ofEvent: id) else { return nil }
    var found: Event?
    try? snapshot.forEachRecord(from: seq, through: seq) { record in
      let body = record.body
      found = try? body.withUnsafeBytes { raw throws(EventDecodingError) in
        try EventCodec.decodeRecord(raw, seq: record.seq)
      }
    }
    return found
  }

  /// Whether a head's account may retract `event`: what it may write (its own head assessment of a
  /// person placed in its scopes, or a follow-up of a unit in its scopes), judged as of the
  /// retracted event's date.
  static func headMayRetract(_ event: Event, principal: Principal, chronicle: Chronicle) -> Bool {
    let state = CityState(
      chronicle: chronicle, position: .endOf(event.occurredOn), knownAtSeq: chronicle.lastSeq)
    switch event.payload {
    case .competenceAssessed(let person, _, _, .head, let assessor?):
      return principal.person == assessor && covers(principal, person: person, in: state)
    case .unitFollowUp(let unit, _, _):
      return covers(principal, unit: unit, in: state)
    default:
      return false
    }
  }

  /// The first draft `principal` may not log, with its position and why (Swedish, lower case), or
  /// nil when all may be.
  ///
  /// **Beslut**: an event is in scope when every unit it names (the unit, a new parent, the unit
  /// merged into, a goal's scope) is in scope on the event's date, and the person it is about is
  /// placed in scope on that date — counting placements made earlier in the same batch, so a new
  /// person can be registered, placed and given courses in one go. `PersonRegistered` names no unit
  /// and is allowed. The course catalogue (`CourseDefined`) and retractions belong to coordinators
  /// for the whole city (so are Part 2's frameworks, requirements, assessments and measures, except a
  /// unit's own follow-up). An examiner named in `PimLevelAttained` is not checked (examiners may come
  /// from elsewhere). A coordinator whose scopes include the city's own id covers the whole city for
  /// these too.
  ///
  /// **Beslut (heads write)**: a `head` account records only `CompetenceAssessed` with method `head`
  /// and itself as the assessor (the account's `person`), of a person placed in its scopes on the
  /// date, and `UnitFollowUp` for a unit in its scopes; nothing else, whatever its scopes. The
  /// rulebook then checks that the assessor is the head of the person's unit on that day.
  ///
  /// **Beslut (heads retract)**: a head's account may retract what it may write — its own head
  /// assessment of a person placed in its scopes, or a follow-up of a unit in its scopes, both
  /// judged on the retracted event's date — and nothing else. Any other id, whether it exists or
  /// not, gets the same refusal (`headRetractsOwnOnly`), so a head learns nothing of other units'
  /// events. `event` finds a logged event by id (`loggedEvent(_:in:)`); without it a head may
  /// retract nothing.
  public static func firstRefusal(
    _ drafts: [EventDraft], principal: Principal, chronicle: Chronicle,
    event: (String) -> Event? = { _ in nil }
  ) -> (index: Int, message: String)? {
    if !restrictsWrites(principal) { return nil }
    let outside = "händelsen gäller en person eller enhet utanför ditt ansvarsområde"
    var placedInBatch: [String: String] = [:]
    for (index, draft) in drafts.enumerated() {
      let state = CityState(
        chronicle: chronicle, position: .endOf(draft.occurredOn), knownAtSeq: chronicle.lastSeq)
      func unitOK(_ unit: String) -> Bool { covers(principal, unit: unit, in: state) }
      func personOK(_ person: String) -> Bool {
        if let unit = placedInBatch[person] { return unitOK(unit) }
        return covers(principal, person: person, in: state)
      }
      if principal.role == .head {
        switch draft.payload {
        case .competenceAssessed(let person, _, _, let method, let assessor):
          guard method == .head else { return (index, headOnly) }
          guard let own = principal.person else {
            return (
              index,
              "kontot saknar ditt person-id, så dina bedömningar kan inte registreras; be administratören lägga till det (liggare account add … --person)"
            )
          }
          guard assessor == own else {
            return (
              index, "bedömaren ska vara du själv (\(own)); en rektor registrerar bara sina egna bedömningar"
            )
          }
          if !personOK(person) { return (index, outside) }
        case .unitFollowUp(let unit, _, _):
          if !unitOK(unit) { return (index, outside) }
        case .eventRetracted(let target, _):
          guard let retracted = event(target),
            headMayRetract(retracted, principal: principal, chronicle: chronicle)
          else { return (index, headRetractsOwnOnly) }
        default: return (index, headOnly)
        }
        continue
      }
      let ok: Bool
      switch draft.payload {
      case .unitEstablished(let unit, _, _, let parent, _):
        ok = principal.scopes.contains(unit) ? true : parent.map(unitOK) ?? false
      case .unitRenamed(let unit, _), .unitClosed(let unit): ok = unitOK(unit)
      case .unitMoved(let unit, let parent): ok = unitOK(unit) && unitOK(parent)
      case .unitMerged(let unit, let into): ok = unitOK(unit) && unitOK(into)
      case .personRegistered: ok = true
      case .staffAssigned(let person, let unit, _):
        ok =
          unitOK(unit)
          && (personOK(person) || state.placement(of: person) == nil && placedInBatch[person] == nil)
        if ok { placedInBatch[person] = unit }
      case .staffLeft(let person), .examinerRoleEnded(let person): ok = personOK(person)
      case .courseCompleted(let person, _, _), .pimLevelAttained(let person, _, _): ok = personOK(person)
      case .examinerAppointed(let person, let unit, _): ok = personOK(person) && unitOK(unit)
      case .goalSet(_, let scope, _, _, _): ok = unitOK(scope)
      case .unitFollowUp(let unit, _, _): ok = unitOK(unit)
      // The catalogue, retractions and Part 2's frameworks, requirements, assessments and measures:
      // coordinators for the whole city (also one whose scopes name the city itself).
      default: ok = state.city.map { principal.scopes.contains($0.id) } ?? false
      }
      if !ok { return (index, outside) }
    }
    return nil
  }
}
