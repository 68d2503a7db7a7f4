import AsyncHTTPClient
import Crypto
import Foundation
import LicitClient
import LicitConsole
import LicitDaemon
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import Testing
import X509

/// The console over plain HTTPS, without a browser: sign-in, sessions, CSRF, the websocket's
/// origin check, the security headers, and sign-in by client certificate.
@Suite("licit-console over HTTPS", .serialized)
struct ConsoleHTTPTests {
    @Test("pages need a session; the session cookie is Secure, HttpOnly and SameSite=Strict; every page has the CSP")
    func sessions() async throws {
        let console = try await ConsoleHarness.start()
        defer { console.stop() }
        let browser = Visitor(console.url)
        defer { browser.close() }

        let anonymous = try await browser.get("/inbox")
        #expect(anonymous.status == 303 && anonymous.location == "/signin")

        let signIn = try await browser.get("/signin")
        #expect(signIn.status == 200)
        #expect(signIn.headers["content-security-policy"].first?.contains("default-src 'self'") == true)
        #expect(signIn.headers["x-frame-options"].first == "DENY")

        let session = try await browser.signIn("fr-signer")
        let cookie = try #require(session.headers["set-cookie"].first { $0.hasPrefix("licit_session=") })
        for attribute in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"] {
            #expect(cookie.contains(attribute), "\(cookie)")
        }
        let inbox = try await browser.get("/inbox")
        #expect(inbox.status == 200 && inbox.body.contains("fr-signer · FR-ANSM"))

