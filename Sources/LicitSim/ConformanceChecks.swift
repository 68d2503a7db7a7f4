import Foundation

/// What a client did under a sandbox's faults, judged from the exchange's side against the
/// protocol's rules (PROTOCOL.md §7, §10, §13, §15.5): one ``ConformanceReport/Check`` each.
struct ConformanceChecks {
    let journal: ConformanceJournal
    /// Connections the client may hold open at once.
    let connectionAllowance: Int
    /// Events delivered this close to the journal's end need not be acknowledged yet.
    let acknowledgementGrace: Int64 = 2_000
    /// More connections opened within one second is a reconnection loop without backoff (each
    /// fault that closes a connection rightly costs one).
    static let stormLimit = 10
    /// Calls sent this soon after a GoAway crossed it on the wire.
    static let goAwayGrace: Int64 = 250
    /// How long a client may go on calling after its subscription ended before it must have resumed it.
    static let resumeGrace: Int64 = 2_000

    var calls: [ConformanceJournal.Entry] { self.journal.entries.filter(\.isCall) }

    func report(account: String) -> ConformanceReport {
        let checks = [
            self.indeterminateWritesRetried(),
            self.noNewRequestID(),
            self.retryAfterRespected(),
            self.drainingRespected(),
            self.subscriptionsResumed(),
            self.eventsAcknowledged(),
            self.duplicatesTolerated(),
            self.connectionAllowanceKept(),
            self.expiryWarnings(),
        ]
        var faults: [String: Int] = [:]
        for entry in self.journal.entries {
            if let fault = entry.fault { faults[fault, default: 0] += 1 }
        }
        return ConformanceReport(
            account: account,
            journal: self.journal.file.path,
            calls: self.calls.count,
            writes: self.calls.filter(\.isWrite).count,
            connections: self.journal.entries.filter { $0.kind == "connection_opened" }.count,
            events: self.journal.entries.filter { $0.kind == "event" && $0.fault != "end_subscription" }.count,
            faults: faults,
            checks: checks
        )
    }

    /// The calls started after `entry` that carry its request id.
    private func retries(of entry: ConformanceJournal.Entry) -> [ConformanceJournal.Entry] {
        self.calls.filter {
            $0.requestId == entry.requestId && $0.method == entry.method && $0.callKey != entry.callKey
                && ($0.startedMs ?? 0) >= (entry.startedMs ?? entry.atMs)
        }
    }

    private func label(_ entry: ConformanceJournal.Entry) -> String {
        "\(entry.method ?? "?") request id \(entry.requestId ?? "?") (call \(entry.callId ?? 0) on connection \(entry.connection ?? 0))"
    }

    func indeterminateWritesRetried() -> ConformanceReport.Check {
        let indeterminate = self.calls.filter(\.isIndeterminate)
        var findings: [String] = []
        for entry in indeterminate {
            let retries = self.retries(of: entry)
            if retries.isEmpty {
                findings.append("\(self.label(entry)) was left indeterminate and never retried")
            } else if let changed = retries.first(where: { $0.payloadSha256 != entry.payloadSha256 }) {
                findings.append(
                    "\(self.label(entry)) was retried with other payload bytes (call \(changed.callId ?? 0))"
                )
            } else if !retries.contains(where: { $0.answered == true && !$0.isIndeterminate && $0.code != 14 }) {
                findings.append("\(self.label(entry)) was retried but never reached an outcome")
            }
        }
        return .init(
            id: "indeterminate_writes_retried",
            title: "An indeterminate write is retried with the same request id until it has an outcome",
            examined: indeterminate.count,
            findings: findings
        )
    }

