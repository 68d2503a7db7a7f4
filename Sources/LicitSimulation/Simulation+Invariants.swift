import Foundation
import LicitExchange
import LicitModel
import LicitServerCore
import LicitWire

/// The invariants checked on every answer and after every step.
extension Simulation {
    /// Figures about a country's running totals, which only its CNAs and the Board may learn.
    static let confidentialFacts: Set<String> = {
        let names = ["imported", "authorized_not_used", "remaining", "available"]
        return Set(names + names.map { "\($0)_mg" })
    }()

    /// A refusal or a problem is one the reason catalogue lists, with the catalogue's status code
    /// (for a refusal) and only the detail keys it documents: each quantity as `<key>_mg` and
    /// beside it for people, and `problems` when there were several.
    func checkDocumented(
        reason: String,
        code: LicitStatus.Code?,
        details: [String: String],
        where_ place: String
    )
        throws
    {
        self.checks += 1
        guard let entry = ReasonCatalogue.byReason[reason] else {
            throw Violation(
                invariant: "refusals-documented",
                message: "\(place): reason \(reason) is not in the catalogue"
            )
        }
        try require(
            code == nil || code == entry.code,
            "refusals-documented",
            "\(place): \(reason) came with \(code.map { "\($0)" } ?? ""), the catalogue says \(entry.code)"
        )
        let documented = Set(entry.details + entry.details.map { String($0.dropLast(3)) } + ["problems"])
        let undocumented = Set(details.keys).subtracting(documented)
        try require(
            undocumented.isEmpty,
            "refusals-documented",
            "\(place): \(reason) carried the details \(undocumented.sorted()), which the catalogue does not list"
        )
    }

    /// Every answer: a revoked certificate is never served; a CNA never learns another country's
    /// running totals nor sees a document hidden from it.
    func checkAnswer(_ response: Licit_V1_Response, to account: Account, method: String) throws {
        self.checks += 1
        try require(
            !self.revoked.contains(account.name) || response.status.code != .ok,
            "revocation",
            "\(account.name)'s certificate was revoked, and \(method) still succeeded"
        )
        if response.status.code != .ok {
            try self.checkDocumented(
                reason: response.status.reason,
                code: LicitStatus(wire: response.status).code,
                details: response.status.details,
                where_: "\(method) refusal"
            )
        }
        guard account.authority != "BOARD" else { return }
        try self.checkConfidential(
            facts: response.status.details,
            message: response.status.message,
            to: account,
            where_: "\(method) refusal"
        )
        guard response.status.code == .ok else { return }
        switch method {
        case Method.validateImportAuthorization, Method.validateExportAuthorization:
            let validation = try self.decode(Licit_V1_ValidationResponse.self, response)
            for balance in validation.balancesAfter {
                try require(
                    balance.country == account.country,
                    "confidential-balances",
                    "\(method) showed \(account.name) (\(account.country)) the running totals of \(balance.country) \(balance.substance): \(balance.importedMg) mg imported, \(balance.authorizedNotUsedMg) mg authorized and not used"
                )
            }
            for problem in validation.problems {
                try self.checkDocumented(
                    reason: problem.reason,
                    code: nil,
                    details: problem.facts,
                    where_: "\(method) problem"
                )
                try self.checkConfidential(
                    facts: problem.facts,
                    message: problem.message,
                    to: account,
                    where_: "\(method) problem"
                )
            }
        case Method.getBalances:
            for balance in try self.decode(Licit_V1_BalancesResponse.self, response).balances {
                try require(
                    balance.country == account.country,
                    "confidential-balances",
                    "\(account.name) read \(balance.country)'s balances"
                )
            }
        case Method.getDocument:
            try self.checkVisible(try self.decode(Licit_V1_DocumentResponse.self, response).document, to: account)
        case Method.listDocuments:
            for document in try self.decode(Licit_V1_ListDocumentsResponse.self, response).documents {
                try self.checkVisible(document, to: account)
            }
        case LicitMethod.Inbox.listEvents:
            for event in try self.decode(Licit_V1_ListEventsResponse.self, response).events {
                if event.hasDocument {
                    let key = Key(authority: event.document.authority, number: event.document.number)
                    try require(
                        self.model.visible(key, to: account.authority),
                        "hidden-documents",
                        "\(account.name)'s inbox names \(key), which \(account.authority) may not see (\(event.kind))"
                    )
                } else {
                    // An event about an estimate or a return goes to its own country's CNA, or the Board.
                    let country = event.subject.split(separator: "/").dropFirst().first?.split(separator: "-").first
                    try require(
                        account.authority == "BOARD" || country.map { String($0).uppercased() } == account.country,
                        "hidden-documents",
                        "\(account.name)'s inbox tells of \(event.subject), another country's (\(event.kind))"
                    )
                }
                try self.checkConfidential(
                    facts: [:],
                    message: event.summary,
                    to: account,
                    where_: "event \(event.kind)"
                )
            }
        default:
            break
        }
    }

