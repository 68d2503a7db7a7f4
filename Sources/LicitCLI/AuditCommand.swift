import ArgumentParser
import Foundation
import LicitClient
import LicitWire

/// `licit audit …`: the Board reads and exports the exchange's hash-chained audit trail.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract:
            "The exchange's audit trail: every write and every denial, hash-chained (board admins and observers).",
        subcommands: [List.self, Export.self, Checkpoint.self]
    )

    /// The largest page the exchange gives.
    static let pageSize = 1000

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "List audit records, oldest first: sequence, time (UTC), actor, action, subject, outcome, detail.",
            discussion:
                "Examples:\n  licit audit list\n  licit audit list --after 1200 --limit 50\n  licit audit list --limit 5000 --json > audit.json"
        )
        @Option(name: .long, help: ArgumentHelp("Records after this sequence number.", valueName: "sequence"))
        var after: UInt64 = 0
        @Option(name: .long, help: "At most this many records (pages are fetched up to it).") var limit: Int = 100
        @OptionGroup var listing: ListingOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            guard self.limit > 0 else { throw CLIError.usage("--limit must be at least 1") }
            let (entries, next) = try await self.connection.withClient { client in
                var entries: [Licit_V1_AuditEntry] = []
                var after = self.after
                while true {
                    let page = try await client.listAudit(
                        after: after,
                        pageSize: min(self.limit - entries.count, AuditCommand.pageSize)
                    )
                    entries += page.entries
                    guard page.nextAfterSequence > after else { return (entries, UInt64(0)) }
                    after = page.nextAfterSequence
                    if entries.count >= self.limit { return (entries, after) }
                }
            }
            // A table cuts the detail to keep to one line per record; CSV and JSON carry it whole.
            let detailLength = self.listing.format == .table && !self.listing.json ? 60 : Int.max
            self.listing.print(
                header: ["sequence", "at (UTC)", "actor", "action", "subject", "outcome", "detail"],
                rows: entries.map { entry in
                    [
                        "\(entry.sequence)", AuditCommand.time(entry.atMs), entry.actor, entry.action, entry.subject,
                        entry.outcome, AuditCommand.truncated(entry.detail, to: detailLength),
                    ]
                },
                json: entries.map(AuditCommand.json)
            )
            if next != 0 {
                Console.current.err("more records follow: licit audit list --after \(next)")
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the audit trail to a JSON Lines file, verifying its hash chain as it arrives.",
            discussion: """
                Fetches every page, writes one JSON object per line (hashes in hex), recomputes each
                record's hash, checks that it links to the record before it and that the last one is
                the exchange's head. Exits 4, naming the first broken record, when the chain is not intact.
                With --after, the first record's link to the one before it is taken as given.

                Examples:
                  licit audit export --to audit.jsonl
                  licit audit export --to audit-since-5000.jsonl --after 5000
                """
        )
        @Option(name: .long, help: ArgumentHelp("The JSON Lines file to write.", valueName: "file")) var to: String
        @Option(name: .long, help: ArgumentHelp("Records after this sequence number.", valueName: "sequence"))
        var after: UInt64 = 0
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            guard FileManager.default.createFile(atPath: self.to, contents: nil),
                let file = FileHandle(forWritingAtPath: self.to)
            else {
                throw CLIError.usage("cannot write \(self.to)", hint: "give a file in a folder you can write to")
            }
            defer { try? file.close() }
            let console = Console.current
            var check = AuditChainCheck(after: self.after)
            let head = try await self.connection.withClient { client in
                var after = self.after
                var reported = ContinuousClock.now
                while true {
                    let page = try await client.listAudit(after: after, pageSize: AuditCommand.pageSize)
                    var lines = Data()
                    for entry in page.entries {
                        check.add(entry)
                        lines += AuditCommand.jsonLine(entry)
                    }
                    try file.write(contentsOf: lines)
                    guard page.nextAfterSequence != 0 else { return (page.headSequence, page.headHash) }
                    guard page.nextAfterSequence > after else {
                        throw CLIError(
                            .unavailable,
                            "the exchange answered a page that does not move forward (after \(after))"
                        )
                    }
                    after = page.nextAfterSequence
                    if ContinuousClock.now - reported >= .seconds(1) {
                        console.err("exported \(AuditCommand.grouped(check.count)) records…")
                        reported = .now
                    }
                }
            }
            try file.synchronize()
            check.finish(headSequence: head.0, headHash: head.1)
            let records = "\(AuditCommand.grouped(check.count)) record\(check.count == 1 ? "" : "s")"
            if let problem = check.firstBreak {
                throw CLIError(
                    .verificationFailed,
                    "audit chain BROKEN at \(problem) (\(records) written to \(self.to))",
                    hint: "keep the file as evidence; `licitd audit verify` on the exchange's database "
                        + "names every problem"
                )
            }
            let start = self.after == 0 ? "" : " after record \(self.after)"
            let shownHead = "\(head.0)/\(AuditChainCheck.hex(head.1))"
            console.out("\(records)\(start), chain intact, head \(shownHead) — written to \(self.to)")
        }
    }

    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The audit trail's head now, sealed by the exchange: keep it to detect a later rewrite.",
            discussion: """
                Prints the checkpoint's line (licit-checkpoint-v1 SEQUENCE HASH AT-MS KEY-ID SIGNATURE) on
                standard output after checking its seal against the exchange's key. With --deliver (board
                admins) the exchange also puts it in the Board's inbox and its operator's checkpoint file.
                With --append the line is added to a file of your own: `licitd audit verify --checkpoints`
                checks a database against such a file, and shows a trail rewritten up to any line of it.

                Examples:
                  licit audit checkpoint
                  licit audit checkpoint --append board-checkpoints.log
                  licit audit checkpoint --deliver --json
                """
        )
        @Flag(name: .long, help: "Deliver it to the Board's inbox and the operator's file (board admins).")
        var deliver = false
        @Option(name: .long, help: ArgumentHelp("Append the line to this file.", valueName: "file"))
        var append: String?
        @Flag(name: .long, help: "Print the checkpoint as a JSON object.") var json = false
        @Option(name: .long, help: ArgumentHelp("The idempotency key of --deliver.", valueName: "id"))
        var requestID: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let (checkpoint, key) = try await self.connection.withClient { client in
                let checkpoint =
                    self.deliver
                    ? try await client.deliverAuditCheckpoint(requestID: self.requestID ?? LicitClient.makeRequestID())
                    : try await client.auditCheckpoint()
                return (checkpoint, try await client.sealKey())
            }
            let sealer = key.allKeys.first { $0.keyID == checkpoint.keyID }
            guard let sealer, checkpoint.isSealed(publicKey: sealer.publicKey) else {
                throw CLIError(
                    .verificationFailed,
                    "the checkpoint's seal does not verify with the exchange's key \(checkpoint.keyID)",
                    hint: "do not keep it; ask the exchange's operator"
                )
            }
            if let append = self.append {
                try Self.append(checkpoint.line, to: append)
            }
            let console = Console.current
            if self.json {
                Output.print(json: [
                    "sequence": checkpoint.sequence, "headHash": AuditChainCheck.hex(checkpoint.headHash),
                    "atMs": checkpoint.atMs, "at": AuditCommand.time(checkpoint.atMs), "keyId": checkpoint.keyID,
                    "line": checkpoint.line,
                ])
            } else {
                console.out(checkpoint.line)
                console.err(
                    "record \(checkpoint.sequence) at \(AuditCommand.time(checkpoint.atMs)), sealed by key \(checkpoint.keyID): valid"
                )
            }
        }

        static func append(_ line: String, to path: String) throws {
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else {
                    throw CLIError.usage("cannot create \(path)", hint: "give a file in a folder you can write to")
                }
            }
            guard let file = FileHandle(forWritingAtPath: path) else {
                throw CLIError.usage("cannot write \(path)", hint: "give a file you can write to")
            }
            defer { try? file.close() }
            try file.seekToEnd()
            try file.write(contentsOf: Data((line + "\n").utf8))
            try file.synchronize()
        }
    }

    /// Milliseconds since the epoch as ISO 8601 in UTC, with milliseconds (computed exactly, not
    /// through a floating-point fraction of a second).
    static func time(_ milliseconds: Int64) -> String {
        var (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        if fraction < 0 {
            seconds -= 1
            fraction += 1000
        }
        let whole = Date(timeIntervalSince1970: Double(seconds)).formatted(Date.ISO8601FormatStyle())
        let digits = String(fraction)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// `text` on one line, cut to `length` characters with an ellipsis.
    static func truncated(_ text: String, to length: Int) -> String {
        guard length < Int.max else { return text }
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return line.count <= length ? line : String(line.prefix(length - 1)) + "…"
    }

    /// A record as `list --json` and `export` write it: its fields, the time also in ISO 8601, the
    /// hashes in hex.
    static func json(_ entry: Licit_V1_AuditEntry) -> [String: Any] {
        [
            "sequence": entry.sequence, "atMs": entry.atMs, "at": Self.time(entry.atMs), "actor": entry.actor,
            "certificate": entry.certificate, "action": entry.action, "subject": entry.subject,
            "outcome": entry.outcome, "detail": entry.detail, "previousHash": AuditChainCheck.hex(entry.previousHash),
            "hash": AuditChainCheck.hex(entry.hash),
        ]
    }

    /// One line of the export: compact JSON, keys sorted, then a newline.
    static func jsonLine(_ entry: Licit_V1_AuditEntry) -> Data {
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        var line = (try? JSONSerialization.data(withJSONObject: Self.json(entry), options: options)) ?? Data("{}".utf8)
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// 12000 as "12 000".
    static func grouped(_ count: Int) -> String {
        var digits = Array(String(count))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(" ", at: index)
            index -= 3
        }
        return String(digits)
    }
}
