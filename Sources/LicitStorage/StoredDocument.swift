import Foundation
import LicitModel

/// Names a document: numbers are unique per issuing CNA, across IAs and EAs.
public struct DocumentKey: Hashable, Sendable, Codable, CustomStringConvertible {
    public let authority: String
    public let number: String

    public init(authority: String, number: String) {
        self.authority = authority
        self.number = number
    }

    public var description: String { "\(self.authority)/\(self.number)" }
}

/// An IA or an EA, in the model's terms.
public enum DocumentBody: Hashable, Sendable, Codable {
    case importAuthorization(ImportAuthorization)
    case exportAuthorization(ExportAuthorization)

    public var key: DocumentKey {
        switch self {
        case .importAuthorization(let ia): DocumentKey(authority: ia.authority, number: ia.number)
        case .exportAuthorization(let ea): DocumentKey(authority: ea.authority, number: ea.number)
        }
    }

    public var status: String {
        switch self {
        case .importAuthorization(let ia): ia.status.rawValue
        case .exportAuthorization(let ea): ea.status.rawValue
        }
    }

    public var lines: [AuthorizationLine] {
        switch self {
        case .importAuthorization(let ia): ia.lines
        case .exportAuthorization(let ea): ea.lines
        }
    }

    public var period: Period {
        switch self {
        case .importAuthorization(let ia): ia.period
        case .exportAuthorization(let ea): ea.period
        }
    }
}

/// What the exchange records about a document besides its treaty content.
public struct DocumentAnnotations: Hashable, Sendable, Codable {
    /// The counterpart CNA the document is addressed to; empty for a draft.
    public var counterpartAuthority = ""
    /// The CNA that recorded a paper document exchanged with a country not on the exchange.
    public var recordedBy = ""
    public var scanSHA256 = ""
    public var overrideJustification = ""
    public var emergencyJustification = ""
    public var issuedOn: Day?
    public var endorsedOn: Day?
    /// EA: the day its issuer recorded what was actually exported (a short export).
    public var exportedOn: Day?
    /// IA: what the EAs issued against it add up to.
    public var exports: ExportTotals?
    /// Notices already sent for it ("expiring_soon", "endorsement_overdue"), so each goes once.
    public var notices: Set<String> = []
    /// Hex SHA-256 of the scanned paper endorsement of an EA to a paper partner.
    public var endorsementScanSHA256: String?

    public init() {}

    public var isPaper: Bool { !self.recordedBy.isEmpty }
}

/// A document as stored: its model value, its exact content bytes and their seal.
public struct StoredDocument: Hashable, Sendable, Codable {
    public var body: DocumentBody
    /// The exact bytes the seal covers (a serialized licit.v1 content message).
    public var content: Data
    /// Ed25519 over the content; empty for a draft.
    public var seal: Data
    public var annotations: DocumentAnnotations
    /// Assigned by the store when first inserted: the order of lists and their pages.
    public var sequence: Int64 = 0

    public init(body: DocumentBody, content: Data, seal: Data, annotations: DocumentAnnotations) {
        self.body = body
        self.content = content
        self.seal = seal
        self.annotations = annotations
    }

    public var key: DocumentKey { self.body.key }

    public var kind: DocumentKind {
        if case .importAuthorization = self.body { return .importAuthorization }
        return .exportAuthorization
    }

    public var issuingCountry: String {
        switch self.body {
        case .importAuthorization(let ia): ia.importingCountry
        case .exportAuthorization(let ea): ea.exportingCountry
        }
    }

    public var counterpartCountry: String {
        switch self.body {
        case .importAuthorization(let ia): ia.exportingCountry
        case .exportAuthorization(let ea): ea.importingCountry
        }
    }

    /// The CNAs that may see it besides the Board: its issuer, its counterpart, and the CNA
    /// that recorded it from paper. A draft only its issuer.
    public var parties: Set<String> {
        Set([self.key.authority, self.annotations.counterpartAuthority, self.annotations.recordedBy])
            .subtracting([""])
    }

    /// The IA an EA cites.
    public var citedKey: DocumentKey? {
        guard case .exportAuthorization(let ea) = self.body, let citation = ea.importAuthorization else { return nil }
        return DocumentKey(authority: citation.authority, number: citation.number)
    }
}

public enum DocumentKind: String, Hashable, Sendable, Codable, CaseIterable {
    case importAuthorization = "ia"
    case exportAuthorization = "ea"
}

/// One state change of a document, in order.
public struct HistoryEntry: Hashable, Sendable, Codable {
    public let at: Int64
    public let action: String
    public let status: String
    /// The CNA that made the change.
    public let authority: String
    public let detail: String

    public init(at: Int64, action: String, status: String, authority: String, detail: String) {
        self.at = at
        self.action = action
        self.status = status
        self.authority = authority
        self.detail = detail
    }
}
