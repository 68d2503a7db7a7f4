// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Licit",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "licitd", targets: ["licitd"]),
        .executable(name: "licit", targets: ["licit"]),
        .executable(name: "licit-sim", targets: ["licit-sim"]),
        .executable(name: "licit-console", targets: ["licit-console"]),
        .library(name: "LicitClient", targets: ["LicitClient"]),
        .library(name: "LicitWire", targets: ["LicitWire"]),
        .library(name: "LicitStorage", targets: ["LicitStorage"]),
        .library(name: "LicitStorageSQLite", targets: ["LicitStorageSQLite"]),
        .library(name: "LicitStoragePostgres", targets: ["LicitStoragePostgres"]),
        // The fuzz entry points, for the sanitizer-built package in Fuzz/.
        .library(name: "LicitFuzzing", targets: ["LicitFuzzing"]),
        .executable(name: "licit-reliability", targets: ["licit-reliability"]),
        .executable(name: "licit-simulate", targets: ["licit-simulate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // The seal on issued documents: Ed25519 over the stored bytes. Crypto only.
        .target(
            name: "LicitSeal",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // The contract: generated messages, the frame codec and the wire error. NIOCore only.
        .target(
            name: "LicitWire",
            dependencies: [
                "LicitSeal",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Domain values and treaty rules: documents, lifecycles, quantities, balances. Pure: no I/O.
        .target(name: "LicitModel"),
        // What every storage backend shares: the hash-chained audit trail.
        .target(
            name: "LicitStorage",
            dependencies: [
                "LicitModel",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The embedded default store: SQLite through GRDB, WAL, synchronous=FULL, group commit.
        .target(
            name: "LicitStorageSQLite",
            dependencies: [
                "LicitStorage",
                "LicitModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The exchange itself: commands, queries, the ledger, sweeps and the Board's views, in the
        // model's terms. No NIO, no wire messages: the protocol layer translates.
        .target(
            name: "LicitExchange",
            dependencies: [
                "LicitModel",
                "LicitStorage",
                "LicitSeal",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // PostgreSQL, for several daemons on one database: a staged store on postgres-nio.
        .target(
            name: "LicitStoragePostgres",
            dependencies: [
                "LicitStorage",
                "LicitModel",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Sessions, routing, limits, and wire <-> commands for each method: no sockets, no TLS.
        .target(
            name: "LicitServerCore",
            dependencies: [
                "LicitWire",
                "LicitSeal",
                "LicitExchange",
                "LicitModel",
                "LicitStorage",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // The exchange's certificate authority: CA, server and client certificates, fingerprints.
        .target(
            name: "LicitPKI",
            dependencies: [
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        // Bootstrap, TLS, connection limits and draining: a Service.
        .target(
            name: "LicitServer",
            dependencies: [
                "LicitWire",
                "LicitModel",
                "LicitServerCore",
                "LicitExchange",
                "LicitPKI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Notifications beyond the inbox: inbox events delivered to CNAs' webhooks (HTTPS POST,
        // signed) and e-mail addresses (SMTP), in order, at least once, retried with backoff.
        .target(
            name: "LicitNotifications",
            dependencies: [
                "LicitExchange",
                "LicitStorage",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The daemon as a library: configuration, accounts file, the sandbox, and the services wired together.
        .target(
            name: "LicitDaemon",
            dependencies: [
                "LicitNotifications",
                "LicitServer",
                "LicitStoragePostgres",
                "LicitModel",
                "LicitStorage",
                "LicitStorageSQLite",
                "LicitServerCore",
                "LicitExchange",
                "LicitPKI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "licitd",
            dependencies: [
                "LicitModel",
                "LicitStoragePostgres",
                "LicitStorage",
                "LicitDaemon",
                "LicitServerCore",
                "LicitExchange",
                "LicitSeal",
                "LicitStorageSQLite",
                "LicitPKI",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `licit`, the command line, as a library its tests run in-process. On the SDK only.
        .target(
            name: "LicitCLI",
            dependencies: [
                "LicitClient",
                "LicitWire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .executableTarget(name: "licit", dependencies: ["LicitCLI"]),
        // `licit-console`, the web console: server-rendered pages over HTTPS, live inboxes over a
        // websocket, each signed-in user acting with their own identity. On the SDK only, as `licit`.
        .target(
            name: "LicitConsole",
            dependencies: [
                "LicitCLI",
                "LicitSim",
                "LicitClient",
                "LicitWire",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(name: "licit-console", dependencies: ["LicitConsole"]),
        // `licit-sim`, the training simulator and load generator, as a library its tests run
        // in-process. On the SDK only.
        .target(
            name: "LicitSim",
            dependencies: [
                "LicitClient",
                "LicitWire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            resources: [.copy("Scenarios")]
        ),
        .executableTarget(name: "licit-sim", dependencies: ["LicitSim"]),
        // The Swift SDK. Depends on the contract only — never on server code.
        .target(
            name: "LicitClient",
            dependencies: [
                "LicitWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // A throwaway PostgreSQL cluster for tests (initdb and pg_ctl in a temporary folder).
        .target(name: "LicitPostgresTesting"),
        // Test harness: an in-process daemon on port 0 and certificates made at test time.
        .target(
            name: "LicitTestSupport",
            dependencies: [
                "LicitStoragePostgres",
                "LicitPostgresTesting",
                "LicitWire",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                "LicitModel",
                "LicitStorage",
                "LicitServerCore",
                "LicitExchange",
                "LicitServer",
                "LicitPKI",
                "LicitClient",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // What the fuzzers run on one input: the frame decoder, and every request decoded and handled
        // by an exchange. Fuzz/ builds it with -sanitize=fuzzer,address; LicitFuzzingTests replays
        // the seed corpus and every input that ever crashed.
        .target(
            name: "LicitFuzzing",
            dependencies: [
                "LicitWire",
                "LicitModel",
                "LicitStorage",
                "LicitServerCore",
                "LicitExchange",
                "LicitTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `licit-reliability`: kills, fills, floods and tampers with real licitd processes, and
        // writes reliability-report.json. See docs/RELIABILITY.md.
        .target(
            name: "LicitReliability",
            dependencies: [
                "LicitPostgresTesting",
                "LicitClient",
                "LicitStorage",
                "LicitWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "licit-reliability", dependencies: ["LicitReliability"]),
        // The deterministic simulation: the real exchange in process on a simulated clock, whole
        // seeded histories checked step by step against a reference model. See docs/RELIABILITY.md.
        .target(
            name: "LicitSimulation",
            dependencies: [
                "LicitStoragePostgres",
                "LicitPostgresTesting",
                "LicitModel",
                "LicitStorage",
                "LicitStorageSQLite",
                "LicitServerCore",
                "LicitExchange",
                "LicitWire",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "licit-simulate", dependencies: ["LicitSimulation"]),
        .testTarget(
            name: "LicitSimulationTests",
            dependencies: ["LicitSimulation"]
        ),
        .testTarget(
            name: "LicitFuzzingTests",
            dependencies: ["LicitFuzzing"]
        ),
        .testTarget(
            name: "LicitWireTests",
            dependencies: [
                "LicitWire",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        .testTarget(
            name: "LicitServerCoreTests",
            dependencies: [
                "LicitWire",
                "LicitServerCore",
                "LicitExchange",
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "LicitServerTests",
            dependencies: [
                "LicitWire",
                "LicitServerCore",
                "LicitExchange",
                "LicitServer",
                "LicitPKI",
                "LicitClient",
                "LicitTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The SDK's decisions, as transcripts of its state machine: no sockets.
        .testTarget(
            name: "LicitClientTests",
            dependencies: [
                "LicitClient", "LicitWire", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        // The notifier against real receivers: an HTTPS server and aiosmtpd (Tests/Receivers).
        .testTarget(
            name: "LicitNotificationsTests",
            dependencies: [
                "LicitNotifications",
                "LicitExchange",
                "LicitStorage",
                "LicitTestSupport",
                "LicitClient",
                "LicitPKI",
                "LicitModel",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "LicitModelTests",
            dependencies: ["LicitModel"]
        ),
        .testTarget(
            name: "LicitStorageTests",
            dependencies: ["LicitStorage"]
        ),
        .testTarget(
            name: "LicitStorageSQLiteTests",
            dependencies: [
                "LicitStoragePostgres",
                "LicitPostgresTesting",
                "LicitStorage",
                "LicitModel",
                "LicitStorageSQLite",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "LicitExchangeTests",
            dependencies: [
                "LicitSeal",
                "LicitStoragePostgres",
                "LicitPostgresTesting",
                "LicitClient",
                "LicitModel",
                "LicitServerCore",
                "LicitExchange",
                "LicitStorage",
                "LicitStorageSQLite",
                "LicitTestSupport",
                "LicitWire",
            ]
        ),
        .testTarget(
            name: "LicitCLITests",
            dependencies: [
                "LicitCLI",
                "LicitClient",
                "LicitDaemon",
                "LicitNotifications",
                "LicitWire",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The console in a real browser (Chromium driven by Selenium, Tests/Browser), against an
        // in-process sandbox and console.
        .testTarget(
            name: "LicitConsoleTests",
            dependencies: [
                "LicitConsole",
                "LicitCLI",
                "LicitClient",
                "LicitDaemon",
                "LicitWire",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Runs the C and Python clients' suites against the licitd built here.
        .testTarget(
            name: "ClientLibraryTests",
            dependencies: ["licitd", "licit-sim"]
        ),
        .testTarget(
            name: "LicitSimTests",
            dependencies: [
                "LicitSim",
                "LicitClient",
                "LicitDaemon",
                "LicitWire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "LicitdTests",
            dependencies: [
                "LicitClient", "LicitWire", "LicitTestSupport", "LicitPostgresTesting", "licitd", "LicitDaemon",
                "LicitExchange", "LicitSimulation", "LicitCLI", "LicitServerCore", "LicitSeal", "LicitPKI",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
