import Dispatch
import LiggareHTTP
import Synchronization
import Testing

/// Requests to mutate: valid shapes the server meets, and shapes near the edges.
let fuzzSeeds: [String] = [
  "GET /api/v1/head HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n\r\n",
  "GET /api/v1/units/u-1%2D2/gaps?goal=3&asOf=2024-12-31 HTTP/1.1\r\nHost: x\r\nCookie: s=abc; t=1\r\n\r\n",
  "POST /api/v1/events?dryRun=true HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nContent-Length: 12\r\n\r\n{\"a\":1}\n{}\n\n",
  "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 19\r\n\r\nuser=%C3%85sa&pw=a+b",
  "GET /s?q=%C3%A5 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
  "PUT /x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
  "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /second HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
]

/// Fragments that tend to break parsers.
let fuzzTokens: [[UInt8]] =
  [
    "\r\n", "\n", "\r", " ", "\t", ":", "%", "%2e", "%2E%2e", "%2f", "%00", "%ff", "..", "/../", "?", "#",
    "=", "&",
    "+", "\r\n\r\n", "Transfer-Encoding: chunked\r\n", "Content-Length: 5\r\n", "Content-Length: 0\r\n",
    "Content-Length: -1\r\n", "Content-Length: 99999999999999999999\r\n", "Host: y\r\n", " folded\r\n",
    "Expect: 100-continue\r\n", "Connection: close\r\n", "HTTP/1.0", "HTTP/2.0",
  ].map { Array($0.utf8) } + [[0], [0xFF], [0xC3], [0xC3, 0xA5], [0x7F], [0x80]]

/// One mutation of `bytes`: flip, insert a token or a random byte, delete, duplicate or truncate.
func mutate(_ bytes: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
  var out = bytes
  for _ in 0..<Int.random(in: 1...3, using: &random) {
    let position = out.isEmpty ? 0 : Int.random(in: 0..<out.count, using: &random)
    switch Int.random(in: 0..<8, using: &random) {
    case 0 where !out.isEmpty: out[position] = UInt8.random(in: 0...255, using: &random)
    case 1: out.insert(contentsOf: fuzzTokens.randomElement(using: &random)!, at: position)
    case 2 where !out.isEmpty:
      out.removeSubrange(position..<min(out.count, position + Int.random(in: 1...8, using: &random)))
    case 3 where !out.isEmpty:
      let end = min(out.count, position + Int.random(in: 1...40, using: &random))
      out.insert(contentsOf: Array(out[position..<end]), at: position)
    case 4: out = Array(out.prefix(position))
    case 5, 6:
      // A whole header line where header lines go, or another version on the request line.
      let lines =
        fuzzTokens.filter { $0.count > 3 && $0.suffix(2) == [0x0D, 0x0A] } + [Array("X: y\r\n".utf8)]
      if let lineEnd = ParsedResponse.find([0x0D, 0x0A], in: out) {
        if Bool.random(using: &random) {
          out.insert(contentsOf: lines.randomElement(using: &random)!, at: lineEnd + 2)
        } else if lineEnd >= 8 {
          out.replaceSubrange(
            (lineEnd - 8)..<lineEnd,
            with: Array(["HTTP/2.0", "HTTP/1.0", "HTTP/1.9"].randomElement(using: &random)!.utf8))
        }
      }
    default: out.insert(UInt8.random(in: 0...255, using: &random), at: position)
    }
  }
  return out
}

/// Random bytes: either any byte, or drawn from the characters a request is made of.
func randomBytes(_ random: inout SeededGenerator) -> [UInt8] {
  let count = Int.random(in: 0...300, using: &random)
  if Bool.random(using: &random) {
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
  }
  let alphabet = Array("GET POST /?%=&:. HTTP/1.1\r\nHost: Content-Length: 0123456789abcdef".utf8)
  return (0..<count).map { _ in alphabet.randomElement(using: &random)! }
}

/// What a parser made of some bytes: each request in order, then how it ended.
struct Outcome: Equatable, CustomStringConvertible {
  var requests: [String] = []
  var failure: HTTPParseError?

  var description: String { "\(requests) then \(failure.map { "\($0.status.code) \($0)" } ?? "need more")" }
}

func summary(_ r: HTTPRequest) -> String {
  "\(r.method) \(r.target) \(r.version) path=\(r.path) query=\(r.query.items.map { "\($0.name)=\($0.value)" }) "
    + "headers=\(r.headers.fields.map { "\($0.name):\($0.value)" }) body=\(r.body) keepAlive=\(r.keepAlive)"
}

/// Feeds `bytes` in chunks (sizes from `random`, or all at once) and records every request and the end.
func run(_ bytes: [UInt8], chunked random: inout SeededGenerator?, check: (HTTPRequest) -> Void) -> Outcome {
  var parser = HTTPRequestParser()
  var outcome = Outcome()
  var offset = 0
  repeat {
    let size = random == nil ? bytes.count : Int.random(in: 1...16, using: &random!)
    let end = min(bytes.count, offset + size)
    parser.append(bytes[offset..<end])
    offset = end
    loop: while true {
      switch parser.next() {
      case .needMore: break loop
      case .continueExpected: continue
      case .request(let r):
        check(r)
        outcome.requests.append(summary(r))
      case .failure(let error):
        outcome.failure = error
        return outcome
      }
    }
  } while offset < bytes.count
  return outcome
}

