import Foundation
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
                for document in page.documents { seen.insert(try Self.key(of: document)) }
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
        switch method % 5 {
        case 0: return try await self.read(account, Method.getDocument, Self.reference(key)).status
        case 1: return try await self.read(account, Method.getHistory, Self.reference(key)).status
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
