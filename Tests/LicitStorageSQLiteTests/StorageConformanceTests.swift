import Foundation
import LicitModel
import LicitStorage
import Testing

/// The contract of ``Storage``, run against every backend: the exchange relies on nothing else.
@Suite("Storage conformance")
struct StorageConformanceTests {
    typealias F = StoreFixtures

    @Test("a replayed request has exactly one effect and returns the original response", arguments: Backend.allCases)
    func replay(_ backend: Backend) async throws {
        try await backend.with { store in
            #expect(try await F.register(store, "r-1", "FR") == Data("done:FR".utf8))
            #expect(try await F.register(store, "r-1", "FR") == Data("done:FR".utf8))
            #expect(try await F.countries(store) == ["FR"])
            // The same id under another authority is another request.
            _ = try await F.register(store, "r-1", "IN", authority: "IN-NCB")
            #expect(try await F.countries(store) == ["FR", "IN"])
            #expect(try await store.auditRecords().map(\.outcome) == ["ok", "ok"])
        }
    }

    @Test(
        "the same request id with another payload is refused with request_id_reused and changes nothing",
        arguments: Backend.allCases
    )
    func reusedID(_ backend: Backend) async throws {
        try await backend.with { store in
            _ = try await F.register(store, "r-1", "FR")
            let error = await #expect(throws: ExchangeError.self) { try await F.register(store, "r-1", "DE") }
            #expect(error?.reason == "request_id_reused")
            #expect(try await F.countries(store) == ["FR"])
            #expect(try await store.auditRecords().map(\.outcome) == ["ok", "request_id_reused"])
        }
    }

    @Test(
        "a refused write leaves no effect and no idempotency record, only an audited refusal",
        arguments: Backend.allCases
    )
    func refused(_ backend: Backend) async throws {
        try await backend.with { store in
            await #expect(throws: ExchangeError.self) { try await F.register(store, "r-2", "XX") }
            #expect(try await F.countries(store).isEmpty)
            let audit = try await store.auditRecords()
            #expect(audit.map(\.outcome) == ["over_estimate"])
            #expect(audit.first?.detail.contains("refused by the rules") == true)
            // Not recorded as done: the same id may now succeed with a corrected payload? No:
            // a refused id keeps no record, so a retry of the same request is refused again.
            await #expect(throws: ExchangeError.self) { try await F.register(store, "r-2", "XX") }
            #expect(AuditChain.verify(try await store.auditRecords()) == nil)
        }
    }

    @Test("denials are audited in the chain with their reason", arguments: Backend.allCases)
    func denial(_ backend: Backend) async throws {
        try await backend.with { store in
            try await store.recordDenial(
                F.intent("", "FR-ANSM/IA-1", action: "document.get"),
                reason: "document_not_found",
                detail: "x"
            )
            _ = try await F.register(store, "r-1", "FR")
            let audit = try await store.auditRecords()
            #expect(audit.map(\.outcome) == ["document_not_found", "ok"])
            #expect(audit.map(\.sequence) == [1, 2])
            #expect(AuditChain.verify(audit) == nil)
        }
    }

    @Test("the audit trail is read in pages by sequence, with the chain's head", arguments: Backend.allCases)
    func auditPages(_ backend: Backend) async throws {
        try await backend.with { store in
            let empty = try await store.auditPage(after: 0, limit: 10)
            #expect(empty.records.isEmpty && empty.headSequence == 0 && empty.headHash == AuditChain.genesisHash)
            for index in 1...5 { _ = try await F.register(store, "p-\(index)", "C\(index)") }
            await #expect(throws: ExchangeError.self) { try await F.register(store, "p-6", "XX") }
            let all = try await store.auditRecords()
            #expect(all.count == 6)

            var walked: [AuditRecord] = []
            var after: UInt64 = 0
            while true {
                let page = try await store.auditPage(after: after, limit: 1)
                #expect(page.headSequence == 6 && page.headHash == all.last?.hash)
                guard let record = page.records.first else { break }
                #expect(page.records.count == 1)
                walked.append(record)
                after = record.sequence
            }
            #expect(walked == all)

            #expect(try await store.auditRecords(after: 2, limit: 3).map(\.sequence) == [3, 4, 5])
            #expect(try await store.auditRecords(after: 4, limit: 100).map(\.sequence) == [5, 6])
            #expect(try await store.auditRecords(after: 6, limit: 100).isEmpty)
            #expect(try await store.auditRecords(after: .max, limit: 100).isEmpty)
            #expect(try await store.auditRecords(after: 0, limit: 0).isEmpty)
            let head = try await store.auditHead()
            #expect(head.sequence == 6 && head.hash == all.last?.hash)
        }
    }

