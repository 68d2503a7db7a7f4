import Foundation
import Hummingbird
import LicitCLI
import LicitClient
import LicitWire

/// The Board's views: trade flows, estimates against use (charted), and the oversight lists.
extension Console {
    static let oversightViews: [(path: String, kind: Licit_V1_OversightKind, title: String, note: String)] = [
        ("overrides", .overrides, "Issued over an estimate or assessment", "justification"),
        ("emergencies", .emergencyExports, "Emergency exports", "justification"),
        ("overdue", .overdueEndorsements, "Overdue endorsements", "days overdue"),
        ("withdrawn", .withdrawn, "Cancelled or superseded", "reason"),
    ]

    func addBoardRoutes(to router: Router<ConsoleContext>) {
        router.get("/board") { request, _ in
            await self.page(request) { session, say in try await self.flowsPage(session, say, Form.query(request)) }
        }
        router.get("/board/estimates") { request, _ in
            await self.page(request) { session, say in
                try await self.estimatesPage(session, say, Form.query(request))
            }
        }
        for view in Self.oversightViews {
            router.get("/board/\(view.path)") { request, _ in
                await self.page(request) { session, say in try await self.oversightPage(session, say, view) }
            }
        }
    }

    func boardLinks(_ say: Tongue) -> String {
        let links =
            [
                ("/board", "Trade flows"), ("/board/over-time", "Trade over time"),
                ("/board/estimates", "Estimates and use"),
                ("/board/estimates/years", "Estimates and use over the years"),
                ("/board/estimates?threshold=90", "Alerts (90 % of a limit)"),
            ]
            + Self.oversightViews.map { ("/board/\($0.path)", $0.title) }
            + [
                ("/board/requests", "Supplementary estimate requests"), ("/board/returns", "Annual returns"),
                ("/board/paper-partners", "Paper partners"),
            ]
        return "<nav aria-label=\"\(h(say("Board views")))\" class=\"subnav\"><ul>"
            + links.map { "<li><a href=\"\(h($0.0))\">\(h(say($0.1)))</a></li>" }.joined() + "</ul></nav>"
    }

    private func flowsPage(_ session: ConsoleSession, _ say: Tongue, _ query: Form) async throws -> Page {
        let flows = try await session.client.tradeFlows(
            .with {
                $0.exportingCountry = query["from"]?.uppercased() ?? ""
                $0.importingCountry = query["to"]?.uppercased() ?? ""
                $0.substance = query["substance"]?.uppercased() ?? ""
            }
        )
        let header = ["from", "to", "substance", "status", "EAs", "authorized", "exported", "imported"]
        let rows = flows.map { flow in
            [
                flow.exportingCountry, flow.importingCountry, flow.substance, say.status(flow.status),
                "\(flow.exportAuthorizations)", QuantityInput.format(flow.authorizedMg),
                QuantityInput.format(flow.exportedMg), QuantityInput.format(flow.importedMg),
            ]
        }
        let bars = flows.map { flow in
            Chart.Bar(
                label:
                    "\(flow.exportingCountry) → \(flow.importingCountry) · \(flow.substance) · \(say.status(flow.status))",
                segments: [(flow.importedMg, "imported"), (max(0, flow.exportedMg - flow.importedMg), "exported")],
                limit: flow.authorizedMg,
                data: [
                    "from": flow.exportingCountry, "to": flow.importingCountry, "substance": flow.substance,
                    "status": flow.status, "authorized-mg": "\(flow.authorizedMg)", "exported-mg": "\(flow.exportedMg)",
                    "imported-mg": "\(flow.importedMg)",
                ]
            )
        }
        let body =
            self.boardLinks(say) + """
                <form method="get" action="/board" class="filters">
                <p><label for="f-from">\(h(say("Exporting country")))</label> <input id="f-from" name="from" value="\(h(query["from"] ?? ""))"></p>
                <p><label for="f-to">\(h(say("Importing country")))</label> <input id="f-to" name="to" value="\(h(query["to"] ?? ""))"></p>
                <p><label for="f-substance">\(h(say("substance")))</label> <input id="f-substance" name="substance" value="\(h(query["substance"] ?? ""))"></p>
                <p><button type="submit">\(h(say("Filter")))</button></p>
                </form>
                \(Chart.svg(id: "flows-chart", title: say("Exported and imported against authorized"), bars: bars, say: say))
                \(Self.table(id: "flows", caption: say("Trade flows"), header: header.map { say($0) }, rows: rows))
                """
        return Page(title: say("Trade flows"), body: body)
    }

