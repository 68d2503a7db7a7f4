import Foundation
import LicitClient
import LicitWire
import Synchronization

/// The simulated authorities and what is open between them: IAs awaiting an EA, EAs awaiting
/// an endorsement. Each step is a realistic act of one of them.
final class LoadWorld: Sendable {
    struct OpenIA {
        let citation: Licit_V1_Citation
        let exporter: Int
        let importer: Int
        let grams: Int
    }

    struct OpenEA {
        let authority: String
        let number: String
        let importer: Int
        let baseMg: Int64
    }

    let signers: [SimManifest.Account]
    let clients: [LicitClient]
    let today: String
    let nonce = String(UUID().uuidString.prefix(6))
    private let open = Mutex<(ias: [OpenIA], eas: [OpenEA])>(([], []))

    init(signers: [SimManifest.Account], clients: [LicitClient], today: String) {
        self.signers = signers
        self.clients = clients
        self.today = today
    }

    /// The client of an authority, spreading its steps over the connections it has.
    func client(_ authority: Int, step: Int) -> LicitClient {
        let mine = stride(from: authority, to: self.clients.count, by: self.signers.count).map { self.clients[$0] }
        return mine[step % mine.count]
    }

    func perform(_ step: PlannedStep, intended: ContinuousClock.Instant, recorder: LoadRecorder) async {
        var operation = step.operation
        if operation == .issueEA, let ia = self.open.withLock({ $0.ias.isEmpty ? nil : $0.ias.removeFirst() }) {
            await self.attempt(.issueEA, LicitMethod.Documents.issueExportAuthorization, intended, recorder) {
                try await self.issueExport(ia, step: step)
            }
            return
        }
        if operation == .endorse, let ea = self.open.withLock({ $0.eas.isEmpty ? nil : $0.eas.removeFirst() }) {
            await self.attempt(.endorse, LicitMethod.Documents.endorse, intended, recorder) {
                _ = try await self.client(ea.importer, step: step.index)
                    .endorse(authority: ea.authority, number: ea.number, importedMilligrams: [ea.baseMg])
            }
            return
        }
        // Nothing open to act on: the world needs more IAs, or a query passes the time.
        if operation == .issueEA { operation = .issueIA }
        if operation == .endorse { operation = .query }
        if operation == .issueIA {
            await self.attempt(.issueIA, LicitMethod.Documents.issueImportAuthorization, intended, recorder) {
                try await self.issueImport(step)
            }
        } else {
            let client = self.client(step.actor, step: step.index)
            if step.index.isMultiple(of: 2) {
                await self.attempt(.query, LicitMethod.Documents.listDocuments, intended, recorder) {
                    _ = try await client.documents(.with { $0.pageSize = 20 })
                }
            } else {
                await self.attempt(.query, LicitMethod.Documents.getBalances, intended, recorder) {
                    _ = try await client.balances(substance: "MORPHINE")
                }
            }
        }
    }

    private func issueImport(_ step: PlannedStep) async throws {
        let importer = self.signers[step.actor]
        let exporter = self.signers[step.partner]
        let content = Licit_V1_ImportAuthorizationContent.with {
            $0.number = step.mistake ? "LD\(self.nonce)-again" : "LD\(self.nonce)-\(step.index)"
            $0.exportingCountry = exporter.country
            $0.importer.id = "\(importer.authority)-T1"
            $0.exporter = .with {
                $0.name = "Load Exporter \(exporter.country)"
                $0.address = "1 Test Street"
            }
            $0.lines = [
                .with {
                    $0.form = "MORPHINE"
                    $0.tradedMg = Int64(step.grams) * 1000
                }
            ]
            $0.period = .with {
                $0.first = self.today
                $0.last = CalendarDay.adding(days: 90, to: self.today)
            }
            $0.multipleConsignments = true
        }
        let document = try await self.client(step.actor, step: step.index).issueImportAuthorization(content)
        guard let issued = document.importAuthorization else { return }
        let open = OpenIA(
            citation: .with {
                $0.number = issued.number
                $0.issuedOn = issued.issuedOn
                $0.authority = issued.authority
            },
            exporter: step.partner,
            importer: step.actor,
            grams: step.grams
        )
        self.open.withLock { $0.ias.append(open) }
    }

    private func issueExport(_ ia: OpenIA, step: PlannedStep) async throws {
        let content = Licit_V1_ExportAuthorizationContent.with {
            $0.number = "LE\(self.nonce)-\(step.index)"
            $0.importAuthorization = ia.citation
            $0.lines = [
                .with {
                    $0.form = "MORPHINE"
                    $0.tradedMg = Int64(ia.grams) * 1000
                }
            ]
            $0.period = .with {
                $0.first = self.today
                $0.last = CalendarDay.adding(days: 30, to: self.today)
            }
        }
        let document = try await self.client(ia.exporter, step: step.index).issueExportAuthorization(content)
        guard let issued = document.exportAuthorization else { return }
        let open = OpenEA(
            authority: issued.authority,
            number: issued.number,
            importer: ia.importer,
            baseMg: issued.lines.first?.baseMg ?? 0
        )
        self.open.withLock { $0.eas.append(open) }
    }

    /// Runs one call and records how it ended, the exchange's status for a refusal.
    private func attempt(
        _ operation: LoadOperation,
        _ method: String,
        _ intended: ContinuousClock.Instant,
        _ recorder: LoadRecorder,
        _ body: () async throws -> Void
    ) async {
        do {
            try await body()
            recorder.record(operation, intended: intended, error: nil)
        } catch let error as LicitClientError {
            if let status = error.status, error.code == .rejected {
                recorder.record(
                    operation,
                    intended: intended,
                    error: ("\(status.code)/\(status.reason)", method, status.code.description)
                )
            } else {
                recorder.record(operation, intended: intended, error: ("\(error.code)", nil, nil))
            }
        } catch {
            recorder.record(operation, intended: intended, error: ("client/\(type(of: error))", nil, nil))
        }
    }
}
