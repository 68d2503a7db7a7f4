import Foundation
import LicitModel
import LicitStorage

/// A document as a caller states it, before any check: texts as given, dates as ISO text,
/// quantities in milligrams. The exchange checks every field (``InputCheck``) and never takes
/// the issuing CNA or country from it, except for a paper document recorded on a foreign
/// CNA's behalf.
public struct ImportAuthorizationInput: Sendable, Hashable {
    public var number = ""
    /// The foreign CNA, for a paper IA only.
    public var authority = ""
    /// The importing country, for a paper IA only.
    public var importingCountry = ""
    public var exportingCountry = ""
    public var importer = TraderInput()
    public var exporter = TraderInput()
    public var lines: [LineInput] = []
    public var period = PeriodInput()
    public var multipleConsignments = false
    public var port = ""
    public var bondedWarehouseApproved = false
    /// The IA an amendment supersedes.
    public var supersedes = ""
    /// When a paper IA was issued.
    public var issuedOn = ""

    public init() {}
}

/// An export authorization as a caller states it; see ``ImportAuthorizationInput``.
public struct ExportAuthorizationInput: Sendable, Hashable {
    public var number = ""
    /// The foreign CNA, for a paper EA only.
    public var authority = ""
    /// The exporting country, for a paper EA only.
    public var exportingCountry = ""
    public var importingCountry = ""
    /// The IA cited; nil only for an emergency export.
    public var importAuthorization: CitationInput?
    public var lines: [LineInput] = []
    public var period = PeriodInput()
    public var toBondedWarehouse = false
    public var exporter = TraderInput()
    public var importer = TraderInput()
    public var emergency = false
    /// When a paper EA was issued.
    public var issuedOn = ""
    public var route = ConsignmentRoute()

    public init() {}
}

/// The consignment's route, as an EA states it where it is known: ports of exit and entry, the
/// countries it crosses and its carrier. The treaties require none of it; the border does.
public struct ConsignmentRoute: Sendable, Hashable {
    public var portOfExit = ""
    public var portOfEntry = ""
    /// ISO codes of the countries the consignment crosses, in order.
    public var transitCountries: [String] = []
    public var carrier = ""

    public init() {}
}

/// A trader by registered id, or inline by name and address.
public struct TraderInput: Sendable, Hashable {
    public var id = ""
    public var name = ""
    public var address = ""

    public init(id: String = "", name: String = "", address: String = "") {
        self.id = id
        self.name = name
        self.address = address
    }
}

/// A line as traded: the form, and its quantity in milligrams of that form.
public struct LineInput: Sendable, Hashable {
    public var form: String
    public var tradedMilligrams: Int64

    public init(form: String, tradedMilligrams: Int64) {
        self.form = form
        self.tradedMilligrams = tradedMilligrams
    }
}

public struct PeriodInput: Sendable, Hashable {
    public var first = ""
    public var last = ""

    public init(first: String = "", last: String = "") {
        self.first = first
        self.last = last
    }
}

/// The IA an EA cites: its number, date (empty: the IA's own) and issuing CNA.
public struct CitationInput: Sendable, Hashable {
    public var number: String
    public var issuedOn: String
    public var authority: String

    public init(number: String, issuedOn: String, authority: String) {
        self.number = number
        self.issuedOn = issuedOn
        self.authority = authority
    }
}

/// The exchange's writes on documents. Each is one transaction; see ``Exchange/perform(_:by:payload:answer:)``.
public enum DocumentCommand: Sendable {
    /// Keeps an IA as a draft of the caller's CNA, replacing its earlier draft of that number.
    case draftImport(ImportAuthorizationInput)
    /// Issues an IA from its content, or from the caller's draft `draftNumber`.
    case issueImport(ImportAuthorizationInput, draftNumber: String, overrideJustification: String)
    /// Issues an IA superseding `content.supersedes`.
    case amendImport(ImportAuthorizationInput, draftNumber: String, overrideJustification: String)
    case issueExport(ExportAuthorizationInput, overrideJustification: String, emergencyJustification: String)
    /// A short export: what was actually exported, per line.
    case recordExported(number: String, exported: [Int64])
    /// The importing CNA's endorsement: what was actually imported, per line (zero allowed).
    case endorse(DocumentKey, imported: [Int64], scan: Data, scanMediaType: String)
    /// Cancels a document of the caller's CNA, or (naming `authority`) a paper one it recorded.
    case cancel(authority: String, number: String, reason: String)
    case recordPaper(PaperDocument, scan: Data, scanMediaType: String, overrideJustification: String)

    /// A paper document exchanged with a country not on the exchange.
    public enum PaperDocument: Sendable {
        case importAuthorization(ImportAuthorizationInput)
        case exportAuthorization(ExportAuthorizationInput)
        case missing
    }

    /// What the audit trail records the command as.
    public var action: String {
        switch self {
        case .draftImport: "ia.draft"
        case .issueImport: "ia.issue"
        case .amendImport: "ia.amend"
        case .issueExport: "ea.issue"
        case .recordExported: "ea.record_exported"
        case .endorse: "ea.endorse"
        case .cancel: "document.cancel"
        case .recordPaper: "paper.record"
        }
    }

    /// The document it is about, as the audit trail names it (after the caller's CNA).
    var subject: String {
        switch self {
        case .draftImport(let content): content.number
        case .issueImport(let content, let draftNumber, overrideJustification: _):
            draftNumber.isEmpty ? content.number : draftNumber
        case .amendImport(let content, _, _): "\(content.supersedes)->\(content.number)"
        case .issueExport(let content, _, _): content.number
        case .recordExported(let number, _): number
        case .endorse(let key, _, _, _): key.description
        case .cancel(_, let number, _): number
        case .recordPaper(.importAuthorization(let content), _, _, _): content.number
        case .recordPaper(.exportAuthorization(let content), _, _, _): content.number
        case .recordPaper(.missing, _, _, _): ""
        }
    }
}
