import Foundation
import LicitModel
import LicitStorage

/// Import and export authorizations: the commands that change them, the validation that
/// changes nothing, and the queries on them — each scoped to the caller's CNA (the Board sees all).
extension Exchange {
    /// Runs a document command in one transaction. `answer` turns the changed document into the
    /// response inside the transaction, so that a retry with the same request id receives the
    /// very same bytes.
    public func perform(
        _ command: DocumentCommand,
        by caller: Caller,
        payload: Data,
        answer: @escaping @Sendable (StoredDocument, Day) throws -> Data
    ) async throws -> Data {
        let moment = self.moment
        let account = caller.account
        return try await self.write(
            caller,
            action: command.action,
            subject: "\(account.authority)/\(command.subject)",
            payload: payload
        ) { transaction in
            let ledger = DocumentLedger(transaction, account: account, moment: moment, exchange: self)
            return try answer(try ledger.perform(command), moment.day)
        }
    }

    /// What validating a document found: its content as it would be issued, every problem, and
    /// the importing country's totals as they would be after it.
    public struct Validation: Sendable {
        public let content: Data
        public let problems: [ExchangeError]
        /// Empty unless the caller may see them: the importing country's own CNA (validating an
        /// IA) and the Board.
        public let balancesAfter: [BalanceFigures]
    }

    /// An IA checked as its issue would check it, writing nothing.
    public func validate(_ content: ImportAuthorizationInput, by caller: Caller) async throws -> Validation {
        try await self.validate(caller) { preparation in
            let prepared = try preparation.importAuthorization(content)
            return (
                content: try self.contents.content(
                    of: prepared.ia,
                    signer: ""
                ),
                problems: prepared.problems + (try Self.numberProblems(prepared.ia.key, preparation.reader)),
                country: prepared.country,
                added: Dictionary(prepared.ia.lines.map { ($0.substance, $0.base.milligrams) }, uniquingKeysWith: +)
            )
        }
    }

    /// An EA checked as its issue would check it, writing nothing.
    public func validate(
        _ content: ExportAuthorizationInput,
        emergencyJustification: String,
        by caller: Caller
    ) async throws -> Validation {
        try await self.validate(caller) { preparation in
            let prepared = try preparation.exportAuthorization(content)
            var problems = prepared.problems
            problems += try Self.numberProblems(
                DocumentKey(authority: prepared.ea.authority, number: prepared.ea.number),
                preparation.reader
            )
            if let missing = Custody.missingJustification(
                of: prepared.ea,
                emergencyJustification: emergencyJustification
            ) {
                problems.append(missing)
            }
            // An EA takes from what its IA already reserved: the totals do not move.
            return (
                content: try self.contents.content(
                    of: prepared.ea,
                    exporter: prepared.exporter,
                    importer: prepared.importer,
                    issuedOn: nil,
                    route: prepared.route,
                    signer: ""
                ),
                problems: problems,
                country: prepared.country,
                added: [:]
            )
        }
    }

    /// A number the issuing CNA already used, as the issue would refuse it (its own draft of that
    /// number is what the issue replaces).
    private static func numberProblems(_ key: DocumentKey, _ reader: any LedgerReader) throws -> [ExchangeError] {
        guard let existing = try reader.document(key), existing.body.status != "draft" else { return [] }
        return [ExchangeError.duplicateNumber(key)]
    }

    private typealias Prepared = (
        content: Data, problems: [ExchangeError], country: TreatyRules.ImportingCountry, added: [String: Int64]
    )

    /// Prepares a document on a snapshot, writing nothing.
    private func validate(
        _ caller: Caller,
        _ prepare: @escaping @Sendable (DocumentPreparation) throws -> Prepared
    ) async throws -> Validation {
        let day = self.moment.day
        let references = self.references
        return try await self.storage.read { reader in
            let preparation = try DocumentPreparation(reader, account: caller.account, day: day, references: references)
            let prepared = try prepare(preparation)
            let catalogue = preparation.reference.catalogue
            let balances = prepared.country.disclosesTotals ? Array(prepared.country.balances.values) : []
            return Validation(
                content: prepared.content,
                problems: prepared.problems,
                balancesAfter: balances.sorted { $0.substance < $1.substance }.map {
                    BalanceFigures(
                        $0,
                        adding: prepared.added[$0.substance] ?? 0,
                        convention: catalogue[$0.substance]?.convention
                    )
                }
            )
        }
    }

    // MARK: Queries

    /// The document, if the caller may see it; otherwise `document_not_found`, audited as a
    /// denial of `action`.
    public func document(_ key: DocumentKey, by caller: Caller, action: String) async throws -> StoredDocument {
        let document = try await self.storage.read { try $0.document(key) }
        guard let document, caller.account.maySee(document) else {
            let refusal = ExchangeError.documentNotFound(key)
            try await self.recordDenial(caller, action: action, subject: key.description, refusal: refusal)
            throw refusal
        }
        return document
    }

