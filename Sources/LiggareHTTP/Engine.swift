import Dispatch
import Foundation
import Glibc
import LiggareSystem
import Synchronization

/// One client connection. Owned by exactly one thread at a time: the event loop while it waits for bytes,
/// a worker while its request is handled. It passes between them only through `JobQueue` and
/// `Engine.returned`, both locked, hence `@unchecked Sendable`.
final class Connection: @unchecked Sendable {
  let socket: FileDescriptor
  /// The descriptor number, the key of the loop's table.
  var fd: Int32 { socket.raw }
  let remoteAddress: String
  var parser: HTTPRequestParser
  /// When the loop gives up on the connection (idle, read or linger timeout).
  var deadline: UInt64 = 0
  /// Whether bytes of the current request have arrived (the read timeout runs, not the idle one).
  var requestStarted = false
  /// What the loop does with the connection.
  var phase: Phase = .reading

  enum Phase {
    /// Waiting for (more of) a request.
    case reading
    /// Writing the rest of a response the worker could not write at once (the client reads slowly),
    /// then going on as `then` says.
    case writing([UInt8], offset: Int, then: Engine.After)
    /// The response is written and our side shut down: read and discard until the peer closes.
    case lingering
  }
  /// Whether this connection was refused with 503 (counted apart from the open connections).
  var rejected = false
  /// Bytes of the body budget this connection's pending body holds.
  var reserved = 0
  var discarded = 0

  init(socket: FileDescriptor, remoteAddress: String, limits: HTTPLimits) {
    self.socket = socket
    self.remoteAddress = remoteAddress
    self.parser = HTTPRequestParser(limits: limits)
  }
}

/// Work for a worker: a request to answer, or a refusal to write.
enum Job: @unchecked Sendable {
  case request(Connection, HTTPRequest)
  case failure(Connection, HTTPParseError)
}

/// A FIFO of jobs that worker threads wait on.
final class JobQueue: @unchecked Sendable {
  private let condition = NSCondition()
  private var jobs: [Job] = []
  private var head = 0
  private var closed = false

  func push(_ job: Job) {
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  /// The next job, waiting for one; nil once closed and empty.
  func pop() -> Job? {
    condition.lock()
    defer { condition.unlock() }
    while head == jobs.count && !closed { condition.wait() }
    guard head < jobs.count else { return nil }
    let job = jobs[head]
    head += 1
    if head == jobs.count {
      jobs.removeAll(keepingCapacity: true)
      head = 0
    }
    return job
  }

  func close() {
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
  }
}

/// The running machinery of an `HTTPServer`: the listening socket, the event-loop thread and the workers.
/// The loop's own state (`connections`, `inWorkers`, ...) is touched only by the loop thread.
final class Engine: @unchecked Sendable {
  /// What happens to a connection once its response is written.
  enum After {
    /// Wait for the next request.
    case keepAlive
    /// Shut down our side, discard what the client still sends, then close.
    case linger
    /// Close at once (the connection failed).
    case close
  }

  /// How a worker hands a connection back.
  private enum Handback {
    case written(After)
    case unwritten([UInt8], offset: Int, then: After)
  }

  private let listenFD: FileDescriptor
  private let wakeRead: FileDescriptor
  private let wakeWrite: FileDescriptor
  private let limits: HTTPLimits
  private let handler: HTTPServer.Handler
  private let errorResponder: HTTPServer.ErrorResponder
  private let jobs = JobQueue()
  private let returned = Mutex<[(Connection, Handback)]>([])
  private let stopping = Atomic<Bool>(false)
  private let threads = DispatchGroup()

  // Loop thread only.
  private var connections: [Int32: Connection] = [:]
  private var inWorkers = 0
  private var rejected = 0
  /// Bytes announced by the bodies being received (`HTTPLimits.maxBufferedBodyBytes`).
  private var reservedBodyBytes = 0
  private var acceptPausedUntil: UInt64 = 0

  private static let continueBytes = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
  private static let lingerNanoseconds: UInt64 = 2_000_000_000
  private static let maxRejectedLingering = 64

