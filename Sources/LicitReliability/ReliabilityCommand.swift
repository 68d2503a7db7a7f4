import ArgumentParser
import Foundation

/// `licit-reliability`: runs every probe against real licitd processes and writes the report.
public struct ReliabilityCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "licit-reliability",
        abstract: "Prove that the exchange holds under faults, hostile input and load; write reliability-report.json.",
        discussion: """
            Categories on SQLite (the default backend): \(Category.sqlite.map(\.rawValue).joined(separator: ", ")).
            Each kills, fills, floods or tampers with real licitd processes in a scratch folder, or (simulate)
            plays seeded histories against the exchange in process, checks the contract of docs/RELIABILITY.md,
            and records its figures. Exit status 1 when any figure misses its bar.
            With --backend postgres (three licitd daemons on one PostgreSQL database, a throwaway cluster
            started with initdb and pg_ctl): \(Category.postgres.map(\.rawValue).joined(separator: ", ")).
            Examples:
              licit-reliability --scale ci
              licit-reliability --scale full --report /tmp/full.json
              licit-reliability --only crash,tamper --scale quick
              licit-reliability --only simulate --seeds 1000
              licit-reliability --backend postgres --scale ci --report reliability-postgres.json
            """,
        subcommands: [Flood.self, ShapedWriter.self]
    )

    public enum Category: String, CaseIterable, Sendable {
        case fuzz, crash, storage, network, access, revocation, tamper, simulate
        /// PostgreSQL only: the database stops under load; EAs race through three daemons.
        case outage, race

        static let sqlite: [Category] = [.fuzz, .crash, .storage, .network, .access, .revocation, .tamper, .simulate]
        static let postgres: [Category] = [.crash, .outage, .race]
    }

    @Option(
        help:
            "sqlite (one daemon on its file) or postgres (three daemons on one PostgreSQL database; needs Debian's postgresql)."
    )
    var backend = "sqlite"

    @Option(help: "ci (fits CI's time limit), full (a release run) or quick (a smoke run).")
    var scale = "ci"

    @Option(help: "Where to write the report.")
    var report = "reliability-report.json"

    @Option(help: "Only these categories, comma-separated.")
    var only: String?

    @Option(help: "The licitd to test (default: the one built beside this program).")
    var licitd: String?

    @Option(
        help:
            "The licit-simulate to run (default: the one built beside this program; a release build is 5 times faster)."
    )
    var simulator: String?

    @Option(help: "How many histories the simulation plays (default: the scale's).")
    var seeds: Int?

    @Option(help: "Scratch folder (default: a new temporary folder, removed at the end).")
    var work: String?

    @Flag(
        help:
            "Fail a category whose tool is missing (a scanner, network namespaces, tmpfs) instead of skipping it; on by default when CI is set."
    )
    var strict = false

    public init() {}

    /// Parses the process's arguments and runs, exiting with the right status.
    public static func runFromCommandLine() async {
        do {
            var command = try Self.parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            Self.exit(withError: error)
        }
    }

    public func run() async throws {
        var scale: Scale
        switch self.scale {
        case "ci": scale = .ci
        case "full": scale = .full
        case "quick": scale = .quick
        default: throw ValidationError("--scale is ci, full or quick, not \(self.scale)")
        }
        let available: [Category]
        switch self.backend {
        case "sqlite": available = Category.sqlite
        case "postgres": available = Category.postgres
        default: throw ValidationError("--backend is sqlite or postgres, not \(self.backend)")
        }
        let categories =
            try self.only.map { list in
                try list.split(separator: ",").map { name in
                    guard let category = Category(rawValue: String(name)), available.contains(category) else {
                        throw ValidationError(
                            "no category \(name) on \(self.backend); choose from \(available.map(\.rawValue).joined(separator: ", "))"
                        )
                    }
                    return category
                }
            } ?? available
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let licitd = URL(
            fileURLWithPath: self.licitd ?? executable.deletingLastPathComponent().appendingPathComponent("licitd").path
        )
        guard FileManager.default.isExecutableFile(atPath: licitd.path) else {
            throw ValidationError("no licitd at \(licitd.path): build it (swift build) or pass --licitd")
        }
        let work = URL(
            fileURLWithPath: self.work
                ?? FileManager.default.temporaryDirectory
                .appendingPathComponent("licit-reliability-\(UUID().uuidString)").path
        )
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { if self.work == nil { try? FileManager.default.removeItem(at: work) } }
        if let seeds = self.seeds { scale.simulationSeeds = seeds }
        let lab = Lab(
            licitd: licitd,
            simulator: URL(
                fileURLWithPath: self.simulator
                    ?? executable.deletingLastPathComponent().appendingPathComponent("licit-simulate").path
            ),
            work: work,
            scale: scale,
            strict: self.strict || ProcessInfo.processInfo.environment["CI"] == "true"
        )
        let started = ContinuousClock.now
        let startedAt = ISO8601DateFormatter().string(from: Date())
        var reports: [CategoryReport] = []
        for category in categories {
            FileHandle.standardError.write(Data("--- \(category.rawValue)\n".utf8))
            let begun = ContinuousClock.now
            var findings: Findings
            do {
                findings = try await Self.probe(category, lab, postgres: self.backend == "postgres")
            } catch {
                findings = Findings()
                findings.fail("the probe could not run: \(error)")
            }
            let report = findings.report(category.rawValue, seconds: (ContinuousClock.now - begun).milliseconds / 1000)
            reports.append(report)
            Self.printSummary(report)
        }
        let result = ReliabilityReport(
            startedAt: startedAt,
            seconds: ((ContinuousClock.now - started).milliseconds / 100).rounded() / 10,
            scale: scale.name,
            backend: self.backend,
            machine: Self.machine(),
            passed: reports.allSatisfy(\.passed),
            categories: reports
        )
        try result.write(to: URL(fileURLWithPath: self.report))
        print("report: \(self.report)")
        guard result.passed else {
            print("FAILED: \(reports.filter { !$0.passed }.map(\.name).joined(separator: ", "))")
            throw ExitCode(1)
        }
        print("passed: every category met its bar")
    }

    static func probe(_ category: Category, _ lab: Lab, postgres: Bool) async throws -> Findings {
        switch category {
        case .fuzz: try FuzzRun(lab: lab).run()
        case .crash where postgres: try await ClusterCrashCycles(lab: lab).run()
        case .crash: try await CrashCycles(lab: lab).run()
        case .outage: try await PostgresOutage(lab: lab).run()
        case .race: try await OverCommitRace(lab: lab).run()
        case .storage: try await StorageFaults(lab: lab).run()
        case .network: try await HostileNetwork(lab: lab).run()
        case .access: try await AccessMatrix(lab: lab).run()
        case .revocation: try await RevocationProbe(lab: lab).run()
        case .tamper: try await TamperProbe(lab: lab).run()
        case .simulate: try SimulationProbe(lab: lab).run()
        }
    }

    static func printSummary(_ report: CategoryReport) {
        let verdict = report.passed ? "ok" : "FAILED"
        print("\(report.name): \(verdict) — \(report.cases) cases, \(report.failures) failures, \(report.seconds) s")
        for (name, value) in report.figures.sorted(by: { $0.key < $1.key }) {
            print("  \(name) = \(value == value.rounded() ? String(Int64(value)) : String(value))")
        }
        for skipped in report.skipped { print("  skipped: \(skipped)") }
        for failure in report.failureExamples { print("  FAILURE: \(failure)") }
        fflush(nil)
    }

    static func machine() -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let memory = ProcessInfo.processInfo.physicalMemory / (1 << 30)
        return "\(cores) cores, \(memory) GiB, \(ProcessInfo.processInfo.operatingSystemVersionString)"
    }
}
