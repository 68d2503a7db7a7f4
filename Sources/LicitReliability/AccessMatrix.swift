import Foundation
import GRDB
import LicitClient
import LicitWire

/// Deny by default, scoped to the caller, generated from the RPC catalogue in Proto/: every
/// unary RPC × every role × own / counterpart / unrelated country × existing / guessed /
/// other-country document. No unauthorized success, no refusal that tells a hidden document
/// from one that does not exist, no answer (report, refusal detail, list, inbox) that shows a CNA
/// another country's running totals or a document hidden from it, and every denial in the audit
/// trail.
struct AccessMatrix {
    let lab: Lab

    struct Caller: Hashable {
        let account: String
        let relation: String
        var isBoard: Bool { self.relation == "board" }
        var readOnly: Bool { self.account.hasSuffix("viewer") || self.account == "board-observer" }
    }

    struct Target {
        let kind: String
        let authority: String
        let number: String
        /// The countries (besides the Board) whose CNAs may see it.
        let visibleTo: Set<String>
    }

    static let callers: [Caller] =
        [Caller(account: "board-admin", relation: "board"), Caller(account: "board-observer", relation: "board")]
        + [("fr", "own"), ("in", "counterpart"), ("de", "unrelated")].flatMap { country, relation in
            ["admin", "officer", "signer", "viewer"].map { Caller(account: "\(country)-\($0)", relation: relation) }
        }

    /// Documents named by the calls that take one.
    static let documentMethods: Set<String> = [
        LicitMethod.Documents.getDocument, LicitMethod.Documents.getHistory, LicitMethod.Documents.getScan,
        LicitMethod.Documents.cancel,
        LicitMethod.Documents.recordExported, LicitMethod.Documents.endorse,
        LicitMethod.Documents.issueExportAuthorization, LicitMethod.Documents.amendImportAuthorization,
    ]

    /// Writes the Board may make; any other write is a CNA's.
    static let boardWrites: Set<String> = [
        LicitMethod.Reference.importReference, LicitMethod.Reference.registerTrader,
        LicitMethod.Reference.revokeCertificate, LicitMethod.Reference.enrollAccount,
        LicitMethod.Reference.approveAccount, LicitMethod.Estimates.decide, LicitMethod.Estimates.decideAnnual,
        LicitMethod.Returns.decide,
        LicitMethod.Sandbox.setClock,
        LicitMethod.Inbox.acknowledge,
        LicitMethod.Board.deliverAuditCheckpoint,
    ]

    func run() async throws -> Findings {
        var findings = Findings()
        let catalogue = try Self.catalogue()
        let unary = catalogue.filter { !$0.streaming && $0.method != LicitMethod.hello }.map(\.method)
        findings.figures["rpcs_in_catalogue"] = Double(catalogue.count)
        let daemon = try await LicitdProcess.sandbox(self.lab, in: try self.lab.folder("access"))
        try await daemon.startServing()
        let targets = try await self.makeDocuments(daemon)

        // Which RPCs are writes: the exchange asks them for a request id.
        var writes: Set<String> = []
        for caller in Self.callers {
            try await withLicitClient(try daemon.configuration(caller.account)) { client in
                for method in unary {
                    if (await Self.outcome { try await client.call(method: method, payload: Data()) }).reason
                        == "request_id_required"
                    {
                        writes.insert(method)
                    }
                }
            }
        }
        findings.figures["rpcs_that_write"] = Double(writes.count)

        var calls = 0
        var denials = 0
        var leaks = 0
        var unauthorized = 0
        var contentLeaks = 0
        var deniedBy: [String: Int] = [:]
        let ordered =
            unary.filter { $0 != LicitMethod.Reference.revokeCertificate } + [LicitMethod.Reference.revokeCertificate]
        for method in ordered {
            for caller in Self.callers {
                try await withLicitClient(try daemon.configuration(caller.account)) { client in
                    var guessedAnswer: Outcome?
                    for target in targets {
                        let payload = try self.payload(method, target, daemon)
                        let requestID = writes.contains(method) ? LicitClient.makeRequestID() : nil
                        let outcome = await Self.outcome {
                            try await client.call(method: method, payload: payload, requestID: requestID)
                        }
                        calls += 1
                        if outcome.isDenial {
                            denials += 1
                            deniedBy[caller.account, default: 0] += 1
                        }
                        if target.kind == "guessed" { guessedAnswer = outcome }
                        let seen =
                            caller.isBoard || target.visibleTo.contains(String(caller.account.prefix(2)).uppercased())
                        if let problem = self.unauthorized(outcome, method, caller, target, seen: seen, writes: writes)
                        {
                            unauthorized += 1
                            findings.fail(
                                "\(method) by \(caller.account) on \(target.kind) \(target.number): \(problem)"
                            )
                        } else {
                            findings.check(true, "")
                        }
                        let leak = try Self.leakedContent(outcome, method, caller, targets)
                        if leak != nil { contentLeaks += 1 }
                        findings.check(
                            leak == nil,
                            "\(method) by \(caller.account) on \(target.kind) \(target.number): \(leak ?? "")"
                        )
                        // A hidden document must be answered exactly as one that does not exist.
                        if Self.documentMethods.contains(method), !seen, target.kind != "guessed", let guessedAnswer {
                            let same = outcome.normalized(target.number) == guessedAnswer.normalized("AM-GUESS-404")
                            if !same { leaks += 1 }
                            findings.check(
                                same,
                                "\(method) by \(caller.account): \(target.kind) \(target.number) answered \(outcome) but a guessed number \(guessedAnswer)"
                            )
                        }
                    }
                }
            }
        }
        daemon.stop()
        let audited = try Self.auditedDenials(daemon.databaseFile)
        for (account, count) in deniedBy {
            findings.check(
                (audited[account] ?? 0) >= count,
                "\(account) was refused \(count) times, the audit trail has \(audited[account] ?? 0) denials"
            )
        }
        findings.figures["calls"] = Double(calls)
        findings.figures["denials"] = Double(denials)
        findings.figures["denials_audited"] = Double(audited.values.reduce(0, +))
        findings.figures["unauthorized_successes"] = Double(unauthorized)
        findings.figures["leaked_fields"] = Double(leaks)
        findings.figures["content_leaks"] = Double(contentLeaks)
        return findings
    }

