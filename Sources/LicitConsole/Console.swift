import Foundation
import Hummingbird
import LicitCLI
import LicitClient
import Logging

/// The console's routes share this: the setup, the sessions, and how a request becomes a page.
struct Console: Sendable {
    let setup: ConsoleSetup
    let sessions: SessionStore
    /// Training scenarios, on a sandbox.
    let training: TrainingRoom?
    let logger: Logger

    static let sessionCookie = "licit_session"

    /// The language a request asks for: its cookie, else the browser's first of en/fr/es, else English.
    func tongue(_ request: Request) -> Tongue {
        if let chosen = request.cookies[Tongue.cookie].flatMap({ PrintLanguage(rawValue: $0.value) }) {
            return Tongue(language: chosen)
        }
        let accepted = request.headers[.acceptLanguage] ?? ""
        for part in accepted.split(separator: ",") {
            let code = part.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).prefix(2).lowercased()
            if let language = PrintLanguage(rawValue: code) { return Tongue(language: language) }
        }
        return Tongue(language: .en)
    }

    func session(_ request: Request) async -> ConsoleSession? {
        await self.sessions.session(request.cookies[Self.sessionCookie]?.value)
    }

    /// A page for a signed-in person; others are sent to sign in. What the exchange refuses is shown
    /// on the page, its reason in the person's language.
    func page(
        _ request: Request,
        _ body: @Sendable (ConsoleSession, Tongue) async throws -> Page
    ) async -> Response {
        let say = self.tongue(request)
        guard let session = await self.session(request) else { return Reply.redirect("/signin") }
        do {
            let page = try await body(session, say)
            return await self.render(page, session, say, path: request.uri.path)
        } catch {
            return await self.failure(error, session: session, say: say, path: request.uri.path)
        }
    }

    /// A page as the signed-in person sees it: with the training prompt above it while they train.
    func render(
        _ page: Page,
        _ session: ConsoleSession,
        _ say: Tongue,
        path: String,
        status: HTTPResponse.Status = .ok
    ) async -> Response {
        var page = page
        page.aside = await self.trainingAside(session, say)
        page.offersTraining = self.training != nil
        return Reply.html(page.render(session, say, path: path), status: status)
    }

    /// A form's POST: checked against the session's CSRF token before anything is done.
    func action(
        _ request: Request,
        _ body: @Sendable (ConsoleSession, Form, Tongue) async throws -> Response
    ) async -> Response {
        let say = self.tongue(request)
        guard let session = await self.session(request) else { return Reply.redirect("/signin") }
        do {
            let form = try await Form.read(request)
            guard Token.matches(form["csrf"], session.csrfToken) else {
                let page = Page(
                    title: say("This form has expired"),
                    body: "<p>\(h(say("Nothing was done. Go back, reload the page and submit again.")))</p>"
                )
                return await self.render(page, session, say, path: request.uri.path, status: .forbidden)
            }
            return try await body(session, form, say)
        } catch {
            return await self.failure(error, session: session, say: say, path: request.uri.path)
        }
    }

    /// What went wrong, as a page: the exchange's refusal with its reason, or why it could not be
    /// reached.
    func failure(_ error: any Error, session: ConsoleSession, say: Tongue, path: String) async -> Response {
        let (status, body) = Self.explain(error, say)
        return await self.render(
            Page(title: say("The exchange did not do this"), body: body),
            session,
            say,
            path: path,
            status: status
        )
    }

    static func explain(_ error: any Error, _ say: Tongue) -> (HTTPResponse.Status, String) {
        if let error = error as? LicitClientError {
            if let status = error.status {
                let reason = say.reason(status.reason).map { " — \(h($0))" } ?? ""
                let details = status.details.sorted { $0.key < $1.key }.map {
                    "<li>\(h($0.key)): \(h($0.value))</li>"
                }.joined()
                return (
                    status.code == .notFound ? .notFound : .unprocessableContent,
                    "<p class=\"problem\" role=\"alert\"><strong>\(h(status.reason))</strong>\(reason): \(h(status.message))</p>"
                        + (details.isEmpty ? "" : "<ul>\(details)</ul>")
                )
            }
            let retry =
                error.code == .indeterminate
                ? say(
                    "The exchange may or may not have done it: look at the document or the inbox before trying again."
                )
                : say("Try again in a moment; if it persists, tell the exchange's operator.")
            return (.badGateway, "<p class=\"problem\" role=\"alert\">\(h(error.message))</p><p>\(h(retry))</p>")
        }
        if let error = error as? CLIError {
            return (
                .badRequest,
                "<p class=\"problem\" role=\"alert\">\(h(error.message))</p>"
                    + (error.hint.map { "<p>\(h($0))</p>" } ?? "")
            )
        }
        if let error = error as? ConsoleInputError {
            return (.badRequest, "<p class=\"problem\" role=\"alert\">\(h(error.message))</p>")
        }
        return (.internalServerError, "<p class=\"problem\" role=\"alert\">\(h(String(describing: error)))</p>")
    }
}

extension Console {
    /// A websocket message: one JSON object, keys sorted.
    static func json(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// Something typed into a form that cannot be sent as it is.
struct ConsoleInputError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
