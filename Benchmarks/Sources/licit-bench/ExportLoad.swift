import ArgumentParser
import Foundation
import LicitClient
import LicitWire

/// Durable EA issues through the whole exchange (TLS, SDK, rules, group-committed SQLite): the
/// importing CNA issues multiple-consignment IAs and each exporter client issues EAs of 1 g
/// against them, moving to a fresh IA every `consignments` exports (as real IAs have a handful).
/// Only EA issues are timed and counted.
struct ExportLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ea-issue",
        abstract: "Measure durable export-authorization issues per second against a running sandbox."
    )

    @Option(help: "The daemon's port; repeat it for several daemons, which clients take in turn.") var port: [Int]
    @Option var ca: String
    @Option(help: "The importing CNA's signer identity folder (fr-signer).") var importer: String
    @Option(help: "Exporting CNA signer identity folders, comma-separated; clients take them in turn.") var exporters:
        String
    @Option var clients = 1
    @Option var seconds = 5.0
    @Option var warmupSeconds = 1.0
    @Option var consignments = 20
    @Option(help: "The case's name in the report (default: ea issue N client(s)).") var label: String?

    func run() async throws {
        let authority = try String(contentsOfFile: self.ca, encoding: .utf8)
        func configuration(_ folder: String, port: Int) throws -> LicitClientConfiguration {
            try .sandbox(folder, port: port, authority: authority)
        }
        let importer = try configuration(self.importer, port: self.port[0])
        let folders = self.exporters.split(separator: ",").map(String.init)
        let start = ContinuousClock.now + .milliseconds(Int64(self.warmupSeconds * 1000))
        let end = start + .milliseconds(Int64(self.seconds * 1000))
        let run = UUID().uuidString.prefix(8)
        let consignments = self.consignments
        let latencies = try await withLicitClient(importer) { importing in
            try await withThrowingTaskGroup(of: [UInt64].self) { group in
                for index in 0..<self.clients {
                    let exporter = try configuration(
                        folders[index % folders.count],
                        port: self.port[index % self.port.count]
                    )
                    group.addTask {
                        try await withLicitClient(exporter) { exporting in
                            var measured: [UInt64] = []
                            var round = 0
                            while ContinuousClock.now < end {
                                let ia = try await importing.issueImportAuthorization(
                                    Self.importAuthorization("B\(run)-\(index)-\(round)")
                                ).importAuthorization!
                                for consignment in 0..<consignments where ContinuousClock.now < end {
                                    let began = ContinuousClock.now
                                    _ = try await exporting.issueExportAuthorization(
                                        Self.export("E\(run)-\(index)-\(round)-\(consignment)", against: ia)
                                    )
                                    if began >= start {
                                        measured.append(Latencies.nanoseconds(ContinuousClock.now - began))
                                    }
                                }
                                round += 1
                            }
                            return measured
                        }
                    }
                }
                return try await group.reduce(into: [UInt64]()) { $0 += $1 }
            }
        }
        print(
            Latencies(nanoseconds: latencies).report(
                label: self.label ?? "ea issue \(self.clients) client(s)",
                seconds: self.seconds
            )
        )
    }

    /// Today, +30 and +90 days, as ISO dates: formatted once, not per request.
    static let days: [Int: String] = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return Dictionary(
            uniqueKeysWithValues: [0, 30, 90].map {
                ($0, formatter.string(from: Date().addingTimeInterval(Double($0) * 86_400)))
            }
        )
    }()

    static func day(_ offset: Int) -> String { Self.days[offset]! }

    static func importAuthorization(_ number: String) -> Licit_V1_ImportAuthorizationContent {
        .with {
            $0.number = number
            $0.exportingCountry = "IN"
            $0.importer.id = "FR-ANSM-T1"
            $0.exporter = .with {
                $0.name = "India Pharma Ltd"
                $0.address = "Mumbai"
            }
            $0.lines = [
                .with {
                    $0.form = "CODEINE"
                    $0.tradedMg = 100_000
                }
            ]
            $0.period = .with {
                $0.first = Self.day(0)
                $0.last = Self.day(90)
            }
            $0.multipleConsignments = true
        }
    }

    static func export(
        _ number: String,
        against ia: Licit_V1_ImportAuthorizationContent
    ) -> Licit_V1_ExportAuthorizationContent {
        .with {
            $0.number = number
            $0.importAuthorization = .with {
                $0.number = ia.number
                $0.issuedOn = ia.issuedOn
                $0.authority = ia.authority
            }
            $0.lines = [
                .with {
                    $0.form = "CODEINE"
                    $0.tradedMg = 1_000
                }
            ]
            $0.period = .with {
                $0.first = Self.day(0)
                $0.last = Self.day(30)
            }
        }
    }
}