        let signOut = try await browser.post("/signout", ["csrf": try browser.csrf(from: inbox.body)])
        #expect(signOut.status == 303 && signOut.location == "/signin")
        #expect(try await browser.get("/inbox").location == "/signin")
    }

    @Test("a form without the session's CSRF token does nothing; a sign-in without its token signs nobody in")
    func forgedForms() async throws {
        let console = try await ConsoleHarness.start()
        defer { console.stop() }
        let browser = Visitor(console.url)
        defer { browser.close() }

        // A sign-in posted from elsewhere carries no token matching the sign-in cookie.
        let forged = try await browser.post("/signin", ["account": "fr-signer", "token": "0123"])
        #expect(forged.status == 200 && forged.body.contains("expired"))
        #expect(!forged.headers["set-cookie"].contains { $0.hasPrefix("licit_session=") && !$0.contains("Max-Age=0") })

        _ = try await browser.signIn("fr-signer")
        let number = "IA-FORGED-\(UUID().uuidString.prefix(6))"
        let fields = [
            "number": number, "exporting_country": "IN", "importer": "FR-ANSM-T1", "exporter_name": "X",
            "exporter_address": "Y", "line_form": "MORPHINE", "line_quantity": "1kg", "step": "issue",
        ]
        let refused = try await browser.post("/ia/new", fields.merging(["csrf": "not-the-token"]) { $1 })
        #expect(refused.status == 403)
        let page = try await browser.get("/documents/FR-ANSM/\(number)")
        #expect(page.status == 404, "nothing was issued")

        // With the token, the same form issues.
        let form = try await browser.get("/ia/new")
        let issued = try await browser.post(
            "/ia/new",
            fields.merging(["csrf": try browser.csrf(from: form.body)]) { $1 }
        )
        #expect(issued.status == 303 && issued.location == "/documents/FR-ANSM/\(number)")
    }

    @Test("the live inbox's websocket opens only for the console's own pages and a live session")
    func websocketOrigin() async throws {
        let console = try await ConsoleHarness.start()
        defer { console.stop() }
        let browser = Visitor(console.url)
        defer { browser.close() }
        _ = try await browser.signIn("fr-signer")
        let host = "127.0.0.1:\(console.port)"
        let upgrade = [
            "Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        ]
        let foreign = try await browser.get(
            "/live",
            headers: upgrade.merging(["Origin": "https://evil.example"]) { $1 }
        )
        #expect(foreign.status != 101)
        let own = try await browser.get("/live", headers: upgrade.merging(["Origin": "https://\(host)"]) { $1 })
        #expect(own.status == 101)
    }

    @Test(
        "a country admin enrols an account from its certificate request and revokes it; a new country admin awaits the Board's approval"
    )
    func accounts() async throws {
        let console = try await ConsoleHarness.start()
        defer { console.stop() }
        let admin = Visitor(console.url)
        defer { admin.close() }
        try await admin.signIn("fr-admin")
        let page = try await admin.get("/admin/accounts")
        #expect(page.status == 200 && page.body.contains("data-account=\"fr-signer\""))

        // The key is made here, as on the new officer's own machine: only the request is pasted.
        let name = "fr-web-\(UUID().uuidString.prefix(6).lowercased())"
        let enrolled = try await admin.post(
            "/admin/enroll",
            [
                "csrf": try admin.csrf(from: page.body), "name": name, "role": "officer", "authority": "FR-ANSM",
                "csr": try Self.certificateRequest(name),
            ]
        )
        #expect(enrolled.status == 200 && enrolled.body.contains("id=\"enrolled\""), "\(enrolled.body)")
        #expect(enrolled.body.contains("BEGIN CERTIFICATE"))
        #expect(enrolled.body.contains("data-account=\"\(name)\""))

        let row = try #require(Self.row(name, in: enrolled.body))
        let rowFingerprint = try #require(row.firstMatch(of: /name="fingerprint" value="([0-9a-f]{64})"/)?.1)
        let revoked = try await admin.post(
            "/admin/revoke",
            [
                "csrf": try admin.csrf(from: enrolled.body), "fingerprint": String(rowFingerprint),
                "reason": "left the CNA",
            ]
        )
        #expect(revoked.status == 303)
        let after = try await admin.get("/admin/accounts")
        #expect(Self.row(name, in: after.body)?.contains("revoked") == true)

        // A new country admin waits for the Board.
        let chief = "fr-chief-\(UUID().uuidString.prefix(6).lowercased())"
        let pending = try await admin.post(
            "/admin/enroll",
            [
                "csrf": try admin.csrf(from: after.body), "name": chief, "role": "country_admin",
                "authority": "FR-ANSM",
                "csr": try Self.certificateRequest(chief),
            ]
        )
        #expect(Self.row(chief, in: pending.body)?.contains("awaiting the Board") == true, "\(pending.body)")
        let board = Visitor(console.url)
        defer { board.close() }
        try await board.signIn("board-admin")
        let boardPage = try await board.get("/admin/accounts")
        let approved = try await board.post(
            "/admin/approve",
            ["csrf": try board.csrf(from: boardPage.body), "name": chief, "decision": "approve"]
        )
        #expect(approved.status == 303)
        #expect(Self.row(chief, in: try await board.get("/admin/accounts").body)?.contains("active") == true)
    }

    /// A PKCS #10 request for a new P-256 key, PEM, as `licit admin enroll` or openssl makes one.
    static func certificateRequest(_ name: String) throws -> String {
        let key = P256.Signing.PrivateKey()
        let request = try CertificateSigningRequest(
            version: .v1,
            subject: try DistinguishedName { CommonName(name) },
            privateKey: .init(key),
            attributes: CertificateSigningRequest.Attributes(),
            signatureAlgorithm: .ecdsaWithSHA256
        )
        return try request.serializeAsPEM().pemString
    }

    /// The accounts table's row of `name`.
    static func row(_ name: String, in page: String, attribute: String = "data-account") -> String? {
        guard let start = page.range(of: "<tr \(attribute)=\"\(name)\">"),
            let end = page.range(of: "</tr>", range: start.upperBound..<page.endIndex)
        else { return nil }
        return String(page[start.lowerBound..<end.upperBound])
    }

    @Test("an officer's draft issued by a signer, an amendment that supersedes, a short export recorded")
    func documentActions() async throws {
        let console = try await ConsoleHarness.start()
        defer { console.stop() }
        let officer = Visitor(console.url)
        let signer = Visitor(console.url)
        let exporter = Visitor(console.url)
        defer { [officer, signer, exporter].forEach { $0.close() } }
        try await officer.signIn("fr-officer")
        try await signer.signIn("fr-signer")
        try await exporter.signIn("in-signer")
        let tag = UUID().uuidString.prefix(6)
        let ia = [
            "exporting_country": "IN", "importer": "FR-ANSM-T1", "exporter_name": "Ganges Alkaloids Ltd",
            "exporter_address": "Ghazipur", "line_form": "MORPHINE", "line_quantity": "10kg",
        ]

        // The officer drafts; the signer reviews the draft and issues it.
        let form = try await officer.get("/ia/new")
        let drafted = try await officer.post(
            "/ia/new",
            ia.merging(["csrf": try officer.csrf(from: form.body), "number": "IA-D-\(tag)", "step": "draft"]) { $1 }
        )
        #expect(drafted.status == 303, "\(drafted.body)")
        let draft = try await signer.get("/documents/FR-ANSM/IA-D-\(tag)")
        #expect(draft.body.contains("id=\"issue-draft\""))
        let review = try await signer.post(
            "/documents/FR-ANSM/IA-D-\(tag)/issue-draft",
            ["csrf": try signer.csrf(from: draft.body), "step": "review"]
        )
        #expect(review.body.contains("id=\"accepted\"") && review.body.contains("id=\"confirm\""))
        let issued = try await signer.post(
            "/documents/FR-ANSM/IA-D-\(tag)/issue-draft",
            ["csrf": try signer.csrf(from: review.body), "step": "issue"]
        )
        #expect(issued.status == 303)
        #expect(
            try await signer.get("/documents/FR-ANSM/IA-D-\(tag)").body.contains(
                "<strong id=\"status\">issued</strong>"
            )
        )

        // The amendment form is the old IA's values; a new number supersedes it.
        let amendForm = try await signer.get("/ia/new?amend=IA-D-\(tag)")
        #expect(amendForm.body.contains("name=\"supersedes\" value=\"IA-D-\(tag)\""))
        #expect(amendForm.body.contains("value=\"Ganges Alkaloids Ltd\""))
        var amended = ia.merging(["csrf": try signer.csrf(from: amendForm.body), "number": "IA-A-\(tag)"]) { $1 }
        amended["supersedes"] = "IA-D-\(tag)"
        amended["line_quantity"] = "12kg"
        amended["step"] = "issue"
        let answer = try await signer.post("/ia/new", amended)
        #expect(answer.status == 303 && answer.location == "/documents/FR-ANSM/IA-A-\(tag)", "\(answer.body)")
        let old = try await signer.get("/documents/FR-ANSM/IA-D-\(tag)")
        #expect(old.body.contains("<strong id=\"status\">superseded</strong>"))

        // India exports less than authorized and records it.
        let eaForm = try await exporter.get("/ea/new?ia=FR-ANSM%2FIA-A-\(tag)")
        #expect(eaForm.body.contains("value=\"FR-ANSM/IA-A-\(tag)\""))
        let ea = try await exporter.post(
            "/ea/new",
            [
                "csrf": try exporter.csrf(from: eaForm.body), "number": "EA-S-\(tag)", "ia": "FR-ANSM/IA-A-\(tag)",
                "line_form": "MORPHINE", "line_quantity": "5kg", "step": "issue",
            ]
        )
        #expect(ea.status == 303, "\(ea.body)")
        let eaPage = try await exporter.get("/documents/IN-NCB/EA-S-\(tag)")
        let short = try await exporter.post(
            "/documents/IN-NCB/EA-S-\(tag)/exported",
            ["csrf": try exporter.csrf(from: eaPage.body), "exported0": "4kg"]
        )
        #expect(short.status == 303, "\(short.body)")
        let recorded = try await exporter.get("/documents/IN-NCB/EA-S-\(tag)")
        #expect(recorded.body.contains("<td class=\"n exported\">4 kg</td>"), "\(recorded.body)")
    }

    @Test("the Board decides a supplementary estimate request; returns, paper partners and trade over time are shown")
    func boardDecisions() async throws {
        let console = try await ConsoleHarness.start()
        defer { console.stop() }
        let sandbox = try LicitSandbox.read(sandbox: console.root)
        let asked = try await withLicitClient(try sandbox.configuration(for: try sandbox.account("fr-signer"))) {
            try await $0.requestSupplementaryEstimate(
                substance: "MORPHINE",
                milligrams: 5_000_000,
                justification: "a new hospital"
            )
        }
        let board = Visitor(console.url)
        defer { board.close() }
        try await board.signIn("board-admin")
        let requests = try await board.get("/board/requests")
        #expect(requests.body.contains("data-request=\"\(asked.id)\""))
        let decided = try await board.post(
            "/board/requests/decide",
            ["csrf": try board.csrf(from: requests.body), "id": asked.id, "confirmed": "5kg"]
        )
        #expect(decided.status == 303, "\(decided.body)")
        let after = try await board.get("/board/requests")
        let row = try #require(Self.row(asked.id, in: after.body, attribute: "data-request"))
        #expect(row.contains("confirmed") && !row.contains("<form"), "\(row)")

        for path in ["/board/returns", "/board/paper-partners", "/board/overrides", "/board/overdue"] {
            #expect(try await board.get(path).status == 200, "\(path)")
        }
        let overTime = try await board.get("/board/over-time?substance=MORPHINE")
        #expect(overTime.body.components(separatedBy: "<g class=\"bar\"").count - 1 == 12, "twelve months")

        // France's morphine, year by year: each bar's limit is the balance the exchange reports.
        let years = try await board.get("/board/estimates/years?country=FR&substance=MORPHINE")
        let balances = try await withLicitClient(try sandbox.configuration(for: try sandbox.account("board-admin"))) {
            client in
            let year = Int(CalendarDay.format(try await client.exchangeTime()).prefix(4)) ?? 0
            return try await client.balances(country: "FR", year: year, substance: "MORPHINE")
        }
        let balance = try #require(balances.first)
        #expect(years.body.contains("data-limit-mg=\"\(balance.limitMg)\""), "\(years.body)")
        #expect(years.body.contains("data-year=\"\(balance.year)\""))
    }

    @Test("a paper IA from a country not on the exchange is recorded with its scan, which its page serves back")
    func paperDocument() async throws {
        let console = try await ConsoleHarness.start()
        defer { console.stop() }
        let sandbox = try LicitSandbox.read(sandbox: console.root)
        let today = try await withLicitClient(try sandbox.configuration(for: try sandbox.account("fr-signer"))) {
            CalendarDay.format(try await $0.exchangeTime())
        }
        let officer = Visitor(console.url)
        defer { officer.close() }
        try await officer.signIn("fr-signer")
        let page = try await officer.get("/paper/new?kind=ia")
        #expect(page.body.contains("enctype=\"multipart/form-data\""))
        let number = "NP-IA-\(UUID().uuidString.prefix(6))"
        let scan = Array("%PDF-1.4 a scanned import authorization".utf8)
        let fields = [
            "csrf": try officer.csrf(from: page.body), "kind": "ia", "authority": "NP-DDA", "number": number,
            "issued_on": today, "to": CalendarDay.adding(days: 60, to: today), "importing_country": "NP",
            "importer_name": "Bir Hospital", "importer_address": "Kathmandu", "exporter": "FR-ANSM-T1",
            "line_form": "MORPHINE", "line_quantity": "2kg",
        ]
        let wrongType = try await officer.postMultipart(
            "/paper/new",
            fields,
            file: ("scan", "ia.exe", "application/x-msdownload", scan)
        )
        #expect(wrongType.status == 422 && wrongType.body.contains("PDF, PNG, JPEG or TIFF"))
        let recorded = try await officer.postMultipart(
            "/paper/new",
            fields,
            file: ("scan", "ia.pdf", "application/pdf", scan)
        )
        #expect(recorded.status == 303 && recorded.location == "/documents/NP-DDA/\(number)", "\(recorded.body)")
        let document = try await officer.get("/documents/NP-DDA/\(number)")
        #expect(document.body.contains("id=\"scan\""))
        let served = try await officer.get("/documents/NP-DDA/\(number)/scan")
        #expect(served.status == 200 && served.headers["content-type"].first == "application/pdf")
        #expect(served.body == String(decoding: scan, as: UTF8.self))
    }

    @Test("the language link returns only to a page of the console; sessions are limited in number")
    func redirectsAndCapacity() async throws {
        let sandbox = try await ConsoleHarness.start()
        sandbox.stop()
        var setup = try ConsoleSetup.sandbox(sandbox.root, listenHost: "127.0.0.1", listenPort: 0)
        setup.maxSessions = 1
        let console = try await ConsoleHarness.serve(setup, root: sandbox.root, manifest: sandbox.manifest)
        defer { console.stop() }
        let first = Visitor(console.url)
        let second = Visitor(console.url)
        defer { [first, second].forEach { $0.close() } }
        for (back, expected) in [
            ("%2Finbox", "/inbox"), ("%2F%2Fevil.example", "/"), ("%2F%5Cevil.example", "/"),
            ("https%3A%2F%2Fevil.example", "/"), ("%2Fa%0D%0ASet-Cookie%3A%20x%3Dy", "/"),
        ] {
            let answer = try await first.get("/lang?to=fr&back=\(back)")
            #expect(answer.status == 303 && answer.location == expected, "\(back) → \(answer.location ?? "none")")
        }

        try await first.signIn("fr-signer")
        let page = try await second.get("/signin")
        let token = try #require(page.body.firstMatch(of: /name="token" value="([0-9a-f]+)"/)?.1)
        let refused = try await second.post("/signin", ["account": "in-signer", "token": String(token)])
        #expect(refused.status == 200 && refused.body.contains("its most"), "\(refused.body)")
    }

    @Test("a session ends after its idle limit")
    func idleSessionEnds() async throws {
        let console = try await ConsoleHarness.start(idleLimit: .seconds(1))
        defer { console.stop() }
        let browser = Visitor(console.url)
        defer { browser.close() }
        _ = try await browser.signIn("fr-signer")
        #expect(try await browser.get("/inbox").status == 200)
        try await Task.sleep(for: .milliseconds(1500))
        #expect(try await browser.get("/inbox").location == "/signin")
    }

    @Test("sign-in by certificate: the browser's certificate picks the identity; no certificate, no connection")
    func certificateSignIn() async throws {
        let sandbox = try await ConsoleHarness.start()
        sandbox.stop()
        let setup = try ConsoleSetup.certificates(
            exchangeHost: "127.0.0.1",
            exchangePort: sandbox.manifest.port,
            exchangeCAFile: sandbox.manifest.caFile,
            identities: sandbox.root.appendingPathComponent("identities"),
            listenHost: "127.0.0.1",
            listenPort: 0,
            tlsCertificateFile: sandbox.root.appendingPathComponent("console/cert.pem").path,
            tlsKeyFile: sandbox.root.appendingPathComponent("console/key.pem").path
        )
        let console = try await ConsoleHarness.serve(setup, root: sandbox.root, manifest: sandbox.manifest)
        defer { console.stop() }

        let identity = try #require(sandbox.manifest.accounts.first { $0.name == "in-signer" }).identity
        let browser = Visitor(console.url, identity: URL(fileURLWithPath: identity))
        defer { browser.close() }
        let page = try await browser.get("/signin")
        #expect(page.status == 200 && page.body.contains("<form method=\"post\" action=\"/signin\">"))
        let token = try #require(page.body.firstMatch(of: /name="token" value="([0-9a-f]+)"/)?.1)
        let signedIn = try await browser.post("/signin", ["token": String(token)])
        #expect(signedIn.status == 303 && signedIn.location == "/inbox")
        #expect(try await browser.get("/inbox").body.contains("in-signer · IN-NCB"))

        let stranger = Visitor(console.url)
        defer { stranger.close() }
        await #expect(throws: (any Error).self) { try await stranger.get("/signin") }
    }
}