  init(
    listenFD: FileDescriptor, limits: HTTPLimits, handler: @escaping HTTPServer.Handler,
    errorResponder: @escaping HTTPServer.ErrorResponder
  ) throws(HTTPServerError) {
    let fds: (read: FileDescriptor, write: FileDescriptor)
    do {
      fds = try FileDescriptor.pipe()
    } catch {
      throw .socketFailed(call: "pipe", errno: error.errno)
    }
    self.listenFD = listenFD
    self.wakeRead = fds.read
    self.wakeWrite = fds.write
    self.limits = limits
    self.handler = handler
    self.errorResponder = errorResponder
  }

  func start() {
    startThread(name: "http-loop") { $0.runLoop() }
    for number in 0..<max(1, limits.workers) {
      startThread(name: "http-worker-\(number)") { $0.runWorker() }
    }
  }

  private func startThread(name: String, _ body: @escaping @Sendable (Engine) -> Void) {
    threads.enter()
    let thread = Thread { [self] in
      body(self)
      self.threads.leave()
    }
    thread.name = name
    thread.start()
  }

  /// Asks the loop to stop and waits until the loop and every worker have finished.
  func stopAndWait() {
    stopping.store(true, ordering: .sequentiallyConsistent)
    wake()
    threads.wait()
    wakeRead.close()
    wakeWrite.close()
  }

  private func wake() {
    // A full pipe (EAGAIN) already wakes the loop.
    let byte: UInt8 = 1
    withUnsafeBytes(of: byte) { _ = try? wakeWrite.writeAll($0) }
  }

  // MARK: The event loop

  private func runLoop() {
    var scratch = [UInt8](repeating: 0, count: 64 * 1024)
    var listening = true
    while true {
      takeReturned()
      if stopping.load(ordering: .sequentiallyConsistent) {
        if listening {
          listenFD.close()
          listening = false
        }
        // Responses being written are finished; everything else is closed.
        for connection in Array(connections.values) {
          if case .writing = connection.phase { continue }
          drop(connection)
        }
        if inWorkers == 0 && connections.isEmpty { break }
      }
      let now = monotonicNow()
      var entries = [pollfd(fd: wakeRead.raw, events: Int16(POLLIN), revents: 0)]
      let acceptNow = listening && now >= acceptPausedUntil
      if acceptNow { entries.append(pollfd(fd: listenFD.raw, events: Int16(POLLIN), revents: 0)) }
      var polled: [Connection] = []
      polled.reserveCapacity(connections.count)
      var earliest = now + 1_000_000_000
      for connection in connections.values {
        var events = Int16(POLLIN)
        if case .writing = connection.phase { events = Int16(POLLOUT) }
        entries.append(pollfd(fd: connection.fd, events: events, revents: 0))
        polled.append(connection)
        earliest = min(earliest, connection.deadline)
      }
      if listening && !acceptNow { earliest = min(earliest, acceptPausedUntil) }
      let waitMilliseconds = earliest > now ? Int32(min((earliest - now) / 1_000_000 + 1, 1000)) : 0
      // A signal is 0 ready (the loop goes round); any other failure ends the loop.
      guard (try? FileDescriptor.poll(&entries, milliseconds: waitMilliseconds)) != nil else { break }
      if entries[0].revents != 0 { drainWakePipe() }
      let firstConnection = acceptNow ? 2 : 1
      if acceptNow && entries[1].revents != 0 { acceptConnections() }
      for (offset, connection) in polled.enumerated() where entries[firstConnection + offset].revents != 0 {
        if case .writing = connection.phase {
          writable(connection)
        } else {
          readable(connection, scratch: &scratch)
        }
      }
      expireDeadlines(now: monotonicNow())
    }
    if listening { listenFD.close() }
    for connection in connections.values { connection.socket.close() }
    connections.removeAll()
    jobs.close()
  }

  private func drainWakePipe() {
    var bytes = [UInt8](repeating: 0, count: 256)
    while bytes.withUnsafeMutableBytes({ (try? wakeRead.readUpTo(into: $0)) ?? 0 }) > 0 {}
  }

  private func takeReturned() {
    let back = returned.withLock { list in
      defer { list.removeAll() }
      return list
    }
    for (connection, handback) in back {
      inWorkers -= 1
      connections[connection.fd] = connection
      switch handback {
      case .written(let after):
        proceed(connection, after)
      case .unwritten(let bytes, let offset, let then):
        connection.phase = .writing(bytes, offset: offset, then: then)
        connection.deadline = monotonicNow() + nanoseconds(limits.writeTimeout)
      }
    }
  }

