import Foundation
import Hummingbird
import HummingbirdWebSocket
import LicitClient
import LicitWire

/// The inbox: what arrived since the account last marked its inbox processed, live — new events
/// appear as the exchange records them, over a websocket the page's script opens.
extension Console {
    static let inboxPageSize = 100

    func addInboxRoutes(to router: Router<ConsoleContext>) {
        router.get("/inbox") { request, _ in
            await self.page(request) { session, say in try await self.inboxPage(session, say, Form.query(request)) }
        }
        router.post("/inbox/acknowledge") { request, _ in
            await self.action(request) { session, form, _ in
                guard let through = form["through"].flatMap(UInt64.init) else {
                    throw ConsoleInputError("no event to mark processed")
                }
                _ = try await session.client.acknowledge(through: through, requestID: LicitClient.makeRequestID())
                return Reply.redirect("/inbox")
            }
        }
        router.ws("/live") { request, context in
            // Only pages of this console may open it (the browser sends their origin), and only
            // for a live session.
            guard self.isSameOrigin(request), await self.session(request) != nil else { return .dontUpgrade }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let session = await self.session(context.request) else { return }
            let after = Form.query(context.request)["after"].flatMap(UInt64.init) ?? 0
            let say = self.tongue(context.request)
            let events = try await session.client.inbox(after: after)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await event in events {
                        try await outbound.write(.text(EventRow(event, say).json))
                    }
                }
                group.addTask {
                    // The page closed or navigated away: stop following.
                    for try await _ in inbound {}
                }
                try await group.next()
                group.cancelAll()
            }
        }
    }

    private func inboxPage(_ session: ConsoleSession, _ say: Tongue, _ query: Form) async throws -> Page {
        let fromStart = query["after"].flatMap(UInt64.init)
        var listing = try await session.client.inboxEvents(after: fromStart ?? 0, limit: 1)
        let after = fromStart ?? listing.acknowledged
        listing = try await session.client.inboxEvents(after: after, limit: Self.inboxPageSize)
        let rows = listing.events.reversed().map { EventRow($0, say).html }.joined(separator: "\n")
        let last = listing.events.last?.sequence ?? after
        var body = """
            <p>\(h(say("Events after number"))) \(after). \(h(say("New events appear here as they arrive.")))</p>
            <p id="live-status" role="status" aria-live="polite"></p>
            <table id="events" data-after="\(last)">
            <caption>\(h(say("Inbox")))</caption>
            <thead><tr><th scope="col">\(h(say("seq")))</th><th scope="col">\(h(say("at (UTC)")))</th><th scope="col">\(h(say("event")))</th><th scope="col">\(h(say("about")))</th><th scope="col">\(h(say("status")))</th><th scope="col">\(h(say("summary")))</th></tr></thead>
            <tbody>
            \(rows)
            </tbody>
            </table>
            """
        if listing.events.count == Self.inboxPageSize {
            body += "<p><a href=\"/inbox?after=\(last)\">\(h(say("Next events")))</a></p>"
        }
        if last > listing.acknowledged {
            body += """
                <form method="post" action="/inbox/acknowledge">\(Page.csrf(session))
                <input type="hidden" name="through" value="\(last)">
                <button type="submit">\(h(say("Mark these events processed")))</button></form>
                """
        }
        body += "<p><a href=\"/inbox?after=0\">\(h(say("All events from the first")))</a></p>"
        return Page(title: say("Inbox"), body: body, live: true)
    }

    /// The websocket's request came from a page of this console.
    func isSameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin], let host = request.head.authority
        else { return false }
        return origin == "https://\(host)"
    }
}

/// One inbox event as a table row, in HTML for the page and in JSON for the live script.
struct EventRow {
    let sequence: UInt64
    let at: String
    let kind: String
    let about: String
    let link: String?
    let status: String
    let summary: String

    init(_ event: Licit_V1_InboxEvent, _ say: Tongue) {
        self.sequence = event.sequence
        self.at = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(event.atMs) / 1000))
        self.kind = event.kind
        if event.hasDocument {
            self.about = "\(event.document.authority)/\(event.document.number)"
            self.link = DocumentLink.path(authority: event.document.authority, number: event.document.number)
        } else {
            self.about = event.subject
            self.link = nil
        }
        self.status = event.status.isEmpty ? "" : say.status(event.status)
        self.summary = event.summary
    }

    var html: String {
        let about = self.link.map { "<a href=\"\(h($0))\">\(h(self.about))</a>" } ?? h(self.about)
        return
            "<tr data-seq=\"\(self.sequence)\"><td>\(self.sequence)</td><td>\(h(self.at))</td><td>\(h(self.kind))</td>"
            + "<td>\(about)</td><td>\(h(self.status))</td><td>\(h(self.summary))</td></tr>"
    }

    var json: String {
        Console.json([
            "sequence": self.sequence, "at": self.at, "kind": self.kind, "about": self.about,
            "link": self.link ?? "", "status": self.status, "summary": self.summary,
        ])
    }
}

/// Where a document's page is.
enum DocumentLink {
    static func path(authority: String, number: String) -> String {
        "/documents/\(Form.escape(authority))/\(Form.escape(number))"
    }
}
