import Crypto
import Foundation
import LicitModel
import LicitStorage

/// The paper-partner path (docs/ARCHITECTURE.md §1.11): a CNA records the paper IA or EA it exchanged
/// with a country not on the exchange, with its scanned file, so that balances and history
/// stay complete.
extension DocumentLedger {
    /// Stores a scanned paper document once, by its SHA-256; returns that digest (hex).
    func storeScan(_ scan: Data, mediaType: String) throws -> String {
        guard !scan.isEmpty, scan.count <= PaperLimits.maxScanBytes else {
            throw ExchangeError(
                "invalid_scan",
                "attach the scanned document (1 byte to \(PaperLimits.maxScanBytes / 1_048_576) MiB)"
            )
        }
        let sha = SHA256.hash(data: scan).lowercaseHex
        try self.transaction.put(
            Attachment(sha256: sha, mediaType: mediaType.isEmpty ? "application/octet-stream" : mediaType, bytes: scan)
        )
        return sha
    }

    /// Records a paper IA or EA exchanged with a country not on the exchange, with its scan.
    func recordPaper(
        _ document: DocumentCommand.PaperDocument,
        scan: Data,
        scanMediaType: String,
        overrideJustification: String
    ) throws -> StoredDocument {
        let sha = try self.storeScan(scan, mediaType: scanMediaType)
        var notes = DocumentAnnotations()
        notes.recordedBy = self.account.authority
        notes.scanSHA256 = sha
        let preparation = try self.preparation
        switch document {
        case .importAuthorization(let content):
            // A paper IA from a country not on the exchange, addressed to the caller's country.
            let issuer = try self.paperIssuer(content.authority, content.importingCountry, preparation)
            guard content.exportingCountry == self.account.country else {
                throw ExchangeError(
                    "not_addressed_to_you",
                    "record a paper import authorization that names your country as the exporting country"
                )
            }
            var ia = try preparation.importAuthorization(content, issuer: issuer).ia
            let issuedOn = try InputCheck.day(content.issuedOn, field: "issued_on")
            try ia.issue(on: issuedOn)
            notes.issuedOn = issuedOn
            notes.exports = ExportTotals(lines: ia.lines.count)
            let stored = try self.insertSealed(
                .importAuthorization(ia),
                content: try self.contents.content(of: ia, signer: ""),
                notes
            )
            try self.applyUsage(UsageKey.contribution(of: ia, notes.exports!))
            try self.history(stored, "recorded_from_paper", detail: "scan \(sha)")
            return stored
        case .exportAuthorization(let content):
            // A paper EA from a country not on the exchange, against the caller's own IA.
            let issuer = try self.paperIssuer(content.authority, content.exportingCountry, preparation)
            let prepared = try preparation.exportAuthorization(content, issuer: issuer)
            guard prepared.ia?.key.authority == self.account.authority else {
                throw ExchangeError(
                    "not_your_ia",
                    "a paper export authorization must cite an import authorization of your CNA"
                )
            }
            let override = try Self.accept(prepared.problems, justification: overrideJustification)
            notes.overrideJustification = override ?? ""
            notes.issuedOn = try InputCheck.day(content.issuedOn, field: "issued_on")
            notes.counterpartAuthority = self.account.authority
            try self.exportChanged(citing: prepared.ia!.key, from: nil, to: prepared.ea, loaded: prepared.ia)
            let bytes = try self.contents.content(
                of: prepared.ea,
                exporter: prepared.exporter,
                importer: prepared.importer,
                issuedOn: notes.issuedOn,
                route: prepared.route,
                signer: ""
            )
            let stored = try self.insertSealed(.exportAuthorization(prepared.ea), content: bytes, notes)
            try self.history(stored, "recorded_from_paper", detail: "scan \(sha)")
            if let override { try self.notify(Self.board, "override_recorded", stored, override) }
            return stored
        case .missing:
            throw ExchangeError("missing_field", "give the paper import or export authorization")
        }
    }

    func paperIssuer(
        _ authority: String,
        _ country: String,
        _ preparation: DocumentPreparation
    ) throws -> DocumentPreparation.Issuer {
        let partner = try preparation.reference.country(country, field: "country of the paper document")
        try Custody.paperPartner(partner)
        let code = try InputCheck.text(authority, field: "authority (the foreign CNA)", max: 64)
        let known = preparation.reference.authorities.filter { $0.country == partner.code }.map(\.code)
        guard known.contains(code) else {
            throw ExchangeError(
                "unknown_authority",
                known.isEmpty
                    ? "\(partner.code) has no competent authority in the reference data: the Board adds it (ImportReference) before its paper documents can be recorded"
                    : "\(code) is not a competent authority of \(partner.code) in the reference data: use \(known.joined(separator: " or "))"
            )
        }
        return .init(authority: code, country: partner.code, isPaper: true)
    }
}

enum PaperLimits {
    /// A scan travels in one frame (4 MiB by default) with its document.
    static let maxScanBytes = 3 * 1_048_576
}