    /// A document's history, if the caller may see the document.
    public func history(_ key: DocumentKey, by caller: Caller) async throws -> [HistoryEntry] {
        _ = try await self.document(key, by: caller, action: "document.history")
        return try await self.storage.read { try $0.history(key) }
    }

    /// The scanned paper behind a document the caller may see: the paper document's own scan, or
    /// with `endorsement` the paper endorsement recorded for an EA to a paper partner.
    public func scan(_ key: DocumentKey, endorsement: Bool, by caller: Caller) async throws -> Attachment {
        let document = try await self.document(key, by: caller, action: "document.scan")
        let sha = endorsement ? document.annotations.endorsementScanSHA256 ?? "" : document.annotations.scanSHA256
        guard !sha.isEmpty else {
            throw ExchangeError(
                .notFound,
                endorsement
                    ? "\(key) has no scanned endorsement: only an EA to a paper partner, endorsed on paper, has one"
                    : "\(key) has no scan: only a document recorded from paper has one (ask for its endorsement's scan with `endorsement`)"
            )
        }
        guard let attachment = try await self.storage.read({ try $0.attachment(sha256: sha) }) else {
            throw ExchangeError(.notFound, "the scan \(sha) of \(key) is missing from the store")
        }
        return attachment
    }

    /// The documents the caller may see that match `query`, newest first, and the page token
    /// of the next page (empty on the last).
    public func documents(
        _ query: DocumentQuery,
        by caller: Caller
    ) async throws -> (
        documents: [StoredDocument], nextPageToken: String
    ) {
        var query = query
        query.visibleTo = caller.account.isBoard ? nil : caller.account.authority
        let finalQuery = query
        let documents = try await self.storage.read { try $0.documents(finalQuery) }
        return (documents, documents.count == finalQuery.limit ? "\(documents.last!.sequence)" : "")
    }

    /// A country's balances for a year (every substance, or one): the caller's own country's,
    /// or any for the Board.
    public func balances(
        country requested: String,
        year: Int?,
        substance: String?,
        by caller: Caller
    ) async throws -> [BalanceFigures] {
        let country = try await self.country(requested, of: caller, for: "balances", action: "balance.get")
        let year = year ?? self.moment.day.year
        let references = self.references
        return try await self.storage.read { reader in
            let usages = try reader.usages(country: country, year: year)
            let allowances = try reader.allowances(country: country).filter { $0.year == year }
            let catalogue = try references.snapshot(reader).catalogue
            var keys = Set(usages.keys)
            for allowance in allowances {
                keys.insert(UsageKey(country: country, substance: allowance.substance, year: year))
            }
            let byKey = Dictionary(
                allowances.map { (UsageKey(country: $0.country, substance: $0.substance, year: $0.year), $0) },
                uniquingKeysWith: { $1 }
            )
            return keys.filter { substance == nil || $0.substance == substance }
                .sorted { $0.substance < $1.substance }
                .map { key in
                    BalanceFigures(
                        key: key,
                        usage: usages[key] ?? .zero,
                        allowance: byKey[key],
                        convention: catalogue[key.substance]?.convention
                    )
                }
        }
    }

    /// The country a per-country read is about: `requested`, or the caller's when empty. A CNA may
    /// read only its own country's (`other_country_<what>`, audited); the Board any.
    func country(_ requested: String, of caller: Caller, for what: String, action: String) async throws -> String {
        let account = caller.account
        let country = requested.isEmpty ? account.country : requested
        guard account.isBoard || country == account.country else {
            let refusal = ExchangeError(
                .init("other_country_\(what.dropLast())"),
                "a CNA obtains its own country's \(what); \(country)'s are for its CNAs and the Board"
            )
            try await self.recordDenial(caller, action: action, subject: country, refusal: refusal)
            throw refusal
        }
        guard !country.isEmpty else { throw ExchangeError("missing_field", "country is required") }
        return country
    }
}

extension DocumentLedger {
    func perform(_ command: DocumentCommand) throws -> StoredDocument {
        switch command {
        case .draftImport(let content):
            try self.saveDraft(content)
        case .issueImport(let content, let draftNumber, let override):
            try self.issueImport(content, draftNumber: draftNumber, overrideJustification: override)
        case .amendImport(let content, let draftNumber, let override):
            try self.amendImport(content, draftNumber: draftNumber, overrideJustification: override)
        case .issueExport(let content, let override, let emergency):
            try self.issueExport(content, overrideJustification: override, emergencyJustification: emergency)
        case .recordExported(let number, let exported):
            try self.recordExported(number: number, exported: exported)
        case .endorse(let key, let imported, let scan, let mediaType):
            try self.endorse(key, imported: imported, scan: scan, scanMediaType: mediaType)
        case .cancel(let authority, let number, let reason):
            try self.cancel(authority: authority, number: number, reason: reason)
        case .recordPaper(let document, let scan, let mediaType, let override):
            try self.recordPaper(document, scan: scan, scanMediaType: mediaType, overrideJustification: override)
        }
    }
}
