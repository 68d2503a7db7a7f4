import Foundation
import Hummingbird
import LicitCLI
import LicitClient
import LicitWire

/// Paper documents from countries not on the exchange: recorded with their scans (as
/// `licit ia|ea record-paper` records them), and the scans shown back from the document's page.
extension Console {
    /// The largest scan the console accepts.
    static let scanByteLimit = 10 << 20
    static let scanTypes = ["application/pdf", "image/png", "image/jpeg", "image/tiff"]

    func addPaperRoutes(to router: Router<ConsoleContext>) {
        router.get("/paper/new") { request, _ in
            await self.page(request) { session, say in
                let kind = Form.query(request)["kind"] == "ea" ? DocumentForm.Kind.ea : .ia
                return try await self.paperPage(kind, session, say, Form(), problem: nil)
            }
        }
        router.post("/paper/new") { request, _ in
            let say = self.tongue(request)
            guard let session = await self.session(request) else { return Reply.redirect("/signin") }
            let path = request.uri.path
            do {
                let body = try await request.body.collect(upTo: Self.scanByteLimit + Form.byteLimit)
                let multipart = try Multipart(body, contentType: request.headers[.contentType] ?? "")
                let form = multipart.form
                guard Token.matches(form["csrf"], session.csrfToken) else {
                    throw ConsoleInputError(say("This form has expired"))
                }
                let kind = form["kind"] == "ea" ? DocumentForm.Kind.ea : .ia
                do {
                    let document = try await self.recordPaper(kind, form, scan: multipart["scan"], session.client)
                    return Reply.redirect(DocumentLink.path(authority: document.authority, number: document.number))
                } catch {
                    let page = try await self.paperPage(kind, session, say, form, problem: Self.explain(error, say).1)
                    return await self.render(page, session, say, path: path, status: .unprocessableContent)
                }
            } catch {
                return await self.failure(error, session: session, say: say, path: path)
            }
        }
        router.get("/documents/:authority/:number/scan") { request, context in
            let name = try Self.documentName(context)
            let say = self.tongue(request)
            guard let session = await self.session(request) else { return Reply.redirect("/signin") }
            do {
                let scan = try await session.client.scan(
                    authority: name.authority,
                    number: name.number,
                    endorsement: Form.query(request)["endorsement"] != nil
                )
                var headers = Reply.securityHeaders
                // Only the media types recorded scans may have are served as themselves.
                headers[.contentType] =
                    Self.scanTypes.contains(scan.mediaType) ? scan.mediaType : "application/octet-stream"
                // The file name from the document's number, with only characters safe in a header.
                let safe = name.number.unicodeScalars.filter {
                    CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)
                }
                headers[.contentDisposition] =
                    "inline; filename=\"\(String(String.UnicodeScalarView(safe))).\(ScanFile.suffix(of: scan.mediaType))\""
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: scan.scan)))
            } catch {
                return await self.failure(error, session: session, say: say, path: request.uri.path)
            }
        }
    }

    /// Records the paper document, its fields parsed as `licit ia|ea record-paper` parses its flags.
    private func recordPaper(
        _ kind: DocumentForm.Kind,
        _ form: Form,
        scan: Multipart.Part?,
        _ client: LicitClient
    ) async throws -> Licit_V1_Document {
        guard let scan, !scan.data.isEmpty else { throw ConsoleInputError("attach the scanned paper document") }
        let mediaType = (scan.contentType ?? "").lowercased()
        guard Self.scanTypes.contains(mediaType) else {
            throw ConsoleInputError("the scan must be a PDF, PNG, JPEG or TIFF file (this one is \(mediaType))")
        }
        let flags: [(field: String, flag: String)] = [
            ("authority", "--authority"), ("number", "--number"), ("issued_on", "--issued-on"), ("from", "--from"),
            ("to", "--to"), ("importing_country", "--importing-country"), ("importer_name", "--importer-name"),
            ("importer_address", "--importer-address"), ("exporter", "--exporter"), ("ia", "--ia"),
            ("exporter_name", "--exporter-name"), ("exporter_address", "--exporter-address"),
            ("override", "--override"),
        ]
        // The scan comes with the form, not from a file: its name only satisfies the flag.
        let arguments =
            ["--scan", scan.filename ?? "scan"] + form.arguments(flags, boxes: [("single", "--single-consignment")])
        var (request, _) =
            switch kind {
            case .ia: try await Form.parse(PaperImportAuthorization.self, arguments).request(client)
            case .ea: try await Form.parse(PaperExportAuthorization.self, arguments).request(client)
            }
        request.scan = Data(scan.data)
        request.scanMediaType = mediaType
        return try await client.recordPaperDocument(request, requestID: form["request"] ?? LicitClient.makeRequestID())
    }

    private func paperPage(
        _ kind: DocumentForm.Kind,
        _ session: ConsoleSession,
        _ say: Tongue,
        _ form: Form,
        problem: String?
    ) async throws -> Page {
        let reference = try await session.reference()
        func field(_ name: String, _ label: String, type: String = "text", required: Bool = true) -> String {
            "<p><label for=\"p-\(name)\">\(h(say(label)))</label> <input id=\"p-\(name)\" name=\"\(name)\" type=\"\(type)\""
                + " value=\"\(h(form[name] ?? ""))\"\(required ? " required" : "")></p>"
        }
        var fields = [
            field("authority", "The foreign CNA that issued it (code)"), field("number", "The number printed on it"),
            field("issued_on", "Its date of issue", type: "date"),
        ]
        switch kind {
        case .ia:
            fields += [
                field("importing_country", "The foreign importing country (code)"),
                field("importer_name", "The foreign importer's name, as printed"),
                field("importer_address", "The foreign importer's address, as printed"),
            ]
            let traders = reference.traders.map { "<option value=\"\(h($0.id))\">\(h($0.id)) — \(h($0.name))</option>" }
            fields.append(
                "<p><label for=\"p-exporter\">\(h(say("Exporter (registered)")))</label> <select id=\"p-exporter\" name=\"exporter\">\(traders.joined())</select></p>"
            )
        case .ea:
            fields += [
                field("ia", "Your IA it answers (NUMBER or AUTHORITY/NUMBER)"),
                field("exporter_name", "The foreign exporter's name, as printed"),
                field("exporter_address", "The foreign exporter's address, as printed"),
                field("override", "Exceeds the estimate or assessment? Why (the Board sees it)", required: false),
            ]
        }
        let lines = (0..<DocumentForm.lineSlots).map { index in
            """
            <p class="line"><label for="p-line-form-\(index)">\(h(say("Substance, salt or preparation"))) \(index + 1)</label>
            <input id="p-line-form-\(index)" name="line_form" list="catalogue"\(index == 0 ? " required" : "")>
            <label for="p-line-quantity-\(index)">\(h(say("Quantity (kg, g or mg)"))) \(index + 1)</label>
            <input id="p-line-quantity-\(index)" name="line_quantity" placeholder="2kg"></p>
            """
        }.joined()
        let catalogue = reference.substances.flatMap { substance in
            [substance.code] + substance.forms.map(\.code).filter { $0 != substance.code }
        }.map { "<option value=\"\(h($0))\">" }.joined()
        let body = """
            <p><a href="/paper/new?kind=ia">\(h(say("Record a paper import authorization")))</a> · <a href="/paper/new?kind=ea">\(h(say("Record a paper export authorization")))</a></p>
            \(problem.map { "<div class=\"problem\" role=\"alert\">\($0)</div>" } ?? "")
            <p>\(h(say("A document received on paper from a country not on the exchange, recorded with its scan so that its quantities count and the Board sees it.")))</p>
            <form method="post" action="/paper/new" enctype="multipart/form-data" id="paper-form">\(Page.csrf(session))
            <input type="hidden" name="kind" value="\(kind.rawValue)">
            <input type="hidden" name="request" value="\(h(form["request"] ?? LicitClient.makeRequestID()))">
            <datalist id="catalogue">\(catalogue)</datalist>
            \(fields.joined(separator: "\n"))
            <fieldset><legend>\(h(say("Substances, as printed")))</legend>\(lines)</fieldset>
            \(field("from", "First day", type: "date", required: false))\(field("to", "Last day", type: "date"))
            \(kind == .ia ? "<p><input id=\"p-single\" name=\"single\" type=\"checkbox\"> <label for=\"p-single\">\(h(say("A single consignment only")))</label></p>" : "")
            <p><label for="p-scan">\(h(say("The scan (PDF, PNG, JPEG or TIFF, up to 10 MB)")))</label> <input id="p-scan" name="scan" type="file" accept="application/pdf,image/png,image/jpeg,image/tiff" required></p>
            <p><button type="submit">\(h(say("Record")))</button></p>
            </form>
            """
        return Page(
            title: say(kind == .ia ? "Record a paper import authorization" : "Record a paper export authorization"),
            body: body
        )
    }
}