extension ConsoleHarness {
    static func start(idleLimit: Duration) async throws -> ConsoleHarness {
        let sandbox = try await Self.start()
        sandbox.stop()
        var setup = try ConsoleSetup.sandbox(sandbox.root, listenHost: "127.0.0.1", listenPort: 0)
        setup.sessionIdleLimit = idleLimit
        return try await Self.serve(setup, root: sandbox.root, manifest: sandbox.manifest)
    }
}

/// One browser's worth of HTTPS: its cookies, no redirects followed, the console's own certificate
/// accepted, and optionally a client certificate.
final class Visitor: @unchecked Sendable {
    struct Answer {
        let status: Int
        let headers: HTTPHeaders
        let body: String
        var location: String? { self.headers["location"].first }
    }

    let base: String
    let client: HTTPClient
    private var cookies: [String: String] = [:]

    init(_ base: String, identity: URL? = nil) {
        self.base = base
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        if let identity {
            tls.certificateChain =
                (try? NIOSSLCertificate.fromPEMFile(identity.appendingPathComponent("cert.pem").path))?
                .map { .certificate($0) } ?? []
            tls.privateKey =
                (try? NIOSSLPrivateKey(file: identity.appendingPathComponent("key.pem").path, format: .pem))
                .map { .privateKey($0) }
        }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls, redirectConfiguration: .disallow)
        configuration.httpVersion = .http1Only
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func close() { try? self.client.syncShutdown() }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> Answer {
        try await self.send(path, method: .GET, headers: headers, body: nil)
    }

