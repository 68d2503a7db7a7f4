import Foundation
import LicitExchange
import LicitModel
import LicitServerCore
import LicitWire

/// Reads by any account, and probes of documents hidden from the caller.
extension Simulation {
    static let readers: Set<Role> = [.officer, .signer, .viewer, .boardAdmin, .boardObserver]

    func read(account pick: Int, kind: Int, document pick2: Int) async throws {
        let account = self.accounts[pick % self.accounts.count]
        let documents = self.model.all
        let serves = Self.readers.contains(account.role) && !self.revoked.contains(account.name)
        let viewer = account.authority
        switch kind {
        case 0, 1:
            guard !documents.isEmpty else { return }
            let document = documents[pick2 % documents.count]
            let method = kind == 0 ? Method.getDocument : Method.getHistory
            let response = try await self.read(account, method, Self.reference(document.key))
            self.checks += 1
            try require(
                (response.status.code == .ok) == (serves && self.model.visible(document.key, to: viewer)),
                "hidden-documents",
                "\(method) of \(document.key) (\(document.status)) by \(account.name) answered \(response.status.code) \(response.status.reason)"
            )
        case 2:
            var seen: Set<Key> = []
            var token = ""
            repeat {
                let response = try await self.read(
                    account,
                    Method.listDocuments,
                    Licit_V1_ListDocumentsRequest.with {
                        $0.pageSize = 500
                        $0.pageToken = token
                    }
                )
                guard response.status.code == .ok else {
                    try require(!serves, "reads-answer", "\(account.name)'s list was refused: \(response.status)")
                    return
                }
                let page = try self.decode(Licit_V1_ListDocumentsResponse.self, response)
                for document in page.documents { seen.insert(try self.key(of: document)) }
                token = page.nextPageToken
            } while !token.isEmpty
            let expected = Set(documents.map(\.key).filter { self.model.visible($0, to: viewer) })
            self.checks += 1
            try require(
                seen == expected,
                "hidden-documents",
                "\(account.name) lists \(seen.count) documents, the model shows it \(expected.count): missing \(expected.subtracting(seen).sorted().prefix(3)), extra \(seen.subtracting(expected).sorted().prefix(3))"
            )
        case 3, 4:
            let own = kind == 3 || account.authority == "BOARD"
            let country =
                own ? account.country : SimulationWorld.countries.first { $0 != account.country }!
            let response = try await self.read(
                account,
                Method.getBalances,
                Licit_V1_BalancesRequest.with { $0.country = country }
            )
            self.checks += 1
            if !own {
                try require(
                    response.status.code != .ok,
                    "confidential-balances",
                    "\(account.name) of \(account.country) read \(country)'s balances"
                )
            }
        case 5:
            _ = try await self.read(
                account,
                LicitMethod.Inbox.listEvents,
                Licit_V1_ListEventsRequest.with { $0.limit = 1000 }
            )
        case 6 where pick2 % 10 != 0:
            try await self.otherCall(account, pick2 % 10)
        default:
            // An exporting CNA's dry run of an emergency export to another country.
            guard account.role == .signer || account.role == .officer else { return }
            let importing = SimulationWorld.countries.filter { $0 != account.country }[pick2 % 2]
            _ = try await self.read(
                account,
                Method.validateExportAuthorization,
                Licit_V1_ExportAuthorizationRequest.with {
                    $0.content = .with {
                        $0.number = "PROBE-\(pick2)"
                        $0.emergency = true
                        $0.importingCountry = importing
                        $0.lines = [Self.line(SimulationWorld.substances[pick2 % 3], 1_000)]
                        $0.period = Self.period(self.today, self.today.adding(days: 10))
                    }
                    $0.emergencyJustification = "probe"
                }
            )
        }
    }

