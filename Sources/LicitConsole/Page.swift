import HTTPTypes
import Hummingbird
import LicitCLI
import NIOCore

/// One page of the console: rendered on the server, every field labelled, usable by keyboard alone;
/// a small script only where a page updates live.
struct Page {
    var title: String
    var body: String
    /// Loads the script that keeps the page live (the inbox, a training run, the forms' check).
    var live = false
    /// Shown above the content: the training prompt.
    var aside: String?
    /// The console serves a sandbox, where trainees play scenarios.
    var offersTraining = false

    func render(_ session: ConsoleSession?, _ say: Tongue, path: String) -> String {
        let navigation = session.map { Self.navigation($0, say, path: path, training: self.offersTraining) } ?? ""
        let languages = PrintLanguage.allCases.map { language in
            let current = language == say.language ? " aria-current=\"true\"" : ""
            return "<a href=\"/lang?to=\(language.rawValue)&amp;back=\(h(Form.escape(path)))\""
                + " lang=\"\(language.rawValue)\"\(current)>\(language.rawValue.uppercased())</a>"
        }.joined(separator: " ")
        let who =
            session.map { session in
                """
                <p class="who">\(h(session.account.name)) · \(h(session.account.authority.isEmpty ? say("Board") : session.account.authority)) · \(h(say(session.account.role)))</p>
                <form method="post" action="/signout" class="inline">\(Self.csrf(session))<button type="submit">\(h(say("Sign out")))</button></form>
                """
            } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="\(say.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(h(self.title)) — Licit</title>
            <link rel="stylesheet" href="/assets/console.css">
            <link rel="icon" href="data:,">
            </head>
            <body>
            <a class="skip" href="#main">\(h(say("Skip to content")))</a>
            <header>
            <p class="brand">Licit</p>
            \(navigation)
            <nav aria-label="\(h(say("Language")))" class="languages">\(languages)</nav>
            \(who)
            </header>
            \(self.aside ?? "")
            <main id="main" tabindex="-1">
            <h1>\(h(self.title))</h1>
            \(self.body)
            </main>
            \(self.live ? "<script src=\"/assets/console.js\" defer></script>" : "")
            </body>
            </html>

            """
    }

    static func navigation(_ session: ConsoleSession, _ say: Tongue, path: String, training: Bool) -> String {
        var links: [(String, String)] = [("/inbox", "Inbox"), ("/documents", "Documents")]
        if session.mayWrite {
            links += [
                ("/ia/new", "New import authorization"), ("/ea/new", "New export authorization"),
                ("/paper/new", "Paper documents"),
            ]
        }
        if session.isBoard { links += [("/board", "Trade flows"), ("/board/estimates", "Estimates and use")] }
        if session.isCountryAdmin || session.account.role == "board_admin" {
            links.append(("/admin/accounts", "Accounts"))
        }
        links.append(("/verify", "Verify a print"))
        if training { links.append(("/training", "Training")) }
        let items = links.map { href, label in
            let current = path == href ? " aria-current=\"page\"" : ""
            return "<li><a href=\"\(href)\"\(current)>\(h(say(label)))</a></li>"
        }
        return "<nav aria-label=\"\(h(say("Main")))\"><ul>\(items.joined())</ul></nav>"
    }

    /// The hidden field every form of a session carries.
    static func csrf(_ session: ConsoleSession) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(session.csrfToken)\">"
    }
}

/// Escapes text for HTML content and attribute values.
func h(_ text: some StringProtocol) -> String {
    HTMLPrint.escape(String(text))
}

/// Responses with the console's security headers.
enum Reply {
    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy:
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        .xContentTypeOptions: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
        .cacheControl: "no-store",
        HTTPField.Name("X-Frame-Options")!: "DENY",
    ]

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Self.body(text, contentType: "text/html; charset=utf-8", status: status)
    }

    static func body(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = Self.securityHeaders
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// 303 to `location`, as after every successful form.
    static func redirect(_ location: String) -> Response {
        var response = Response.redirect(to: location, type: .normal)
        for field in Self.securityHeaders { response.headers.append(field) }
        return response
    }
}
