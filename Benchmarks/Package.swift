// swift-tools-version:6.1
// Benchmarks for Licit, kept out of the main package so that its dependencies and release
// builds never slow the tests. Run with ./run.sh or ./run-exchange.sh (see the top-level README).
import PackageDescription

let package = Package(
    name: "LicitBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Licit", path: ".."),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "licit-bench",
            dependencies: [
                .product(name: "LicitClient", package: "Licit"),
                .product(name: "LicitWire", package: "Licit"),
                .product(name: "LicitStorage", package: "Licit"),
                .product(name: "LicitStorageSQLite", package: "Licit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
