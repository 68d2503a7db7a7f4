import Foundation
import Hummingbird
import LicitCLI
import LicitClient
import LicitWire

/// What a person may do with a document, from its page: issue an EA against a received IA, amend
/// an IA, issue a draft, record a short export, endorse an EA on arrival, cancel.
extension Console {
    func addDocumentActions(to router: Router<ConsoleContext>) {
        self.addPerLineAction(to: router, "endorse", field: "received") { client, name, base, requestID in
            _ = try await client.endorse(
                authority: name.authority,
                number: name.number,
                importedMilligrams: base,
                requestID: requestID
            )
        }
        self.addPerLineAction(to: router, "exported", field: "exported") { client, name, base, requestID in
            _ = try await client.recordExported(number: name.number, exportedMilligrams: base, requestID: requestID)
        }
        router.post("/documents/:authority/:number/cancel") { request, context in
            let name = try Self.documentName(context)
            return await self.action(request) { session, form, _ in
                guard let reason = form["reason"] else { throw ConsoleInputError("give the reason for cancelling") }
                _ = try await session.client.cancel(
                    number: name.number,
                    reason: reason,
                    authority: name.authority,
                    requestID: form["request"] ?? LicitClient.makeRequestID()
                )
                return Reply.redirect(DocumentLink.path(authority: name.authority, number: name.number))
            }
        }
        // A saved draft, issued by a signer: checked once more and confirmed, as a new IA is.
        router.post("/documents/:authority/:number/issue-draft") { request, context in
            let name = try Self.documentName(context)
            return await self.action(request) { session, form, say in
                let client = session.client
                let draft = try await client.document(authority: name.authority, number: name.number)
                guard let content = draft.importAuthorization, draft.state.status == "draft" else {
                    throw ConsoleInputError("\(name.authority)/\(name.number) is not a draft")
                }
                let path = DocumentLink.path(authority: name.authority, number: name.number)
                if form["step"] == "issue" {
                    _ = try await client.issueImportAuthorization(
                        draftNumber: name.number,
                        overrideJustification: form["override"] ?? "",
                        requestID: form["request"] ?? LicitClient.makeRequestID()
                    )
                    return Reply.redirect(path)
                }
                let preview = try await client.validateImportAuthorization(content)
                let body = """
                    <p role="alert">\(h(say("Check what will be issued. Once issued, it is sealed and sent to the other country.")))</p>
                    \(Preview.html(preview, say))
                    <form method="post" action="\(h(path))/issue-draft" id="confirm-form">\(Page.csrf(session))
                    <input type="hidden" name="request" value="\(LicitClient.makeRequestID())">
                    <p><label for="f-override">\(h(say("Exceeds the estimate or assessment? Why (the Board sees it)")))</label> <input id="f-override" name="override"></p>
                    <p class="buttons"><button type="submit" name="step" value="issue" id="confirm">\(h(say("Confirm and issue")))</button>
                    <a href="\(h(path))">\(h(say("Back")))</a></p>
                    </form>
                    """
                return await self.render(Page(title: say("Issue the draft"), body: body), session, say, path: path)
            }
        }
    }

    /// A form with one quantity per line of an EA (`received0`, `received1` …), each of the line's
    /// form or `base:…` as `licit endorse --received` and `licit ea record-exported` take them,
    /// written in base.
    private func addPerLineAction(
        to router: Router<ConsoleContext>,
        _ action: String,
        field: String,
        _ write:
            @escaping @Sendable (LicitClient, (authority: String, number: String), [Int64], String) async throws
            -> Void
    ) {
        router.post("/documents/:authority/:number/\(action)") { request, context in
            let name = try Self.documentName(context)
            return await self.action(request) { session, form, _ in
                let lines =
                    try await session.client.document(authority: name.authority, number: name.number)
                    .exportAuthorization?.lines ?? []
                let (base, _) = try LineQuantities.base(
                    try Self.lineQuantities(form, field, count: lines.count),
                    lines: lines
                )
                try await write(session.client, name, base, form["request"] ?? LicitClient.makeRequestID())
                return Reply.redirect(DocumentLink.path(authority: name.authority, number: name.number))
            }
        }
    }

