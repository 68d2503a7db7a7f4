import Foundation
import Hummingbird
import LicitCLI
import LicitClient
import LicitWire

/// The Board's decisions and follow-ups: supplementary estimate requests, annual returns, paper
/// partners, and trade over time.
extension Console {
    func addBoardRequestRoutes(to router: Router<ConsoleContext>) {
        router.get("/board/requests") { request, _ in
            await self.page(request) { session, say in try await self.requestsPage(session, say) }
        }
        router.post("/board/requests/decide") { request, _ in
            await self.action(request) { session, form, _ in
                guard let id = form["id"], let quantity = form["confirmed"] else {
                    throw ConsoleInputError("give the quantity confirmed (0 refuses)")
                }
                _ = try await session.client.decideSupplementaryEstimate(
                    id: id,
                    confirmedMilligrams: try QuantityInput.milligrams(quantity),
                    reason: form["reason"] ?? "",
                    requestID: form["request"] ?? LicitClient.makeRequestID()
                )
                return Reply.redirect("/board/requests")
            }
        }
        router.get("/board/returns") { request, _ in
            await self.page(request) { session, say in try await self.returnsPage(session, say) }
        }
        router.post("/board/returns/decide") { request, _ in
            await self.action(request) { session, form, _ in
                guard let country = form["country"], let returnForm = form["form"],
                    let year = form["year"].flatMap(Int.init)
                else { throw ConsoleInputError("no return named") }
                _ = try await session.client.decideReturn(
                    country: country,
                    form: returnForm,
                    year: year,
                    accept: form["decision"] == "accept",
                    reason: form["reason"] ?? "",
                    requestID: form["request"] ?? LicitClient.makeRequestID()
                )
                return Reply.redirect("/board/returns")
            }
        }
        router.get("/board/paper-partners") { request, _ in
            await self.page(request) { session, say in
                let partners = try await session.client.paperPartners()
                let rows = partners.map { [$0.country, $0.name, "\($0.documents)", $0.lastIssuedOn] }
                let body =
                    self.boardLinks(say)
                    + Self.table(
                        id: "paper-partners",
                        caption: say("Paper partners"),
                        header: ["country", "name", "documents", "last issued"].map { say($0) },
                        rows: rows
                    )
                return Page(title: say("Paper partners"), body: body)
            }
        }
        router.get("/board/estimates/years") { request, _ in
            await self.page(request) { session, say in try await self.yearsPage(session, say, Form.query(request)) }
        }
        router.get("/board/over-time") { request, _ in
            await self.page(request) { session, say in try await self.overTimePage(session, say, Form.query(request)) }
        }
    }

    private func requestsPage(_ session: ConsoleSession, _ say: Tongue) async throws -> Page {
        let requests = try await session.client.supplementaryEstimates()
        let rows = requests.map { estimate -> String in
            var decide = ""
            if estimate.status == "requested" && session.account.role == "board_admin" {
                decide = """
                    <form method="post" action="/board/requests/decide" class="inline">\(Page.csrf(session))
                    <input type="hidden" name="id" value="\(h(estimate.id))">
                    <input type="hidden" name="request" value="\(LicitClient.makeRequestID())">
                    <label for="c-\(h(estimate.id))">\(h(say("Confirm (0 refuses)")))</label>
                    <input id="c-\(h(estimate.id))" name="confirmed" value="\(h(QuantityInput.format(estimate.requestedMg).replacingOccurrences(of: " ", with: "")))" required>
                    <label for="r-\(h(estimate.id))">\(h(say("Reason")))</label> <input id="r-\(h(estimate.id))" name="reason">
                    <button type="submit">\(h(say("Decide")))</button></form>
                    """
            }
            let cells = [
                estimate.id, estimate.country, estimate.substance, "\(estimate.year)",
                QuantityInput.format(estimate.requestedMg), estimate.justification, say.status(estimate.status),
                estimate.confirmedMg > 0 ? QuantityInput.format(estimate.confirmedMg) : "", estimate.decisionReason,
            ]
            return "<tr data-request=\"\(h(estimate.id))\">" + cells.map { "<td>\(h($0))</td>" }.joined()
                + "<td>\(decide)</td></tr>"
        }
        let header = [
            "id", "country", "substance", "year", "requested", "justification", "status", "confirmed", "reason", "",
        ]
        let body =
            self.boardLinks(say) + """
                <table id="requests"><caption>\(h(say("Supplementary estimate requests")))</caption>
                <thead><tr>\(header.map { "<th scope=\"col\">\(h(say($0)))</th>" }.joined())</tr></thead>
                <tbody>\(rows.joined(separator: "\n"))</tbody></table>
                """
        return Page(title: say("Supplementary estimate requests"), body: body)
    }