    /// A refusal or problem about another country states none of its running totals.
    func checkConfidential(facts: [String: String], message: String, to account: Account, where_ place: String) throws {
        let countries = Set([facts["country"]].compactMap { $0 }).union(
            (SimulationWorld.countries + [SimulationWorld.paperCountry]).filter { message.contains("\($0)'s") }
        )
        for country in countries where country != account.country {
            if facts["country"] == country {
                let leaked = Self.confidentialFacts.intersection(facts.keys)
                try require(
                    leaked.isEmpty,
                    "confidential-balances",
                    "\(place) told \(account.name) (\(account.country)) \(country)'s \(leaked.sorted().joined(separator: ", ")): \(facts)"
                )
            }
            // Figures the answer states openly (the request, the estimate, the caller's own IA) may coincide.
            let stated = Set(facts.filter { !Self.confidentialFacts.contains($0.key) }.values)
            for figure in self.confidentialFigures(of: country) where !stated.contains(figure) {
                try require(
                    !message.contains(" \(figure) ") && !message.contains("(\(figure) ")
                        && !message.hasSuffix(" \(figure)"),
                    "confidential-balances",
                    "\(place) told \(account.name) (\(account.country)) one of \(country)'s running totals (\(figure)): \(message)"
                )
            }
        }
    }

    /// Another country's imported and authorized-not-used totals and what remains, as written.
    func confidentialFigures(of country: String) -> Set<String> {
        var figures: Set<String> = []
        for (key, usage) in self.model.totals() where key.country == country {
            for value in [usage.authorizedNotUsed, usage.imported] where value > 0 {
                figures.insert("\(Quantity(milligrams: value))")
            }
            if let limit = self.model.limit(key) {
                let remaining = limit - usage.authorizedNotUsed - usage.imported
                if remaining != limit { figures.insert("\(Quantity(milligrams: remaining))") }
            }
        }
        return figures
    }

    func checkVisible(_ document: Licit_V1_Document, to account: Account) throws {
        let key = try self.key(of: document)
        try require(
            self.model.visible(key, to: account.authority),
            "hidden-documents",
            "\(account.name) of \(account.authority) was shown \(key), which it may not see"
        )
    }

    /// The document's key, from its content; decoded once per content, as every step lists them all.
    func key(of document: Licit_V1_Document) throws -> Key {
        if let key = self.keysByContent[document.content] { return key }
        let key: Key
        if document.kind == .importAuthorization {
            let content = try Licit_V1_ImportAuthorizationContent(serializedBytes: document.content)
            key = Key(authority: content.authority, number: content.number)
        } else {
            let content = try Licit_V1_ExportAuthorizationContent(serializedBytes: document.content)
            key = Key(authority: content.authority, number: content.number)
        }
        self.keysByContent[document.content] = key
        return key
    }

    // MARK: After every step

    func checkAfterStep(auditing: Bool) async throws {
        try await self.checkClock()
        if auditing {
            let report = try await self.exchange.verify()
            self.checks += 1
            try require(
                report.isIntact,
                "audit-verifies",
                "audit verify failed: \(report.problems.prefix(3).joined(separator: "; "))"
            )
        }
        let snapshot = try await self.snapshot()
        try self.checkDocuments(snapshot)
        try self.checkBalances(snapshot)
    }

    /// The exchange's clock never moves backwards, across restarts too.
    func checkClock() async throws {
        let response = await self.exchange.call(
            SimulationWorld.boardAdmin,
            LicitMethod.Sandbox.getClock,
            try Licit_V1_GetClockRequest().serializedData()
        )
        let now = try self.decode(Licit_V1_ClockResponse.self, response).nowMs
        self.checks += 1
        try require(
            now >= self.lastClockMilliseconds,
            "clock-monotonic",
            "the exchange's clock moved back from \(Self.iso(self.lastClockMilliseconds)) to \(Self.iso(now))"
        )
        self.lastClockMilliseconds = now
    }

