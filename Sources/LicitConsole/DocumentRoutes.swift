import Foundation
import Hummingbird
import LicitCLI
import LicitClient
import LicitWire

/// Documents: the list with filters and paging, each document's page with its history and what the
/// person may do with it (issue an EA against it, endorse, cancel), and its print view.
extension Console {
    func addDocumentRoutes(to router: Router<ConsoleContext>) {
        router.get("/documents") { request, _ in
            await self.page(request) { session, say in try await self.documentsPage(session, say, Form.query(request)) }
        }
        router.get("/documents/:authority/:number") { request, context in
            let name = try Self.documentName(context)
            return await self.page(request) { session, say in try await self.documentPage(session, say, name) }
        }
        router.get("/documents/:authority/:number/print") { request, context in
            let name = try Self.documentName(context)
            return await self.printView(request, name)
        }
        self.addDocumentActions(to: router)
    }

    static func documentName(_ context: ConsoleContext) throws -> (authority: String, number: String) {
        (
            try context.parameters.require("authority").removingPercentEncoding ?? "",
            try context.parameters.require("number").removingPercentEncoding ?? ""
        )
    }

    private func documentsPage(_ session: ConsoleSession, _ say: Tongue, _ query: Form) async throws -> Page {
        let kind: Licit_V1_DocumentKind =
            switch query["kind"] {
            case "ia": .importAuthorization
            case "ea": .exportAuthorization
            default: .unspecified
            }
        let request = Licit_V1_ListDocumentsRequest.with {
            $0.kind = kind
            $0.status = query["status"] ?? ""
            $0.counterpartCountry = query["counterpart"]?.uppercased() ?? ""
            $0.substance = query["substance"]?.uppercased() ?? ""
            $0.issuedFrom = query["from"] ?? ""
            $0.issuedTo = query["to"] ?? ""
            $0.pageSize = 25
            $0.pageToken = query["page"] ?? ""
        }
        let listing = try await session.client.documents(request)
        let header = ["kind", "document", "status", "counterpart", "issued", "period", "substances"]
        let rows = listing.documents.map { document in
            let cells = DocumentView.row(document, language: say.language)
            let link =
                "<a href=\"\(h(DocumentLink.path(authority: document.authority, number: document.number)))\">\(h(cells[1]))</a>"
            return "<tr>"
                + cells.enumerated().map { $0.offset == 1 ? "<td>\(link)</td>" : "<td>\(h($0.element))</td>" }.joined()
                + "</tr>"
        }
        func field(_ name: String, _ label: String, type: String = "text") -> String {
            "<p><label for=\"f-\(name)\">\(h(say(label)))</label> <input id=\"f-\(name)\" name=\"\(name)\" type=\"\(type)\" value=\"\(h(query[name] ?? ""))\"></p>"
        }
        let kinds = [("", "all"), ("ia", "import authorizations"), ("ea", "export authorizations")].map {
            value,
            label in
            "<option value=\"\(value)\"\((query["kind"] ?? "") == value ? " selected" : "")>\(h(say(label)))</option>"
        }.joined()
        var filters: [(String, String)] = []
        for name in ["kind", "status", "counterpart", "substance", "from", "to"] {
            if let value = query[name] { filters.append((name, value)) }
        }
        var body = """
            <form method="get" action="/documents" class="filters">
            <p><label for="f-kind">\(h(say("kind")))</label> <select id="f-kind" name="kind">\(kinds)</select></p>
            \(field("status", "status"))\(field("counterpart", "counterpart"))\(field("substance", "substance"))
            \(field("from", "Issued from", type: "date"))\(field("to", "Issued to", type: "date"))
            <p><button type="submit">\(h(say("Filter")))</button></p>
            </form>
            <table id="documents">
            <caption>\(h(say("Documents")))</caption>
            <thead><tr>\(header.map { "<th scope=\"col\">\(h(say($0)))</th>" }.joined())</tr></thead>
            <tbody>\(rows.joined(separator: "\n"))</tbody>
            </table>
            """
        if listing.documents.isEmpty { body += "<p>\(h(say("No document matches.")))</p>" }
        if !listing.nextPageToken.isEmpty {
            body +=
                "<p><a href=\"/documents?\(h(Form.encode(filters + [("page", listing.nextPageToken)])))\">\(h(say("Next page")))</a></p>"
        }
        if query["page"] != nil {
            body += "<p><a href=\"/documents?\(h(Form.encode(filters)))\">\(h(say("First page")))</a></p>"
        }
        return Page(title: say("Documents"), body: body)
    }