    /// Why a call's outcome breaks the access rules, or nil.
    private func unauthorized(
        _ outcome: Outcome,
        _ method: String,
        _ caller: Caller,
        _ target: Target,
        seen: Bool,
        writes: Set<String>
    ) -> String? {
        guard outcome.succeeded else { return nil }
        // Acknowledging moves only the caller's own inbox cursor, which every role may.
        if writes.contains(method), caller.readOnly, method != LicitMethod.Inbox.acknowledge {
            return "succeeded for a read-only role"
        }
        if Self.documentMethods.contains(method), !seen { return "succeeded on a document the caller may not see" }
        if writes.contains(method), caller.isBoard, !Self.boardWrites.contains(method) {
            return "succeeded: the Board does not write CNAs' documents"
        }
        if method.hasPrefix("licit.v1.Board/"), !caller.isBoard { return "succeeded: Board oversight for a CNA" }
        if [
            LicitMethod.Reference.importReference, LicitMethod.Reference.approveAccount, LicitMethod.Estimates.decide,
            LicitMethod.Estimates.decideAnnual, LicitMethod.Returns.decide,
        ].contains(method),
            !caller.isBoard
        {
            return "succeeded: reference data or an account approval by a CNA"
        }
        if [LicitMethod.Reference.revokeCertificate, LicitMethod.Reference.enrollAccount].contains(method),
            !(caller.account.hasSuffix("admin"))
        {
            return "succeeded: certificates administered by a non-admin"
        }
        let ownCountry = String(caller.account.prefix(2)).uppercased() == String(target.authority.prefix(2))
        if method == LicitMethod.Reference.revokeCertificate, !caller.isBoard, !ownCountry || target.kind == "guessed" {
            return "succeeded: another country's certificate revoked"
        }
        if method == LicitMethod.Documents.getBalances, !caller.isBoard, !ownCountry {
            return "succeeded: another country's balance"
        }
        return nil
    }

