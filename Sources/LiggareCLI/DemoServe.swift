import LiggareAccess
import LiggareBasics
import LiggareDomain
import LiggareHTTP
import LiggareKit
import LiggareServer

/// The demo's accounts (one per role, new passwords printed once per run) and its server.
enum DemoServe {
  /// Creates the demo accounts, or gives them new passwords, and returns the lines to print.
  static func accounts(_ context: CommandContext, ledger: Ledger) throws(CLIError) -> [String] {
    let store: AccountStore
    do {
      try SystemRandom.probe()
      store = try AccountStore(logDirectory: context.logDirectory, clock: context.clock.now)
    } catch {
      throw .failed("\(error)")
    }
    let state = ledger.state(asOf: ledger.today)
    let board = state.city.flatMap { state.children(of: $0.id).first { $0.kind == .board } }
    let unit = board.flatMap { b in
      state.children(of: b.id).first { $0.kind == .unit && $0.isOpen }
    }
    // The demo head is the unit's own head, so the account can record head assessments.
    let head = unit.flatMap { u in
      Census(state).staff(of: u.id).sorted { $0.personID < $1.personID }.first {
        $0.role == .rektor || $0.role == .förskolechef
      }?.personID
    }
    let roster: [(String, Role, [String], String?)] = [
      ("samordnare", .coordinator, board.map { [$0.id] } ?? [], nil),
      ("rektor", .head, unit.map { [$0.id] } ?? [], head),
      ("kontoret", .office, [], nil),
      ("admin", .admin, [], nil),
    ]
    var lines = ["Demokonton (lösenorden är nya för varje körning och visas bara nu):"]
    let random = SystemRandom()
    for (name, role, scopes, person) in roster {
      let password = Base64URL.encode(random.bytes(12))
      do {
        if try store.account(named: name) == nil {
          try store.add(name: name, role: role, scopes: scopes, person: person, password: password)
        } else {
          try store.setPassword(name: name, password: password)
        }
      } catch {
        throw .failed("demokontot \(name): \(error)")
      }
      let scope =
        scopes.isEmpty
        ? "hela staden" : scopes.map { id in state.unit(id)?.name ?? id }.joined(separator: ", ")
      lines.append(
        "  \(name.padding(toLength: 11, withPad: " ", startingAt: 0)) \(password)  (\(role.swedishName), \(scope))"
      )
    }
    return lines
  }

  /// Starts the server on the first free port from 8080 and blocks until SIGINT or SIGTERM.
  static func serve(_ context: CommandContext, _ console: inout Console) throws(CLIError) {
    var lastError: CLIError?
    for port in 8080..<8090 {
      let address: ListenAddress
      do {
        address = try ListenAddress(parsing: "127.0.0.1:\(port)")
      } catch {
        throw .failed("\(error)")
      }
      do {
        let server = try ServeCommand.start(
          context: context, address: address, configuration: ServerConfiguration())
        console.line("")
        console.line("Webbappen och API:t: http://\(server.address)/  (avsluta med Ctrl-C)")
        do throws(CLIError) {
          try console.flush()
        } catch {
          // The server runs on; its address is said on standard error instead.
          Console.error("\(error.message) Webbappen: http://\(server.address)/")
        }
        _ = server.http.runUntilSignal()
        console.line("Stoppad.")
        return
      } catch {
        lastError = error
      }
    }
    throw lastError ?? .failed("ingen ledig port mellan 8080 och 8089")
  }
}
