import Foundation
import LiggareTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// The real `liggare` executable, and a minimal HTTP/1.1 client on a socket for tests that run a
/// server.
enum ServerProcess {
  static var executable: String { LiggareExecutable.path }

  /// A response as read from the socket.
  struct Response {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
  }

  /// Sends one request (`Connection: close`) to 127.0.0.1:`port` and reads the whole response.
  static func request(
    port: UInt16, _ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = []
  ) -> Response? {
    var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    for (n, v) in headers { head += "\(n): \(v)\r\n" }
    head += "Content-Length: \(body.count)\r\n\r\n"
    return exchange(port: port, Array(head.utf8) + body)
  }

  /// Sends `bytes` as they are (a request, or hostile bytes) to 127.0.0.1:`port`, optionally closes
  /// the sending side (so a server waiting for more sees the end), and reads the response until the
  /// server closes. Nil when nothing that looks like an HTTP response came back.
  static func exchange(port: UInt16, _ bytes: [UInt8], halfClose: Bool = false) -> Response? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { return nil }
    var sent = 0
    while sent < bytes.count {
      let n = bytes.withUnsafeBytes {
        send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
      }
      guard n > 0 else { return nil }
      sent += n
    }
    if halfClose { shutdown(fd, Int32(SHUT_WR)) }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 65536, 0) }
      if n <= 0 { break }
      received += buffer[0..<n]
    }
    guard let end = received.firstRange(of: [13, 10, 13, 10]) else { return nil }
    let text = String(decoding: received[..<end.lowerBound], as: UTF8.self)
    var lines = text.components(separatedBy: "\r\n")
    let statusLine = lines.removeFirst().split(separator: " ")
    guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
    var fields: [String: String] = [:]
    for line in lines {
      guard let colon = line.firstIndex(of: ":") else { continue }
      fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
        in: .whitespaces)
    }
    return Response(status: status, headers: fields, body: Array(received[end.upperBound...]))
  }
}