    func noNewRequestID() -> ConformanceReport.Check {
        let uncertain = self.calls.filter { $0.isIndeterminate || $0.isRateLimited }
        var findings: [String] = []
        for entry in uncertain {
            let again = self.calls.first {
                $0.isWrite && $0.writeKey == entry.writeKey && $0.requestId != entry.requestId
                    && ($0.startedMs ?? 0) >= (entry.startedMs ?? entry.atMs)
            }
            if let again {
                findings.append(
                    "\(self.label(entry)) was sent again under a new request id \(again.requestId ?? "?"): "
                        + "a retry must reuse the id, or the write may be applied twice"
                )
            }
        }
        return .init(
            id: "no_new_request_id",
            title: "A write whose outcome is unknown is never sent under a new request id",
            examined: uncertain.count,
            findings: findings
        )
    }

    func retryAfterRespected() -> ConformanceReport.Check {
        let limited = self.calls.filter(\.isRateLimited)
        var findings: [String] = []
        for entry in limited {
            let wait = Int64(entry.retryAfterMs ?? 0)
            guard let retry = self.retries(of: entry).first else {
                findings.append("\(self.label(entry)) was refused rate_limited and never retried")
                continue
            }
            let waited = (retry.startedMs ?? 0) - entry.atMs
            // A connection closed in between may have lost the refusal: the client then saw an
            // unanswered write, which it rightly retries at once.
            let lost = self.journal.entries.contains {
                $0.kind == "connection_closed" && $0.connection == entry.connection && $0.atMs >= entry.atMs
                    && $0.atMs <= (retry.startedMs ?? 0)
            }
            if waited < wait, !lost {
                findings.append("\(self.label(entry)) was retried after \(waited) ms; retry_after_ms was \(wait)")
            }
        }
        return .init(
            id: "retry_after_respected",
            title: "A write refused rate_limited is retried, with the same id, no sooner than retry_after_ms",
            examined: limited.count,
            findings: findings
        )
    }

    func drainingRespected() -> ConformanceReport.Check {
        // When each drained connection's GoAway was sent: as its faulted call started.
        var goAways: [UInt64: Int64] = [:]
        for call in self.calls where call.fault == "drain_mid_call" {
            goAways[call.connection ?? 0] = min(goAways[call.connection ?? 0] ?? .max, call.startedMs ?? call.atMs)
        }
        // A call already on its way when the GoAway left is no fault of the client's.
        let refused = self.calls.filter { call in
            guard call.reason == "draining", let sent = goAways[call.connection ?? 0] else { return false }
            return (call.startedMs ?? call.atMs) > sent + Self.goAwayGrace
        }
        return .init(
            id: "draining_respected",
            title: "After a GoAway, no new call is sent on that connection",
            examined: goAways.count,
            findings: refused.map {
                "\(self.label($0)) was sent on connection \($0.connection ?? 0) \(($0.startedMs ?? 0) - (goAways[$0.connection ?? 0] ?? 0)) ms after its GoAway"
            }
        )
    }

    func subscriptionsResumed() -> ConformanceReport.Check {
        let subscriptions = self.calls.filter { $0.method == "licit.v1.Inbox/Subscribe" }
        // Starts are journaled as they happen, so a subscription still open is seen too.
        let starts = self.journal.entries.filter { $0.kind == "subscribed" }
        let events = self.journal.entries.filter { $0.kind == "event" && $0.fault != "end_subscription" }
        let dropped = Set(self.calls.filter { $0.fault == "drop_after_commit" }.compactMap(\.connection))
        var findings: [String] = []
        var ended = 0
        for subscription in subscriptions {
            let endedByExchange =
                subscription.reason == "subscription_ended" || subscription.reason == "draining"
                || dropped.contains(subscription.connection ?? 0)
            guard endedByExchange else { continue }
            let delivered = events.filter { $0.atMs <= subscription.atMs }.compactMap(\.sequence).max() ?? 0
            guard let next = starts.first(where: { $0.atMs >= subscription.atMs }) else {
                // Judged only when the client kept working without it: one that stopped as the
                // subscription ended (its run was over) had nothing left to resume.
                let workedOn = self.calls.contains { ($0.startedMs ?? $0.atMs) > subscription.atMs + Self.resumeGrace }
                if workedOn {
                    ended += 1
                    findings.append(
                        "the subscription ended at \(subscription.atMs) ms (\(subscription.reason ?? "closed")) was never resumed, though the client kept calling"
                    )
                }
                continue
            }
            ended += 1
            if next.fromCursor != true, let after = next.afterSequence, after > delivered {
                findings.append(
                    "the subscription after \(subscription.reason ?? "a close") resumed after sequence \(after), "
                        + "past the last event delivered (\(delivered)): events in between were skipped"
                )
            }
        }
        return .init(
            id: "subscriptions_resumed",
            title: "A subscription the exchange ended is resumed from the client's cursor, without a gap",
            examined: ended,
            findings: findings
        )
    }