    static func iso(_ milliseconds: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    /// The Board sees exactly the documents acknowledged, each in the state the model expects,
    /// and each IA's committed quantity is what the EAs of its chain commit.
    func checkDocuments(_ snapshot: Snapshot) throws {
        let expected = Set(self.model.all.filter { $0.status != .draft }.map(\.key))
        self.checks += 1
        try require(
            expected == Set(snapshot.documents.keys),
            "acknowledged-writes-survive",
            "the Board sees \(snapshot.documents.count) documents, the model \(expected.count): missing \(expected.subtracting(snapshot.documents.keys).sorted().prefix(3)), unexpected \(Set(snapshot.documents.keys).subtracting(expected).sorted().prefix(3))"
        )
        for (key, state) in snapshot.documents {
            guard let document = self.model[key] else { continue }
            self.checks += 1
            let statuses: Set<String> =
                switch document.status {
                case .open: document.isImport ? ["issued", "partly_used", "used", "expired"] : ["issued", "expired"]
                default: [document.status.rawValue]
                }
            try require(
                statuses.contains(state.status),
                "lifecycle",
                "\(key) is \(state.status); the model expects \(document.status)"
            )
            if document.isImport, document.supersededBy == nil, document.status != .cancelled {
                let committed = self.model.committed(ofChain: key)
                try require(
                    state.committedMg.first ?? 0 == committed,
                    "quantities-conserved",
                    "IA \(key) records \(state.committedMg.first ?? 0) mg committed; its chain's EAs commit \(committed) mg"
                )
            }
        }
    }

    /// Each country's totals are the sum of its documents, each kilogram counted once.
    func checkBalances(_ snapshot: Snapshot) throws {
        let totals = self.model.totals()
        for key in Set(totals.keys).union(snapshot.balances.keys).sorted() {
            let expected = totals[key] ?? (0, 0)
            let actual = snapshot.balances[key] ?? .init()
            self.checks += 1
            try require(
                actual.authorizedNotUsedMg == expected.authorizedNotUsed && actual.importedMg == expected.imported,
                "balances-are-sums",
                "\(key.country) \(key.substance) \(key.year): the exchange counts \(actual.authorizedNotUsedMg) mg authorized and not used, \(actual.importedMg) mg imported; the documents add up to \(expected.authorizedNotUsed) and \(expected.imported)"
            )
            if let limit = self.model.limit(key), actual.limited {
                try require(
                    actual.limitMg == limit,
                    "balances-are-sums",
                    "\(key.country) \(key.substance) \(key.year): limit \(actual.limitMg) mg, the Board confirmed \(limit)"
                )
            }
        }
    }

    // MARK: Snapshots

    struct Snapshot: Equatable {
        var documents: [Key: Licit_V1_DocumentState] = [:]
        var contents: [Key: Data] = [:]
        var balances: [ReferenceModel.BalanceKey: Licit_V1_Balance] = [:]
    }

    /// What the Board sees: every document and every balance of the years in play.
    func snapshot() async throws -> Snapshot {
        var snapshot = Snapshot()
        let observer = SimulationWorld.accounts.first { $0.role == .boardObserver }!
        var token = ""
        repeat {
            let response = await self.exchange.call(
                observer,
                Method.listDocuments,
                try Licit_V1_ListDocumentsRequest.with {
                    $0.pageSize = 500
                    $0.pageToken = token
                }.serializedData()
            )
            try require(
                response.status.code == .ok,
                "reads-answer",
                "the Board's document list failed: \(response.status)"
            )
            let page = try self.decode(Licit_V1_ListDocumentsResponse.self, response)
            for document in page.documents {
                let key = try self.key(of: document)
                snapshot.documents[key] = document.state
                snapshot.contents[key] = document.content
            }
            token = page.nextPageToken
        } while !token.isEmpty
        let years = Set([SimulationWorld.startDay.year, SimulationWorld.startDay.year + 1, self.today.year])
        for country in SimulationWorld.countries + [SimulationWorld.paperCountry] {
            for year in years.sorted() {
                let response = await self.exchange.call(
                    observer,
                    Method.getBalances,
                    try Licit_V1_BalancesRequest.with {
                        $0.country = country
                        $0.year = UInt32(year)
                    }.serializedData()
                )
                try require(
                    response.status.code == .ok,
                    "reads-answer",
                    "the Board's balances failed: \(response.status)"
                )
                for balance in try self.decode(Licit_V1_BalancesResponse.self, response).balances {
                    let key = ReferenceModel.BalanceKey(country: country, substance: balance.substance, year: year)
                    snapshot.balances[key] = balance
                }
            }
        }
        return snapshot
    }

    static func difference(_ before: Snapshot, _ after: Snapshot) -> String {
        for key in Set(before.documents.keys).union(after.documents.keys).sorted()
        where before.documents[key] != after.documents[key] || before.contents[key] != after.contents[key] {
            return
                "\(key): \(before.documents[key].map { $0.status } ?? "absent") before, \(after.documents[key].map { $0.status } ?? "absent") after"
        }
        for key in Set(before.balances.keys).union(after.balances.keys).sorted()
        where before.balances[key] != after.balances[key] {
            return "balance \(key.country) \(key.substance) \(key.year) changed"
        }
        return "nothing visible"
    }
}
