import LiggareDomain

/// A draft and the day it will be recorded on; the exact `recordedAt` is set when its week is
/// emitted, once the number of events recorded that day is known.
struct GeneratedEvent {
  var recordDay: Int32
  var draft: EventDraft
}
