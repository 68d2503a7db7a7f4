import Foundation
import LicitClient
import LicitWire

/// A trainee who does exactly what each expectation asks: the model answer, for a trainer's
/// demonstration (`licit-sim train --demo`) and for checking that a scenario can be passed.
public struct ModelTrainee: Sendable {
    public let manifest: SimManifest
    public let scenario: Scenario
    public let country: String

    public init(manifest: SimManifest, scenario: Scenario, country: String) {
        self.manifest = manifest
        self.scenario = scenario
        self.country = country.uppercased()
    }

    public func act(_ prompt: Training.Prompt) async throws {
        let account = try self.manifest.account("\(self.country.lowercased())-signer")
        try await withLicitClient(try self.manifest.configuration(for: account)) { client in
            let step = prompt.step
            let partner = step.country ?? self.scenario.partner
            let substance = step.substance ?? "MORPHINE"
            let period = Licit_V1_Period.with {
                $0.first = prompt.today
                $0.last = CalendarDay.adding(days: 60, to: prompt.today)
            }
            let tag = String(UUID().uuidString.prefix(6))
            switch step.expect {
            case "issues-ia":
                _ = try await client.issueImportAuthorization(
                    .with {
                        $0.number = "MODEL-IA-\(tag)"
                        $0.exportingCountry = partner
                        $0.importer.id = "\(account.authority)-T1"
                        $0.exporter = .with {
                            $0.name = "Exporter in \(partner)"
                            $0.address = "Industrial Zone"
                        }
                        $0.lines = [try Self.line(substance, step.atLeast ?? step.quantity ?? "1kg")]
                        $0.period = period
                        $0.multipleConsignments = true
                    }
                )
            case "records-paper-ia":
                let foreignAuthority = try await Self.authority(of: partner, client)
                var paper = Licit_V1_ImportAuthorizationContent.with {
                    $0.number = "\(partner)-PAPER-\(tag)"
                    $0.authority = foreignAuthority
                    $0.importingCountry = partner
                    $0.exportingCountry = self.country
                    $0.issuedOn = prompt.today
                    $0.importer = .with {
                        $0.name = "Hospital in \(partner)"
                        $0.address = "Capital"
                    }
                    $0.exporter.id = "\(account.authority)-T1"
                    $0.period = period
                }
                paper.lines = [try Self.line(substance, step.atLeast ?? step.quantity ?? "1kg")]
                _ = try await client.recordPaperDocument(
                    .with {
                        $0.importAuthorization = paper
                        $0.scan = Data("%PDF-1.4 scanned import authorization".utf8)
                        $0.scanMediaType = "application/pdf"
                    }
                )
            case "records-paper-ea":
                guard let cited = prompt.documents[step.document ?? ""] else { throw SimError("no IA to cite") }
                let ia = try await client.document(authority: cited.authority, number: cited.number)
                let foreignAuthority = try await Self.authority(of: partner, client)
                let paper = Licit_V1_ExportAuthorizationContent.with {
                    $0.number = "\(partner)-PAPER-\(tag)"
                    $0.authority = foreignAuthority
                    $0.exportingCountry = partner
                    $0.importingCountry = self.country
                    $0.issuedOn = prompt.today
                    $0.importAuthorization = .with {
                        $0.number = cited.number
                        $0.authority = cited.authority
                        $0.issuedOn = ia.importAuthorization?.issuedOn ?? prompt.today
                    }
                    $0.exporter = .with {
                        $0.name = "Exporter in \(partner)"
                        $0.address = "Capital"
                    }
                    $0.importer.id = "\(account.authority)-T1"
                    $0.period = .with {
                        $0.first = prompt.today
                        $0.last = CalendarDay.adding(days: 30, to: prompt.today)
                    }
                }
                var content = paper
                content.lines = [try Self.line(substance, step.atMost ?? step.quantity ?? "1kg")]
                _ = try await client.recordPaperDocument(
                    .with {
                        $0.exportAuthorization = content
                        $0.scan = Data("%PDF-1.4 scanned export authorization".utf8)
                        $0.scanMediaType = "application/pdf"
                    }
                )
            case "issues-ea":
                guard let cited = prompt.documents[step.document ?? ""] else { throw SimError("no document to answer") }
                let ia = try await client.document(authority: cited.authority, number: cited.number)
                let available =
                    (ia.importAuthorization?.lines.map(\.baseMg).reduce(0, +) ?? 0)
                    - ia.state.committedMg.reduce(0, +)
                let wanted = try step.atMost.map(QuantityText.milligrams) ?? available
                _ = try await client.issueExportAuthorization(
                    .with {
                        $0.number = "MODEL-EA-\(tag)"
                        $0.importAuthorization = .with {
                            $0.number = cited.number
                            $0.authority = cited.authority
                            $0.issuedOn = ia.importAuthorization?.issuedOn ?? prompt.today
                        }
                        $0.lines = [
                            .with {
                                $0.form = ia.importAuthorization?.lines.first?.form ?? substance
                                $0.tradedMg = min(wanted, available)
                            }
                        ]
                        $0.period = .with {
                            $0.first = prompt.today
                            $0.last = min(
                                CalendarDay.adding(days: 30, to: prompt.today),
                                ia.importAuthorization?.period.last ?? "9999"
                            )
                        }
                    }
                )
            case "submits-return":
                _ = try await client.saveReturn(
                    form: "C",
                    year: Int(prompt.today.prefix(4))!,
                    figures: [
                        .with {
                            $0.substance = substance
                            $0.item = "consumption"
                            $0.quantityMg = 300_000_000
                        },
                        .with {
                            $0.substance = substance
                            $0.item = step.item ?? "production"
                            $0.quantityMg = 40_000_000
                        },
                    ],
                    submit: true
                )
            case "requests-estimate":
                _ = try await client.requestSupplementaryEstimate(
                    substance: substance,
                    milligrams: try QuantityText.milligrams(step.atLeast ?? step.quantity ?? "1kg"),
                    justification: "the model answer: a new programme needs more than the estimate"
                )
            case "endorses":
                guard let ea = prompt.documents[step.document ?? ""] else { throw SimError("no document to endorse") }
                _ = try await client.endorse(
                    authority: ea.authority,
                    number: ea.number,
                    importedMilligrams: [try QuantityText.milligrams(step.quantity ?? "0kg")]
                )
            default:
                break  // does-not-issue-ea: the model trainee does nothing.
            }
        }
    }

    /// The competent authority of a country not on the exchange, from the reference data.
    static func authority(of country: String, _ client: LicitClient) async throws -> String {
        guard
            let authority = try await client.reference(country: country).authorities.first(where: {
                $0.country == country
            })
        else {
            throw SimError("the reference data lists no competent authority of \(country)")
        }
        return authority.code
    }

    static func line(_ substance: String, _ quantity: String) throws -> Licit_V1_Line {
        let milligrams = try QuantityText.milligrams(quantity)
        return .with {
            $0.form = substance
            $0.tradedMg = milligrams
        }
    }
}
