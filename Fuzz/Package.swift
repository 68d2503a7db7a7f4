// swift-tools-version:6.1
// The libFuzzer executables. Built only with the sanitizers, by `Fuzz/run`:
//   swift build -c release --package-path Fuzz --scratch-path Fuzz/.build \
//       --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=address
// (not `--sanitize fuzzer --sanitize address`: swiftc would keep only one of the two; see Fuzz/run).
// What each one runs on an input lives in the root package's LicitFuzzing library, which
// LicitFuzzingTests also replays every corpus and regression input through. See docs/FUZZING.md.
import PackageDescription

let package = Package(
    name: "LicitFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Licit", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "fuzz-frames",
            dependencies: [.product(name: "LicitFuzzing", package: "Licit")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        .executableTarget(
            name: "fuzz-requests",
            dependencies: [.product(name: "LicitFuzzing", package: "Licit")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
