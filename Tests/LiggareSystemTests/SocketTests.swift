import LiggareSystem
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The server's calls on non-blocking sockets: would-block is an answer, not an error.
@Suite struct SocketTests {
  static func pair() throws -> (FileDescriptor, FileDescriptor) {
    var fds: [Int32] = [-1, -1]
    try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
    let a = FileDescriptor(raw: fds[0], path: "a")
    let b = FileDescriptor(raw: fds[1], path: "b")
    a.makeNonBlocking()
    b.makeNonBlocking()
    return (a, b)
  }

  static func receive(_ fd: FileDescriptor, _ buffer: inout [UInt8]) throws -> Int? {
    try buffer.withUnsafeMutableBytes { raw throws(SystemCallError) in try fd.receive(into: raw) }
  }

  @Test func sendAllStopsWhereTheSocketWouldBlockAndReceiveTakesTheRest() throws {
    let (a, b) = try Self.pair()
    defer {
      a.close()
      b.close()
    }
    let bytes = [UInt8](repeating: 5, count: 8 << 20)
    let sent = try a.sendAll(bytes)
    #expect(sent > 0 && sent < bytes.count)
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var received = 0
    while let n = try Self.receive(b, &buffer) {
      received += n
    }
    #expect(received == sent)
    #expect(try a.sendAll(bytes, from: sent) > sent)
  }

  @Test func aClosedPeerIsZeroThenEPIPE() throws {
    let (a, b) = try Self.pair()
    defer { a.close() }
    var buffer = [UInt8](repeating: 0, count: 16)
    #expect(try Self.receive(a, &buffer) == nil)
    b.close()
    #expect(try Self.receive(a, &buffer) == 0)
    let error = #expect(throws: SystemCallError.self) { try a.sendAll([1, 2, 3]) }
    #expect(error?.errno == EPIPE)
  }

  @Test func acceptAnswersNilWhenNoOneIsWaiting() throws {
    let listener = try FileDescriptor.socket(family: AF_INET)
    defer { listener.close() }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    try listener.bind(to: address)
    try listener.listen(backlog: 4)
    #expect(try listener.accept() == nil)
    let port = withUnsafePointer(to: listener.localAddress()) {
      $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
    }
    let client = try FileDescriptor.socket(family: AF_INET)
    defer { client.close() }
    var target = address
    target.sin_port = port.bigEndian
    _ = withUnsafePointer(to: &target) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(client.raw, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    var entries = [pollfd(fd: listener.raw, events: Int16(POLLIN), revents: 0)]
    _ = try FileDescriptor.poll(&entries, milliseconds: 5000)
    let accepted = try #require(try listener.accept())
    accepted.0.close()
  }
}
