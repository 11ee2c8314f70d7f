import LiggareSystem

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a file or standard input line by line in 1 MiB chunks, so memory stays flat whatever
/// the size of the input.
struct LineReader {
  let fd: FileDescriptor
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
      fd = .standardInput
      name = "standard input"
      ownsDescriptor = false
    } else {
      do {
        fd = try FileDescriptor.open(path, O_RDONLY)
      } catch {
        throw .io(
          path: path,
          reason: error.errno == ENOENT ? "filen finns inte" : "kan inte läsas (errno \(error.errno))")
      }
      name = path
      ownsDescriptor = true
    }
  }

  /// Reads lines from `bytes` held in memory (a request body); `name` is for messages.
  init(bytes: [UInt8], name: String) {
    fd = FileDescriptor(raw: -1, path: name)
    self.name = name
    ownsDescriptor = false
    buffer = bytes
    atEnd = true
  }

  /// A rough upper estimate of the number of lines (events are rarely under 150 bytes), so an
  /// import can reserve memory once (pages never touched cost nothing); 0 for standard input.
  var expectedLineCount: Int {
    guard ownsDescriptor, let size = try? fd.size() else { return 0 }
    return size / 150
  }

  func close() {
    if ownsDescriptor { fd.close() }
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
    let result = buffer.withUnsafeMutableBytes { raw in
      Result { () throws(SystemCallError) -> Int in
        try fd.readUpTo(into: UnsafeMutableRawBufferPointer(rebasing: raw[old...]))
      }
    }
    let n: Int
    switch result {
    case .success(let count): n = count
    case .failure(let error): throw .io(path: name, reason: "kan inte läsas (errno \(error.errno))")
    }
    buffer.removeSubrange((old + n)...)
    if n == 0 { atEnd = true }
  }
}
