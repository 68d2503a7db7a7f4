import ArgumentParser
import Foundation
import LicitClient
import LicitWire

/// Options of every command that writes.
struct WriteOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Do not ask for confirmation.")
    var yes = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The write's idempotency key: to retry an indeterminate write, give the id it printed.",
            valueName: "id"
        )
    )
    var requestID: String?

    var resolvedRequestID: String { self.requestID ?? LicitClient.makeRequestID() }
}

/// Before a document is issued: what the exchange computed, what it would refuse, and a confirmation.
package enum Issuing {
    package static let overridable: Set<String> = ["over_estimate", "over_assessment"]

    /// Shows the preview on standard error, refuses on any problem the caller cannot override, then asks.
    static func confirm(
        _ preview: Licit_V1_ValidationResponse,
        action: String,
        override: String?,
        write: WriteOptions
    ) throws {
        let console = Console.current
        let blocking = preview.problems.filter { override == nil || !Self.overridable.contains($0.reason) }
        // The problems are told once: in the refusal when they block, in the preview otherwise.
        console.err(try Self.describe(preview, heading: "About to \(action):", listingProblems: blocking.isEmpty))
        if !blocking.isEmpty {
            throw CLIError(
                .rejected,
                "the exchange would refuse this:\n" + Self.list(blocking),
                hint: blocking.compactMap { Failure.advice[$0.reason] }.first
            )
        }
        try Self.ask("\(action)?", write: write)
    }

    static func ask(_ question: String, write: WriteOptions) throws {
        guard !write.yes else { return }
        let console = Console.current
        guard console.isInteractive else {
            throw CLIError.usage("confirmation needed, and there is no terminal to ask on", hint: "add --yes")
        }
        guard console.confirm(question.prefix(1).uppercased() + question.dropFirst()) else {
            throw CLIError(.declined, "nothing was sent")
        }
    }

    static func list(_ problems: [Licit_V1_Problem]) -> String {
        problems.map { problem in
            let facts = Failure.forPeople(problem.facts).map { "      \($0.key): \($0.value)" }
            let described = PrintLanguage.fromEnvironment.reason(problem.reason).map { " — \($0)" } ?? ""
            return (["  - [\(problem.reason)\(described)] \(problem.message)"] + facts).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// The lines with their base quantities, the balances after, and any problems.
    static func describe(
        _ preview: Licit_V1_ValidationResponse,
        heading: String,
        listingProblems: Bool = true
    ) throws -> String {
        var text = [heading]
        if let facts = try? DocumentFacts(kind: preview.document.kind, content: preview.document.content) {
            text += facts.lines.enumerated().map { index, line in
                "  \(index + 1)  \(line.form)  \(QuantityInput.format(line.traded))  ->  "
                    + "\(QuantityInput.format(line.base)) of \(line.substance) base"
            }
        }
        if !preview.balancesAfter.isEmpty {
            text.append("Balances after:")
            text.append(
                BalanceView.table(preview.balancesAfter).split(separator: "\n").map { "  \($0)" }.joined(
                    separator: "\n"
                )
            )
        }
        if listingProblems, !preview.problems.isEmpty {
            text.append("Problems:")
            text.append(Self.list(preview.problems))
        }
        return text.joined(separator: "\n")
    }

    /// Prints what a validate call found; exits 1 (rejected) when the exchange would refuse it.
    static func report(_ preview: Licit_V1_ValidationResponse, noun: String, json: Bool) throws {
        if json {
            Output.print(json: Output.value(preview))
        } else {
            var text = try Self.describe(preview, heading: "Checked (nothing issued), this \(noun):")
            if preview.problems.isEmpty { text += "\nThe exchange would accept it." }
            Console.current.out(text)
        }
        if !preview.problems.isEmpty { throw CLIError(.rejected, "the exchange would refuse this \(noun)") }
    }

    /// Prints the issued document: JSON, or one line naming it and its status.
    static func report(_ document: Licit_V1_Document, verb: String, json: Bool) throws {
        if json {
            Output.print(json: DocumentView.json(document))
            return
        }
        let facts = try DocumentFacts(kind: document.kind, content: document.content)
        Console.current.out("\(verb) \(facts.authority)/\(facts.number) (\(document.state.status))")
    }
}

/// Balances as a table.
enum BalanceView {
    static func table(_ balances: [Licit_V1_Balance]) -> String {
        Output.table(
            ["country", "substance", "year", "limit", "imported", "authorized, not used", "remaining"],
            balances.map { balance in
                [
                    balance.country, balance.substance, "\(balance.year)",
                    balance.limited ? "\(balance.limitKind) \(QuantityInput.format(balance.limitMg))" : "none",
                    QuantityInput.format(balance.importedMg), QuantityInput.format(balance.authorizedNotUsedMg),
                    balance.limited ? QuantityInput.format(balance.remainingMg) : "-",
                ]
            }
        )
    }

    static func json(_ balances: [Licit_V1_Balance]) -> [Any] { balances.map { Output.value($0) } }
}
