#if canImport(Glibc)
  public import Glibc
#endif

/// The calls of a server on non-blocking sockets and pipes: a call that would block answers nil
/// (or what it managed), never an error; EINTR is retried; anything else is a `SystemCallError`.
extension FileDescriptor {
  /// A non-blocking, close-on-exec pipe.
  public static func pipe() throws(SystemCallError) -> (read: FileDescriptor, write: FileDescriptor) {
    var fds: [Int32] = [-1, -1]
    guard Glibc.pipe(&fds) == 0 else { throw SystemCallError(call: "pipe", path: "", errno: errno) }
    let ends = (
      read: FileDescriptor(raw: fds[0], path: "pipe"), write: FileDescriptor(raw: fds[1], path: "pipe")
    )
    ends.read.makeNonBlocking()
    ends.write.makeNonBlocking()
    return ends
  }

  /// A new stream socket of `family` (AF_INET, AF_INET6), non-blocking and close-on-exec.
  public static func socket(family: Int32) throws(SystemCallError) -> FileDescriptor {
    let fd = Glibc.socket(family, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw SystemCallError(call: "socket", path: "", errno: errno) }
    let socket = FileDescriptor(raw: fd, path: "socket")
    socket.makeNonBlocking()
    return socket
  }

  /// Sets O_NONBLOCK and FD_CLOEXEC.
  public func makeNonBlocking() {
    _ = fcntl(raw, F_SETFL, fcntl(raw, F_GETFL) | O_NONBLOCK)
    _ = fcntl(raw, F_SETFD, fcntl(raw, F_GETFD) | FD_CLOEXEC)
  }

  /// Sets an integer socket option (`setsockopt`); a failure is ignored (the options set are
  /// tuning: SO_REUSEADDR, TCP_NODELAY).
  public func setOption(level: Int32, _ name: Int32, to value: Int32) {
    var value = value
    _ = setsockopt(raw, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
  }

  /// Binds the socket to `address` (a `sockaddr_in` or `sockaddr_in6`).
  public func bind<Address>(to address: Address) throws(SystemCallError) {
    var address = address
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.bind(raw, $0, socklen_t(MemoryLayout<Address>.size))
      }
    }
    guard result == 0 else { throw SystemCallError(call: "bind", path: path, errno: errno) }
  }

  /// Listens with a queue of `backlog` connections.
  public func listen(backlog: Int32) throws(SystemCallError) {
    guard Glibc.listen(raw, backlog) == 0 else {
      throw SystemCallError(call: "listen", path: path, errno: errno)
    }
  }

  /// The address the socket is bound to (`getsockname`).
  public func localAddress() -> sockaddr_storage {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    _ = withUnsafeMutablePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(raw, $0, &length) }
    }
    return storage
  }

  /// Waits for the events asked in `entries` (`poll`), at most `milliseconds`.
  ///
  /// - Returns: the number of entries with events; 0 when the time ran out or a signal came.
  public static func poll(_ entries: inout [pollfd], milliseconds: Int32) throws(SystemCallError) -> Int {
    let ready = Glibc.poll(&entries, nfds_t(entries.count), milliseconds)
    if ready >= 0 { return Int(ready) }
    let code = errno
    if code == EINTR { return 0 }
    throw SystemCallError(call: "poll", path: "", errno: code)
  }

  /// Accepts one waiting connection on a listening socket, retrying after EINTR; the new socket
  /// is non-blocking and close-on-exec.
  ///
  /// - Returns: the connection and the peer's address; nil when none is waiting.
  public func accept() throws(SystemCallError) -> (FileDescriptor, sockaddr_storage)? {
    while true {
      var storage = sockaddr_storage()
      var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
      let fd = withUnsafeMutablePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(raw, $0, &length) }
      }
      if fd >= 0 {
        let connection = FileDescriptor(raw: fd, path: "anslutning")
        connection.makeNonBlocking()
        return (connection, storage)
      }
      let code = errno
      if code == EINTR { continue }
      if code == EAGAIN || code == EWOULDBLOCK { return nil }
      throw SystemCallError(call: "accept", path: path, errno: code)
    }
  }

  /// One `recv` into `buffer`, retrying after EINTR.
  ///
  /// - Returns: the number of bytes received, 0 when the peer has closed, nil when nothing is
  ///   waiting (the socket would block).
  @inlinable
  public func receive(into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> Int? {
    while true {
      let n = recv(raw, buffer.baseAddress, buffer.count, 0)
      if n >= 0 { return n }
      let code = errno
      if code == EINTR { continue }
      if code == EAGAIN || code == EWOULDBLOCK { return nil }
      throw SystemCallError(call: "recv", path: path, errno: code)
    }
  }

  /// Sends `bytes[offset...]` until all is sent or the socket would block, continuing after short
  /// sends and EINTR; never raises SIGPIPE (a closed peer is EPIPE).
  ///
  /// - Parameter wait: false adds MSG_DONTWAIT (for a socket that may be blocking).
  /// - Returns: the new offset: `bytes.count` when all is sent, less when the socket would block.
  @inlinable
  public func sendAll(_ bytes: UnsafeRawBufferPointer, from offset: Int = 0, wait: Bool = true)
    throws(SystemCallError) -> Int
  {
    guard let base = bytes.baseAddress else { return offset }
    let flags = Int32(MSG_NOSIGNAL) | (wait ? 0 : Int32(MSG_DONTWAIT))
    var offset = offset
    while offset < bytes.count {
      let sent = send(raw, base + offset, bytes.count - offset, flags)
      if sent > 0 {
        offset += sent
        continue
      }
      let code = sent < 0 ? errno : EPIPE
      if code == EINTR { continue }
      if code == EAGAIN || code == EWOULDBLOCK { return offset }
      throw SystemCallError(call: "send", path: path, errno: code)
    }
    return offset
  }

  /// Sends `bytes[offset...]` as `sendAll(_:from:wait:)` does.
  @inlinable
  public func sendAll(_ bytes: [UInt8], from offset: Int = 0, wait: Bool = true) throws(SystemCallError)
    -> Int
  {
    let result = bytes.withUnsafeBytes { raw in
      Result { () throws(SystemCallError) -> Int in try sendAll(raw, from: offset, wait: wait) }
    }
    return try result.get()
  }

  /// Shuts down the sending side (the peer reads the end of the stream).
  public func shutdownWriting() {
    _ = shutdown(raw, Int32(SHUT_WR))
  }
}