    /// What an answer shows a CNA that it may not learn: another country's running totals (in a
    /// validate report, a balance list or a refusal's details), or a document hidden from it.
    static func leakedContent(
        _ outcome: Outcome,
        _ method: String,
        _ caller: Caller,
        _ targets: [Target]
    ) throws
        -> String?
    {
        guard !caller.isBoard else { return nil }
        let country = String(caller.account.prefix(2)).uppercased()
        let totals: Set<String> = ["imported", "authorized_not_used", "remaining", "available"]
        if let other = outcome.details["country"], other != country,
            !totals.intersection(outcome.details.keys).isEmpty
        {
            return "the refusal states \(other)'s running totals: \(outcome.details)"
        }
        guard outcome.succeeded else { return nil }
        var balances: [Licit_V1_Balance] = []
        var documents: [(authority: String, number: String)] = []
        switch method {
        case LicitMethod.Documents.validateImportAuthorization, LicitMethod.Documents.validateExportAuthorization:
            let report = try Licit_V1_ValidationResponse(serializedBytes: outcome.payload)
            balances = report.balancesAfter
            for problem in report.problems {
                if let other = problem.facts["country"], other != country,
                    !totals.intersection(problem.facts.keys).isEmpty
                {
                    return "the report's problem \(problem.reason) states \(other)'s running totals"
                }
            }
        case LicitMethod.Documents.getBalances:
            balances = try Licit_V1_BalancesResponse(serializedBytes: outcome.payload).balances
        case LicitMethod.Documents.listDocuments:
            for document in try Licit_V1_ListDocumentsResponse(serializedBytes: outcome.payload).documents {
                if document.kind == .importAuthorization {
                    let content = try Licit_V1_ImportAuthorizationContent(serializedBytes: document.content)
                    documents.append((content.authority, content.number))
                } else {
                    let content = try Licit_V1_ExportAuthorizationContent(serializedBytes: document.content)
                    documents.append((content.authority, content.number))
                }
            }
        case LicitMethod.Inbox.listEvents:
            documents = try Licit_V1_ListEventsResponse(serializedBytes: outcome.payload).events.map {
                ($0.document.authority, $0.document.number)
            }
        default:
            break
        }
        if let foreign = balances.first(where: { $0.country != country }) {
            return "it shows \(foreign.country)'s running totals of \(foreign.substance)"
        }
        for document in documents {
            if let target = targets.first(where: { $0.authority == document.authority && $0.number == document.number }
            ),
                !target.visibleTo.contains(country)
            {
                return "it names \(document.authority)/\(document.number), which \(country) may not see"
            }
        }
        return nil
    }

    /// The request for `method` aimed at `target` (other RPCs ignore the target's document).
    private func payload(_ method: String, _ target: Target, _ daemon: LicitdProcess) throws -> Data {
        let key = Licit_V1_DocumentRef.with {
            $0.authority = target.authority
            $0.number = target.number
        }
        let country = String(target.authority.prefix(2))
        switch method {
        case LicitMethod.Documents.getDocument, LicitMethod.Documents.getHistory: return try key.serializedData()
        case LicitMethod.Documents.getScan: return try Licit_V1_ScanRequest.with { $0.document = key }.serializedData()
        case LicitMethod.Documents.cancel:
            return try Licit_V1_CancelRequest.with {
                $0.number = target.number
                $0.reason = "access matrix"
            }.serializedData()
        case LicitMethod.Documents.recordExported:
            return try Licit_V1_RecordExportedRequest.with {
                $0.number = target.number
                $0.exportedMg = [1]
            }.serializedData()
        case LicitMethod.Documents.endorse:
            return try Licit_V1_EndorseRequest.with {
                $0.exportAuthorization = key
                $0.importedMg = [1]
            }.serializedData()
        case LicitMethod.Documents.issueExportAuthorization:
            return try Licit_V1_ExportAuthorizationRequest.with {
                $0.content = SampleDocuments.exportAuthorization(
                    number: "AM-EA-\(UUID().uuidString.prefix(8))",
                    against: target.number,
                    of: target.authority,
                    issuedOn: SampleDocuments.day(0)
                )
            }.serializedData()
        case LicitMethod.Documents.amendImportAuthorization:
            var content = SampleDocuments.importAuthorization(
                number: "AM-AMEND-\(UUID().uuidString.prefix(8))",
                importer: "FR-ANSM-T1"
            )
            content.supersedes = target.number
            return try Licit_V1_ImportAuthorizationRequest.with { $0.content = content }.serializedData()
        case LicitMethod.Documents.getBalances:
            return try Licit_V1_BalancesRequest.with { $0.country = country }.serializedData()
        case LicitMethod.Documents.validateImportAuthorization:
            return try Licit_V1_ImportAuthorizationRequest.with {
                $0.content = SampleDocuments.importAuthorization(number: "AM-VALIDATE", importer: "FR-ANSM-T1")
            }.serializedData()
        case LicitMethod.Documents.validateExportAuthorization:
            // A dry run of an emergency export to the target's country: it states no IA, so only the
            // importing country's position could be learnt from it.
            return try Licit_V1_ExportAuthorizationRequest.with {
                $0.content = .with {
                    $0.number = "AM-VALIDATE-EA"
                    $0.emergency = true
                    $0.importingCountry = country
                    $0.lines = [
                        .with {
                            $0.form = "MORPHINE"
                            $0.tradedMg = 1_000_000_000
                        }
                    ]
                    $0.period = .with {
                        $0.first = SampleDocuments.day(0)
                        $0.last = SampleDocuments.day(10)
                    }
                }
                $0.emergencyJustification = "access matrix"
            }.serializedData()
        case LicitMethod.Reference.revokeCertificate:
            let victim = "\(country.lowercased())-officer"
            let fingerprint =
                target.kind == "guessed" ? String(repeating: "ab", count: 32) : try daemon.fingerprint(victim)
            return try Licit_V1_RevokeCertificateRequest.with {
                $0.fingerprint = fingerprint
                $0.reason = "access matrix"
            }.serializedData()
        default:
            return Data()
        }
    }