    /// The quantities of a per-line form (`received0`, `received1` …), one per line.
    static func lineQuantities(_ form: Form, _ field: String, count: Int) throws -> [String] {
        try (0..<count).map { index in
            guard let text = form["\(field)\(index)"] else {
                throw ConsoleInputError("give the quantity of line \(index + 1) (0 if none)")
            }
            return text
        }
    }

    /// The forms for what this person may do with this document now.
    func actions(
        _ session: ConsoleSession,
        _ say: Tongue,
        _ document: Licit_V1_Document,
        facts: DocumentFacts
    ) -> String {
        guard session.mayWrite else { return "" }
        let me = session.account
        let path = DocumentLink.path(authority: document.authority, number: document.number)
        let status = document.state.status
        let mine = document.authority == me.authority
        var forms: [String] = []
        if let ia = document.importAuthorization {
            if ia.exportingCountry == me.country, ["issued", "partly_used"].contains(status) {
                forms.append(
                    "<p><a id=\"issue-ea\" href=\"/ea/new?ia=\(h(Form.escape("\(ia.authority)/\(ia.number)")))\">\(h(say("Issue an export authorization against it")))</a></p>"
                )
            }
            if mine, ["issued", "partly_used"].contains(status) {
                forms.append(
                    "<p><a id=\"amend\" href=\"/ia/new?amend=\(h(Form.escape(ia.number)))\">\(h(say("Amend: issue a new IA that supersedes it")))</a></p>"
                )
            }
            if mine, status == "draft", session.maySign {
                forms.append(
                    """
                    <form method="post" action="\(h(path))/issue-draft" class="action" id="issue-draft">\(Page.csrf(session))
                    <p><button type="submit" name="step" value="review">\(h(say("Issue this draft…")))</button></p></form>
                    """
                )
            }
        }
        if let ea = document.exportAuthorization, status == "issued" {
            if ea.importingCountry == me.country {
                forms.append(
                    Self.perLineForm(
                        session,
                        say,
                        facts,
                        action: "\(path)/endorse",
                        id: "endorse",
                        field: "received",
                        heading: "Endorse: the quantities actually imported",
                        button: "Endorse"
                    )
                )
            }
            if mine {
                forms.append(
                    Self.perLineForm(
                        session,
                        say,
                        facts,
                        action: "\(path)/exported",
                        id: "exported",
                        field: "exported",
                        heading: "Record the quantity actually exported (a short export)",
                        button: "Record"
                    )
                )
            }
        }
        if mine, !["cancelled", "superseded", "expired", "endorsed", "used"].contains(status) {
            forms.append(
                """
                <form method="post" action="\(h(path))/cancel" class="action" id="cancel">
                <h2>\(h(say("Cancel")))</h2>
                \(Page.csrf(session))<input type="hidden" name="request" value="\(LicitClient.makeRequestID())">
                <p><label for="reason">\(h(say("Reason")))</label> <input id="reason" name="reason" required></p>
                <p><button type="submit">\(h(say("Cancel this document")))</button></p>
                </form>
                """
            )
        }
        return forms.joined(separator: "\n")
    }

    /// A form with one quantity per line (of the line's form, or base:…), filled with what was authorized.
    private static func perLineForm(
        _ session: ConsoleSession,
        _ say: Tongue,
        _ facts: DocumentFacts,
        action: String,
        id: String,
        field: String,
        heading: String,
        button: String
    ) -> String {
        let inputs = facts.lines.enumerated().map { index, line in
            """
            <p><label for="\(field)\(index)">\(h(say("Line"))) \(index + 1): \(h(line.form)) (\(h(say("of the form, e.g. 7.5kg; or base:7.5kg"))))</label>
            <input id="\(field)\(index)" name="\(field)\(index)" required value="\(h(QuantityInput.format(line.traded).replacingOccurrences(of: " ", with: "")))"></p>
            """
        }.joined()
        return """
            <form method="post" action="\(h(action))" class="action" id="\(id)">
            <h2>\(h(say(heading)))</h2>
            \(Page.csrf(session))<input type="hidden" name="request" value="\(LicitClient.makeRequestID())">
            \(inputs)
            <p><button type="submit">\(h(say(button)))</button></p>
            </form>
            """
    }
}