    func eventsAcknowledged() -> ConformanceReport.Check {
        let end = self.journal.entries.last?.atMs ?? 0
        let events = self.journal.entries.filter { $0.kind == "event" && $0.fault != "end_subscription" }
        let due = events.filter { $0.atMs <= end - self.acknowledgementGrace }.compactMap(\.sequence).max()
        let acknowledged =
            self.calls.filter { $0.method == "licit.v1.Inbox/Acknowledge" && $0.isOK }.compactMap(\.throughSequence)
            .max()
            ?? 0
        var findings: [String] = []
        if let due, acknowledged < due {
            findings.append("events up to \(due) were delivered but only \(acknowledged) acknowledged")
        }
        for refused in self.calls where refused.reason == "unknown_event" {
            findings.append("\(self.label(refused)) acknowledged an event it was never sent")
        }
        return .init(
            id: "events_acknowledged",
            title: "Events delivered are acknowledged once processed, and only those",
            examined: events.count,
            findings: findings
        )
    }

    func duplicatesTolerated() -> ConformanceReport.Check {
        let duplicates = self.journal.entries.filter { $0.fault == "duplicate_event" }
        let acknowledged = self.calls.filter { $0.method == "licit.v1.Inbox/Acknowledge" && $0.isOK }
        var findings: [String] = []
        for duplicate in duplicates {
            let sequence = duplicate.sequence ?? 0
            let moved = acknowledged.contains { ($0.throughSequence ?? 0) >= sequence && $0.atMs >= duplicate.atMs }
            if !moved {
                findings.append("event \(sequence), delivered twice, was never acknowledged afterwards")
            }
        }
        return .init(
            id: "duplicates_tolerated",
            title: "An event delivered twice is processed once and acknowledged",
            examined: duplicates.count,
            findings: findings
        )
    }

    func connectionAllowanceKept() -> ConformanceReport.Check {
        var open = 0
        var most = 0
        var opened: [Int64] = []
        var findings: [String] = []
        for entry in self.journal.entries {
            switch entry.kind {
            case "connection_opened":
                open += 1
                most = max(most, open)
                opened.append(entry.atMs)
            case "connection_closed":
                open = max(0, open - 1)
            default:
                break
            }
        }
        if most > self.connectionAllowance {
            findings.append("\(most) connections were open at once; the allowance is \(self.connectionAllowance)")
        }
        var start = 0
        var storm = 0
        for (end, at) in opened.enumerated() {
            while at - opened[start] >= 1_000 { start += 1 }
            storm = max(storm, end - start + 1)
        }
        if storm > Self.stormLimit {
            findings.append("\(storm) connections were opened within one second: back off between reconnections")
        }
        findings += self.calls.filter { $0.reason == "too_many_connections" }.map {
            "\(self.label($0)) was refused too_many_connections"
        }
        return .init(
            id: "connection_allowance",
            title: "The client stays within its connection allowance and backs off when reconnecting",
            examined: opened.count,
            findings: findings
        )
    }

    func expiryWarnings() -> ConformanceReport.Check {
        let announced = self.journal.entries.filter { $0.kind == "expiry_announced" }
        var check = ConformanceReport.Check(
            id: "expiry_warning",
            title: "Hello announced an early certificate expiry: check that your system warned its operators",
            examined: announced.count,
            findings: []
        )
        check.informational = true
        return check
    }
}
