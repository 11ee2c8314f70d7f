import Dispatch
import Foundation
import Glibc
import LiggareSystem
import Synchronization

/// An HTTP/1.1 server on POSIX sockets: one thread waits for bytes on every connection (`poll`) and feeds
/// each connection's `HTTPRequestParser`; a bounded pool of worker threads runs the handler and writes the
/// response. A connection waiting for bytes, however slow, holds no worker.
///
/// Limits (`HTTPLimits`): sizes are refused with 414/431/413, a request that does not arrive within the
/// read timeout gets 408, an idle kept-alive connection is closed after the idle timeout, and a connection
/// beyond `maxConnections` gets 503 with `Connection: close`. `stop()` stops accepting, lets the workers
/// finish and write the requests they hold, closes every connection and returns.
///
/// ```swift
/// let server = try HTTPServer(listen: "127.0.0.1:8080") { request in .text("Hej\n") }
/// let port = try server.start()
/// server.runUntilSignal()  // blocks until SIGINT or SIGTERM, then stops gracefully
/// ```
public final class HTTPServer: Sendable {
  /// The limits type (see `HTTPLimits`).
  public typealias Limits = HTTPLimits
  /// A request handler: called on a worker thread, possibly on several at once.
  public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse
  /// Makes the response for a request refused before it reached the handler (parse errors, 408,
  /// 413, 503), given the request target as far as it arrived (raw, not decoded; nil when nothing
  /// of it was read, as for a connection beyond the limit), so that an application can answer in
  /// the format of the path asked for.
  public typealias ErrorResponder = @Sendable (HTTPParseError, _ target: String?) -> HTTPResponse

  /// The address asked for (its port may be 0; see `boundAddress`).
  public let address: ListenAddress
  /// The limits in force.
  public let limits: Limits
  private let handler: Handler
  private let errorResponder: ErrorResponder
  private let state = Mutex<RunState>(.idle)

  private enum RunState {
    case idle
    case running(Engine, ListenAddress)
    case stopped
  }

  /// A server for this address. `errorResponse` makes the answer to refused requests; by default a
  /// Swedish `text/plain` message with the error's status.
  public init(
    address: ListenAddress, limits: Limits = Limits(), errorResponse: ErrorResponder? = nil,
    handler: @escaping Handler
  ) {
    self.address = address
    self.limits = limits
    self.handler = handler
    self.errorResponder =
      errorResponse ?? { error, _ in .text(error.description + "\n", status: error.status) }
  }

  /// A server for `127.0.0.1:8080`, `[::1]:8080` and the like (see `ListenAddress(parsing:)`).
  public convenience init(
    listen: String, limits: Limits = Limits(), errorResponse: ErrorResponder? = nil,
    handler: @escaping Handler
  ) throws(HTTPServerError) {
    self.init(
      address: try ListenAddress(parsing: listen), limits: limits, errorResponse: errorResponse,
      handler: handler)
  }

  deinit {
    stop()
  }

  /// Binds, listens and starts the threads; returns the port bound (the system's choice when the address
  /// has port 0). Throws when the address cannot be bound or the server was started before.
  @discardableResult
  public func start() throws(HTTPServerError) -> UInt16 {
    try state.withLock { (state: inout RunState) throws(HTTPServerError) -> UInt16 in
      guard case .idle = state else { throw .alreadyStarted }
      let (fd, port) = try bindListener(address)
      let engine: Engine
      do throws(HTTPServerError) {
        engine = try Engine(
          listenFD: fd, limits: limits, handler: handler, errorResponder: errorResponder)
      } catch {
        fd.close()
        throw error
      }
      engine.start()
      state = .running(engine, address.with(port: port))
      return port
    }
  }

  /// The address actually bound while running (with the real port), nil before `start()` and after `stop()`.
  public var boundAddress: ListenAddress? {
    state.withLock { state in
      if case .running(_, let bound) = state { return bound }
      return nil
    }
  }

  /// Whether the server is running (started and not stopped).
  public var isRunning: Bool { boundAddress != nil }

