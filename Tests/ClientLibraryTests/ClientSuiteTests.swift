import Foundation
import Testing

/// The C and Python clients' own suites (golden frames, then the IA → EA → endorsement cycle and
/// more against a `licitd sandbox` they start), run by `swift test` with the licitd built here.
///
/// They need the C and Python toolchains (see `.ci/run` for the Debian packages). On a machine
/// without them the suites are skipped, except in CI, where a missing tool is a failure.
@Suite("client libraries in C and Python", .serialized)
struct ClientSuiteTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var licitd: String {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("licitd")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests.path }
        return Self.root.appendingPathComponent(".build/debug/licitd").path
    }

    /// `licit-sim`, for the clients' conformance tests (`licit-sim conform`).
    static var licitSim: String {
        URL(fileURLWithPath: Self.licitd).deletingLastPathComponent().appendingPathComponent("licit-sim").path
    }

    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Whether a tool answers (a quick check, run where the tests are chosen).
    static func has(_ command: String, _ arguments: [String] = ["--version"]) -> Bool {
        guard let process = try? Self.start(command, arguments, output: FileHandle.nullDevice) else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static var hasC: Bool {
        Self.has("make") && Self.has("protoc-c") && Self.has("pkg-config", ["--exists", "libprotobuf-c", "openssl"])
            && Self.has("valgrind")
    }

    static var hasPython: Bool {
        Self.has("/usr/bin/python3", ["-c", "import google.protobuf, cryptography, pytest, venv"])
    }

    @Test(
        "C: golden frames, unit and live suites, install check, then under valgrind",
        .enabled(if: Self.inCI || Self.hasC)
    )
    func cClient() async throws {
        try await Self.expectSuccess("make", ["-C", "Clients/c", "test"])
    }

    @Test("C: the same suites under AddressSanitizer and UBSan", .enabled(if: Self.inCI || Self.hasC))
    func cClientSanitized() async throws {
        try await Self.expectSuccess("make", ["-C", "Clients/c", "asan-test"])
    }

    @Test("Python: golden frames and live suite, then pip install", .enabled(if: Self.inCI || Self.hasPython))
    func pythonClient() async throws {
        try await Self.expectSuccess("Clients/python/run-tests.sh", [])
    }

    static func expectSuccess(_ command: String, _ arguments: [String]) async throws {
        let (status, output) = try await Self.run(command, arguments)
        #expect(status == 0, "\(command) \(arguments.joined(separator: " ")) exited \(status):\n\(output.suffix(6000))")
    }

    /// Runs a command to its end and returns its status and output. The output goes to a file,
    /// not a pipe: a daemon a failed suite leaves behind must not keep this test waiting for the
    /// pipe to close. A suite that runs past 10 minutes is stopped. It is waited for without holding
    /// a thread of the concurrency pool (as many as cores): the suites take minutes under valgrind,
    /// and a blocked thread would starve every other test meanwhile.
    static func run(_ command: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("client-suite-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        let process = try Self.start(command, arguments, output: output)
        let deadline = ContinuousClock.now + .seconds(600)
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    /// Starts a command from the repository's root with the built licitd and licit-sim named.
    static func start(_ command: String, _ arguments: [String], output: FileHandle) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        process.currentDirectoryURL = Self.root
        var environment = ProcessInfo.processInfo.environment
        environment["LICITD"] = Self.licitd
        environment["LICIT_SIM"] = Self.licitSim
        process.environment = environment
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return process
    }
}
