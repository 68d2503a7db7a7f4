import Foundation
import Hummingbird
import LicitCLI

/// Signing in and out, and the language choice.
extension Console {
    static let signInCookie = "licit_signin"

    func addSignInRoutes(to router: Router<ConsoleContext>) {
        router.get("/") { request, _ in
            await self.session(request) == nil ? Reply.redirect("/signin") : Reply.redirect("/inbox")
        }
        router.get("/signin") { request, context in await self.signInPage(request, context) }
        router.post("/signin") { request, context in await self.signIn(request, context) }
        router.post("/signout") { request, _ in
            await self.action(request) { session, _, _ in
                await self.sessions.end(session.id)
                var response = Reply.redirect("/signin")
                response.setCookie(Self.cookie(Self.sessionCookie, "", maxAge: 0))
                return response
            }
        }
        router.get("/lang") { request, _ in
            let query = Form.query(request)
            let back = query["back"].flatMap(Self.localPath) ?? "/"
            var response = Reply.redirect(back)
            if let language = query["to"].flatMap(PrintLanguage.init(rawValue:)) {
                response.setCookie(Self.cookie(Tongue.cookie, language.rawValue, maxAge: 365 * 86400, httpOnly: false))
            }
            return response
        }
    }

    /// The sign-in form: a choice of the sandbox's accounts, or the certificate the browser presented.
    /// - Parameter problem: why the last sign-in failed, as HTML.
    private func signInPage(_ request: Request, _ context: ConsoleContext, problem: String? = nil) async -> Response {
        let say = self.tongue(request)
        let token = Token.make()
        var body = problem.map { "<div class=\"problem\" role=\"alert\">\($0)</div>" } ?? ""
        switch self.setup.signIn {
        case .chooseAccount:
            let countries = Dictionary(grouping: self.setup.identities, by: \.group)
            let groups = countries.keys.sorted().map { country in
                let options = countries[country]!.map { identity in
                    "<option value=\"\(h(identity.name))\">\(h(identity.name)) (\(h(identity.label)))</option>"
                }.joined()
                return "<optgroup label=\"\(h(country))\">\(options)</optgroup>"
            }.joined()
            body += """
                <p>\(h(say("This is a training sandbox: choose the account to act as. Everything you do is done on the sandbox's exchange with that account's certificate.")))</p>
                <form method="post" action="/signin">
                <input type="hidden" name="token" value="\(token)">
                <p><label for="account">\(h(say("Account")))</label>
                <select id="account" name="account" required>\(groups)</select></p>
                <p><button type="submit">\(h(say("Sign in")))</button></p>
                </form>
                """
        case .clientCertificate:
            let fingerprint = await context.clientCertificateFingerprint()
            let identity = fingerprint.flatMap(self.setup.identity(withFingerprint:))
            body += """
                <p>\(h(say("You sign in with the certificate your browser presented.")))</p>
                <p>\(h(say("Certificate"))): <code>\(h(fingerprint ?? say("none")))</code></p>
                """
            if identity != nil {
                body += """
                    <form method="post" action="/signin">
                    <input type="hidden" name="token" value="\(token)">
                    <p><button type="submit">\(h(say("Sign in")))</button></p>
                    </form>
                    """
            } else {
                body +=
                    "<p class=\"problem\">\(h(say("This console was given no identity with this certificate: ask your country admin.")))</p>"
            }
        }
        var response = Reply.html(Page(title: say("Sign in"), body: body).render(nil, say, path: "/signin"))
        response.setCookie(Self.cookie(Self.signInCookie, token, maxAge: 600))
        return response
    }

    private func signIn(_ request: Request, _ context: ConsoleContext) async -> Response {
        let say = self.tongue(request)
        guard let form = try? await Form.read(request),
            let cookie = request.cookies[Self.signInCookie]?.value, Token.matches(form["token"], cookie)
        else {
            return await self.signInPage(request, context, problem: h(say("The sign-in form had expired: try again.")))
        }
        let identity: ConsoleSetup.Identity?
        switch self.setup.signIn {
        case .chooseAccount: identity = form["account"].flatMap(self.setup.identity(named:))
        case .clientCertificate:
            identity = await context.clientCertificateFingerprint().flatMap(self.setup.identity(withFingerprint:))
        }
        guard let identity else {
            return await self.signInPage(request, context, problem: h(say("No such account.")))
        }
        do {
            let session = try await self.sessions.signIn(identity, setup: self.setup)
            var response = Reply.redirect(session.isBoard ? "/board" : "/inbox")
            response.setCookie(Self.cookie(Self.sessionCookie, session.id))
            response.setCookie(Self.cookie(Self.signInCookie, "", maxAge: 0))
            return response
        } catch {
            let (_, explanation) = Self.explain(error, say)
            return await self.signInPage(
                request,
                context,
                problem: "<p>\(h(say("The exchange did not let this account in:")))</p>" + explanation
            )
        }
    }

    /// `path` when it is a path on this console, never another site (`//host`, `/\\host`).
    static func localPath(_ path: String) -> String? {
        guard path.hasPrefix("/"), !path.dropFirst().hasPrefix("/"), !path.contains("\\"),
            !path.contains(where: { $0.isNewline })
        else { return nil }
        return path
    }

    /// Secure, HttpOnly (unless a script must read it), SameSite=Strict: a session cannot be ridden
    /// from another site.
    static func cookie(_ name: String, _ value: String, maxAge: Int? = nil, httpOnly: Bool = true) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: true, httpOnly: httpOnly, sameSite: .strict)
    }
}
