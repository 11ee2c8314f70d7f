/// The hard limits of the HTTP layer: sizes of a request, waits, and how many connections and workers.
/// Every limit refuses with its own status; see `docs/server.md`.
public struct HTTPLimits: Sendable, Equatable {
  /// Longest request line (`GET /path?query HTTP/1.1`) in bytes, without CRLF; longer gets 414.
  public var maxRequestLineBytes: Int = 8 * 1024
  /// Largest header section (the fields after the request line) in bytes; larger gets 431.
  public var maxHeaderBytes: Int = 32 * 1024
  /// Most header fields; more gets 431.
  public var maxHeaderFields: Int = 100
  /// Largest body (`Content-Length`); larger gets 413 before any of it is read.
  public var maxBodyBytes: Int = 20 * 1024 * 1024
  /// Time a whole request (head and body) may take to arrive, counted from its first byte. A client that
  /// is slower (one byte a second, say) gets 408 and is disconnected when it runs out.
  public var readTimeout: Duration = .seconds(30)
  /// Time a kept-alive connection may wait for the first byte of its next request before it is closed.
  public var idleTimeout: Duration = .seconds(15)
  /// Time writing one response may take (a client that does not read is disconnected).
  public var writeTimeout: Duration = .seconds(30)
  /// Threads that run the handler. Connections waiting for bytes hold no worker.
  public var workers: Int = 8
  /// Open connections at most; a connection beyond gets 503 with `Connection: close`.
  public var maxConnections: Int = 256
  /// Bodies being received at once, in bytes announced by `Content-Length`, at most. A request whose body
  /// would go beyond gets 503 (before its body is read), so many large uploads at once cannot exhaust
  /// memory: without it the worst case is `maxConnections` × `maxBodyBytes`.
  public var maxBufferedBodyBytes: Int = 256 * 1024 * 1024

  /// The default limits (the numbers above).
  public init() {}
}
