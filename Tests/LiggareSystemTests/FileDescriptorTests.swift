import Foundation
import LiggareSystem
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A fresh folder under the system's temporary directory.
struct Scratch: ~Copyable {
  let path: String

  init() {
    path = NSTemporaryDirectory() + "liggare-system-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }
}

/// Issue 13 item 12: the one system-call layer. Errors name the call and the path in Swedish with
/// errno captured once; short writes and EINTR are carried on, never returned.
@Suite struct FileDescriptorTests {
  @Test func aMissingFileIsNamedInSwedish() throws {
    let scratch = Scratch()
    let path = scratch.path + "/saknas.json"
    let error = #expect(throws: SystemCallError.self) { try FileDescriptor.open(path, O_RDONLY) }
    #expect(error?.errno == ENOENT)
    #expect(error?.call == "open")
    #expect(error?.description == "open misslyckades för \(path): filen eller mappen finns inte (errno 2)")
    #expect(try FileDescriptor.openIfPresent(path, O_RDONLY) == nil)
  }

  @Test func aClosedDescriptorIsAnErrorNotACrash() throws {
    let pair = try FileDescriptor.pipe()
    pair.read.close()
    pair.write.close()
    let error = #expect(throws: SystemCallError.self) { try pair.write.writeAll([1, 2, 3]) }
    #expect(error?.errno == EBADF)
    #expect(error?.description.contains("filen är inte öppen") == true)
    let stale = FileDescriptor(raw: 987_654, path: "ingen.fil")
    #expect(throws: SystemCallError(call: "fsync", path: "ingen.fil", errno: EBADF)) { try stale.sync() }
    #expect(throws: SystemCallError(call: "fstat", path: "ingen.fil", errno: EBADF)) { try stale.size() }
  }

  @Test func aWriteToAFullDeviceSaysTheDiskIsFull() throws {
    let full = try FileDescriptor.open("/dev/full", O_WRONLY)
    defer { full.close() }
    let error = #expect(throws: SystemCallError.self) { try full.writeAll(Array(repeating: 7, count: 10)) }
    #expect(error?.errno == ENOSPC)
    #expect(error?.description == "write misslyckades för /dev/full: disken är full (errno 28)")
  }

  /// A pipe takes 64 KiB at a time: 3 MiB through it is dozens of short writes, each completed.
  @Test func writeAllCompletesShortWritesToAPipe() throws {
    let pair = try FileDescriptor.pipe()
    let reader = FileDescriptor(raw: pair.read.raw, path: "pipe")
    fcntlBlocking(pair.write)
    fcntlBlocking(reader)
    let bytes = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let received = Mutex<[UInt8]>([])
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      let all = (try? reader.readToEnd()) ?? []
      received.withLock { $0 = all }
      done.signal()
    }
    try pair.write.writeAll(bytes)
    pair.write.close()
    done.wait()
    reader.close()
    #expect(received.withLock { $0 } == bytes)
  }

  @Test func readToEndStopsOneByteAfterTheLimit() throws {
    let scratch = Scratch()
    let path = scratch.path + "/fil"
    try FileSystem.writeAtomically(Array(repeating: 9, count: 100_000), to: path)
    let fd = try FileDescriptor.open(path, O_RDWR)
    defer { fd.close() }
    #expect(try fd.readToEnd(atMost: 1000).count == 1001)
    #expect(try fd.readToEnd().count == 100_000 - 1001)
    try fd.truncate(to: 0)
    #expect(try fd.read(count: 1, at: 0) == [])
    let whole = try FileDescriptor.open(path, O_RDONLY)
    defer { whole.close() }
    #expect(try whole.readToEnd() == [])
    let error = #expect(throws: SystemCallError.self) { try whole.truncate(to: 5) }
    #expect(error?.call == "ftruncate")
  }

  @Test func positionalWritesAndReads() throws {
    let scratch = Scratch()
    let path = scratch.path + "/huvud"
    let fd = try FileDescriptor.open(path, O_RDWR | O_CREAT)
    defer { fd.close() }
    try fd.writeWhole(Array("abcdef".utf8), at: 0)
    try fd.writeWhole(Array("XY".utf8), at: 2)
    #expect(try fd.read(count: 100, at: 0) == Array("abXYef".utf8))
    #expect(try fd.read(count: 3, at: 4) == Array("ef".utf8))
    #expect(try fd.size() == 6)
    try fd.sync()
  }

  @Test func aSecondLockIsRefusedWithoutWaiting() throws {
    let scratch = Scratch()
    let path = scratch.path + "/lock"
    let first = try FileDescriptor.open(path, O_RDWR | O_CREAT)
    let second = try FileDescriptor.open(path, O_RDWR | O_CREAT)
    defer { second.close() }
    #expect(try first.lockExclusively(wait: false))
    #expect(try second.lockExclusively(wait: false) == false)
    first.close()
    #expect(try second.lockExclusively(wait: false))
  }

