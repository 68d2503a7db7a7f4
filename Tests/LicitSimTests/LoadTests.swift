import Foundation
import LicitClient
import LicitSim
import Synchronization
import Testing

/// `licit-sim load` against a sandbox served in-process exactly as `licitd sandbox` serves it.
@Suite("licit-sim load", .serialized)
struct LoadTests {
    static let sandbox = Task { try await InProcessSandbox.start("licit-sim") }

    static func counters(_ manifest: SimManifest) async throws -> [String: [String: UInt64]] {
        try await withLicitClient(try manifest.configuration(for: try manifest.account("board-admin"))) {
            try await $0.callCounters()
        }
    }

    @Test("the same seed plans the same steps; another seed, others")
    func deterministicPlan() {
        var settings = LoadSettings()
        settings.rate = 50
        settings.durationSeconds = 4
        let first = LoadPlan(settings, authorities: 6)
        let again = LoadPlan(settings, authorities: 6)
        #expect(first.count == 200)
        #expect((0..<first.count).allSatisfy { first[$0] == again[$0] })
        settings.seed = 2
        let other = LoadPlan(settings, authorities: 6)
        #expect((0..<first.count).contains { first[$0] != other[$0] })
        #expect((0..<first.count).allSatisfy { first[$0].actor != first[$0].partner })
        let offsets = (0..<first.count).map { first[$0].intendedOffset }
        #expect(offsets == offsets.sorted(), "arrivals in time order")
    }

    @Test(
        "a short run's report is consistent, and its refusals are the exchange's own count",
        arguments: [nil, 60.0] as [Double?]
    )
    func shortRun(rate: Double?) async throws {
        let manifest = try SimManifest.read(sandbox: try await Self.sandbox.value)
        var settings = LoadSettings()
        settings.authorities = 4
        settings.connections = 8
        settings.rate = rate
        settings.durationSeconds = 2
        settings.seed = 7
        settings.mistakesPercent = 25
        let before = try await Self.counters(manifest)
        let lines = LockedLines()
        let report = try await LoadRunner(manifest: manifest, settings: settings) { lines.append($0) }.run()
        let after = try await Self.counters(manifest)

        #expect(report.total.count > 20, "the run did work: \(report.text)")
        #expect(
            report.operations.values.map(\.count).reduce(0, +) == report.total.count,
            "operations add up to the total"
        )
        #expect(report.operations.values.map(\.errors).reduce(0, +) == report.total.errors)
        #expect(report.errorsByStatus.values.reduce(0, +) == report.total.errors)
        #expect(report.series.map(\.count).reduce(0, +) == Int(report.total.count))
        for latency in Array(report.operations.values) + [report.total] {
            let percentiles = [latency.p50Ms, latency.p90Ms, latency.p99Ms, latency.p999Ms, latency.maxMs]
            #expect(percentiles == percentiles.sorted(), "percentiles never decrease: \(percentiles)")
        }
        #expect(report.distribution.map(\.ms) == report.distribution.map(\.ms).sorted())
        #expect(!lines.all.isEmpty, "a live progress line")

        #expect(report.errorsByStatus.keys.contains { $0.hasSuffix("/duplicate_number") }, "\(report.text)")
        // Every refusal the run saw is one the exchange counted, method by method and code by code.
        for (method, codes) in report.rejectedByMethod {
            for (code, count) in codes {
                let counted = (after[method]?[code] ?? 0) - (before[method]?[code] ?? 0)
                #expect(counted == UInt64(count), "\(method) \(code)")
            }
        }
        // And every call the run made was answered OK or counted as refused there too.
        let methods = [
            "licit.v1.Documents/IssueImportAuthorization", "licit.v1.Documents/IssueExportAuthorization",
            "licit.v1.Documents/Endorse",
        ]
        let served = methods.map { method in
            (after[method] ?? [:]).values.reduce(0, +) - (before[method] ?? [:]).values.reduce(0, +)
        }.reduce(0, +)
        let sent = ["issue-ia", "issue-ea", "endorse"].compactMap { report.operations[$0]?.count }.reduce(0, +)
        #expect(served == sent, "the exchange answered \(served) of the \(sent) writes")

        let html = report.html
        #expect(html.contains("<svg") && html.contains("Latency over time") && !html.contains("<script"))
        let decoded = try JSONDecoder.iso8601.decode(LoadReport.self, from: report.json)
        #expect(decoded.total.count == report.total.count)
    }
}

final class LockedLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { self.lines.withLock { $0.append(line) } }
    var all: [String] { self.lines.withLock { $0 } }
}

extension JSONDecoder {
    static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
