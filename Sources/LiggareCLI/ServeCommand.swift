import LiggareAccess
import LiggareHTTP
import LiggareKit
import LiggareServer

/// `liggare [--log DIR] serve [--listen 127.0.0.1:8080] [--behind-tls-proxy] [--trust-user-header H]`:
/// the ledger as a service, in the foreground until SIGINT or SIGTERM.
enum ServeCommand {
  static var command: CommandSpec {
    CommandSpec(
      path: ["serve"], group: "Förvalta",
      summary: "kör Liggare som tjänst: JSON-API och webbsidor (se docs/server.md)",
      options: [
        .value("listen", "ADRESS:PORT", "var servern lyssnar", default: "127.0.0.1:8080"),
        .flag("behind-tls-proxy", "servern står bakom en omvänd proxy med TLS (sessionskakan får Secure)"),
        .value(
          "trust-user-header", "RUBRIK",
          "ta användarnamnet från rubriken som stadens proxy sätter (bara på loopback)"),
      ],
      details: [
        "Körs i förgrunden tills Ctrl-C eller SIGTERM; pågående förfrågningar görs klara först.",
        "Loggen hålls öppen; import från kommandoraden medan servern kör viks in före nästa svar.",
      ],
      examples: ["serve", "serve --listen 127.0.0.1:8080 --behind-tls-proxy"],
      run: { args, context, console throws(CLIError) in try run(args, context, &console) })
  }

  static func run(_ args: ParsedArguments, _ context: CommandContext, _ console: inout Console)
    throws(CLIError)
    -> Int32
  {
    let listen = args.value("listen") ?? "127.0.0.1:8080"
    let address: ListenAddress
    do {
      address = try ListenAddress(parsing: listen)
    } catch {
      throw .usage("--listen \(listen): \(error)", command: "serve")
    }
    let header = args.value("trust-user-header")
    if let header {
      guard address.isLoopback else {
        throw .usage(
          "--trust-user-header kräver att servern lyssnar på loopback (127.0.0.1 eller ::1) bakom "
            + "stadens omvända proxy; annars kan vem som helst skicka rubriken \(header)",
          command: "serve")
      }
      guard !header.isEmpty, header.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") })
      else {
        throw .usage("--trust-user-header \"\(header)\" är inget rubriknamn", command: "serve")
      }
    }
    let server = try start(
      context: context, address: address,
      configuration: ServerConfiguration(
        behindTLSProxy: args.has("behind-tls-proxy"), trustUserHeader: header))
    console.line("Liggare lyssnar på http://\(server.address) (loggen \(context.logDirectory)).")
    if let header { console.line("Användarnamnet tas från rubriken \(header) (satt av den omvända proxyn).") }
    console.line("Avsluta med Ctrl-C; pågående förfrågningar görs klara först.")
    try console.flush()
    let signal = server.http.runUntilSignal()
    console.line(
      "Stoppad (signal \(signal)); loggens huvud: seq \(server.app.service.current().snapshot.head.seq).")
    return 0
  }

  /// A started server: the HTTP server, the app and where it listens.
  struct Running {
    let http: HTTPServer
    let app: LiggareApp
    let address: ListenAddress
  }

  /// Opens the ledger, accounts and access log of the context's log and starts listening.
  static func start(context: CommandContext, address: ListenAddress, configuration: ServerConfiguration)
    throws(CLIError) -> Running
  {
    // Sessions, CSRF tokens and salts need the kernel's generator: refuse to start without it.
    do {
      try SystemRandom.probe()
    } catch {
      throw .failed("\(error)")
    }
    // Opened here, not through the context: the server's threads own it from now on.
    let ledger: Ledger
    do {
      ledger = try Ledger.open(
        directory: context.logDirectory, access: .read, clock: context.clock, actor: context.actor,
        useCheckpoints: context.useCheckpoints)
    } catch {
      throw CLIError.from(error)
    }
    let accounts: AccountStore
    let accessLog: AccessLog
    do {
      accounts = try AccountStore(logDirectory: context.logDirectory, clock: context.clock.now)
      accessLog = try AccessLog(logDirectory: context.logDirectory)
    } catch {
      throw .failed("\(error)")
    }
    let events = ledger.snapshot.head.seq
    let service = LedgerService(ledger: ledger)
    var configuration = configuration
    configuration.precompute = true
    configuration.compactMemory = true
    configuration.answerCacheBytes = ServerConfiguration.answerCacheBudget(events: events)
    let app = LiggareApp(
      service: service, accounts: accounts, accessLog: accessLog, configuration: configuration,
      clock: context.clock)
    let http = app.httpServer(address: address)
    let port: UInt16
    do {
      port = try http.start()
    } catch {
      throw .failed("kan inte lyssna på \(address): \(error)")
    }
    return Running(http: http, app: app, address: address.with(port: port))
  }
}