  @Test func writeAtomicallySetsTheModeAndLeavesNoTemporaryFile() throws {
    let scratch = Scratch()
    let path = scratch.path + "/register.json"
    try FileSystem.writeAtomically(Array("{}".utf8), to: path, mode: 0o600)
    #expect(FileSystem.status(path).map { $0.st_mode & 0o777 } == 0o600)
    #expect(try FileSystem.list(scratch.path) == ["register.json"])
    let failing = #expect(throws: SystemCallError.self) {
      try FileSystem.writeAtomically(to: path) { fd throws(SystemCallError) in
        throw SystemCallError(call: "write", path: fd.path, errno: ENOSPC)
      }
    }
    #expect(failing?.path == path + ".tmp")
    #expect(try FileSystem.list(scratch.path) == ["register.json"])
    try FileSystem.remove(path)
    try FileSystem.remove(path)
    #expect(!FileSystem.exists(path))
    let error = #expect(throws: SystemCallError.self) { try FileSystem.rename(path, path + ".ny") }
    #expect(error?.description.contains("rename misslyckades för \(path)") == true)
  }

  /// A read blocked on an empty pipe is interrupted by a signal whose handler does not restart
  /// calls (no SA_RESTART): `read` fails with EINTR, and `readUpTo` must go on reading.
  @Test func aSignalDuringAReadIsRetried() throws {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in signalsSeen.add(1, ordering: .sequentiallyConsistent) }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    var previous = sigaction()
    sigaction(SIGUSR2, &action, &previous)
    defer { sigaction(SIGUSR2, &previous, nil) }

    let pair = try FileDescriptor.pipe()
    fcntlBlocking(pair.read)
    defer {
      pair.read.close()
      pair.write.close()
    }
    let thread = Mutex<pthread_t?>(nil)
    let result = Mutex<Result<Int, SystemCallError>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      // Test runners' threads block most signals; this one takes SIGUSR2.
      var set = sigset_t()
      sigemptyset(&set)
      sigaddset(&set, SIGUSR2)
      pthread_sigmask(SIG_UNBLOCK, &set, nil)
      thread.withLock { $0 = pthread_self() }
      var buffer = [UInt8](repeating: 0, count: 16)
      let outcome = buffer.withUnsafeMutableBytes { raw in
        Result { () throws(SystemCallError) -> Int in try pair.read.readUpTo(into: raw) }
      }
      result.withLock { $0 = outcome }
      done.signal()
    }
    for _ in 0..<10_000 where thread.withLock({ $0 }) == nil { usleep(1000) }
    // Until the reader is asleep in read(2): its state in /proc turns to S.
    let target = try #require(thread.withLock { $0 })
    let before = signalsSeen.load(ordering: .sequentiallyConsistent)
    waitUntilSleeping()
    pthread_kill(target, SIGUSR2)
    for _ in 0..<10_000 where signalsSeen.load(ordering: .sequentiallyConsistent) == before { usleep(1000) }
    #expect(signalsSeen.load(ordering: .sequentiallyConsistent) > before, "the signal never arrived")
    try pair.write.writeAll(Array("hej".utf8))
    done.wait()
    let outcome = try #require(result.withLock { $0 })
    #expect(try outcome.get() == 3)
  }

  @Test func pollReturnsZeroWhenTimeRunsOut() throws {
    let pair = try FileDescriptor.pipe()
    defer {
      pair.read.close()
      pair.write.close()
    }
    var entries = [pollfd(fd: pair.read.raw, events: Int16(POLLIN), revents: 0)]
    #expect(try FileDescriptor.poll(&entries, milliseconds: 0) == 0)
    try pair.write.writeAll([1])
    #expect(try FileDescriptor.poll(&entries, milliseconds: 1000) == 1)
  }
}

let signalsSeen = Atomic<Int>(0)

/// Clears O_NONBLOCK (the pipe is made non-blocking for the server's self-pipe).
func fcntlBlocking(_ fd: FileDescriptor) {
  _ = fcntl(fd.raw, F_SETFL, fcntl(fd.raw, F_GETFL) & ~O_NONBLOCK)
}

/// Waits until some thread of this process other than the caller sleeps in a pipe read.
func waitUntilSleeping() {
  for _ in 0..<2000 {
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
    for task in tasks {
      let wchan = (try? String(contentsOfFile: "/proc/self/task/\(task)/wchan", encoding: .utf8)) ?? ""
      if wchan.contains("pipe_read") || wchan.contains("pipe_wait") { return }
    }
    usleep(1000)
  }
}