    /// The methods no other step calls, by any account: each answer is checked like every other
    /// (another country's figures, hidden documents, revoked certificates), and the Board's
    /// oversight, the trail and the account lists are refused to whoever is not allowed them.
    func otherCall(_ account: Account, _ which: Int) async throws {
        let board = account.authority == "BOARD"
        let (method, response): (String, Licit_V1_Response)
        switch which {
        case 1:
            (method, response) = (
                LicitMethod.Reference.getReference,
                try await self.read(account, LicitMethod.Reference.getReference, Licit_V1_GetReferenceRequest())
            )
            if response.status.code == .ok, !board {
                let traders = try self.decode(Licit_V1_ReferenceData.self, response).traders
                self.checks += 1
                try require(
                    traders.allSatisfy { $0.authority == account.authority },
                    "hidden-documents",
                    "\(account.name) read another CNA's register of traders"
                )
            }
        case 2:
            let oversight = [
                LicitMethod.Board.tradeFlows, LicitMethod.Board.listOversight, LicitMethod.Board.estimateWatch,
                LicitMethod.Board.paperPartners, LicitMethod.Board.getCallCounters,
            ]
            method = oversight[self.step % oversight.count]
            response = await self.exchange.call(account, method, Data())
            try self.checkAnswer(response, to: account, method: method)
        case 3:
            method = LicitMethod.Board.listAudit
            response = try await self.read(account, method, Licit_V1_ListAuditRequest.with { $0.pageSize = 1000 })
        case 4:
            method = LicitMethod.Board.getReturn
            response = try await self.read(
                account,
                method,
                Licit_V1_ReturnRequest.with {
                    $0.country = board ? "FR" : account.country
                    $0.form = "A"
                    $0.year = UInt32(self.today.year)
                }
            )
        case 5:
            method = LicitMethod.Reference.listAccounts
            response = try await self.read(account, method, Licit_V1_ListAccountsRequest())
            if response.status.code == .ok, account.role == .countryAdmin {
                let listed = try self.decode(Licit_V1_ListAccountsResponse.self, response).accounts
                self.checks += 1
                try require(
                    listed.allSatisfy { $0.country == account.country },
                    "hidden-documents",
                    "\(account.name) listed another country's accounts"
                )
            }
        case 6:
            (method, response) = (
                LicitMethod.Documents.getSealKey,
                try await self.read(account, LicitMethod.Documents.getSealKey, Licit_V1_EchoRequest())
            )
        case 7:
            let events = try await self.read(
                account,
                LicitMethod.Inbox.listEvents,
                Licit_V1_ListEventsRequest.with { $0.limit = 1 }
            )
            let through = try? self.decode(Licit_V1_ListEventsResponse.self, events).events.first?.sequence
            method = LicitMethod.Inbox.acknowledge
            response = try await self.write(
                account,
                method,
                Licit_V1_AcknowledgeRequest.with { $0.throughSequence = through ?? 0 }
            )
        default:
            method = LicitMethod.Reference.registerTrader
            response = try await self.write(
                account,
                method,
                Licit_V1_RegisterTraderRequest.with {
                    $0.trader = .with {
                        $0.name = "Trader \(self.step)"
                        $0.address = "\(self.step) Market Street"
                    }
                }
            )
        }
        // Who may call what, as PROTOCOL.md states it for these methods.
        let allowed: Bool =
            switch method {
            case LicitMethod.Board.getReturn, LicitMethod.Reference.getReference, LicitMethod.Documents.getSealKey:
                true
            case LicitMethod.Reference.listAccounts: account.role == .boardAdmin || account.role == .countryAdmin
            case LicitMethod.Inbox.acknowledge: Self.readers.contains(account.role)
            case LicitMethod.Reference.registerTrader: account.role == .signer || account.role == .countryAdmin
            default: board
            }
        self.checks += 1
        try require(
            allowed || response.status.code != .ok,
            "deny-by-default",
            "\(method) succeeded for \(account.name) (\(account.role.rawValue))"
        )
        try require(
            !allowed || self.revoked.contains(account.name) || response.status.code != .permissionDenied,
            "deny-by-default",
            "\(method) was refused to \(account.name) (\(account.role.rawValue)): \(response.status.reason)"
        )
    }

    static func reference(_ key: Key) -> Licit_V1_DocumentRef {
        .with {
            $0.authority = key.authority
            $0.number = key.number
        }
    }

    /// A document hidden from the caller and one that does not exist must be answered alike,
    /// so that numbers cannot be probed.
    func probeHidden(account pick: Int, document pick2: Int, method: Int) async throws {
        let cnas = self.accounts.filter {
            $0.authority != "BOARD" && Self.readers.contains($0.role) && !self.revoked.contains($0.name)
        }
        let account = cnas[pick % cnas.count]
        let hidden = self.model.all.filter { !self.model.visible($0.key, to: account.authority) }
        guard !hidden.isEmpty else { return }
        let document = hidden[pick2 % hidden.count]
        let absent = Key(authority: document.key.authority, number: "\(document.key.number)-0")
        let answers = try await [document.key, absent].asyncMap { key in
            try await self.probe(account, key, method: method)
        }
        self.checks += 1
        let masked = answers[0].message.replacingOccurrences(of: document.key.number, with: absent.number)
        try require(
            answers[0].code == answers[1].code && answers[0].reason == answers[1].reason
                && masked == answers[1].message,
            "hidden-documents",
            "\(account.name) can tell \(document.key) exists: \(answers[0].code) \(answers[0].reason) \"\(answers[0].message)\", where an absent one answers \(answers[1].code) \(answers[1].reason) \"\(answers[1].message)\""
        )
    }

    private func probe(_ account: Account, _ key: Key, method: Int) async throws -> Licit_V1_Status {
        switch method % 6 {
        case 0: return try await self.read(account, Method.getDocument, Self.reference(key)).status
        case 1: return try await self.read(account, Method.getHistory, Self.reference(key)).status
        case 4:
            return try await self.read(
                account,
                Method.getScan,
                Licit_V1_ScanRequest.with { $0.document = Self.reference(key) }
            ).status
        case 2:
            return try await self.write(
                account,
                Method.endorse,
                Licit_V1_EndorseRequest.with {
                    $0.exportAuthorization = Self.reference(key)
                    $0.importedMg = [1_000]
                }
            ).status
        case 3:
            return try await self.write(
                account,
                Method.cancel,
                Licit_V1_CancelRequest.with {
                    $0.authority = key.authority
                    $0.number = key.number
                    $0.reason = "probe"
                }
            ).status
        default:
            return try await self.read(
                account,
                Method.validateExportAuthorization,
                Licit_V1_ExportAuthorizationRequest.with {
                    $0.content = .with {
                        $0.number = "PROBE-EA"
                        $0.importAuthorization = .with {
                            $0.authority = key.authority
                            $0.number = key.number
                        }
                        $0.lines = [Self.line("MORPHINE", 1_000)]
                        $0.period = Self.period(self.today, self.today)
                    }
                }
            ).status
        }
    }
}

extension Array {
    func asyncMap<Value>(_ transform: (Element) async throws -> Value) async rethrows -> [Value] {
        var values: [Value] = []
        for element in self { values.append(try await transform(element)) }
        return values
    }
}