    /// France's IA (with India's EA against it), Germany's IA, and a number nobody issued.
    private func makeDocuments(_ daemon: LicitdProcess) async throws -> [Target] {
        let ia = SampleDocuments.importAuthorization(number: "AM-FR-IA", importer: "FR-ANSM-T1")
        let issued = try await withLicitClient(try daemon.configuration("fr-signer")) {
            try await $0.issueImportAuthorization(ia, overrideJustification: "access matrix").importAuthorization
        }
        try await withLicitClient(try daemon.configuration("in-signer")) { india in
            _ = try await india.issueExportAuthorization(
                SampleDocuments.exportAuthorization(
                    number: "AM-IN-EA",
                    against: "AM-FR-IA",
                    of: "FR-ANSM",
                    issuedOn: issued?.issuedOn ?? SampleDocuments.day(0)
                )
            )
        }
        try await withLicitClient(try daemon.configuration("de-signer")) { germany in
            _ = try await germany.issueImportAuthorization(
                SampleDocuments.importAuthorization(number: "AM-DE-IA", importer: "DE-BFARM-T1", from: "GH"),
                overrideJustification: "access matrix"
            )
        }
        return [
            Target(kind: "guessed", authority: "FR-ANSM", number: "AM-GUESS-404", visibleTo: []),
            Target(kind: "existing", authority: "FR-ANSM", number: "AM-FR-IA", visibleTo: ["FR", "IN"]),
            Target(kind: "existing", authority: "IN-NCB", number: "AM-IN-EA", visibleTo: ["FR", "IN"]),
            Target(kind: "other-country", authority: "DE-BFARM", number: "AM-DE-IA", visibleTo: ["DE"]),
        ]
    }

    /// The exchange's method catalogue, each checked against PROTOCOL.md's method tables.
    static func catalogue() throws -> [(method: String, streaming: Bool)] {
        let protocolFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("PROTOCOL.md")
        let documented = (try? String(contentsOf: protocolFile, encoding: .utf8)) ?? ""
        let undocumented = LicitMethod.all.filter { method in
            !documented.contains("`\(method)`") && !documented.contains("| `\(method.split(separator: "/").last!)`")
        }
        guard undocumented.isEmpty else { throw ProbeError("methods missing from PROTOCOL.md: \(undocumented)") }
        return LicitMethod.all.map { ($0, LicitMethod.streaming.contains($0)) }
    }

    /// Denials in the audit trail, by account.
    static func auditedDenials(_ database: URL) throws -> [String: Int] {
        try DatabaseQueue(path: database.path).read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql: "SELECT actor, count(*) AS n FROM audit WHERE outcome <> 'ok' GROUP BY actor"
            ) {
                counts[row["actor"]] = row["n"]
            }
            return counts
        }
    }

    struct Outcome: Equatable, CustomStringConvertible {
        var succeeded = false
        var code = ""
        var reason = ""
        var message = ""
        /// The answer's payload, and a refusal's details: what the content checks read.
        var payload = Data()
        var details: [String: String] = [:]

        /// Refused for who the caller is or what it may see.
        var isDenial: Bool {
            ["permissionDenied", "notFound"].contains(self.code)
                || self.reason.hasPrefix("other_country") || self.reason == "role_not_permitted"
        }

        func normalized(_ number: String) -> Outcome {
            var copy = self
            copy.payload = Data()
            copy.details = [:]
            copy.message = copy.message.replacingOccurrences(of: number, with: "N")
                .replacingOccurrences(of: "IN-NCB", with: "A").replacingOccurrences(of: "FR-ANSM", with: "A")
                .replacingOccurrences(of: "DE-BFARM", with: "A")
            return copy
        }

        var description: String { self.succeeded ? "ok" : "\(self.code)/\(self.reason)" }
    }

    static func outcome(_ body: () async throws -> Data) async -> Outcome {
        do {
            return Outcome(succeeded: true, payload: try await body())
        } catch let error as LicitClientError {
            guard let status = error.status else { return Outcome(code: "\(error.code)", message: error.message) }
            return Outcome(
                code: "\(status.code)",
                reason: status.reason,
                message: status.message,
                details: status.details
            )
        } catch {
            return Outcome(code: "error", message: "\(error)")
        }
    }
}
