import Foundation
import LicitExchange
import LicitModel
import LicitServerCore
import LicitWire

/// Amendments and cancellations: what they may change, and what must carry over.
extension Simulation {
    func amendImport(ia pick: Int, percent: Int) async throws {
        let imports = self.model.issuedImports.filter { self.importContents[$0.key] != nil }
        guard !imports.isEmpty else { return }
        let old = imports[pick % imports.count]
        let number = self.nextNumber("IA")
        let quantity = max(1_000, old.quantity * Int64(percent) / 100)
        var content = self.importContents[old.key]!
        content.number = number
        content.supersedes = old.key.number
        content.lines = [Self.line(old.substance, quantity)]
        let accepts = old.status == .open && self.today <= old.periodLast
        let response = try await self.write(
            SimulationWorld.signer(of: old.key.authority),
            Method.amendImportAuthorization,
            Licit_V1_ImportAuthorizationRequest.with { $0.content = content }
        )
        guard response.status.code == .ok else { return }
        let committed = self.model.committed(ofChain: old.key)
        try require(
            accepts && committed <= quantity,
            "no-over-commitment",
            "IA \(old.key) (\(old.status), period to \(old.periodLast)) was amended to \(quantity) mg while its EAs commit \(committed) mg"
        )
        let key = Key(authority: old.key.authority, number: number)
        self.model.update(old.key) {
            $0.status = .superseded
            $0.supersededBy = key
        }
        var amended = old
        amended = ReferenceModel.Document(
            key: key,
            isImport: true,
            issuingCountry: old.issuingCountry,
            importingCountry: old.importingCountry,
            exportingCountry: old.exportingCountry,
            substance: old.substance,
            quantity: quantity,
            status: .open,
            multiple: old.multiple,
            periodFirst: old.periodFirst,
            periodLast: old.periodLast,
            issuedOn: self.today,
            cites: nil,
            parties: old.parties,
            paper: false
        )
        amended.supersedes = old.key
        self.model.record(amended)
        self.importContents[key] = content
    }

    func cancel(document pick: Int) async throws {
        let documents = self.model.all
        guard !documents.isEmpty else { return }
        let document = documents[pick % documents.count]
        let caller = document.paper ? document.parties.sorted().first! : document.key.authority
        guard SimulationWorld.authorities.contains(caller) else { return }
        let response = try await self.write(
            SimulationWorld.signer(of: caller),
            Method.cancel,
            Licit_V1_CancelRequest.with {
                $0.number = document.key.number
                $0.reason = "issued in error"
                if document.paper { $0.authority = document.key.authority }
            }
        )
        guard response.status.code == .ok else { return }
        try require(
            document.status == .open || document.status == .draft,
            "lifecycle",
            "\(document.key) was cancelled while \(document.status)"
        )
        if document.status == .draft {
            self.model.remove(document.key)
        } else {
            self.model.update(document.key) { $0.status = .cancelled }
        }
    }
}
