import Foundation
import LicitExchange
import LicitModel
import LicitStorage
import LicitWire

/// licit.v1.Documents: each method's request decoded into the exchange's command or query, and
/// its result encoded.
struct DocumentMethods {
    let exchange: Exchange

    static let drafters: Set<Role> = [.officer, .signer]
    static let signers: Set<Role> = [.signer]
    static let readers: Set<Role> = [.officer, .signer, .viewer, .boardAdmin, .boardObserver]

    var handlers: [MethodHandler] {
        typealias Method = LicitMethod.Documents
        return [
            .read(Method.validateImportAuthorization, Self.drafters, self.validateImport),
            .read(Method.validateExportAuthorization, Self.drafters, self.validateExport),
            self.write(Method.draftImportAuthorization, Self.drafters) {
                (request: Licit_V1_ImportAuthorizationRequest) in
                .draftImport(WireModel.input(request.content))
            },
            self.write(Method.issueImportAuthorization, Self.signers, Self.importing(DocumentCommand.issueImport)),
            self.write(Method.amendImportAuthorization, Self.signers, Self.importing(DocumentCommand.amendImport)),
            self.write(Method.issueExportAuthorization, Self.signers) {
                (request: Licit_V1_ExportAuthorizationRequest) in
                .issueExport(
                    WireModel.input(request.content),
                    overrideJustification: request.overrideJustification,
                    emergencyJustification: request.emergencyJustification
                )
            },
            self.write(Method.recordExported, Self.signers) { (request: Licit_V1_RecordExportedRequest) in
                .recordExported(number: request.number, exported: request.exportedMg)
            },
            self.write(Method.endorse, Self.signers) { (request: Licit_V1_EndorseRequest) in
                .endorse(
                    DocumentKey(
                        authority: request.exportAuthorization.authority,
                        number: request.exportAuthorization.number
                    ),
                    imported: request.importedMg,
                    scan: request.scan,
                    scanMediaType: request.scanMediaType
                )
            },
            self.write(Method.cancel, Self.signers) { (request: Licit_V1_CancelRequest) in
                .cancel(authority: request.authority, number: request.number, reason: request.reason)
            },
            self.write(Method.recordPaperDocument, Self.signers) { (request: Licit_V1_PaperDocumentRequest) in
                let document: DocumentCommand.PaperDocument =
                    switch request.content {
                    case .importAuthorization(let content): .importAuthorization(WireModel.input(content))
                    case .exportAuthorization(let content): .exportAuthorization(WireModel.input(content))
                    case nil: .missing
                    }
                return .recordPaper(
                    document,
                    scan: request.scan,
                    scanMediaType: request.scanMediaType,
                    overrideJustification: request.overrideJustification
                )
            },
            .read(Method.getDocument, Self.readers, self.getDocument),
            .read(Method.listDocuments, Self.readers, self.listDocuments),
            .read(Method.getHistory, Self.readers, self.getHistory),
            .read(Method.getBalances, Self.readers, self.getBalances),
            .read(Method.getScan, Self.readers, self.getScan),
            MethodHandler(
                name: Method.getSealKey,
                allowedRoles: Set(Role.allCases),
                isWrite: false,
                body: .inline { _, _ in
                    let (current, retired) = self.exchange.sealKeys.all
                    return try Licit_V1_SealKeyResponse.with {
                        $0.publicKey = current.publicKey
                        $0.keyID = current.keyID
                        $0.keys =
                            retired.map { key in
                                .with {
                                    $0.keyID = key.keyID
                                    $0.publicKey = key.publicKey
                                    $0.validFromMs = key.validFromMs ?? 0
                                    $0.validUntilMs = key.validUntilMs
                                }
                            } + [
                                .with {
                                    $0.keyID = current.keyID
                                    $0.publicKey = current.publicKey
                                    $0.validFromMs = retired.last?.validUntilMs ?? 0
                                }
                            ]
                    }.serializedData()
                }
            ),
        ]
    }

    /// An IA request as the issue or amendment command `make` takes it.
    private static func importing(
        _ make: @escaping @Sendable (ImportAuthorizationInput, String, String) -> DocumentCommand
    ) -> @Sendable (Licit_V1_ImportAuthorizationRequest) -> DocumentCommand {
        { make(WireModel.input($0.content), $0.draftNumber, $0.overrideJustification) }
    }

