import Foundation
import Hummingbird
import LicitCLI
import LicitClient
import LicitWire

/// The IA and EA forms. A form is checked by the exchange (as `licit ia validate` does: base
/// quantities, the balance after, every problem) while one types and on "Check"; "Issue" shows the
/// check once more and asks for confirmation; only then is the document issued.
extension Console {
    /// The steps of a form: check it, review before issuing, issue, or save a draft (officers).
    enum Step: String {
        case edit, check, review, issue, draft
    }

    func addIssueRoutes(to router: Router<ConsoleContext>) {
        for kind in DocumentForm.Kind.allCases {
            router.get("/\(kind.rawValue)/new") { request, _ in
                await self.page(request) { session, say in
                    var form = Form.query(request)
                    if kind == .ia, let superseded = form["amend"] {
                        form = try await DocumentForm.amending(superseded, session.client)
                    } else if kind == .ea, let cited = form["ia"] {
                        form = try await DocumentForm.answering(cited, session.client)
                    }
                    return try await self.formPage(kind, session, say, form, step: .edit)
                }
            }
            router.post("/\(kind.rawValue)/new") { request, _ in
                await self.action(request) { session, form, say in
                    try await self.submit(kind, request: request, session: session, form: form, say: say)
                }
            }
            // The live check while one types: the preview alone, as an HTML fragment.
            router.post("/\(kind.rawValue)/preview") { request, _ in
                await self.action(request) { session, form, say in
                    let fragment: String
                    do {
                        let preview = try await DocumentForm(kind, form).validate(session)
                        fragment = Preview.html(preview, say)
                    } catch {
                        fragment = Self.explain(error, say).1
                    }
                    return Reply.body(fragment, contentType: "text/html; charset=utf-8")
                }
            }
        }
    }

    private func submit(
        _ kind: DocumentForm.Kind,
        request: Request,
        session: ConsoleSession,
        form: Form,
        say: Tongue
    ) async throws -> Response {
        let step = form["step"].flatMap(Step.init(rawValue:)) ?? .check
        let path = request.uri.path
        let document = DocumentForm(kind, form)
        switch step {
        case .edit, .check, .review:
            let page = try await self.formPage(kind, session, say, form, step: step)
            return await self.render(page, session, say, path: path)
        case .issue, .draft:
            guard step == .draft ? session.mayWrite : session.maySign else {
                throw ConsoleInputError(say("Your role may not do this: signers issue, officers save drafts."))
            }
            let issued = try await document.submit(session, draft: step == .draft)
            return Reply.redirect(DocumentLink.path(authority: issued.authority, number: issued.number))
        }
    }

    /// The form, with the exchange's check of it when asked; on review, the confirmation instead.
    private func formPage(
        _ kind: DocumentForm.Kind,
        _ session: ConsoleSession,
        _ say: Tongue,
        _ form: Form,
        step: Step
    ) async throws -> Page {
        let reference = try await session.reference()
        let document = DocumentForm(kind, form)
        var preview = ""
        if step == .check || step == .review {
            do {
                let checked = try await document.validate(session)
                if step == .review, checked.problems.allSatisfy({ document.overrides($0.reason) }) {
                    return Page(
                        title: say(kind.title),
                        body: Self.confirmation(kind, session, say, form, checked)
                    )
                }
                preview = Preview.html(checked, say)
            } catch {
                preview = Self.explain(error, say).1
            }
        }
        let body = """
            <form method="post" action="/\(kind.rawValue)/new" id="document-form" data-preview="/\(kind.rawValue)/preview">
            \(Page.csrf(session))
            <input type="hidden" name="request" value="\(h(form["request"] ?? LicitClient.makeRequestID()))">
            \(form["supersedes"].map { "<input type=\"hidden\" name=\"supersedes\" value=\"\(h($0))\"><p>\(h(say("Amending"))) \(h($0)): \(h(say("give the new IA a new number; it supersedes the old one.")))</p>" } ?? "")
            \(document.fields(reference, say))
            <section id="preview" aria-live="polite" aria-label="\(h(say("The exchange's check")))">\(preview)</section>
            <p class="buttons">
            <button type="submit" name="step" value="check">\(h(say("Check")))</button>
            \(session.maySign ? "<button type=\"submit\" name=\"step\" value=\"review\">\(h(say("Issue…")))</button>" : "")
            \(kind == .ia && session.account.role == "officer" ? "<button type=\"submit\" name=\"step\" value=\"draft\">\(h(say("Save as draft")))</button>" : "")
            </p>
            </form>
            """
        return Page(title: say(kind.title), body: body, live: true)
    }

