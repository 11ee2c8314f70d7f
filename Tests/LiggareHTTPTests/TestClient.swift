import Foundation
import Glibc
import LiggareHTTP

/// A blocking loopback client for the server tests: raw bytes in, raw bytes out, with a receive timeout.
final class TestClient {
  let fd: Int32

  init(port: UInt16, ipv6: Bool = false, receiveTimeoutSeconds: Int = 5) throws {
    fd = socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw ClientError.failed("socket") }
    var timeout = timeval(tv_sec: receiveTimeoutSeconds, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var result: Int32
    if ipv6 {
      var sa = sockaddr_in6()
      sa.sin6_family = sa_family_t(AF_INET6)
      sa.sin6_port = port.bigEndian
      inet_pton(AF_INET6, "::1", &sa.sin6_addr)
      result = withUnsafePointer(to: &sa) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
      }
    } else {
      var sa = sockaddr_in()
      sa.sin_family = sa_family_t(AF_INET)
      sa.sin_port = port.bigEndian
      inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr)
      result = withUnsafePointer(to: &sa) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
    }
    guard result == 0 else {
      close(fd)
      throw ClientError.failed("connect")
    }
  }

  deinit { close(fd) }

  enum ClientError: Error { case failed(String) }

  /// Sends all bytes; false when the server closed the connection.
  @discardableResult
  func send(_ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes {
        Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
      }
      if sent <= 0 { return false }
      offset += sent
    }
    return true
  }

  @discardableResult
  func send(_ text: String) -> Bool { send(Array(text.utf8)) }

  func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

  /// Everything until the server closes (or the timeout).
  func readAll() -> [UInt8] {
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = recv(fd, &buffer, buffer.count, 0)
      if count <= 0 { break }
      result += buffer[0..<count]
    }
    return result
  }

  private var pending: [UInt8] = []

  /// Reads one response (head plus `Content-Length` body); nil when the connection closes first.
  func readResponse(headOnly: Bool = false) -> ParsedResponse? {
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      if let (response, used) = ParsedResponse.parse(pending, headOnly: headOnly) {
        pending.removeFirst(used)
        return response
      }
      let count = recv(fd, &buffer, buffer.count, 0)
      if count <= 0 { return nil }
      pending += buffer[0..<count]
    }
  }
}

/// A response as the tests read it back; `parse` insists on a well-formed one.
struct ParsedResponse {
  var status: Int
  var headers: [(String, String)]
  var body: [UInt8]

  func header(_ name: String) -> String? {
    headers.first { $0.0.lowercased() == name.lowercased() }?.1
  }

  var text: String { String(decoding: body, as: UTF8.self) }

  /// A whole response at the start of `bytes` and how many bytes it took; nil when incomplete or malformed.
  static func parse(_ bytes: [UInt8], headOnly: Bool = false) -> (ParsedResponse, Int)? {
    guard let end = find(Array("\r\n\r\n".utf8), in: bytes) else { return nil }
    let head = String(decoding: bytes[0..<end], as: UTF8.self)
    var lines = head.components(separatedBy: "\r\n")
    let statusLine = lines.removeFirst()
    let parts = statusLine.split(separator: " ", maxSplits: 2)
    guard parts.count >= 2, parts[0] == "HTTP/1.1", parts[1].count == 3, let status = Int(parts[1]) else {
      return nil
    }
    var headers: [(String, String)] = []
    for line in lines {
      guard let colon = line.firstIndex(of: ":") else { return nil }
      headers.append(
        (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
    }
    let lengthText = headers.first { $0.0.lowercased() == "content-length" }?.1
    let length = headOnly || status == 204 || status == 304 || status < 200 ? 0 : Int(lengthText ?? "") ?? -1
    guard length >= 0 else { return nil }
    guard bytes.count >= end + 4 + length else { return nil }
    let body = Array(bytes[(end + 4)..<(end + 4 + length)])
    return (ParsedResponse(status: status, headers: headers, body: body), end + 4 + length)
  }

  static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for start in 0...(haystack.count - needle.count)
    where haystack[start..<(start + needle.count)].elementsEqual(needle) {
      return start
    }
    return nil
  }
}

/// SplitMix64: a seeded generator so a failing fuzz case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
