import ArgumentParser
import Foundation
import LicitClient
import LicitWire

/// `show`, `list` and `cancel`, the same for IAs and EAs.
enum ShowDocument {
    struct Options: ParsableArguments {
        @Argument(help: ArgumentHelp("AUTHORITY/NUMBER, or NUMBER for your own authority's.", valueName: "document"))
        var document: String

        @Flag(name: .long, help: "Also list every state change.")
        var history = false

        @OptionGroup var language: LanguageOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run(kind: Licit_V1_DocumentKind) async throws {
            let language = try self.language.language
            let (document, valid, history, names) = try await self.connection.withClient { client in
                let name = try DocumentName(
                    self.document,
                    defaultAuthority: try await client.recognisedAccount().authority
                )
                let document = try await client.document(authority: name.authority, number: name.number)
                guard document.kind == kind else {
                    throw CLIError(
                        .rejected,
                        "\(name) is not an \(kind == .importAuthorization ? "IA" : "EA")",
                        hint: "use `licit \(kind == .importAuthorization ? "ea" : "ia") show \(name)`"
                    )
                }
                let keys = try await client.sealKey()
                let valid: Bool? = document.seal.isEmpty ? nil : keys.key(sealing: document) != nil
                let history =
                    self.history ? try await client.history(authority: name.authority, number: name.number) : []
                let names = self.output.json ? [:] : try await ReferenceNames.fetch(client, language)
                return (document, valid, history, names)
            }
            if self.output.json {
                var object = DocumentView.json(document, sealValid: valid)
                if self.history { object["history"] = history.map { Output.value($0) } }
                Output.print(json: object)
                return
            }
            Console.current.out(try DocumentView.text(document, sealValid: valid, language: language, names: names))
            if self.history {
                Console.current.out(
                    "\nHistory\n"
                        + Output.table(
                            ["at (UTC)", "action", "status", "by", "detail"],
                            history.map { [Self.time($0.atMs), $0.action, $0.status, $0.authority, $0.detail] }
                        )
                )
            }
        }

        static func time(_ milliseconds: Int64) -> String {
            let formatter = ISO8601DateFormatter()
            return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        }
    }

    struct IA: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show an IA: what it states, what EAs committed against it, its status and seal.",
            discussion: "Examples:\n  licit ia show IA-001\n  licit ia show FR-ANSM/IA-001 --history --json"
        )
        @OptionGroup var options: Options
        func run() async throws { try await self.options.run(kind: .importAuthorization) }
    }

    struct EA: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show an EA: what it states, exported and imported quantities, its status and seal.",
            discussion: "Examples:\n  licit ea show IN-NCB/EA-001\n  licit ea show EA-001 --history"
        )
        @OptionGroup var options: Options
        func run() async throws { try await self.options.run(kind: .exportAuthorization) }
    }
}

enum ListDocuments {
    struct Options: ParsableArguments {
        @Option(name: .long, help: "Only this status (issued, partly_used, used, endorsed, expired, cancelled …).")
        var status: String?

        @Option(name: .long, help: ArgumentHelp("Only documents with this other country.", valueName: "code"))
        var counterpart: String?

        @Option(name: .long, help: ArgumentHelp("Only documents of this base substance.", valueName: "code"))
        var substance: String?

        @Option(name: .long, help: ArgumentHelp("Issued on or after this day.", valueName: "yyyy-mm-dd"))
        var issuedFrom: String?

        @Option(name: .long, help: ArgumentHelp("Issued on or before this day.", valueName: "yyyy-mm-dd"))
        var issuedTo: String?

        @Option(name: .long, help: ArgumentHelp("Board: only documents issued by this CNA.", valueName: "code"))
        var authority: String?

        @Option(name: .long, help: "At most this many (all pages are fetched up to it).")
        var limit: Int = 100

        @OptionGroup var language: LanguageOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        static let statuses: [Licit_V1_DocumentKind: [String]] = [
            .importAuthorization: ["draft", "issued", "partly_used", "used", "expired", "cancelled", "superseded"],
            .exportAuthorization: ["issued", "endorsed", "expired", "cancelled"],
        ]

        /// Refuses a filter value that can match nothing, naming the values that can.
        private func checkFilters(kind: Licit_V1_DocumentKind, _ reference: Licit_V1_ReferenceData) throws {
            let statuses = Self.statuses[kind] ?? []
            if let status = self.status, !statuses.contains(status) {
                throw CLIError.usage(
                    "--status \(status) is not a status",
                    hint: "one of " + statuses.joined(separator: ", ")
                )
            }
            if let country = self.counterpart?.uppercased(),
                !reference.countries.contains(where: { $0.code == country })
            {
                throw CLIError.usage(
                    "--counterpart \(country) is not a country the exchange knows",
                    hint: Suggestion.nearest(country, among: reference.countries.map(\.code))
                        + "see `licit ref countries`"
                )
            }
            if let substance = self.substance?.uppercased(),
                !reference.substances.contains(where: { $0.code == substance })
            {
                throw CLIError.usage(
                    "--substance \(substance) is not a base substance of the catalogue",
                    hint: Suggestion.nearest(substance, among: reference.substances.map(\.code))
                        + "see `licit ref substances`"
                )
            }
        }

