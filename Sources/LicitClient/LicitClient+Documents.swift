import Foundation
import LicitWire

/// Import and export authorizations, endorsements and the queries on them.
///
/// Every write takes a `requestID` (a fresh one by default). When a write ends
/// ``LicitClientError/Code/indeterminate``, call again with the same `requestID`: the exchange
/// applies a request at most once and answers a replay with the original result.
extension LicitClient {
    typealias Method = LicitMethod.Documents

    /// Checks an IA without submitting it: every problem, the base quantities, the balances after.
    public func validateImportAuthorization(
        _ content: Licit_V1_ImportAuthorizationContent
    ) async throws -> Licit_V1_ValidationResponse {
        try await self.unary(
            Method.validateImportAuthorization,
            Licit_V1_ImportAuthorizationRequest.with { $0.content = content }
        )
    }

    /// Saves (or replaces) a draft IA, for a signer to issue.
    public func draftImportAuthorization(
        _ content: Licit_V1_ImportAuthorizationContent,
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_Document {
        try await self.document(
            Method.draftImportAuthorization,
            Licit_V1_ImportAuthorizationRequest.with { $0.content = content },
            requestID
        )
    }

    /// Issues an IA, from its content or from a saved draft (`draftNumber`).
    /// - Parameter overrideJustification: accepts an excess over the estimate or assessment; the Board sees it.
    public func issueImportAuthorization(
        _ content: Licit_V1_ImportAuthorizationContent = .init(),
        draftNumber: String = "",
        overrideJustification: String = "",
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_Document {
        let request = Licit_V1_ImportAuthorizationRequest.with {
            $0.content = content
            $0.draftNumber = draftNumber
            $0.overrideJustification = overrideJustification
        }
        return try await self.document(Method.issueImportAuthorization, request, requestID)
    }

    /// Issues a new IA (`content.supersedes` names the old one) that supersedes an issued one.
    public func amendImportAuthorization(
        _ content: Licit_V1_ImportAuthorizationContent,
        overrideJustification: String = "",
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_Document {
        let request = Licit_V1_ImportAuthorizationRequest.with {
            $0.content = content
            $0.overrideJustification = overrideJustification
        }
        return try await self.document(Method.amendImportAuthorization, request, requestID)
    }

    /// Every check the issue makes, writing nothing: give the emergency justification the issue
    /// will carry, so that a report without problems means the issue is accepted.
    public func validateExportAuthorization(
        _ content: Licit_V1_ExportAuthorizationContent,
        emergencyJustification: String = ""
    ) async throws -> Licit_V1_ValidationResponse {
        try await self.unary(
            Method.validateExportAuthorization,
            Licit_V1_ExportAuthorizationRequest.with {
                $0.content = content
                $0.emergencyJustification = emergencyJustification
            }
        )
    }

    /// Issues an EA against the IA it cites (or, with `content.emergency`, an emergency export).
    public func issueExportAuthorization(
        _ content: Licit_V1_ExportAuthorizationContent,
        overrideJustification: String = "",
        emergencyJustification: String = "",
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_Document {
        let request = Licit_V1_ExportAuthorizationRequest.with {
            $0.content = content
            $0.overrideJustification = overrideJustification
            $0.emergencyJustification = emergencyJustification
        }
        return try await self.document(Method.issueExportAuthorization, request, requestID)
    }

    /// Records a short export: per line, the base milligrams actually exported.
    public func recordExported(
        number: String,
        exportedMilligrams: [Int64],
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_Document {
        let request = Licit_V1_RecordExportedRequest.with {
            $0.number = number
            $0.exportedMg = exportedMilligrams
        }
        return try await self.document(Method.recordExported, request, requestID)
    }

    /// Endorses an EA with, per line, the base milligrams actually imported (zero allowed).
    /// - Parameter scan: for an EA to a paper partner, the scanned endorsement its issuer received.
    public func endorse(
        authority: String,
        number: String,
        importedMilligrams: [Int64],
        scan: Data = Data(),
        scanMediaType: String = "",
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_Document {
        let request = Licit_V1_EndorseRequest.with {
            $0.exportAuthorization = .with {
                $0.authority = authority
                $0.number = number
            }
            $0.importedMg = importedMilligrams
            $0.scan = scan
            $0.scanMediaType = scanMediaType
        }
        return try await self.document(Method.endorse, request, requestID)
    }

    /// Cancels one of the caller's CNA's documents, with a reason both CNAs and the Board see.
    /// - Parameter authority: for a paper document the caller's CNA recorded, its foreign issuing CNA.
    public func cancel(
        number: String,
        reason: String,
        authority: String = "",
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_Document {
        let request = Licit_V1_CancelRequest.with {
            $0.number = number
            $0.reason = reason
            $0.authority = authority
        }
        return try await self.document(Method.cancel, request, requestID)
    }

    /// Records a paper IA or EA exchanged with a country not on the exchange, with its scan.
    public func recordPaperDocument(
        _ request: Licit_V1_PaperDocumentRequest,
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_Document {
        try await self.document(Method.recordPaperDocument, request, requestID)
    }

    public func document(authority: String, number: String) async throws -> Licit_V1_Document {
        let response: Licit_V1_DocumentResponse = try await self.unary(
            Method.getDocument,
            Licit_V1_DocumentRef.with {
                $0.authority = authority
                $0.number = number
            }
        )
        return response.document
    }

    /// One page of the documents the caller may see, newest first.
    public func documents(
        _ request: Licit_V1_ListDocumentsRequest = .init()
    ) async throws -> Licit_V1_ListDocumentsResponse {
        try await self.unary(Method.listDocuments, request)
    }

    public func history(authority: String, number: String) async throws -> [Licit_V1_HistoryEntry] {
        let response: Licit_V1_HistoryResponse = try await self.unary(
            Method.getHistory,
            Licit_V1_DocumentRef.with {
                $0.authority = authority
                $0.number = number
            }
        )
        return response.entries
    }

    /// The scanned paper behind a document: a paper IA or EA's own scan, or with `endorsement` the
    /// paper endorsement recorded for an EA to a paper partner.
    public func scan(
        authority: String,
        number: String,
        endorsement: Bool = false
    ) async throws
        -> Licit_V1_ScanResponse
    {
        try await self.unary(
            Method.getScan,
            Licit_V1_ScanRequest.with {
                $0.document = .with {
                    $0.authority = authority
                    $0.number = number
                }
                $0.endorsement = endorsement
            }
        )
    }

    /// A country's balances (the caller's own when `country` is empty) for a year (0: this year).
    public func balances(country: String = "", year: Int = 0, substance: String = "") async throws -> [Licit_V1_Balance]
    {
        let response: Licit_V1_BalancesResponse = try await self.unary(
            Method.getBalances,
            Licit_V1_BalancesRequest.with {
                $0.country = country
                $0.year = UInt32(year)
                $0.substance = substance
            }
        )
        return response.balances
    }

    /// The exchange's seal public key, to verify documents offline with ``Licit_V1_Document/isSealValid(publicKey:)``.
    public func sealKey() async throws -> Licit_V1_SealKeyResponse {
        try await self.unary(Method.getSealKey, Licit_V1_EchoRequest())
    }

    // MARK: Plumbing

    func unary<Request: SwiftProtobufMessage, Response: SwiftProtobufMessage>(
        _ method: String,
        _ request: Request,
        requestID: String? = nil
    ) async throws -> Response {
        let payload = try await self.call(method: method, payload: try request.serializedData(), requestID: requestID)
        do {
            return try Response(licitPayload: payload)
        } catch {
            throw LicitClientError(
                .protocolViolation,
                "the exchange's answer to \(method) is not a valid \(Response.protoMessageName)"
            )
        }
    }

    private func document<Request: SwiftProtobufMessage>(
        _ method: String,
        _ request: Request,
        _ requestID: String
    ) async throws -> Licit_V1_Document {
        let response: Licit_V1_DocumentResponse = try await self.unary(method, request, requestID: requestID)
        return response.document
    }
}

extension Licit_V1_Document {
    /// Whether the seal is the exchange's signature over exactly `content` (PROTOCOL.md §14.1).
    /// - Parameter publicKey: the exchange's raw 32-byte Ed25519 public key.
    public func isSealValid(publicKey: Data) -> Bool {
        !self.seal.isEmpty && Seal.verify(self.content, signature: self.seal, publicKey: publicKey)
    }

    /// The IA the content holds, when it is one.
    public var importAuthorization: Licit_V1_ImportAuthorizationContent? {
        guard self.kind == .importAuthorization else { return nil }
        return try? Licit_V1_ImportAuthorizationContent(serializedBytes: self.content)
    }

    /// The EA the content holds, when it is one.
    public var exportAuthorization: Licit_V1_ExportAuthorizationContent? {
        guard self.kind == .exportAuthorization else { return nil }
        return try? Licit_V1_ExportAuthorizationContent(serializedBytes: self.content)
    }
}
