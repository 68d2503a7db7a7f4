import ArgumentParser
import Crypto
import Foundation
import LicitClient
import LicitWire

/// `ia issue --from-file` and `ea issue --from-file`: every record of a file checked first, then
/// each issued with a request id of its own made from the record, so that running the same file
/// again issues nothing twice.
struct BulkIssue {
    enum Kind: String {
        case ia, ea
    }

    /// How one record ended.
    struct Outcome {
        let line: Int
        let number: String
        /// issued, refused or indeterminate.
        let result: String
        let status: String
        let reason: String
        let message: String
        let requestID: String
    }

    let kind: Kind
    let file: BulkFile
    /// The flags a record may set: the issue command's own, and `override`.
    let allowed: Set<String>
    let booleans: Set<String>

    init<Options: ParsableArguments>(_ kind: Kind, path: String, options: Options.Type) throws {
        self.kind = kind
        self.file = try BulkFile(path: path)
        let flags = Options.flagNames
        self.allowed = flags.all.union(["override"])
        self.booleans = flags.booleans
    }

    /// The command line a record stands for, without `override`.
    func arguments(_ record: BulkFile.Record) throws -> [String] {
        var arguments: [String] = []
        for (key, values) in record.fields where key != "override" {
            guard self.allowed.contains(key) else {
                throw CLIError.usage(
                    "line \(record.line): no such column \(key)",
                    hint: "columns are the flags of `licit \(self.kind.rawValue) issue`: "
                        + self.allowed.sorted().joined(separator: ", ")
                )
            }
            for value in values where !value.trimmingCharacters(in: .whitespaces).isEmpty {
                if self.booleans.contains(key) {
                    if ["true", "yes", "1"].contains(value.lowercased()) { arguments.append("--\(key)") }
                } else {
                    arguments += ["--\(key)", value]
                }
            }
        }
        return arguments
    }

    /// The record's idempotency key: the same record in any run of any file gets the same one.
    func requestID(_ record: BulkFile.Record) -> String {
        let digest = SHA256.hash(data: Data("licit-bulk-\(self.kind.rawValue)\u{0}\(record.text)".utf8))
        return "bulk-" + digest.prefix(20).map { String(format: "%02x", $0) }.joined()
    }

    /// Parses every record before anything is sent: one bad record and nothing is issued.
    func parse<Options: ParsableArguments>(_ type: Options.Type) throws -> [(BulkFile.Record, Options)] {
        var parsed: [(BulkFile.Record, Options)] = []
        var problems: [String] = []
        for record in self.file.records {
            do {
                parsed.append((record, try Options.parse(try self.arguments(record))))
            } catch let error as CLIError {
                problems.append(error.message)
            } catch {
                problems.append("line \(record.line): \(Options.message(for: error))")
            }
        }
        guard problems.isEmpty else {
            throw CLIError.usage(
                "nothing was issued; fix these records first:\n  " + problems.joined(separator: "\n  ")
            )
        }
        return parsed
    }

    /// Issues each record in turn with `issue`, reporting progress on a terminal.
    func run(
        _ records: [BulkFile.Record],
        issue: (Int, String) async throws -> Licit_V1_Document
    ) async -> [Outcome] {
        let console = Console.current
        var outcomes: [Outcome] = []
        for (index, record) in records.enumerated() {
            let requestID = self.requestID(record)
            let number = record.value("number") ?? ""
            do {
                let document = try await issue(index, requestID)
                outcomes.append(
                    Outcome(
                        line: record.line,
                        number: number,
                        result: "issued",
                        status: document.state.status,
                        reason: "",
                        message: "",
                        requestID: requestID
                    )
                )
            } catch {
                let (result, reason, message) = Self.failure(error)
                outcomes.append(
                    Outcome(
                        line: record.line,
                        number: number,
                        result: result,
                        status: "",
                        reason: reason,
                        message: message,
                        requestID: requestID
                    )
                )
            }
            console.progress("\(index + 1)/\(records.count) \(number): \(outcomes.last!.result)")
        }
        console.progress(nil)
        return outcomes
    }

    private static func failure(_ error: any Error) -> (result: String, reason: String, message: String) {
        switch error {
        case let error as LicitClientError where error.code == .indeterminate:
            return ("indeterminate", "", "the outcome is unknown: run the same file again to settle it")
        case let error as LicitClientError:
            return ("refused", error.status?.reason ?? "\(error.code)", error.status?.message ?? error.message)
        case let error as CLIError:
            return ("refused", "", error.message)
        default:
            return ("refused", "", "\(error)")
        }
    }

    /// The report: a table (or JSON), and the exit status: 0 when every record was issued.
    static func report(_ outcomes: [Outcome], json: Bool) throws {
        if json {
            Output.print(
                json: outcomes.map { outcome in
                    [
                        "line": outcome.line, "number": outcome.number, "result": outcome.result,
                        "status": outcome.status, "reason": outcome.reason, "message": outcome.message,
                        "requestId": outcome.requestID,
                    ] as [String: Any]
                }
            )
        } else {
            Console.current.out(
                Output.table(
                    ["line", "number", "result", "detail"],
                    outcomes.map { outcome in
                        [
                            "\(outcome.line)", outcome.number, outcome.result,
                            outcome.reason.isEmpty
                                ? outcome.status.isEmpty ? outcome.message : outcome.status
                                : "\(outcome.reason): \(outcome.message)",
                        ]
                    }
                )
            )
        }
        let issued = outcomes.filter { $0.result == "issued" }.count
        let summary = "\(issued) of \(outcomes.count) issued"
        if outcomes.contains(where: { $0.result == "indeterminate" }) {
            throw CLIError(
                .indeterminate,
                summary,
                hint: "run the same file again: what was issued is not issued twice"
            )
        }
        if issued < outcomes.count {
            throw CLIError(.rejected, summary, hint: "fix the refused records and run the file again")
        }
        Console.current.err(summary)
    }
}

extension ParsableArguments {
    /// The flags of this command's options, as a bulk file's columns name them.
    static var flagNames: (all: Set<String>, booleans: Set<String>) {
        var all: Set<String> = []
        var booleans: Set<String> = []
        for argument in Self.helpMessage().split(separator: "\n") {
            // "  --exporting-country <code>  ISO country …" or "  --single-consignment  Allow …"
            let words = argument.trimmingCharacters(in: .whitespaces).split(separator: " ")
            guard let flag = words.first, flag.hasPrefix("--"), flag != "--help" else { continue }
            let name = String(flag.dropFirst(2))
            all.insert(name)
            if words.count < 2 || !words[1].hasPrefix("<") { booleans.insert(name) }
        }
        return (all, booleans)
    }
}