    /// The check once more, every field carried over unchanged, and one button that issues.
    private static func confirmation(
        _ kind: DocumentForm.Kind,
        _ session: ConsoleSession,
        _ say: Tongue,
        _ form: Form,
        _ checked: Licit_V1_ValidationResponse
    ) -> String {
        let carried = form.fields.filter { !["csrf", "step"].contains($0.key) }.sorted { $0.key < $1.key }
            .flatMap { name, values in
                values.map { "<input type=\"hidden\" name=\"\(h(name))\" value=\"\(h($0))\">" }
            }.joined(separator: "\n")
        return """
            <p role="alert">\(h(say("Check what will be issued. Once issued, it is sealed and sent to the other country.")))</p>
            \(Preview.html(checked, say))
            <form method="post" action="/\(kind.rawValue)/new" id="confirm-form">
            \(Page.csrf(session))
            \(carried)
            <p class="buttons">
            <button type="submit" name="step" value="issue" id="confirm">\(h(say("Confirm and issue")))</button>
            <button type="submit" name="step" value="edit">\(h(say("Back to the form")))</button>
            </p>
            </form>
            """
    }
}

/// What the exchange's check says: each line's base quantity, the balances after, every problem.
enum Preview {
    static func html(_ preview: Licit_V1_ValidationResponse, _ say: Tongue) -> String {
        var parts: [String] = []
        if let facts = try? DocumentFacts(kind: preview.document.kind, content: preview.document.content) {
            let lines = facts.lines.enumerated().map { index, line in
                "<li>\(index + 1). \(h(line.form)) \(h(QuantityInput.format(line.traded))) → "
                    + "<strong class=\"base\">\(h(QuantityInput.format(line.base)))</strong> \(h(say("of"))) \(h(line.substance)) \(h(say("base")))</li>"
            }
            parts.append("<h2>\(h(say("Base quantities")))</h2><ul id=\"base-quantities\">\(lines.joined())</ul>")
        }
        if !preview.balancesAfter.isEmpty {
            let rows = preview.balancesAfter.map { balance in
                "<tr><td>\(h(balance.country))</td><td>\(h(balance.substance))</td><td>\(balance.year)</td>"
                    + "<td class=\"n\">\(balance.limited ? h(QuantityInput.format(balance.limitMg)) : "—")</td>"
                    + "<td class=\"n\">\(h(QuantityInput.format(balance.importedMg)))</td>"
                    + "<td class=\"n\">\(h(QuantityInput.format(balance.authorizedNotUsedMg)))</td>"
                    + "<td class=\"n\">\(balance.limited ? h(QuantityInput.format(balance.remainingMg)) : "—")</td></tr>"
            }
            let header = ["country", "substance", "year", "limit", "imported", "authorized, not used", "remaining"]
            parts.append(
                "<table id=\"balances-after\"><caption>\(h(say("Balances after")))</caption><thead><tr>"
                    + header.map { "<th scope=\"col\">\(h(say($0)))</th>" }.joined() + "</tr></thead><tbody>"
                    + rows.joined() + "</tbody></table>"
            )
        }
        if preview.problems.isEmpty {
            parts.append("<p class=\"ok\" id=\"accepted\">\(h(say("The exchange would accept it.")))</p>")
        } else {
            let items = preview.problems.map { problem in
                let described = say.reason(problem.reason).map { " — \(h($0))" } ?? ""
                return "<li><strong>\(h(problem.reason))</strong>\(described): \(h(problem.message))</li>"
            }
            parts.append(
                "<div class=\"problem\" role=\"alert\"><h2>\(h(say("Problems")))</h2><ul id=\"problems\">\(items.joined())</ul></div>"
            )
        }
        return parts.joined(separator: "\n")
    }
}
