#if canImport(Glibc)
  import Glibc
#endif

/// Reads a file or standard input line by line in 1 MiB chunks, so memory stays flat whatever
/// the size of the input.
struct LineReader {
  let fd: Int32
  let name: String
  let ownsDescriptor: Bool
  var buffer: [UInt8] = []
  var start = 0
  var atEnd = false
  /// Number of the line last returned, from 1.
  var lineNumber = 0
  static let chunk = 1 << 20

  /// Opens `path`, or standard input for "-".
  init(path: String) throws(LedgerError) {
    if path == "-" {
      fd = 0
      name = "standard input"
      ownsDescriptor = false
    } else {
      let opened = Glibc.open(path, O_RDONLY | O_CLOEXEC)
      guard opened >= 0 else {
        throw .io(
          path: path, reason: errno == ENOENT ? "filen finns inte" : "kan inte läsas (errno \(errno))")
      }
      fd = opened
      name = path
      ownsDescriptor = true
    }
  }

  /// Reads lines from `bytes` held in memory (a request body); `name` is for messages.
  init(bytes: [UInt8], name: String) {
    fd = -1
    self.name = name
    ownsDescriptor = false
    buffer = bytes
    atEnd = true
  }

  /// A rough upper estimate of the number of lines (events are rarely under 150 bytes), so an
  /// import can reserve memory once (pages never touched cost nothing); 0 for standard input.
  var expectedLineCount: Int {
    var st = stat()
    guard ownsDescriptor, fstat(fd, &st) == 0 else { return 0 }
    return Int(st.st_size) / 150
  }

  func close() {
    if ownsDescriptor { _ = Glibc.close(fd) }
  }

  /// Calls `body` with the next line (without its LF or CRLF) and its number; false at the end.
  ///
  /// - Throws: `LedgerError.lineTooLong` past `limit` bytes, or a read error.
  mutating func next(
    limit: Int, _ body: (UnsafeRawBufferPointer, Int) throws(LedgerError) -> Void
  ) throws(LedgerError)
    -> Bool
  {
    while true {
      if let newline = buffer[start...].firstIndex(of: 0x0A) {
        lineNumber += 1
        var end = newline
        if end > start && buffer[end - 1] == 0x0D { end -= 1 }
        guard end - start <= limit else {
          throw .lineTooLong(place: .init(file: name, line: lineNumber), limit: limit)
        }
        let lineStart = start
        start = newline + 1
        let result = buffer.withUnsafeBytes { raw in
          Result { () throws(LedgerError) in
            try body(UnsafeRawBufferPointer(rebasing: raw[lineStart..<end]), lineNumber)
          }
        }
        try result.get()
        return true
      }
      if atEnd {
        guard start < buffer.count else { return false }
        lineNumber += 1
        var end = buffer.count
        if buffer[end - 1] == 0x0D { end -= 1 }
        guard end - start <= limit else {
          throw .lineTooLong(place: .init(file: name, line: lineNumber), limit: limit)
        }
        let lineStart = start
        start = buffer.count
        let result = buffer.withUnsafeBytes { raw in
          Result { () throws(LedgerError) in
            try body(UnsafeRawBufferPointer(rebasing: raw[lineStart..<end]), lineNumber)
          }
        }
        try result.get()
        return true
      }
      if buffer.count - start > limit + 2 {
        throw .lineTooLong(place: .init(file: name, line: lineNumber + 1), limit: limit)
      }
      try fill()
    }
  }

  mutating func fill() throws(LedgerError) {
    if start > 0 {
      buffer.removeSubrange(0..<start)
      start = 0
    }
    let old = buffer.count
    buffer.append(contentsOf: repeatElement(0, count: LineReader.chunk))
    var n = 0
    while true {
      n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + old, LineReader.chunk) }
      if n < 0 && errno == EINTR { continue }
      break
    }
    guard n >= 0 else { throw .io(path: name, reason: "kan inte läsas (errno \(errno))") }
    buffer.removeSubrange((old + n)...)
    if n == 0 { atEnd = true }
  }
}
