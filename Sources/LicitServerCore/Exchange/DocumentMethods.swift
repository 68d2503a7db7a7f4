import Foundation
import LicitModel
import LicitStorage
import LicitWire

/// licit.v1.Documents: validate, draft, issue, amend, export, endorse, cancel, record paper
/// documents, and the queries on them — each scoped to the caller's CNA (the Board sees all).
struct DocumentMethods {
    let exchange: ExchangeContext

    static let drafters: Set<Role> = [.officer, .signer]
    static let signers: Set<Role> = [.signer]
    static let readers: Set<Role> = [.officer, .signer, .viewer, .boardAdmin, .boardObserver]

    var handlers: [MethodHandler] {
        typealias Method = LicitMethod.Documents
        return [
            .read(Method.validateImportAuthorization, Self.drafters, self.validateImport),
            .read(Method.validateExportAuthorization, Self.drafters, self.validateExport),
            self.write(Method.draftImportAuthorization, Self.drafters, "ia.draft") {
                (request: Licit_V1_ImportAuthorizationRequest, ledger) in
                try ledger.saveDraft(request.content)
            } subject: {
                $0.content.number
            },
            self.write(Method.issueImportAuthorization, Self.signers, "ia.issue") { request, ledger in
                try ledger.issueImport(request)
            } subject: {
                $0.draftNumber.isEmpty ? $0.content.number : $0.draftNumber
            },
            self.write(Method.amendImportAuthorization, Self.signers, "ia.amend") { request, ledger in
                try ledger.amendImport(request)
            } subject: {
                "\($0.content.supersedes)->\($0.content.number)"
            },
            self.write(Method.issueExportAuthorization, Self.signers, "ea.issue") {
                (request: Licit_V1_ExportAuthorizationRequest, ledger) in
                try ledger.issueExport(request)
            } subject: {
                $0.content.number
            },
            self.write(Method.recordExported, Self.signers, "ea.record_exported") {
                (request: Licit_V1_RecordExportedRequest, ledger) in
                try ledger.recordExported(request)
            } subject: {
                $0.number
            },
            self.write(Method.endorse, Self.signers, "ea.endorse") { (request: Licit_V1_EndorseRequest, ledger) in
                try ledger.endorse(request)
            } subject: {
                "\($0.exportAuthorization.authority)/\($0.exportAuthorization.number)"
            },
            self.write(Method.cancel, Self.signers, "document.cancel") { (request: Licit_V1_CancelRequest, ledger) in
                try ledger.cancel(request)
            } subject: {
                $0.number
            },
            self.write(Method.recordPaperDocument, Self.signers, "paper.record") {
                (request: Licit_V1_PaperDocumentRequest, ledger) in
                try ledger.recordPaper(request)
            } subject: {
                $0.importAuthorization.number + $0.exportAuthorization.number
            },
            .read(Method.getDocument, Self.readers, self.getDocument),
            .read(Method.listDocuments, Self.readers, self.listDocuments),
            .read(Method.getHistory, Self.readers, self.getHistory),
            .read(Method.getBalances, Self.readers, self.getBalances),
            MethodHandler(
                name: Method.getSealKey,
                allowedRoles: Set(Role.allCases),
                isWrite: false,
                body: .inline { _, _ in
                    try Licit_V1_SealKeyResponse.with {
                        $0.publicKey = self.exchange.sealKey.publicKey
                        $0.keyID = self.exchange.sealKey.keyID
                    }.serializedData()
                }
            ),
        ]
    }

    // MARK: Writes

    private func write<Request: SwiftProtobufMessage>(
        _ name: String,
        _ roles: Set<Role>,
        _ action: String,
        _ body: @escaping @Sendable (Request, DocumentLedger) throws -> StoredDocument,
        subject: @escaping @Sendable (Request) -> String
    ) -> MethodHandler {
        let exchange = self.exchange
        return MethodHandler(
            name: name,
            allowedRoles: roles,
            isWrite: true,
            body: .unary { context, payload in
                let request = try SessionMethods.decode(Request.self, payload)
                let moment = exchange.moment
                let account = context.account
                return try await exchange.write(
                    context,
                    action: action,
                    subject: "\(account.authority)/\(subject(request))",
                    payload: payload
                ) { transaction in
                    let ledger = DocumentLedger(
                        transaction: transaction,
                        account: account,
                        moment: moment,
                        sealKey: exchange.sealKey,
                        references: exchange.references,
                        oversight: exchange.oversight
                    )
                    let document = try body(request, ledger)
                    return try Licit_V1_DocumentResponse.with {
                        $0.document = WireModel.document(document, on: moment.day)
                    }.serializedData()
                }
            }
        )
    }