    private func estimatesPage(_ session: ConsoleSession, _ say: Tongue, _ query: Form) async throws -> Page {
        let threshold = query["threshold"].flatMap(Int.init) ?? 1
        let year = query["year"].flatMap(Int.init) ?? 0
        let entries = try await session.client.estimateWatch(
            year: year,
            thresholdPercent: max(1, threshold),
            substance: query["substance"]?.uppercased() ?? ""
        )
        let header = EstimateTable.header
        let rows = entries.map(EstimateTable.row)
        let bars = entries.map { entry in
            let balance = entry.balance
            return Chart.Bar(
                label: "\(balance.country) · \(balance.substance) · \(balance.year)",
                segments: [(balance.importedMg, "imported"), (balance.authorizedNotUsedMg, "authorized")],
                limit: balance.limitMg,
                data: [
                    "country": balance.country, "substance": balance.substance, "year": "\(balance.year)",
                    "limit-mg": "\(balance.limitMg)", "imported-mg": "\(balance.importedMg)",
                    "authorized-mg": "\(balance.authorizedNotUsedMg)", "used-percent": "\(entry.usedPercent)",
                ]
            )
        }
        let body =
            self.boardLinks(say) + """
                <form method="get" action="/board/estimates" class="filters">
                <p><label for="f-threshold">\(h(say("At or above this share of the limit (%)")))</label> <input id="f-threshold" name="threshold" type="number" min="1" value="\(threshold)"></p>
                <p><label for="f-year">\(h(say("year")))</label> <input id="f-year" name="year" type="number" value="\(year == 0 ? "" : "\(year)")"></p>
                <p><label for="f-substance">\(h(say("substance")))</label> <input id="f-substance" name="substance" value="\(h(query["substance"] ?? ""))"></p>
                <p><button type="submit">\(h(say("Filter")))</button></p>
                </form>
                \(Chart.svg(id: "estimates-chart", title: say("Imported and authorized against the estimate or assessment"), bars: bars, say: say))
                \(Self.table(id: "estimates", caption: say("Estimates and use"), header: header.map { say($0) }, rows: rows))
                """
        return Page(title: say("Estimates and use"), body: body)
    }

    private func oversightPage(
        _ session: ConsoleSession,
        _ say: Tongue,
        _ view: (path: String, kind: Licit_V1_OversightKind, title: String, note: String)
    ) async throws -> Page {
        var request = Licit_V1_OversightRequest.with {
            $0.kind = view.kind
            $0.pageSize = 500
        }
        var entries: [Licit_V1_OversightEntry] = []
        repeat {
            let page = try await session.client.oversight(request)
            entries += page.entries
            request.pageToken = page.nextPageToken
        } while !request.pageToken.isEmpty && entries.count < 2000
        let rows = entries.map { entry in
            DocumentView.row(entry.document, language: say.language)
                + [view.kind == .overdueEndorsements ? "\(entry.daysOverdue)" : entry.note]
        }
        let header = (DocumentView.listHeader + [view.note]).map { say($0) }
        let body =
            self.boardLinks(say) + Self.table(id: view.path, caption: say(view.title), header: header, rows: rows)
        return Page(title: say(view.title), body: body)
    }

    static func table(id: String, caption: String, header: [String], rows: [[String]]) -> String {
        "<table id=\"\(id)\"><caption>\(h(caption))</caption><thead><tr>"
            + header.map { "<th scope=\"col\">\(h($0))</th>" }.joined() + "</tr></thead><tbody>"
            + rows.map { "<tr>" + $0.map { "<td>\(h($0))</td>" }.joined() + "</tr>" }.joined(separator: "\n")
            + "</tbody></table>"
    }
}
