import LiggareSystem

/// Notices, with a few `stat` calls, that another process may have appended to a log folder or
/// rewritten the person register: the folder (a new segment), the head file (rewritten after every
/// commit) and the last segment's size. A change says "look again", never what changed.
struct LogChangeProbe: Equatable {
  struct Stamp: Equatable {
    var size: Int64 = -1
    var seconds: Int = 0
    var nanoseconds: Int = 0
  }

  var folder = Stamp()
  var headFile = Stamp()
  var lastSegment = Stamp()
  var register = Stamp()

  static func stamp(_ path: String) -> Stamp {
    guard let st = FileSystem.status(path) else { return Stamp() }
    return Stamp(size: Int64(st.st_size), seconds: st.st_mtim.tv_sec, nanoseconds: st.st_mtim.tv_nsec)
  }

  /// Reads the stamps of the folder `directory` whose last segment is `lastSegment`.
  init(directory: String, lastSegment: String?) {
    folder = LogChangeProbe.stamp(directory)
    headFile = LogChangeProbe.stamp(directory + "/head")
    self.lastSegment = lastSegment.map { LogChangeProbe.stamp($0) } ?? Stamp()
    register = LogChangeProbe.stamp(directory + "/personregister.json")
  }

  init() {}
}
