import Foundation
import LicitPostgresTesting

/// The deterministic simulation (`licit-simulate`): seeded whole histories against the real
/// exchange in process, every invariant checked after every step — on the SQLite store `licitd`
/// runs, on the staged store of an asynchronous backend (a quarter of the seeds), and on PostgreSQL
/// (a twentieth: a database per history; skipped outside CI where PostgreSQL is not installed). The seeds are
/// shared among as many processes as there are cores; each writes its JSON summary, folded in
/// here. Any broken invariant fails the category, with its seed and the shortest history that
/// still breaks it.
struct SimulationProbe {
    let lab: Lab

    var simulator: URL { self.lab.simulator }
    var seeds: Int { self.lab.scale.simulationSeeds }

    struct Totals {
        var histories = 0.0
        var steps = 0.0
        var checks = 0.0
        var failed = 0.0
    }

    func run() throws -> Findings {
        var findings = Findings()
        guard FileManager.default.isExecutableFile(atPath: self.simulator.path) else {
            findings.fail("no licit-simulate at \(self.simulator.path): build it, or pass --simulator")
            return findings
        }
        let steps = self.lab.scale.simulationSteps
        var stores = ["sqlite", "staged"]
        if TestPostgres.isInstalled || ProcessInfo.processInfo.environment["CI"] == "true" {
            stores.append("postgres")
        } else {
            self.lab.say("postgres: skipped (\(TestPostgres.skipReason))")
        }
        for store in stores {
            let seeds = Self.seeds(of: store, among: self.seeds)
            let started = ContinuousClock.now
            let totals = try self.histories(store: store, seeds: seeds, steps: steps, &findings)
            let seconds = (ContinuousClock.now - started).milliseconds / 1000
            let prefix = store == "sqlite" ? "" : "\(store)_"
            findings.figures["\(prefix)histories"] = totals.histories
            findings.figures["\(prefix)steps"] = totals.steps
            findings.figures["\(prefix)invariant_checks"] = totals.checks
            findings.figures["\(prefix)failed_histories"] = totals.failed
            findings.figures["\(prefix)steps_per_second"] = (totals.steps / max(seconds, 0.001)).rounded()
            findings.check(
                totals.steps >= Double(seeds * steps) * 0.999 || totals.failed > 0,
                "\(store): the histories ran \(Int(totals.steps)) steps of the \(seeds * steps) asked"
            )
        }
        return findings
    }

    /// The SQLite store plays every seed; the staged store, whose effects are the same code on
    /// another ledger, the first quarter of them; PostgreSQL, slower by a database per history, a
    /// twentieth.
    static func seeds(of store: String, among seeds: Int) -> Int {
        switch store {
        case "sqlite": seeds
        case "staged": max(4, seeds / 4)
        default: max(4, seeds / 20)
        }
    }

    /// Runs every seed's history on `store`, the seeds shared among the cores.
    private func histories(store: String, seeds: Int, steps: Int, _ findings: inout Findings) throws -> Totals {
        let jobs = max(1, min(seeds, ProcessInfo.processInfo.activeProcessorCount))
        let folder = try self.lab.folder("simulate-\(store)")
        self.lab.say("\(store): \(seeds) histories of \(steps) steps, in \(jobs) processes")
        var processes: [(Process, URL)] = []
        for job in 0..<jobs {
            let share = seeds / jobs + (job < seeds % jobs ? 1 : 0)
            let first = 1 + (0..<job).reduce(0) { $0 + seeds / jobs + ($1 < seeds % jobs ? 1 : 0) }
            let report = folder.appendingPathComponent("simulate-\(job).json")
            let process = Process()
            process.executableURL = self.simulator
            process.arguments = [
                "--seeds", "\(share)", "--first-seed", "\(first)", "--steps", "\(steps)", "--store", store,
                "--report", report.path,
            ]
            // Each history's verdict, as it ends, shows the run's progress.
            process.standardOutput = FileHandle.standardError
            process.standardError = FileHandle.standardError
            try process.run()
            processes.append((process, report))
        }
        var totals = Totals()
        for (process, report) in processes {
            process.waitUntilExit()
            guard let data = try? Data(contentsOf: report),
                let summary = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            else {
                findings.fail(
                    "licit-simulate --store \(store) wrote no report (exit \(process.terminationStatus)); its output is above"
                )
                continue
            }
            totals.histories += (summary["histories"] as? NSNumber)?.doubleValue ?? 0
            totals.steps += (summary["steps"] as? NSNumber)?.doubleValue ?? 0
            totals.checks += (summary["checks"] as? NSNumber)?.doubleValue ?? 0
            for failure in summary["failures"] as? [[String: Any]] ?? [] {
                totals.failed += 1
                let detail = failure["failure"] as? [String: Any] ?? [:]
                findings.fail(
                    "\(store) seed \(failure["seed"] ?? "?"): [\(detail["invariant"] ?? "?")] \(detail["message"] ?? "") — shortest history: \((detail["shrunk"] as? [String] ?? []).joined(separator: "; "))"
                )
            }
        }
        return totals
    }
}