    private func documentPage(
        _ session: ConsoleSession,
        _ say: Tongue,
        _ name: (authority: String, number: String)
    ) async throws -> Page {
        let client = session.client
        let document = try await client.document(authority: name.authority, number: name.number)
        let history = try await client.history(authority: name.authority, number: name.number)
        let names = ReferenceNames.all(try await session.reference(), say.language)
        let facts = try DocumentFacts(
            kind: document.kind,
            content: document.content,
            language: say.language,
            names: ReferenceNames.of(kind: document.kind, content: document.content, in: names)
        )
        let state = document.state
        let fields = facts.fields.filter { !$0.1.isEmpty }.map {
            "<tr><th scope=\"row\">\(h($0.0))</th><td>\(h($0.1))</td></tr>"
        }
        // What the exchange has recorded against each line since: committed by EAs (an IA's),
        // exported, imported (base).
        let recorded = [
            ("committed", state.committedMg), ("exported", state.exportedMg), ("imported", state.importedMg),
        ].filter { !$0.1.isEmpty }
        let lines = facts.lines.enumerated().map { index, line in
            "<tr><td>\(index + 1)</td><td>\(h(line.form))</td><td>\(h(line.substance))</td>"
                + "<td class=\"n\">\(h(DocumentFacts.quantity(line.traded)))</td><td class=\"n\">\(h(DocumentFacts.quantity(line.base)))</td>"
                + recorded.map { name, quantities in
                    "<td class=\"n \(name)\">\(index < quantities.count ? h(QuantityInput.format(quantities[index])) : "")</td>"
                }.joined() + "</tr>"
        }
        let events = history.map { entry in
            "<tr><td>\(h(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(entry.atMs) / 1000))))</td>"
                + "<td>\(h(entry.action))</td><td>\(h(say.status(entry.status)))</td><td>\(h(entry.authority))</td><td>\(h(entry.detail))</td></tr>"
        }
        var body = """
            <p class="status">\(h(say("status"))): <strong id="status">\(h(say.status(state.status)))</strong>\(state.endorsementOverdue ? " — " + h(say("endorsement overdue")) : "")</p>
            <p class="basis">\(h(facts.legalBasis))</p>
            <table class="facts"><tbody>\(fields.joined())</tbody></table>
            <table class="lines">
            <caption>\(h(say("Substances")))</caption>
            <thead><tr><th scope="col">#</th>\((["form", "substance", "quantity", "anhydrous base"] + recorded.map { "\($0.0) (base)" }).map { "<th scope=\"col\">\(h(say($0)))</th>" }.joined())</tr></thead>
            <tbody>\(lines.joined())</tbody>
            </table>
            """
        if !document.seal.isEmpty {
            body +=
                "<p><a id=\"print\" href=\"\(h(DocumentLink.path(authority: name.authority, number: name.number)))/print?lang=\(say.language.rawValue)\">\(h(say("Print view (sealed, with its QR code)")))</a></p>"
        }
        if state.paper {
            body +=
                "<p><a id=\"scan\" href=\"\(h(DocumentLink.path(authority: name.authority, number: name.number)))/scan\">\(h(say("The scanned paper document")))</a></p>"
        }
        if !state.endorsementScanSha256.isEmpty {
            body +=
                "<p><a href=\"\(h(DocumentLink.path(authority: name.authority, number: name.number)))/scan?endorsement=1\">\(h(say("The scanned paper endorsement")))</a></p>"
        }
        body += self.actions(session, say, document, facts: facts)
        body += """
            <table class="history">
            <caption>\(h(say("History")))</caption>
            <thead><tr>\(["at (UTC)", "action", "status", "authority", "detail"].map { "<th scope=\"col\">\(h(say($0)))</th>" }.joined())</tr></thead>
            <tbody>\(events.joined())</tbody>
            </table>
            """
        return Page(title: "\(facts.title) \(facts.authority)/\(facts.number)", body: body)
    }

    /// The print view: the same sealed page as `licit export --format html`, byte for byte, so
    /// `licit verify` checks a copy saved from the browser.
    private func printView(_ request: Request, _ name: (authority: String, number: String)) async -> Response {
        let say = self.tongue(request)
        guard let session = await self.session(request) else { return Reply.redirect("/signin") }
        let language = Form.query(request)["lang"].flatMap(PrintLanguage.init(rawValue:)) ?? say.language
        do {
            let printed = try await PrintedDocument.issued(
                authority: name.authority,
                number: name.number,
                format: .html,
                language: language,
                client: session.client
            )
            return Reply.body(try printed.render(), contentType: "text/html; charset=utf-8")
        } catch {
            return await self.failure(error, session: session, say: say, path: request.uri.path)
        }
    }
}

extension Licit_V1_Document {
    var authority: String { self.importAuthorization?.authority ?? self.exportAuthorization?.authority ?? "" }
    var number: String { self.importAuthorization?.number ?? self.exportAuthorization?.number ?? "" }
}