  /// Stops accepting connections, closes connections that are waiting for or receiving a request, lets
  /// the workers finish the requests they hold and write their responses in full (with
  /// `Connection: close`), closes everything and returns. Does nothing when not running.
  public func stop() {
    let engine: Engine? = state.withLock { state in
      guard case .running(let engine, _) = state else { return nil }
      state = .stopped
      return engine
    }
    engine?.stopAndWait()
  }

  /// Blocks until SIGINT or SIGTERM arrives, then stops the server gracefully (see `stop()`) and returns
  /// the signal's number. See `runUntilSignal(_:)`.
  @discardableResult
  public func runUntilSignal() -> Int32 {
    runUntilSignal([SIGINT, SIGTERM])
  }

  /// Blocks until one of `signals` arrives, then stops the server gracefully and returns the signal's
  /// number. The signals' previous handlers are restored before it returns. Returns 0 when the server
  /// stops by other means (or is not running). Call it from one thread at a time.
  @discardableResult
  public func runUntilSignal(_ signals: [Int32]) -> Int32 {
    guard isRunning, let fds = try? FileDescriptor.pipe() else { return 0 }
    signalWakeFD = fds.write.raw
    let previous = signals.map { signal($0, httpServerSignalHandler) }
    var received: Int32 = 0
    while isRunning {
      var entries = [pollfd(fd: fds.read.raw, events: Int16(POLLIN), revents: 0)]
      if (try? FileDescriptor.poll(&entries, milliseconds: 250)) ?? 0 > 0 {
        var byte: UInt8 = 0
        if withUnsafeMutableBytes(of: &byte, { (try? fds.read.readUpTo(into: $0)) ?? 0 }) == 1 {
          received = Int32(byte)
          break
        }
      }
    }
    for (signalNumber, handler) in zip(signals, previous) { signal(signalNumber, handler) }
    signalWakeFD = -1
    fds.read.close()
    fds.write.close()
    stop()
    return received
  }
}

/// The write end of `runUntilSignal`'s self-pipe; written by the signal handler (async-signal-safe).
nonisolated(unsafe) private var signalWakeFD: Int32 = -1

private func httpServerSignalHandler(_ signalNumber: Int32) {
  // The one write not made through `FileDescriptor`: a signal handler may only make
  // async-signal-safe calls, and a failure here (a full pipe) needs no message.
  var byte = UInt8(truncatingIfNeeded: signalNumber)
  _ = write(signalWakeFD, &byte, 1)
}

/// Creates, binds and listens on a non-blocking socket; returns it and the bound port.
private func bindListener(_ address: ListenAddress) throws(HTTPServerError) -> (FileDescriptor, UInt16) {
  let socket: FileDescriptor
  do {
    socket = try FileDescriptor.socket(family: address.isIPv6 ? AF_INET6 : AF_INET)
  } catch {
    throw .socketFailed(call: "socket", errno: error.errno)
  }
  socket.setOption(level: SOL_SOCKET, SO_REUSEADDR, to: 1)
  do throws(SystemCallError) {
    if address.isIPv6 {
      var sa = sockaddr_in6()
      sa.sin6_family = sa_family_t(AF_INET6)
      sa.sin6_port = address.port.bigEndian
      inet_pton(AF_INET6, address.host, &sa.sin6_addr)
      try socket.bind(to: sa)
    } else {
      var sa = sockaddr_in()
      sa.sin_family = sa_family_t(AF_INET)
      sa.sin_port = address.port.bigEndian
      inet_pton(AF_INET, address.host, &sa.sin_addr)
      try socket.bind(to: sa)
    }
  } catch {
    socket.close()
    throw .bindFailed(address: address.description, errno: error.errno)
  }
  do throws(SystemCallError) {
    try socket.listen(backlog: 512)
  } catch {
    socket.close()
    throw .socketFailed(call: "listen", errno: error.errno)
  }
  var storage = socket.localAddress()
  let port: UInt16 =
    address.isIPv6
    ? withUnsafePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_port }
    }
    : withUnsafePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_port }
    }
  return (socket, UInt16(bigEndian: port))
}
