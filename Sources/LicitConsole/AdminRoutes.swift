import Foundation
import Hummingbird
import LicitClient
import LicitWire
import SwiftASN1

/// Accounts: a country admin's (their country's CNAs) and the Board admin's (every account, and
/// the country admins awaiting approval). Enrolment takes the new person's certificate request:
/// their key is made on their own machine and never reaches the console.
extension Console {
    static let enrollableRoles: [(String, Licit_V1_Role)] = [
        ("officer", .officer), ("signer", .signer), ("viewer", .viewer), ("country_admin", .countryAdmin),
    ]

    func addAdminRoutes(to router: Router<ConsoleContext>) {
        router.get("/admin/accounts") { request, _ in
            await self.page(request) { session, say in try await self.accountsPage(session, say, notice: nil) }
        }
        router.post("/admin/enroll") { request, _ in
            await self.action(request) { session, form, say in
                guard let name = form["name"], let role = Self.enrollableRoles.first(where: { $0.0 == form["role"] }),
                    let pem = form["csr"]
                else {
                    throw ConsoleInputError("give the account's name, its role and its certificate request (PEM)")
                }
                let enrolled = try await session.client.enrollAccount(
                    name: name,
                    role: role.1,
                    authority: form["authority"] ?? "",
                    certificateRequest: try Self.certificateRequest(pem),
                    requestID: form["request"] ?? LicitClient.makeRequestID()
                )
                let pending =
                    enrolled.account.pendingApproval ? " " + say("It can connect once the Board approves it.") : ""
                let notice = """
                    <div class="ok" role="status" id="enrolled"><p>\(h(say("Enrolled"))) \(h(enrolled.account.name)) (\(h(enrolled.account.authority))).\(h(pending))</p>
                    <p><label for="certificate">\(h(say("Its certificate: give it to the person, to keep beside their key as cert.pem")))</label></p>
                    <textarea id="certificate" readonly rows="8" cols="70">\(h(enrolled.certificatePem))</textarea></div>
                    """
                return await self.render(
                    try await self.accountsPage(session, say, notice: notice),
                    session,
                    say,
                    path: "/admin/accounts"
                )
            }
        }
        router.post("/admin/revoke") { request, _ in
            await self.action(request) { session, form, _ in
                guard let fingerprint = form["fingerprint"], let reason = form["reason"] else {
                    throw ConsoleInputError("give the reason for revoking")
                }
                _ = try await session.client.revokeCertificate(
                    fingerprint: fingerprint,
                    reason: reason,
                    requestID: form["request"] ?? LicitClient.makeRequestID()
                )
                return Reply.redirect("/admin/accounts")
            }
        }
        router.post("/admin/approve") { request, _ in
            await self.action(request) { session, form, _ in
                guard let name = form["name"] else { throw ConsoleInputError("no account named") }
                _ = try await session.client.approveAccount(
                    name: name,
                    approve: form["decision"] == "approve",
                    reason: form["reason"] ?? "",
                    requestID: form["request"] ?? LicitClient.makeRequestID()
                )
                return Reply.redirect("/admin/accounts")
            }
        }
    }

    private func accountsPage(_ session: ConsoleSession, _ say: Tongue, notice: String?) async throws -> Page {
        guard session.isCountryAdmin || session.account.role == "board_admin" else {
            throw ConsoleInputError("accounts are managed by country admins and the Board's admins")
        }
        let accounts = try await session.client.accounts()
        let reference = try await session.reference()
        let rows = accounts.sorted { $0.name < $1.name }.map { account -> String in
            let state =
                account.revoked
                ? say("revoked") : account.pendingApproval ? say("awaiting the Board's approval") : say("active")
            var actions = ""
            if !account.revoked {
                actions += """
                    <form method="post" action="/admin/revoke" class="inline">\(Page.csrf(session))
                    <input type="hidden" name="fingerprint" value="\(h(account.certificateFingerprint))">
                    <label for="reason-\(h(account.name))">\(h(say("Reason")))</label>
                    <input id="reason-\(h(account.name))" name="reason" required>
                    <button type="submit">\(h(say("Revoke")))</button></form>
                    """
            }
            if account.pendingApproval && session.account.role == "board_admin" {
                actions += """
                    <form method="post" action="/admin/approve" class="inline">\(Page.csrf(session))
                    <input type="hidden" name="name" value="\(h(account.name))">
                    <button type="submit" name="decision" value="approve">\(h(say("Approve")))</button>
                    <button type="submit" name="decision" value="reject">\(h(say("Reject")))</button></form>
                    """
            }
            return "<tr data-account=\"\(h(account.name))\"><td>\(h(account.name))</td><td>\(h(account.authority))</td>"
                + "<td>\(h(say(RecognisedAccount.name(of: account.role))))</td><td class=\"state\">\(h(state))</td>"
                + "<td><code>\(h(String(account.certificateFingerprint.prefix(16))))…</code></td><td>\(actions)</td></tr>"
        }
        let authorities = reference.authorities.filter { session.isBoard || $0.country == session.account.country }
            .map { "<option value=\"\(h($0.code))\">\(h($0.code)) — \(h($0.name))</option>" }.joined()
        let roles = Self.enrollableRoles.map { "<option value=\"\($0.0)\">\(h(say($0.0)))</option>" }.joined()
        let body =
            (notice ?? "") + """
                <table id="accounts"><caption>\(h(say("Accounts")))</caption>
                <thead><tr>\(["name", "authority", "role", "state", "certificate", ""].map { "<th scope=\"col\">\(h(say($0)))</th>" }.joined())</tr></thead>
                <tbody>\(rows.joined(separator: "\n"))</tbody></table>
                <form method="post" action="/admin/enroll" id="enroll">\(Page.csrf(session))
                <h2>\(h(say("Enrol an account")))</h2>
                <input type="hidden" name="request" value="\(LicitClient.makeRequestID())">
                <p>\(h(say("The person makes their key and a certificate request on their own machine (licit admin enroll does both; or openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -subj /CN=NAME). Paste the request here: the key never leaves their machine.")))</p>
                <p><label for="e-name">\(h(say("name")))</label> <input id="e-name" name="name" required pattern="[a-z0-9-]+"></p>
                <p><label for="e-role">\(h(say("role")))</label> <select id="e-role" name="role">\(roles)</select></p>
                <p><label for="e-authority">\(h(say("authority")))</label> <select id="e-authority" name="authority">\(authorities)</select></p>
                <p><label for="e-csr">\(h(say("Certificate request (PEM)")))</label></p>
                <p><textarea id="e-csr" name="csr" rows="8" cols="70" required></textarea></p>
                <p><button type="submit">\(h(say("Enrol")))</button></p>
                </form>
                """
        return Page(title: say("Accounts"), body: body)
    }

    /// A PEM certificate request (PKCS #10) as DER.
    static func certificateRequest(_ pem: String) throws -> Data {
        do {
            let document = try PEMDocument(pemString: pem)
            guard document.discriminator == "CERTIFICATE REQUEST" || document.discriminator == "NEW CERTIFICATE REQUEST"
            else {
                throw ConsoleInputError("this is a \(document.discriminator), not a CERTIFICATE REQUEST")
            }
            return Data(document.derBytes)
        } catch let error as ConsoleInputError {
            throw error
        } catch {
            throw ConsoleInputError("the certificate request is not PEM (-----BEGIN CERTIFICATE REQUEST-----)")
        }
    }
}
