import Foundation
import LicitClient
import LicitWire

/// One authority floods writes (a national system in a loop, in its own process, ignoring every
/// refusal) while another issues authorizations one after another: the other's p99 latency must
/// stay within 2× of its unloaded value. The exchange's per-authority pace is what holds it.
struct WriteFairness {
    let lab: Lab
    let daemon: LicitdProcess
    static let samples = 250

    func run() async throws -> Findings {
        var findings = Findings()
        let victim = try self.daemon.configuration("de-signer")
        let unloaded = try await self.latencies(victim, label: "unloaded")
        let report = self.lab.work.appendingPathComponent("flood-\(UUID().uuidString).json")
        let flood = Process()
        flood.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        flood.arguments = [
            "flood", "--sandbox", self.daemon.sandbox.path, "--account", "fr-signer",
            "--seconds", "\(self.lab.scale.floodSeconds + 30)", "--counts", report.path,
        ]
        flood.standardOutput = FileHandle.nullDevice
        try flood.run()
        defer { if flood.isRunning { flood.terminate() } }
        try await Task.sleep(for: .seconds(2))
        let loaded = try await self.latencies(victim, label: "loaded")
        flood.interrupt()
        flood.waitUntilExit()
        let floodFigures =
            (try? JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Double]) ?? [:]
        let unloadedP99 = unloaded.percentile(0.99)
        let loadedP99 = loaded.percentile(0.99)
        findings.figures["victim_unloaded_p50_ms"] = unloaded.percentile(0.5)
        findings.figures["victim_unloaded_p99_ms"] = unloadedP99
        findings.figures["victim_loaded_p50_ms"] = loaded.percentile(0.5)
        findings.figures["victim_loaded_p99_ms"] = loadedP99
        findings.figures["victim_p99_ratio"] = ((loadedP99 / max(unloadedP99, 0.001)) * 100).rounded() / 100
        for (name, value) in floodFigures { findings.figures["flooder_\(name)"] = value }
        findings.check((floodFigures["rate_limited"] ?? 0) > 0, "the flooder was never paced: \(floodFigures)")
        findings.check(
            loadedP99 <= 2 * unloadedP99,
            "the victim's p99 went from \(unloadedP99) ms unloaded to \(loadedP99) ms while another authority flooded"
        )
        return findings
    }

    /// Issues IAs one after another; each one's latency in milliseconds.
    private func latencies(_ configuration: LicitClientConfiguration, label: String) async throws -> [Double] {
        try await withLicitClient(configuration) { client in
            var latencies: [Double] = []
            for index in 0..<Self.samples {
                let started = ContinuousClock.now
                _ = try await client.issueImportAuthorization(
                    SampleDocuments.importAuthorization(
                        number: "FAIR-\(label)-\(index)-\(UUID().uuidString.prefix(8))",
                        importer: "DE-BFARM-T1"
                    ),
                    overrideJustification: "reliability harness"
                )
                latencies.append((ContinuousClock.now - started).milliseconds)
            }
            return latencies
        }
    }
}

extension [Double] {
    func percentile(_ fraction: Double) -> Double {
        guard !self.isEmpty else { return 0 }
        let sorted = self.sorted()
        let value = sorted[Swift.min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
        return (value * 100).rounded() / 100
    }
}