  /// Goes on with a connection whose response is written.
  private func proceed(_ connection: Connection, _ after: After) {
    let stopping = stopping.load(ordering: .sequentiallyConsistent)
    switch after {
    case .close:
      drop(connection)
    case .linger where stopping, .keepAlive where stopping:
      drop(connection)
    case .linger:
      connection.socket.shutdownWriting()
      connection.phase = .lingering
      connection.deadline = monotonicNow() + Engine.lingerNanoseconds
    case .keepAlive:
      connection.phase = .reading
      connection.requestStarted = false
      connection.deadline = monotonicNow() + nanoseconds(limits.idleTimeout)
      advance(connection)  // a pipelined request may already be buffered
    }
  }

  /// Writes more of a response to a client that reads slowly.
  private func writable(_ connection: Connection) {
    guard connections[connection.fd] === connection,
      case .writing(let bytes, let offset, let then) = connection.phase
    else { return }
    switch try? connection.socket.sendAll(bytes, from: offset) {
    case nil:
      drop(connection)
    case let written? where written == bytes.count:
      proceed(connection, then)
    case let written?:
      connection.phase = .writing(bytes, offset: written, then: then)
    }
  }

  private func acceptConnections() {
    while true {
      let accepted: (FileDescriptor, sockaddr_storage)?
      do {
        accepted = try listenFD.accept()
      } catch {
        if error.errno == ECONNABORTED { continue }
        // Out of file descriptors: stop accepting for a moment instead of spinning.
        if [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(error.errno) {
          acceptPausedUntil = monotonicNow() + 100_000_000
        }
        return
      }
      guard let (socket, storage) = accepted else { return }
      socket.setOption(level: Int32(IPPROTO_TCP), TCP_NODELAY, to: 1)
      let open = connections.count - rejected + inWorkers
      if open >= limits.maxConnections {
        reject(socket)
        continue
      }
      let connection = Connection(socket: socket, remoteAddress: peerAddress(storage), limits: limits)
      connection.deadline = monotonicNow() + nanoseconds(limits.idleTimeout)
      connections[connection.fd] = connection
    }
  }

  /// Answers a connection beyond the limit with 503 and lingers briefly so the client can read it.
  private func reject(_ socket: FileDescriptor) {
    var copy = errorResponder(.tooManyConnections, nil)
    if copy.headers["Retry-After"] == nil { copy.headers.set("Retry-After", "1") }
    _ = try? socket.sendAll(copy.serialized(keepAlive: false), wait: false)
    socket.shutdownWriting()
    guard rejected < Engine.maxRejectedLingering else {
      socket.close()
      return
    }
    let connection = Connection(socket: socket, remoteAddress: "", limits: limits)
    connection.phase = .lingering
    connection.rejected = true
    connection.deadline = monotonicNow() + Engine.lingerNanoseconds / 2
    connections[connection.fd] = connection
    rejected += 1
  }

  private func readable(_ connection: Connection, scratch: inout [UInt8]) {
    guard connections[connection.fd] === connection else { return }
    let received = scratch.withUnsafeMutableBytes { raw in
      Result { () throws(SystemCallError) -> Int? in try connection.socket.receive(into: raw) }
    }
    guard case .success(let maybeCount) = received else {
      drop(connection)
      return
    }
    guard let count = maybeCount else { return }  // nothing waiting after all
    if count == 0 {
      drop(connection)
      return
    }
    if case .lingering = connection.phase {
      connection.discarded += count
      if connection.discarded > 1 << 20 { drop(connection) }
      return
    }
    connection.parser.append(scratch[0..<count])
    advance(connection)
  }

  /// Steps the connection's parser as far as its bytes go and hands a whole request (or a refusal) to
  /// the workers.
  private func advance(_ connection: Connection) {
    while true {
      let step = connection.parser.next()
      if case .needMore = step, !reserveBody(connection) { return }
      if case .continueExpected = step, !reserveBody(connection) { return }
      switch step {
      case .needMore:
        if connection.parser.hasPartialRequest && !connection.requestStarted {
          connection.requestStarted = true
          connection.deadline = monotonicNow() + nanoseconds(limits.readTimeout)
        }
        return
      case .continueExpected:
        _ = try? connection.socket.sendAll(Engine.continueBytes, wait: false)
      case .request(var request):
        request.remoteAddress = connection.remoteAddress
        handOver(.request(connection, request), connection)
        return
      case .failure(let error):
        handOver(.failure(connection, error), connection)
        return
      }
    }
  }

  /// Takes the body budget for a body that is still arriving; when the budget is spent, refuses the
  /// request with 503 (handed to a worker) and returns false.
  private func reserveBody(_ connection: Connection) -> Bool {
    guard connection.reserved == 0, let length = connection.parser.pendingBodyLength, length > 0 else {
      return true
    }
    guard reservedBodyBytes + length <= limits.maxBufferedBodyBytes else {
      handOver(.failure(connection, .busy), connection)
      return false
    }
    connection.reserved = length
    reservedBodyBytes += length
    return true
  }

  private func release(_ connection: Connection) {
    reservedBodyBytes -= connection.reserved
    connection.reserved = 0
  }

  private func handOver(_ job: Job, _ connection: Connection) {
    connections.removeValue(forKey: connection.fd)
    release(connection)
    inWorkers += 1
    jobs.push(job)
  }

  private func drop(_ connection: Connection) {
    connections.removeValue(forKey: connection.fd)
    release(connection)
    if connection.rejected { rejected -= 1 }
    connection.socket.close()
  }

  private func expireDeadlines(now: UInt64) {
    for connection in Array(connections.values) where connection.deadline <= now {
      if case .reading = connection.phase, connection.requestStarted {
        handOver(.failure(connection, .timeout), connection)
      } else {
        drop(connection)
      }
    }
  }

  // MARK: Workers

  private func runWorker() {
    while let job = jobs.pop() {
      switch job {
      case .request(let connection, let request):
        let response = handler(request)
        let closeAsked = response.headers.values(for: "Connection").contains {
          listElements($0).contains { asciiCaseInsensitiveEquals(String($0), "close") }
        }
        let keepAlive =
          request.keepAlive && !closeAsked && !stopping.load(ordering: .sequentiallyConsistent)
        let bytes = response.serialized(
          keepAlive: keepAlive, http10KeepAlive: keepAlive && request.version == "HTTP/1.0",
          headOnly: request.method == "HEAD")
        handBack(connection, bytes, then: keepAlive ? .keepAlive : .linger)
      case .failure(let connection, let error):
        var response = errorResponder(error, connection.parser.target)
        if error.status == .serviceUnavailable && response.headers["Retry-After"] == nil {
          response.headers.set("Retry-After", "1")
        }
        handBack(connection, response.serialized(keepAlive: false), then: .linger)
      }
    }
  }

  /// Writes what the socket takes now and gives the connection back to the loop, which writes the rest
  /// (if any) as the client reads: a client that reads slowly holds no worker.
  private func handBack(_ connection: Connection, _ bytes: [UInt8], then: After) {
    let handback: Handback
    switch try? connection.socket.sendAll(bytes) {
    case nil: handback = .written(.close)
    case let written? where written == bytes.count: handback = .written(then)
    case let written?: handback = .unwritten(bytes, offset: written, then: then)
    }
    returned.withLock { $0.append((connection, handback)) }
    wake()
  }
}

/// Nanoseconds on the monotonic clock.
func monotonicNow() -> UInt64 {
  var spec = timespec()
  clock_gettime(CLOCK_MONOTONIC, &spec)
  return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// A non-negative duration in nanoseconds (saturating).
func nanoseconds(_ duration: Duration) -> UInt64 {
  let (seconds, attoseconds) = duration.components
  guard seconds >= 0 else { return 0 }
  let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
  return overflow ? UInt64.max / 2 : whole + UInt64(max(0, attoseconds) / 1_000_000_000)
}

/// The IP address of a peer as text.
func peerAddress(_ storage: sockaddr_storage) -> String {
  var storage = storage
  var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
  switch Int32(storage.ss_family) {
  case AF_INET:
    _ = withUnsafePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
        var address = pointer.pointee.sin_addr
        return inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
      }
    }
  case AF_INET6:
    _ = withUnsafePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
        var address = pointer.pointee.sin6_addr
        return inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
      }
    }
  default:
    return ""
  }
  return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