    @Test(
        "documents: insert, duplicate numbers, update, citations, drafts, scoped and paged lists",
        arguments: Backend.allCases
    )
    func documents(_ backend: Backend) async throws {
        try await backend.with { store in
            let ia = F.importAuthorization("IA-1")
            _ = try await store.write(F.intent("d-1", "docs")) { transaction in
                try F.reference(transaction)
                let stored = try transaction.insert(ia)
                #expect(stored.sequence > 0)
                try transaction.insert(F.importAuthorization("IA-2"))
                try transaction.insert(F.exportAuthorization("EA-1", citing: ia))
                return Data()
            }
            let duplicate = await #expect(throws: ExchangeError.self) {
                try await store.write(F.intent("d-2", "dup")) { transaction in
                    try transaction.insert(F.importAuthorization("IA-1"))
                    return Data()
                }
            }
            #expect(duplicate?.reason == "duplicate_number")
            let key = DocumentKey(authority: "FR-ANSM", number: "IA-1")
            let loaded = try await store.read { try $0.document(key) }
            #expect(loaded?.body == ia.body)
            #expect(loaded?.content == ia.content)
            #expect(try await store.read { try $0.exportAuthorizations(citing: key).map(\.key.number) } == ["EA-1"])

            // Visible to the issuer and the counterpart; not to a third CNA.
            let forFrance = try await store.read {
                try $0.documents(DocumentQuery(visibleTo: "FR-ANSM")).map(\.key.number)
            }
            #expect(forFrance == ["EA-1", "IA-2", "IA-1"])
            #expect(try await store.read { try $0.documents(DocumentQuery(visibleTo: "DE-BFARM")) }.isEmpty)
            var page = DocumentQuery(visibleTo: "IN-NCB", limit: 2)
            page.kind = .importAuthorization
            let firstPage = page
            let first = try await store.read { try $0.documents(firstPage) }
            #expect(first.map(\.key.number) == ["IA-2", "IA-1"])
            page.before = first.last!.sequence
            let nextPage = page
            let second = try await store.read { try $0.documents(nextPage) }
            #expect(second.isEmpty)
            var filtered = DocumentQuery(visibleTo: nil)
            filtered.statuses = ["issued"]
            filtered.substance = "MORPHINE"
            filtered.periodEndedBefore = F.day.adding(days: 31)
            let query = filtered
            let matching = try await store.read { try $0.documents(query).map(\.key.number) }
            #expect(matching == ["EA-1"])

            _ = try await store.write(F.intent("d-3", "cancel")) { transaction in
                var changed = try transaction.document(key)!
                guard case .importAuthorization(var model) = changed.body else { return Data() }
                try model.cancel(reason: "withdrawn")
                changed.body = .importAuthorization(model)
                try transaction.update(changed)
                try transaction.appendHistory(
                    key,
                    HistoryEntry(
                        at: 1,
                        action: "cancelled",
                        status: "cancelled",
                        authority: "FR-ANSM",
                        detail: "withdrawn"
                    )
                )
                return Data()
            }
            #expect(try await store.read { try $0.document(key)?.body.status } == "cancelled")
            #expect(try await store.read { try $0.history(key).map(\.action) } == ["cancelled"])

            // A notice once sent is filtered out by the store itself (the expiry sweep relies on it).
            let noticed = DocumentKey(authority: "FR-ANSM", number: "IA-2")
            _ = try await store.write(F.intent("d-4", "notice")) { transaction in
                var document = try transaction.document(noticed)!
                document.annotations.notices.insert("expiring_soon")
                try transaction.update(document)
                return Data()
            }
            var unnoticed = DocumentQuery(visibleTo: "FR-ANSM")
            unnoticed.kind = .importAuthorization
            unnoticed.withoutNotice = "expiring_soon"
            let withoutNotice = unnoticed
            let remaining = try await store.read { try $0.documents(withoutNotice).map(\.key.number) }
            #expect(remaining == ["IA-1"])
        }
    }

    @Test("usage totals add up, and only what is asked for comes back", arguments: Backend.allCases)
    func usage(_ backend: Backend) async throws {
        try await backend.with { store in
            let key = UsageKey(country: "FR", substance: "MORPHINE", year: 2026)
            _ = try await store.write(F.intent("u-1", "usage")) { transaction in
                try F.reference(transaction)
                try transaction.adjustUsage(key, by: Usage(authorizedNotUsed: 10, imported: 0))
                try transaction.adjustUsage(key, by: Usage(authorizedNotUsed: -4, imported: 4))
                try transaction.adjustUsage(
                    UsageKey(country: "IN", substance: "MORPHINE", year: 2026),
                    by: Usage(authorizedNotUsed: 1)
                )
                try transaction.put(Allowance(country: "FR", substance: "MORPHINE", year: 2026, initial: .kilograms(1)))
                try transaction.put(
                    Allowance(
                        country: "FR",
                        substance: "MORPHINE",
                        year: 2026,
                        initial: .kilograms(1),
                        supplementary: [.grams(5)]
                    )
                )
                return Data()
            }
            #expect(try await store.read { try $0.usage(key) } == Usage(authorizedNotUsed: 6, imported: 4))
            #expect(
                try await store.read { try $0.usages(country: "FR", year: 2026) } == [
                    key: Usage(authorizedNotUsed: 6, imported: 4)
                ]
            )
            #expect(
                try await store.read { try $0.usage(UsageKey(country: "DE", substance: "MORPHINE", year: 2026)) }
                    == .zero
            )
            #expect(try await store.read { try $0.allowance(key)?.total } == Quantity(milligrams: 1_005_000))
        }
    }

    @Test("inbox events are ordered per recipient and cursors move only as told", arguments: Backend.allCases)
    func inbox(_ backend: Backend) async throws {
        try await backend.with { store in
            let document = DocumentKey(authority: "FR-ANSM", number: "IA-1")
            @Sendable func event(_ recipient: String) -> InboxEntry {
                InboxEntry(
                    recipient: recipient,
                    kind: "ia_received",
                    document: document,
                    documentKind: .importAuthorization,
                    at: 1,
                    status: "issued",
                    summary: "s"
                )
            }
            _ = try await store.write(F.intent("e-1", "events")) { transaction in
                let first = try transaction.appendEvent(event("IN-NCB"))
                let second = try transaction.appendEvent(event("DE-BFARM"))
                let third = try transaction.appendEvent(event("IN-NCB"))
                #expect(first < second && second < third)
                let account = InboxEntry(
                    recipient: "IN-NCB",
                    kind: "account_approved",
                    subject: "account/in-admin-2",
                    at: 2,
                    status: "active",
                    summary: "approved"
                )
                #expect(try transaction.appendEvent(account) > third)
                try transaction.setCursor(recipient: "in-signer", to: first)
                return Data()
            }
            let all = try await store.read { try $0.events(recipient: "IN-NCB", after: 0, limit: 10) }
            #expect(all.count == 3)
            // An event about something other than a document keeps its subject, and has no document.
            let account = try #require(all.last)
            let events = Array(all.dropLast())
            #expect(account.subject == "account/in-admin-2" && account.documentKind == nil, "\(account)")
            #expect(account.document == DocumentKey(authority: "", number: "") && account.status == "active")
            #expect(events.allSatisfy { $0.subject.isEmpty && $0.documentKind == .importAuthorization })
            #expect(
                try await store.read { try $0.events(recipient: "IN-NCB", after: events[0].sequence, limit: 10) }.map(
                    \.sequence
                ) == [events[1].sequence, account.sequence]
            )
            #expect(try await store.read { try $0.cursor(recipient: "in-signer") } == events[0].sequence)
            #expect(try await store.read { try $0.cursor(recipient: "in-viewer") } == 0)
        }
    }

    @Test("reference data is added or replaced by key", arguments: Backend.allCases)
    func reference(_ backend: Backend) async throws {
        try await backend.with { store in
            _ = try await store.write(F.intent("ref-1", "reference")) { transaction in
                try F.reference(transaction)
                try transaction.put(
                    Country(code: "FR", name: "France", participating: true, names: ["fr": "France", "es": "Francia"])
                )
                try transaction.put(Prohibition(country: "IN", substance: "MORPHINE"))
                try transaction.put(Prohibition(country: "IN", substance: "MORPHINE"))
                try transaction.put(
                    RegisteredTrader(
                        id: "FR-T1",
                        authority: "FR-ANSM",
                        trader: Trader(name: "A", address: "B", country: "FR")
                    )
                )
                try transaction.put(
                    Attachment(
                        sha256: String(repeating: "a", count: 64),
                        mediaType: "application/pdf",
                        bytes: Data([1, 2])
                    )
                )
                return Data()
            }
            #expect(try await store.read { try $0.countries().first { $0.code == "FR" }?.name } == "France")
            let france = try await store.read { try $0.countries().first { $0.code == "FR" } }
            #expect(france?.name(in: .spanish) == "Francia", "translated names are kept")
            #expect(try await store.read { try $0.prohibitions() }.count == 1)
            #expect(try await store.read { try $0.trader(id: "FR-T1")?.authority } == "FR-ANSM")
            #expect(try await store.read { try $0.traders(authority: "IN-NCB") }.isEmpty)
            #expect(try await store.read { try $0.authorities().map(\.code) } == ["FR-ANSM", "IN-NCB"])
            #expect(try await store.read { try $0.substances().map(\.code) } == ["MORPHINE"])
            #expect(
                try await store.read { try $0.attachment(sha256: String(repeating: "a", count: 64))?.bytes }
                    == Data([1, 2])
            )
        }
    }

    @Test("concurrent writes are applied one after another, each seeing the ones before", arguments: Backend.allCases)
    func serialized(_ backend: Backend) async throws {
        try await backend.with { store in
            _ = try await store.write(F.intent("s-0", "setup")) { transaction in
                try F.reference(transaction)
                return Data()
            }
            // Each write names a new country after how many it sees: two writes seeing the same
            // state would pick the same code and one country would be missing.
            try await withThrowingTaskGroup(of: Data.self) { group in
                for index in 1...64 {
                    group.addTask {
                        try await store.write(F.intent("s-\(index)", "w\(index)")) { transaction in
                            let seen = try transaction.countries().count
                            let code =
                                String(UnicodeScalar(UInt8(65 + seen / 26)))
                                + String(UnicodeScalar(UInt8(65 + seen % 26)))
                            try transaction.put(Country(code: code, name: code, participating: false))
                            return Data()
                        }
                    }
                }
                for try await _ in group {}
            }
            #expect(try await F.countries(store).count == 3 + 64)
            let audit = try await store.auditRecords()
            #expect(audit.count == 65)
            #expect(AuditChain.verify(audit) == nil)
        }
    }
}
