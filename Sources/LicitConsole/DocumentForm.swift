import Foundation
import LicitCLI
import LicitClient
import LicitWire

/// An IA or EA form's fields, turned into the document exactly as `licit ia|ea` turns its flags:
/// the same names, defaults and checks, so the console and the command line never disagree.
struct DocumentForm {
    enum Kind: String, CaseIterable, Sendable {
        case ia, ea

        var title: String { self == .ia ? "New import authorization" : "New export authorization" }
    }

    /// Substance lines shown on a new form; empty ones are ignored.
    static let lineSlots = 3

    let kind: Kind
    let form: Form

    init(_ kind: Kind, _ form: Form) {
        self.kind = kind
        self.form = form
    }

    /// A problem an officer may accept with a written justification (the Board sees it).
    func overrides(_ reason: String) -> Bool {
        self.form["override"] != nil && Issuing.overridable.contains(reason)
    }

    func validate(_ session: ConsoleSession) async throws -> Licit_V1_ValidationResponse {
        switch self.kind {
        case .ia: try await session.client.validateImportAuthorization(try await self.importContent(session))
        case .ea:
            try await session.client.validateExportAuthorization(
                try await self.exportContent(session),
                emergencyJustification: self.form["emergency"] ?? ""
            )
        }
    }

    /// Issues the document (or saves an IA draft), under the form's own request id, so a form
    /// submitted twice issues once.
    func submit(_ session: ConsoleSession, draft: Bool) async throws -> Licit_V1_Document {
        let client = session.client
        let requestID = self.form["request"] ?? LicitClient.makeRequestID()
        switch self.kind {
        case .ia where draft:
            return try await client.draftImportAuthorization(
                try await self.importContent(session),
                requestID: requestID
            )
        case .ia where self.form["supersedes"] != nil:
            return try await client.amendImportAuthorization(
                try await self.importContent(session),
                overrideJustification: self.form["override"] ?? "",
                requestID: requestID
            )
        case .ia:
            return try await client.issueImportAuthorization(
                try await self.importContent(session),
                overrideJustification: self.form["override"] ?? "",
                requestID: requestID
            )
        case .ea:
            return try await client.issueExportAuthorization(
                try await self.exportContent(session),
                overrideJustification: self.form["override"] ?? "",
                emergencyJustification: self.form["emergency"] ?? "",
                requestID: requestID
            )
        }
    }

    private func importContent(_ session: ConsoleSession) async throws -> Licit_V1_ImportAuthorizationContent {
        let options = try Form.parse(ImportContentOptions.self, self.flags(Self.importFlags))
        let catalogue = CatalogueNames(try await session.reference().substances)
        var content = Licit_V1_ImportAuthorizationContent()
        let today = CalendarDay.format(try await session.client.exchangeTime())
        try options.apply(to: &content, catalogue: catalogue, isNew: true, today: today)
        content.supersedes = self.form["supersedes"] ?? ""
        return content
    }

    /// An EA form answering an IA (AUTHORITY/NUMBER): its lines' forms filled in, the quantities
    /// left to the exporter (each at most what remains of the IA).
    static func answering(_ cited: String, _ client: LicitClient) async throws -> Form {
        let parts = cited.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2,
            let ia = try? await client.document(authority: parts[0], number: parts[1]).importAuthorization
        else { return Form(["ia": [cited]]) }
        return Form(["ia": [cited], "line_form": ia.lines.map(\.form)])
    }

    /// An IA form filled with an issued IA's values, to amend it: a new number supersedes it.
    static func amending(_ number: String, _ client: LicitClient) async throws -> Form {
        let me = try await client.recognisedAccount()
        guard let old = try await client.document(authority: me.authority, number: number).importAuthorization else {
            throw ConsoleInputError("\(number) is not an import authorization of yours")
        }
        var fields: [String: [String]] = [
            "supersedes": [number], "exporting_country": [old.exportingCountry], "importer": [old.importer.id],
            "exporter_name": [old.exporter.name], "exporter_address": [old.exporter.address],
            "from": [old.period.first], "to": [old.period.last], "port": [old.port],
            "line_form": old.lines.map(\.form),
            "line_quantity": old.lines.map {
                QuantityInput.format($0.tradedMg).replacingOccurrences(of: " ", with: "")
            },
        ]
        if !old.multipleConsignments { fields["single"] = ["on"] }
        if old.bondedWarehouseApproved { fields["bonded"] = ["on"] }
        return Form(fields)
    }

    private func exportContent(_ session: ConsoleSession) async throws -> Licit_V1_ExportAuthorizationContent {
        let options = try Form.parse(ExportContentOptions.self, self.flags(Self.exportFlags))
        let catalogue = CatalogueNames(try await session.reference().substances)
        return try await options.content(client: session.client, catalogue: catalogue)
    }

    /// Form field → `licit` flag, for fields with one value.
    static let importFlags: [(field: String, flag: String)] = [
        ("number", "--number"), ("exporting_country", "--exporting-country"), ("importer", "--importer"),
        ("exporter_name", "--exporter-name"), ("exporter_address", "--exporter-address"), ("from", "--from"),
        ("to", "--to"), ("port", "--port"),
    ]
    static let exportFlags: [(field: String, flag: String)] = [
        ("number", "--number"), ("ia", "--ia"), ("from", "--from"), ("to", "--to"), ("exporter", "--exporter"),
        ("port_of_exit", "--port-of-exit"), ("port_of_entry", "--port-of-entry"), ("carrier", "--carrier"),
        ("emergency", "--emergency"), ("importing_country", "--importing-country"),
    ]

    /// The form as `licit`'s arguments.
    private func flags(_ names: [(field: String, flag: String)]) -> [String] {
        var arguments = self.form.arguments(
            names,
            boxes: [("single", "--single-consignment"), ("bonded", "--bonded-warehouse")]
        )
        if self.kind == .ea {
            for country in (self.form["transit"] ?? "").split(whereSeparator: { $0 == "," || $0 == " " }) {
                arguments += ["--transit", String(country)]
            }
        }
        return arguments
    }
}