    // MARK: Validation

    /// What a validate call found: the content as it would be issued, every problem, and what
    /// it would add to the importing country's authorized totals, per substance.
    private struct Validation {
        let content: Data
        let problems: [ExchangeError]
        let country: TreatyRules.ImportingCountry
        let added: [String: Int64]
    }

    @Sendable private func validateImport(
        _ context: CallContext,
        _ request: Licit_V1_ImportAuthorizationRequest
    ) async throws -> Licit_V1_ValidationResponse {
        try await self.validate(context, .importAuthorization) { preparation in
            let prepared = try preparation.importAuthorization(request.content)
            let content = WireModel.content(
                prepared.ia,
                importerID: prepared.importerID,
                exporterID: prepared.exporterID
            )
            return Validation(
                content: try content.serializedData(),
                problems: prepared.problems + (try Self.numberProblems(prepared.ia.key, preparation.reader)),
                country: prepared.country,
                added: Dictionary(prepared.ia.lines.map { ($0.substance, $0.base.milligrams) }, uniquingKeysWith: +)
            )
        }
    }

    @Sendable private func validateExport(
        _ context: CallContext,
        _ request: Licit_V1_ExportAuthorizationRequest
    ) async throws -> Licit_V1_ValidationResponse {
        try await self.validate(context, .exportAuthorization) { preparation in
            let prepared = try preparation.exportAuthorization(request.content)
            let content = WireModel.content(
                prepared.ea,
                exporter: prepared.exporter,
                importer: prepared.importer,
                issuedOn: nil
            )
            var problems = prepared.problems
            problems += try Self.numberProblems(
                DocumentKey(authority: prepared.ea.authority, number: prepared.ea.number),
                preparation.reader
            )
            if let missing = Custody.missingJustification(
                of: prepared.ea,
                emergencyJustification: request.emergencyJustification
            ) {
                problems.append(missing)
            }
            // An EA takes from what its IA already reserved: the totals do not move.
            return Validation(
                content: try content.serializedData(),
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

    /// Prepares a document on a snapshot, writing nothing, and answers with what was found.
    private func validate(
        _ context: CallContext,
        _ kind: Licit_V1_DocumentKind,
        _ prepare: @escaping @Sendable (DocumentPreparation) throws -> Validation
    ) async throws -> Licit_V1_ValidationResponse {
        let day = self.exchange.moment.day
        let references = self.exchange.references
        return try await self.exchange.storage.read { reader in
            let preparation = try DocumentPreparation(
                reader,
                account: context.account,
                day: day,
                references: references
            )
            let validation = try prepare(preparation)
            let catalogue = preparation.reference.catalogue
            return Licit_V1_ValidationResponse.with {
                $0.problems = validation.problems.map(WireModel.problem)
                $0.document = .with {
                    $0.kind = kind
                    $0.content = validation.content
                    if kind == .importAuthorization { $0.state.status = "draft" }
                }
                // Only the importing country's own CNA (validating an IA) and the Board see its totals.
                let balances = validation.country.disclosesTotals ? Array(validation.country.balances.values) : []
                $0.balancesAfter = balances.sorted { $0.substance < $1.substance }.map {
                    Self.wire(
                        $0,
                        adding: validation.added[$0.substance] ?? 0,
                        convention: catalogue[$0.substance]?.convention
                    )
                }
            }
        }
    }

    private static func wire(_ balance: Balance, adding base: Int64, convention: Convention?) -> Licit_V1_Balance {
        let usage = Usage(
            authorizedNotUsed: balance.authorizedNotUsed.milligrams + base,
            imported: balance.imported.milligrams
        )
        let allowance = balance.limit.map {
            Allowance(country: balance.country, substance: balance.substance, year: balance.year, initial: $0)
        }
        return WireModel.balance(
            UsageKey(country: balance.country, substance: balance.substance, year: balance.year),
            usage: usage,
            allowance: allowance,
            convention: convention
        )
    }

    // MARK: Queries

    @Sendable private func getDocument(
        _ context: CallContext,
        _ request: Licit_V1_DocumentRef
    ) async throws -> Licit_V1_DocumentResponse {
        let key = DocumentKey(authority: request.authority, number: request.number)
        let document = try await self.visibleDocument(context, key, action: "document.get")
        return .with { $0.document = WireModel.document(document, on: self.exchange.moment.day) }
    }

    @Sendable private func getHistory(
        _ context: CallContext,
        _ request: Licit_V1_DocumentRef
    ) async throws -> Licit_V1_HistoryResponse {
        let key = DocumentKey(authority: request.authority, number: request.number)
        _ = try await self.visibleDocument(context, key, action: "document.history")
        let entries = try await self.exchange.storage.read { try $0.history(key) }
        return .with {
            $0.entries = entries.map { entry in
                .with {
                    $0.atMs = entry.at
                    $0.action = entry.action
                    $0.status = entry.status
                    $0.authority = entry.authority
                    $0.detail = entry.detail
                }
            }
        }
    }

    /// The document, if the caller may see it; otherwise NOT_FOUND, audited as a denial.
    private func visibleDocument(
        _ context: CallContext,
        _ key: DocumentKey,
        action: String
    ) async throws -> StoredDocument {
        let document = try await self.exchange.storage.read { try $0.document(key) }
        guard let document, context.account.maySee(document) else {
            let refusal = ExchangeError.documentNotFound(key)
            try await self.exchange.recordDenial(context, action: action, subject: key.description, refusal: refusal)
            throw refusal
        }
        return document
    }

    @Sendable private func listDocuments(
        _ context: CallContext,
        _ request: Licit_V1_ListDocumentsRequest
    ) async throws -> Licit_V1_ListDocumentsResponse {
        var query = DocumentQuery(visibleTo: context.account.isBoard ? nil : context.account.authority)
        query.limit = request.pageSize == 0 ? 100 : Int(min(request.pageSize, 500))
        switch request.kind {
        case .importAuthorization: query.kind = .importAuthorization
        case .exportAuthorization: query.kind = .exportAuthorization
        default: break
        }
        query.country = request.counterpartCountry.nilIfEmpty
        query.substance = request.substance.nilIfEmpty
        query.statuses = request.status.nilIfEmpty.map { [$0] }
        query.authority = request.authority.nilIfEmpty
        if !request.issuedFrom.isEmpty {
            query.issuedFrom = try WireModel.day(request.issuedFrom, field: "issued_from")
        }
        if !request.issuedTo.isEmpty { query.issuedTo = try WireModel.day(request.issuedTo, field: "issued_to") }
        if !request.pageToken.isEmpty {
            guard let before = Int64(request.pageToken), before > 0 else {
                throw ExchangeError("invalid_page_token", "page_token must come from a previous next_page_token")
            }
            query.before = before
        }
        let finalQuery = query
        let documents = try await self.exchange.storage.read { try $0.documents(finalQuery) }
        let day = self.exchange.moment.day
        return .with {
            $0.documents = documents.map { WireModel.document($0, on: day) }
            $0.nextPageToken = documents.count == finalQuery.limit ? "\(documents.last!.sequence)" : ""
        }
    }

    @Sendable private func getBalances(
        _ context: CallContext,
        _ request: Licit_V1_BalancesRequest
    ) async throws -> Licit_V1_BalancesResponse {
        let country = try await self.exchange.country(
            request.country,
            of: context,
            for: "balances",
            action: "balance.get"
        )
        let year = request.year == 0 ? self.exchange.moment.day.year : Int(request.year)
        let substance = request.substance.nilIfEmpty
        let references = self.exchange.references
        return try await self.exchange.storage.read { reader in
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
            return Licit_V1_BalancesResponse.with {
                $0.balances = keys.filter { substance == nil || $0.substance == substance }
                    .sorted { $0.substance < $1.substance }
                    .map { key in
                        WireModel.balance(
                            key,
                            usage: usages[key] ?? .zero,
                            allowance: byKey[key],
                            convention: catalogue[key.substance]?.convention
                        )
                    }
            }
        }
    }
}