    /// A write: the request decoded into its command, answered with the changed document.
    private func write<Request: SwiftProtobufMessage>(
        _ name: String,
        _ roles: Set<Role>,
        _ command: @escaping @Sendable (Request) -> DocumentCommand
    ) -> MethodHandler {
        let exchange = self.exchange
        return MethodHandler(
            name: name,
            allowedRoles: roles,
            isWrite: true,
            body: .unary { context, payload in
                let request = try SessionMethods.decode(Request.self, payload)
                return try await exchange.perform(command(request), by: context.caller, payload: payload) {
                    document,
                    day in
                    try Licit_V1_DocumentResponse.with { $0.document = WireModel.document(document, on: day) }
                        .serializedData()
                }
            }
        )
    }

    // MARK: Validation

    @Sendable private func validateImport(
        _ context: CallContext,
        _ request: Licit_V1_ImportAuthorizationRequest
    ) async throws -> Licit_V1_ValidationResponse {
        let validation = try await self.exchange.validate(WireModel.input(request.content), by: context.caller)
        return Self.response(validation, .importAuthorization)
    }

    @Sendable private func validateExport(
        _ context: CallContext,
        _ request: Licit_V1_ExportAuthorizationRequest
    ) async throws -> Licit_V1_ValidationResponse {
        let validation = try await self.exchange.validate(
            WireModel.input(request.content),
            emergencyJustification: request.emergencyJustification,
            by: context.caller
        )
        return Self.response(validation, .exportAuthorization)
    }

    private static func response(
        _ validation: Exchange.Validation,
        _ kind: Licit_V1_DocumentKind
    ) -> Licit_V1_ValidationResponse {
        .with {
            $0.problems = validation.problems.map(WireModel.problem)
            $0.document = .with {
                $0.kind = kind
                $0.content = validation.content
                if kind == .importAuthorization { $0.state.status = "draft" }
            }
            $0.balancesAfter = validation.balancesAfter.map(WireModel.balance)
        }
    }

    // MARK: Queries

    @Sendable private func getDocument(
        _ context: CallContext,
        _ request: Licit_V1_DocumentRef
    ) async throws -> Licit_V1_DocumentResponse {
        let key = DocumentKey(authority: request.authority, number: request.number)
        let document = try await self.exchange.document(key, by: context.caller, action: "document.get")
        return .with { $0.document = WireModel.document(document, on: self.exchange.moment.day) }
    }

    @Sendable private func getHistory(
        _ context: CallContext,
        _ request: Licit_V1_DocumentRef
    ) async throws -> Licit_V1_HistoryResponse {
        let key = DocumentKey(authority: request.authority, number: request.number)
        let entries = try await self.exchange.history(key, by: context.caller)
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

    @Sendable private func getScan(
        _ context: CallContext,
        _ request: Licit_V1_ScanRequest
    ) async throws -> Licit_V1_ScanResponse {
        let key = DocumentKey(authority: request.document.authority, number: request.document.number)
        let scan = try await self.exchange.scan(key, endorsement: request.endorsement, by: context.caller)
        return .with {
            $0.scan = scan.bytes
            $0.mediaType = scan.mediaType
            $0.sha256 = scan.sha256
        }
    }

    @Sendable private func listDocuments(
        _ context: CallContext,
        _ request: Licit_V1_ListDocumentsRequest
    ) async throws -> Licit_V1_ListDocumentsResponse {
        var query = DocumentQuery(visibleTo: nil)
        query.limit = try PageSize.listing.resolve(request.pageSize)
        switch request.kind {
        case .importAuthorization: query.kind = .importAuthorization
        case .exportAuthorization: query.kind = .exportAuthorization
        default: break
        }
        query.country = request.counterpartCountry.nilIfEmpty
        query.substance = request.substance.nilIfEmpty
        query.statuses = request.status.nilIfEmpty.map { [$0] }
        query.authority = request.authority.nilIfEmpty
        try WireModel.dates(&query, from: request.issuedFrom, to: request.issuedTo)
        query.before = try WireModel.pageToken(request.pageToken)
        let (documents, next) = try await self.exchange.documents(query, by: context.caller)
        let day = self.exchange.moment.day
        return .with {
            $0.documents = documents.map { WireModel.document($0, on: day) }
            $0.nextPageToken = next
        }
    }

    @Sendable private func getBalances(
        _ context: CallContext,
        _ request: Licit_V1_BalancesRequest
    ) async throws -> Licit_V1_BalancesResponse {
        let balances = try await self.exchange.balances(
            country: request.country,
            year: request.year == 0 ? nil : Int(request.year),
            substance: request.substance.nilIfEmpty,
            by: context.caller
        )
        return .with { $0.balances = balances.map(WireModel.balance) }
    }
}
