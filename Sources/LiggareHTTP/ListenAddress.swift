import Glibc

/// Where the server listens: an IPv4 or IPv6 literal and a port (0 lets the system choose one).
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
  /// The IP literal (`127.0.0.1`, `::1`), without brackets.
  public let host: String
  /// The port, 0...65535.
  public let port: UInt16
  /// Whether the host is IPv6.
  public let isIPv6: Bool

  /// Parses `127.0.0.1:8080`, `[::1]:8080`, `0.0.0.0:0`, or `localhost:8080` (taken as `127.0.0.1`).
  /// Host names other than `localhost` are refused: the server binds to an address, not a name.
  public init(parsing text: String) throws(HTTPServerError) {
    var hostPart: Substring
    var portPart: Substring
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
        throw .invalidAddress(text)
      }
      hostPart = text[text.index(after: text.startIndex)..<close]
      portPart = text[text.index(close, offsetBy: 2)...]
    } else {
      guard let colon = text.lastIndex(of: ":") else { throw .invalidAddress(text) }
      hostPart = text[..<colon]
      portPart = text[text.index(after: colon)...]
      if hostPart == "localhost" { hostPart = "127.0.0.1" }
    }
    guard !portPart.isEmpty, portPart.count <= 5, portPart.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      let port = UInt16(portPart)
    else { throw .invalidAddress(text) }
    let host = String(hostPart)
    var v4 = in_addr()
    var v6 = in6_addr()
    if !text.hasPrefix("[") && inet_pton(AF_INET, host, &v4) == 1 {
      self.isIPv6 = false
    } else if text.hasPrefix("[") && inet_pton(AF_INET6, host, &v6) == 1 {
      self.isIPv6 = true
    } else {
      throw .invalidAddress(text)
    }
    self.host = host
    self.port = port
  }

  /// Whether the address is on loopback (`127.0.0.0/8` or `::1`): only this machine can connect.
  public var isLoopback: Bool {
    isIPv6 ? host == "::1" || host == "0:0:0:0:0:0:0:1" : host.hasPrefix("127.")
  }

  /// `127.0.0.1:8080` or `[::1]:8080`.
  public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

  /// The same host with another port (after binding to port 0).
  public func with(port: UInt16) -> ListenAddress {
    ListenAddress(host: host, port: port, isIPv6: isIPv6)
  }

  private init(host: String, port: UInt16, isIPv6: Bool) {
    self.host = host
    self.port = port
    self.isIPv6 = isIPv6
  }
}

/// Why the server could not start. `description` is Swedish.
public enum HTTPServerError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The listen address is not `IPv4:port` or `[IPv6]:port`.
  case invalidAddress(String)
  /// A socket call failed while setting up the listener.
  case socketFailed(call: String, errno: Int32)
  /// The address could not be bound (in use, not on this machine, or not permitted).
  case bindFailed(address: String, errno: Int32)
  /// `start()` was called on a server that is running or has stopped.
  case alreadyStarted

  /// The Swedish message.
  public var description: String {
    switch self {
    case .invalidAddress(let text):
      "Adressen \"\(text)\" ska vara IPv4:port (127.0.0.1:8080) eller [IPv6]:port ([::1]:8080)."
    case .socketFailed(let call, let code):
      "Servern kunde inte starta: \(call) misslyckades (\(errnoText(code)))."
    case .bindFailed(let address, let code):
      code == EADDRINUSE
        ? "Adressen \(address) används redan av ett annat program."
        : "Servern kan inte lyssna på \(address) (\(errnoText(code)))."
    case .alreadyStarted:
      "Servern är redan startad."
    }
  }
}

func errnoText(_ code: Int32) -> String {
  String(cString: strerror(code))
}