        func run(kind: Licit_V1_DocumentKind) async throws {
            guard self.limit > 0 else { throw CLIError.usage("--limit must be at least 1") }
            var request = Licit_V1_ListDocumentsRequest.with {
                $0.kind = kind
                $0.status = self.status ?? ""
                $0.counterpartCountry = self.counterpart?.uppercased() ?? ""
                $0.substance = self.substance?.uppercased() ?? ""
                $0.authority = self.authority?.uppercased() ?? ""
                $0.pageSize = UInt32(min(self.limit, 500))
            }
            if let issuedFrom { request.issuedFrom = try DayInput.check(issuedFrom, "--issued-from") }
            if let issuedTo { request.issuedTo = try DayInput.check(issuedTo, "--issued-to") }
            let (documents, more) = try await self.connection.withClient { client in
                if self.status != nil || self.counterpart != nil || self.substance != nil {
                    let reference = try await client.reference(country: try await client.recognisedAccount().country)
                    try self.checkFilters(kind: kind, reference)
                }
                var documents: [Licit_V1_Document] = []
                var more = false
                while true {
                    let page = try await client.documents(request)
                    documents += page.documents
                    more = !page.nextPageToken.isEmpty || documents.count > self.limit
                    guard !page.nextPageToken.isEmpty, documents.count < self.limit else { break }
                    request.pageToken = page.nextPageToken
                }
                return (Array(documents.prefix(self.limit)), more)
            }
            if more {
                Console.current.err(
                    "more documents match than the \(self.limit) shown (newest first): raise --limit to see them"
                )
            }
            if self.output.json {
                Output.print(json: documents.map { DocumentView.json($0) })
            } else {
                let language = try self.language.language
                Console.current.out(
                    Output.table(DocumentView.listHeader, documents.map { DocumentView.row($0, language: language) })
                )
            }
        }
    }

    struct IA: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the IAs you may see, newest first.",
            discussion:
                "Examples:\n  licit ia list --status issued\n  licit ia list --counterpart IN --substance MORPHINE --json"
        )
        @OptionGroup var options: Options
        func run() async throws { try await self.options.run(kind: .importAuthorization) }
    }

    struct EA: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the EAs you may see, newest first (a ! marks an overdue endorsement).",
            discussion: "Examples:\n  licit ea list --status issued\n  licit ea list --counterpart FR --json"
        )
        @OptionGroup var options: Options
        func run() async throws { try await self.options.run(kind: .exportAuthorization) }
    }
}

enum CancelDocument {
    struct Options: ParsableArguments {
        @Argument(
            help: ArgumentHelp(
                "NUMBER of your authority's document (AUTHORITY/NUMBER for a paper one you recorded).",
                valueName: "document"
            )
        )
        var document: String

        @Option(name: .long, help: "Why: both authorities and the Board see it.")
        var reason: String

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run(kind: Licit_V1_DocumentKind) async throws {
            guard !self.reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CLIError.usage("give a --reason for the cancellation")
            }
            let document = try await self.connection.withClient { client in
                let me = try await client.recognisedAccount()
                let name = try DocumentName(self.document, defaultAuthority: me.authority)
                guard try await client.document(authority: name.authority, number: name.number).kind == kind else {
                    throw CLIError(.rejected, "\(name) is not an \(kind == .importAuthorization ? "IA" : "EA")")
                }
                try Issuing.ask("cancel \(name) (\"\(self.reason)\")", write: self.write)
                return try await client.cancel(
                    number: name.number,
                    reason: self.reason,
                    authority: name.authority == me.authority ? "" : name.authority,
                    requestID: self.write.resolvedRequestID
                )
            }
            try Issuing.report(document, verb: "cancelled", json: self.output.json)
        }
    }

    struct IA: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Cancel one of your authority's IAs; its EAs can no longer be issued against it.",
            discussion: "Example:\n  licit ia cancel IA-001 --reason \"importer's licence withdrawn\" --yes"
        )
        @OptionGroup var options: Options
        func run() async throws { try await self.options.run(kind: .importAuthorization) }
    }

    struct EA: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Cancel one of your authority's EAs; its quantity returns to the IA.",
            discussion: "Example:\n  licit ea cancel EA-001 --reason \"consignment not shipped\" --yes"
        )
        @OptionGroup var options: Options
        func run() async throws { try await self.options.run(kind: .exportAuthorization) }
    }
}