    private func returnsPage(_ session: ConsoleSession, _ say: Tongue) async throws -> Page {
        let filings = try await session.client.returnFilings()
        let rows = filings.map { filing -> String in
            let figures = filing.figures.map { "\($0.substance) \($0.item) \(QuantityInput.format($0.quantityMg))" }
                .joined(separator: "; ")
            var decide = ""
            if filing.status == "submitted" && session.account.role == "board_admin" {
                decide = """
                    <form method="post" action="/board/returns/decide" class="inline">\(Page.csrf(session))
                    <input type="hidden" name="country" value="\(h(filing.country))"><input type="hidden" name="form" value="\(h(filing.form))">
                    <input type="hidden" name="year" value="\(filing.year)"><input type="hidden" name="request" value="\(LicitClient.makeRequestID())">
                    <label for="q-\(h(filing.country))-\(filing.year)">\(h(say("Reason (to query)")))</label> <input id="q-\(h(filing.country))-\(filing.year)" name="reason">
                    <button type="submit" name="decision" value="accept">\(h(say("Accept")))</button>
                    <button type="submit" name="decision" value="query">\(h(say("Query")))</button></form>
                    """
            }
            let cells = [
                filing.country, filing.form, "\(filing.year)", say.status(filing.status), figures,
                filing.decisionReason,
            ]
            return "<tr>" + cells.map { "<td>\(h($0))</td>" }.joined() + "<td>\(decide)</td></tr>"
        }
        let header = ["country", "form", "year", "status", "figures", "reason", ""]
        let body =
            self.boardLinks(say) + """
                <table id="returns"><caption>\(h(say("Annual returns")))</caption>
                <thead><tr>\(header.map { "<th scope=\"col\">\(h(say($0)))</th>" }.joined())</tr></thead>
                <tbody>\(rows.joined(separator: "\n"))</tbody></table>
                """
        return Page(title: say("Annual returns"), body: body)
    }

    /// Export authorizations issued month by month over the last year, for a substance and a country.
    private func overTimePage(_ session: ConsoleSession, _ say: Tongue, _ query: Form) async throws -> Page {
        let today = CalendarDay.format(try await session.client.exchangeTime())
        let substance = query["substance"]?.uppercased() ?? ""
        let country = query["country"]?.uppercased() ?? ""
        var bars: [Chart.Bar] = []
        for month in Self.lastMonths(12, endingIn: today) {
            let flows = try await session.client.tradeFlows(
                .with {
                    $0.substance = substance
                    $0.importingCountry = country
                    $0.issuedFrom = month.first
                    $0.issuedTo = month.last
                }
            )
            let authorized = flows.map(\.authorizedMg).reduce(0, +)
            let imported = flows.map(\.importedMg).reduce(0, +)
            let exported = flows.map(\.exportedMg).reduce(0, +)
            bars.append(
                Chart.Bar(
                    label: String(month.first.prefix(7)),
                    segments: [(imported, "imported"), (max(0, exported - imported), "exported")],
                    limit: authorized,
                    data: [
                        "month": String(month.first.prefix(7)), "authorized-mg": "\(authorized)",
                        "exported-mg": "\(exported)", "imported-mg": "\(imported)",
                    ]
                )
            )
        }
        let body =
            self.boardLinks(say) + """
                <form method="get" action="/board/over-time" class="filters">
                <p><label for="f-substance">\(h(say("substance")))</label> <input id="f-substance" name="substance" value="\(h(substance))"></p>
                <p><label for="f-country">\(h(say("Importing country")))</label> <input id="f-country" name="country" value="\(h(country))"></p>
                <p><button type="submit">\(h(say("Filter")))</button></p>
                </form>
                \(Chart.svg(id: "over-time-chart", title: say("Export authorizations issued each month: exported and imported against authorized (the mark)"), bars: bars, say: say))
                """
        return Page(title: say("Trade over time"), body: body)
    }

    /// One country's estimate or assessment of one substance against its use, year by year: the
    /// four years to this one and the next.
    private func yearsPage(_ session: ConsoleSession, _ say: Tongue, _ query: Form) async throws -> Page {
        let country = query["country"]?.uppercased() ?? ""
        let substance = query["substance"]?.uppercased() ?? ""
        let form = """
            <form method="get" action="/board/estimates/years" class="filters">
            <p><label for="f-country">\(h(say("country")))</label> <input id="f-country" name="country" value="\(h(country))" required></p>
            <p><label for="f-substance">\(h(say("substance")))</label> <input id="f-substance" name="substance" value="\(h(substance))" required></p>
            <p><button type="submit">\(h(say("Filter")))</button></p>
            </form>
            """
        guard !country.isEmpty, !substance.isEmpty else {
            return Page(title: say("Estimates and use over the years"), body: self.boardLinks(say) + form)
        }
        let thisYear = Int(CalendarDay.format(try await session.client.exchangeTime()).prefix(4)) ?? 0
        var bars: [Chart.Bar] = []
        for year in (thisYear - 3)...(thisYear + 1) {
            let balances = try await session.client.balances(country: country, year: year, substance: substance)
            guard let balance = balances.first(where: { $0.country == country && $0.substance == substance }) else {
                continue
            }
            bars.append(
                Chart.Bar(
                    label: "\(balance.year)",
                    segments: [(balance.importedMg, "imported"), (balance.authorizedNotUsedMg, "authorized")],
                    limit: balance.limited ? balance.limitMg : 0,
                    data: [
                        "year": "\(balance.year)", "limit-mg": "\(balance.limited ? balance.limitMg : 0)",
                        "imported-mg": "\(balance.importedMg)", "authorized-mg": "\(balance.authorizedNotUsedMg)",
                    ]
                )
            )
        }
        let title =
            "\(country) · \(substance): " + say("imported and authorized against the estimate or assessment, by year")
        let body = self.boardLinks(say) + form + Chart.svg(id: "years-chart", title: title, bars: bars, say: say)
        return Page(title: say("Estimates and use over the years"), body: body)
    }

    /// The first and last day of the `count` calendar months up to the one `day` is in, oldest first.
    static func lastMonths(_ count: Int, endingIn day: String) -> [(first: String, last: String)] {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return [] }
        return (0..<count).reversed().map { back in
            let index = parts[0] * 12 + (parts[1] - 1) - back
            let (year, month) = (index / 12, index % 12 + 1)
            let days = [
                31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
                31,
            ]
            return (
                String(format: "%04d-%02d-01", year, month),
                String(format: "%04d-%02d-%02d", year, month, days[month - 1])
            )
        }
    }
}
