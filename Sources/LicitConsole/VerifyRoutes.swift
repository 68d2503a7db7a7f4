import Foundation
import Hummingbird
import LicitCLI
import LicitClient

/// Checking a print: pasted into the page, verified against every key the exchange has sealed with,
/// exactly as `licit verify` does offline.
extension Console {
    func addVerifyRoutes(to router: Router<ConsoleContext>) {
        router.get("/verify") { request, _ in
            await self.page(request) { session, say in
                Page(title: say("Verify a print"), body: Self.verifyForm(session, say))
            }
        }
        router.post("/verify") { request, _ in
            await self.action(request) { session, form, say in
                let text = (form.fields["print"]?.first ?? "").replacingOccurrences(of: "\r\n", with: "\n")
                let keys = try await session.client.sealKey().allKeys.map(\.publicKey)
                var body: String
                do {
                    let (printed, name) = try PrintedDocument.verify(text, keys: keys)
                    body = """
                        <p class="ok" role="status" id="verdict">\(h(say("Valid"))): \(h(name)), \(h(say("sealed by the exchange"))) (\(h(say("key id"))) \(h(printed.keyID))).</p>
                        <p>\(h(say("The seal covers what was issued; the document's page tells its status now.")))</p>
                        """
                } catch let error as CLIError {
                    body =
                        "<p class=\"problem\" role=\"alert\" id=\"verdict\">\(h(say("Not valid"))): \(h(error.message))</p>"
                        + (error.hint.map { "<p>\(h($0))</p>" } ?? "")
                }
                body += Self.verifyForm(session, say)
                return await self.render(Page(title: say("Verify a print"), body: body), session, say, path: "/verify")
            }
        }
    }

    private static func verifyForm(_ session: ConsoleSession, _ say: Tongue) -> String {
        """
        <form method="post" action="/verify" id="verify-form">\(Page.csrf(session))
        <p><label for="print">\(h(say("The printed file's whole text (as saved from the print view or by licit export)")))</label></p>
        <p><textarea id="print" name="print" rows="12" cols="80" required></textarea></p>
        <p><button type="submit">\(h(say("Verify")))</button></p>
        </form>
        """
    }
}
