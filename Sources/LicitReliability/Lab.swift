import Foundation

/// Where probes run: the binaries, a scratch folder, how big the run is, and the console.
struct Lab: Sendable {
    let licitd: URL
    let simulator: URL
    let work: URL
    let scale: Scale
    /// In CI a missing tool (a scanner, network namespaces, tmpfs) fails its category.
    let strict: Bool

    /// Prints a progress line to stderr.
    func say(_ line: String) {
        FileHandle.standardError.write(Data("  \(line)\n".utf8))
    }

    func folder(_ name: String) throws -> URL {
        let folder = self.work.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}

/// The size of a run: `ci` fits CI's time limit, `full` is the longer run for a release.
struct Scale: Sendable {
    var name: String
    var crashCycles: Int
    /// Kill cycles of `--backend postgres` (three daemons), and rounds of its over-commitment race.
    var clusterCrashCycles: Int
    var raceRounds: Int
    var fuzzSeconds: Int
    var floodSeconds: Double
    var tamperCasesPerKind: Int
    /// Histories of the simulation, and steps in each.
    var simulationSeeds: Int
    var simulationSteps: Int

    static let ci = Scale(
        name: "ci",
        crashCycles: 200,
        clusterCrashCycles: 100,
        raceRounds: 20,
        fuzzSeconds: 60,
        floodSeconds: 8,
        tamperCasesPerKind: 12,
        simulationSeeds: 800,
        simulationSteps: 125
    )
    static let full = Scale(
        name: "full",
        crashCycles: 1000,
        clusterCrashCycles: 500,
        raceRounds: 100,
        fuzzSeconds: 600,
        floodSeconds: 30,
        tamperCasesPerKind: 60,
        simulationSeeds: 4000,
        simulationSteps: 300
    )
    static let quick = Scale(
        name: "quick",
        crashCycles: 20,
        clusterCrashCycles: 10,
        raceRounds: 3,
        fuzzSeconds: 10,
        floodSeconds: 4,
        tamperCasesPerKind: 4,
        simulationSeeds: 8,
        simulationSteps: 100
    )
}

/// Runs a program to its end (killed after `timeout`), returning its status and its output.
@discardableResult
func runProgram(
    _ executable: String,
    _ arguments: [String],
    environment: [String: String]? = nil,
    timeout: Duration = .seconds(300)
) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    }
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("licit-run-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: output) }
    let handle = try FileHandle(forWritingTo: output)
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while process.isRunning {
        if ContinuousClock.now > deadline {
            process.terminate()
            Thread.sleep(forTimeInterval: 1)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        Thread.sleep(forTimeInterval: 0.02)
    }
    try handle.close()
    return (process.terminationStatus, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
}

/// Finds `name` on PATH.
func which(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}