/// What a parsed request promises, whatever the input was.
func checkInvariants(_ r: HTTPRequest) {
  let segments = r.path.split(separator: "/", omittingEmptySubsequences: false)
  #expect(r.path.hasPrefix("/"))
  #expect(!segments.contains(".") && !segments.contains(".."), "\(r.target)")
  #expect(!r.path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(r.target)")
  #expect(!r.query.items.contains { $0.name.contains("\0") || $0.value.contains("\0") })
  #expect(r.version == "HTTP/1.1" || r.version == "HTTP/1.0")
  #expect(r.method.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F })
  for field in r.headers.fields {
    #expect(!field.value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 })
  }
  if let length = r.headers["Content-Length"] {
    #expect(
      Int(length.split(separator: ",").first.map { String($0).trimmingCharacters() } ?? "") == r.body.count)
  } else {
    #expect(r.body.isEmpty)
  }
  // Decoding the raw target again gives the same path and query: decoded once, consistently.
  let again = try? HTTPRequest(method: r.method, target: r.target)
  #expect(again?.path == r.path)
}

extension String {
  func trimmingCharacters() -> String {
    String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }
}

@Suite struct ParserFuzzTests {
  /// Thousands of random and mutated requests: the parser never traps, every refusal is a 4xx/5xx of the
  /// known set, every accepted request keeps the promises of `HTTPRequest`, and feeding the same bytes in
  /// random pieces gives exactly the same requests and the same refusal as feeding them at once.
  @Test func randomAndMutatedRequests() {
    var random = SeededGenerator(seed: 0x11_2026)
    let seeds = fuzzSeeds.map { Array($0.utf8) }
    var accepted = 0
    var refused: [Int: Int] = [:]
    for iteration in 0..<6000 {
      let input: [UInt8]
      switch iteration % 4 {
      case 0: input = randomBytes(&random)
      default: input = mutate(seeds[iteration % seeds.count], &random)
      }
      var whole: SeededGenerator? = nil
      let once = run(input, chunked: &whole, check: checkInvariants)
      var pieces: SeededGenerator? = SeededGenerator(seed: UInt64(iteration))
      let split = run(input, chunked: &pieces, check: { _ in })
      #expect(once == split, "input \(iteration): \(String(decoding: input, as: UTF8.self).debugDescription)")
      accepted += once.requests.count
      if let failure = once.failure {
        #expect([400, 413, 414, 417, 431, 501, 505].contains(failure.status.code))
        refused[failure.status.code, default: 0] += 1
      }
    }
    // The corpus reaches both sides: many requests accepted and many refused for several reasons.
    #expect(accepted > 500)
    #expect(refused[400, default: 0] > 500)
    #expect(refused.keys.count >= 4, "\(refused) accepted \(accepted)")
  }
}

@Suite struct ServerFuzzTests {
  /// Four clients at once send 100 random or mutated requests each to a live server, each on its own
  /// connection: every byte that comes back is a sequence of well-formed responses with a status of the
  /// known set, and afterwards the server still answers a plain request.
  @Test func liveServerAnswersHostileRequestsWellFormed() throws {
    var limits = HTTPLimits()
    limits.workers = 2
    limits.readTimeout = .seconds(2)
    let (server, port) = try startEchoServer(limits: limits)
    defer { server.stop() }
    let seeds = fuzzSeeds.map { Array($0.utf8) }
    let problems = Mutex<[String]>([])
    let statuses = Mutex<[Int: Int]>([:])
    DispatchQueue.concurrentPerform(iterations: 4) { worker in
      var random = SeededGenerator(seed: 0xF00D + UInt64(worker))
      for iteration in 0..<100 {
        let input =
          iteration % 3 == 0 ? randomBytes(&random) : mutate(seeds[iteration % seeds.count], &random)
        guard let client = try? TestClient(port: port) else {
          problems.withLock { $0.append("connect failed at \(worker)/\(iteration)") }
          continue
        }
        client.send(input)
        client.shutdownWrite()
        var bytes = client.readAll()
        while !bytes.isEmpty {
          guard let (response, used) = ParsedResponse.parse(bytes) else {
            problems.withLock {
              $0.append("malformed answer to \(String(decoding: input, as: UTF8.self).debugDescription)")
            }
            break
          }
          if ![100, 200, 404, 400, 413, 414, 417, 431, 501, 505].contains(response.status) {
            problems.withLock {
              $0.append(
                "status \(response.status) for \(String(decoding: input, as: UTF8.self).debugDescription)")
            }
          }
          statuses.withLock { $0[response.status, default: 0] += 1 }
          bytes.removeFirst(used)
        }
      }
    }
    #expect(problems.withLock { $0 } == [])
    let counted = statuses.withLock { $0 }
    #expect(counted[400, default: 0] > 50, "\(counted)")
    #expect(counted[200, default: 0] + counted[404, default: 0] > 25, "\(counted)")
    #expect(stillServes(port))
  }
}
