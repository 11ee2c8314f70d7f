// swift-tools-version:6.0
import PackageDescription

// Layers, importing downward only:
//   liggare (executable) -> LiggareCLI -> LiggareReports, LiggareKit
//   LiggareServer (the app: routes, principals, scopes, API v1) -> LiggareQueries, LiggareHTTP, LiggareAccess
//   LiggareQueries (the views, report and search both the CLI and the server answer) -> LiggareKit, LiggareReports
//   LiggareKit (wires log + domain: import, registers, checkpoint cache) -> LiggareStorage, LiggareDomain
//   LiggareReports -> LiggareDomain
//   LiggareWeb (HTML pages from view data, no IO) -> LiggareReports, LiggareDomain
//   LiggareTestSupport (tests only: the log builder, the executable's path) -> LiggareDomain
//   LiggareStorage (knows nothing of the domain) -> LiggareSystem, LiggareBasics, LiggareHardware
//   LiggareAccess (accounts, sessions, login throttle, access log; knows nothing of HTTP or the domain)
//     -> LiggareStorage, LiggareSystem, LiggareBasics
//   LiggareDomain (knows nothing of files or the CLI) -> LiggareBasics
//   LiggareHTTP (HTTP/1.1 on POSIX sockets; knows nothing of the ledger) -> LiggareSystem
//   LiggareSystem (the one system-call layer: FileDescriptor for files, pipes and sockets,
//     FileSystem, SystemCallError; every EINTR loop and errno is here) -> Glibc only
let strict: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

// Only LiggareHardware is compiled for SSE 4.2 and SHA (the compiler may use them anywhere in a module so
// compiled); LiggareStorage checks CPUID before calling into it.
#if arch(x86_64)
  let hardwareFlags: [SwiftSetting] =
    strict + [.unsafeFlags(["-Xcc", "-msse4.2", "-Xcc", "-mssse3", "-Xcc", "-msha"])]
#else
  let hardwareFlags: [SwiftSetting] = strict
#endif

let package = Package(
  name: "Liggare",
  products: [
    .executable(name: "liggare", targets: ["liggare"]),
    .library(name: "LiggareKit", targets: ["LiggareKit"]),
  ],
  targets: [
    .target(name: "LiggareSystem", swiftSettings: strict),
    .target(name: "LiggareBasics", dependencies: ["LiggareSystem"], swiftSettings: strict),
    .target(name: "LiggareHardware", swiftSettings: hardwareFlags),
    .target(
      name: "LiggareStorage", dependencies: ["LiggareSystem", "LiggareBasics", "LiggareHardware"],
      swiftSettings: strict),
    .target(name: "LiggareDomain", dependencies: ["LiggareBasics"], swiftSettings: strict),
    .target(name: "LiggareHTTP", dependencies: ["LiggareSystem"], swiftSettings: strict),
    .target(
      name: "LiggareKit",
      dependencies: ["LiggareSystem", "LiggareBasics", "LiggareStorage", "LiggareDomain"],
      swiftSettings: strict),
    .target(
      name: "LiggareAccess", dependencies: ["LiggareSystem", "LiggareBasics", "LiggareStorage"],
      swiftSettings: strict),
    .target(
      name: "LiggareDemo", dependencies: ["LiggareBasics", "LiggareDomain"], swiftSettings: strict),
    .target(
      name: "LiggareReports", dependencies: ["LiggareBasics", "LiggareDomain"], swiftSettings: strict),
    .target(
      name: "LiggareWeb", dependencies: ["LiggareBasics", "LiggareDomain", "LiggareReports"],
      swiftSettings: strict),
    .target(
      name: "LiggareQueries",
      dependencies: ["LiggareBasics", "LiggareDomain", "LiggareKit", "LiggareReports"],
      swiftSettings: strict),
    .target(
      name: "LiggareServer",
      dependencies: [
        "LiggareSystem", "LiggareBasics", "LiggareStorage", "LiggareDomain", "LiggareKit", "LiggareReports",
        "LiggareQueries", "LiggareHTTP", "LiggareAccess", "LiggareWeb",
      ],
      swiftSettings: strict),
    .target(
      name: "LiggareCLI",
      dependencies: [
        "LiggareSystem", "LiggareBasics", "LiggareStorage", "LiggareDomain", "LiggareKit", "LiggareReports",
        "LiggareDemo", "LiggareQueries", "LiggareServer", "LiggareAccess",
      ],
      swiftSettings: strict),
    .executableTarget(name: "liggare", dependencies: ["LiggareCLI"], swiftSettings: strict),
    .target(
      name: "LiggareTestSupport", dependencies: ["LiggareDomain", "LiggareBasics"],
      path: "Tests/LiggareTestSupport"),
    .testTarget(
      name: "LiggareServerTests",
      dependencies: [
        "LiggareServer", "LiggareQueries", "LiggareHTTP", "LiggareAccess", "LiggareKit", "LiggareReports",
        "LiggareDomain", "LiggareStorage", "LiggareBasics", "LiggareCLI", "liggare", "LiggareTestSupport",
      ]),
    .testTarget(name: "LiggareSystemTests", dependencies: ["LiggareSystem"]),
    .testTarget(name: "LiggareBasicsTests", dependencies: ["LiggareBasics"]),
    .testTarget(
      name: "LiggareStorageTests", dependencies: ["LiggareStorage", "LiggareSystem", "LiggareBasics"]),
    .testTarget(
      name: "LiggareAccessTests", dependencies: ["LiggareAccess", "LiggareStorage", "LiggareBasics"]),
    .testTarget(
      name: "LiggareDomainTests", dependencies: ["LiggareDomain", "LiggareBasics", "LiggareTestSupport"]),
    .testTarget(name: "LiggareHTTPTests", dependencies: ["LiggareHTTP"]),
    .testTarget(
      name: "LiggareKitTests",
      dependencies: ["LiggareKit", "LiggareStorage", "LiggareDomain", "LiggareBasics"]),
    .testTarget(name: "LiggareDemoTests", dependencies: ["LiggareDemo", "LiggareDomain", "LiggareBasics"]),
    .testTarget(
      name: "LiggareReportsTests",
      dependencies: [
        "LiggareReports", "LiggareDomain", "LiggareBasics", "LiggareDemo", "LiggareTestSupport",
      ],
      resources: [.copy("Golden")]),
    .testTarget(
      name: "LiggareWebTests",
      dependencies: [
        "LiggareWeb", "LiggareReports", "LiggareDomain", "LiggareBasics", "LiggareTestSupport",
      ]),
    .testTarget(
      name: "LiggareCLITests",
      dependencies: ["LiggareCLI", "LiggareKit", "LiggareBasics", "liggare", "LiggareTestSupport"],
      exclude: ["Golden"]),
  ],
  swiftLanguageModes: [.v6]
)