    func post(_ path: String, _ fields: [String: String]) async throws -> Answer {
        let body = fields.map { "\($0.key)=\(Self.escape($0.value))" }.joined(separator: "&")
        return try await self.send(
            path,
            method: .POST,
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: body
        )
    }

    /// A multipart form with one file, as a browser sends a form with a file input.
    func postMultipart(
        _ path: String,
        _ fields: [String: String],
        file: (field: String, name: String, type: String, bytes: [UInt8])
    ) async throws -> Answer {
        let boundary = "licit-\(UUID().uuidString)"
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\n"
        body +=
            "Content-Type: \(file.type)\r\n\r\n\(String(decoding: file.bytes, as: UTF8.self))\r\n--\(boundary)--\r\n"
        return try await self.send(
            path,
            method: .POST,
            headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"],
            body: body
        )
    }

    /// Signs in on a sandbox console as `account`, with the sign-in form's own token.
    @discardableResult
    func signIn(_ account: String) async throws -> Answer {
        let page = try await self.get("/signin")
        let token = try #require(page.body.firstMatch(of: /name="token" value="([0-9a-f]+)"/)?.1)
        let answer = try await self.post("/signin", ["account": account, "token": String(token)])
        try #require(answer.status == 303, "sign-in answered \(answer.status): \(answer.body)")
        return answer
    }

    func csrf(from page: String) throws -> String {
        String(try #require(page.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.1))
    }

    private func send(
        _ path: String,
        method: HTTPMethod,
        headers: [String: String],
        body: String?
    ) async throws
        -> Answer
    {
        var request = HTTPClientRequest(url: self.base + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if !self.cookies.isEmpty {
            request.headers.add(
                name: "Cookie",
                value: self.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            )
        }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await self.client.execute(request, timeout: .seconds(30))
        for line in response.headers["set-cookie"] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if line.contains("Max-Age=0") {
                self.cookies.removeValue(forKey: pair[0])
            } else {
                self.cookies[pair[0]] = pair[1]
            }
        }
        let text = response.status.code == 101 ? "" : String(buffer: try await response.body.collect(upTo: 4 << 20))
        return Answer(status: Int(response.status.code), headers: response.headers, body: text)
    }

    private static func escape(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
