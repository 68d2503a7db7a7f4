import ArgumentParser
import LicitClient
import LicitWire

/// `licit ia …`: import authorizations.
struct IACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ia",
        abstract: "Import authorizations: draft, validate, issue, amend, show, list, cancel, record from paper.",
        subcommands: [
            Draft.self, Validate.self, Issue.self, Amend.self, ShowDocument.IA.self, ListDocuments.IA.self,
            CancelDocument.IA.self, RecordPaper.self,
        ]
    )

    /// The catalogue, and an IA content built from the flags.
    static func content(
        _ options: ImportContentOptions,
        client: LicitClient,
        base: Licit_V1_ImportAuthorizationContent = .init()
    ) async throws -> Licit_V1_ImportAuthorizationContent {
        let catalogue = CatalogueNames(
            try await client.reference(country: try await client.recognisedAccount().country).substances
        )
        catalogue.remember()
        var content = base
        let today = CalendarDay.format(try await client.exchangeTime())
        try options.apply(to: &content, catalogue: catalogue, isNew: base.number.isEmpty, today: today)
        return content
    }

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check an IA without submitting it: base quantities, balances after, every problem.",
            discussion: """
                Exits 0 when the exchange would accept it, 1 when it would not. Example:
                  licit ia validate --number IA-001 --exporting-country IN \\
                      --importer FR-ANSM-T1 \\
                      --exporter-name "Ganges Alkaloids Ltd" \\
                      --line "morphine sulfate pentahydrate=25kg"
                """
        )
        @OptionGroup var content: ImportContentOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let preview = try await self.connection.withClient { client in
                try await client.validateImportAuthorization(try await IACommand.content(self.content, client: client))
            }
            try Issuing.report(preview, noun: "import authorization", json: self.output.json)
        }
    }

    struct Draft: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Save (or replace) a draft IA for a signer to issue.",
            discussion: """
                Example:
                  licit ia draft --number IA-002 --exporting-country IN \\
                      --importer FR-ANSM-T1 \\
                      --exporter-name "Ganges Alkaloids Ltd" \\
                      --line CODEINE-PHOSPHATE-HEMIHYDRATE=40kg
                  licit ia issue --draft IA-002     # by a signer
                """
        )
        @OptionGroup var content: ImportContentOptions
        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let document = try await self.connection.withClient { client in
                let content = try await IACommand.content(self.content, client: client)
                return try await client.draftImportAuthorization(content, requestID: self.write.resolvedRequestID)
            }
            try Issuing.report(document, verb: "drafted", json: self.output.json)
        }
    }

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue an IA, from flags or from a saved draft; it is sealed and sent to the exporting country.",
            discussion: """
                Shows the base quantities and the balance after, then asks (--yes to skip). Examples:
                  licit ia issue --number IA-001 --exporting-country IN \\
                      --importer FR-ANSM-T1 \\
                      --exporter-name "Ganges Alkaloids Ltd" --exporter-address Ghazipur \\
                      --line MORPHINE-SULFATE-PENTAHYDRATE=25kg \\
                      --from 2027-01-01 --to 2027-03-31
                  licit ia issue --draft IA-002 --yes
                  licit ia issue … --override "cancer centre opening in March; estimate asked"
                  licit ia issue --from-file ias.csv --yes   # one IA per row, none twice
                """
        )
        @OptionGroup var content: ImportContentOptions

        @Option(name: .long, help: ArgumentHelp("Issue this saved draft instead.", valueName: "number"))
        var draft: String?

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Issue every IA of a CSV or JSON-lines file instead (columns: the flags above, and override).",
                valueName: "file"
            )
        )
        var fromFile: String?

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Accept exceeding the estimate or assessment, for this reason (the Board sees it).",
                valueName: "justification"
            )
        )
        var override: String?

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            if let fromFile {
                guard self.draft == nil, self.content.number == nil, self.content.line.isEmpty else {
                    throw CLIError.usage("give either --from-file or one IA's flags, not both")
                }
                return try await self.issueAll(fromFile)
            }
            let document = try await self.connection.withClient { client in
                var content = Licit_V1_ImportAuthorizationContent()
                if let draft {
                    let me = try await client.recognisedAccount()
                    let saved = try await client.document(authority: me.authority, number: draft)
                    content = saved.importAuthorization ?? .init()
                } else {
                    content = try await IACommand.content(self.content, client: client)
                }
                let preview = try await client.validateImportAuthorization(content)
                try Issuing.confirm(
                    preview,
                    action: "issue import authorization \(content.number)",
                    override: self.override,
                    write: self.write
                )
                return try await client.issueImportAuthorization(
                    self.draft == nil ? content : .init(),
                    draftNumber: self.draft ?? "",
                    overrideJustification: self.override ?? "",
                    requestID: self.write.resolvedRequestID
                )
            }
            try Issuing.report(document, verb: "issued", json: self.output.json)
        }

        /// Every IA of a file, each checked first, then issued under its own request id.
        private func issueAll(_ path: String) async throws {
            let bulk = try BulkIssue(.ia, path: path, options: ImportContentOptions.self)
            let parsed = try bulk.parse(ImportContentOptions.self)
            try Issuing.ask("issue the \(parsed.count) import authorizations of \(path)", write: self.write)
            let outcomes = try await self.connection.withClient { client in
                let me = try await client.recognisedAccount()
                let catalogue = CatalogueNames(try await client.reference(country: me.country).substances)
                let today = CalendarDay.format(try await client.exchangeTime())
                return await bulk.run(parsed.map(\.0)) { index, requestID in
                    let (record, options) = parsed[index]
                    var content = Licit_V1_ImportAuthorizationContent()
                    try options.apply(to: &content, catalogue: catalogue, isNew: true, today: today)
                    return try await client.issueImportAuthorization(
                        content,
                        overrideJustification: record.value("override") ?? "",
                        requestID: requestID
                    )
                }
            }
            try BulkIssue.report(outcomes, json: self.output.json)
        }
    }

    struct Amend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a new IA that supersedes an issued one; flags not given keep the old IA's values.",
            discussion: """
                Example (raise the quantity, new number IA-001-A):
                  licit ia amend IA-001 --number IA-001-A \\
                      --line MORPHINE-SULFATE-PENTAHYDRATE=30kg
                """
        )
        @Argument(help: ArgumentHelp("The IA to supersede.", valueName: "number"))
        var superseded: String

        @OptionGroup var content: ImportContentOptions

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Accept exceeding the estimate or assessment, for this reason.",
                valueName: "justification"
            )
        )
        var override: String?

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            guard let number = self.content.number, number != self.superseded else {
                throw CLIError.usage("give the amendment a new --number", hint: "amendments supersede; they never edit")
            }
            let document = try await self.connection.withClient { client in
                let me = try await client.recognisedAccount()
                guard
                    let old = try await client.document(authority: me.authority, number: self.superseded)
                        .importAuthorization
                else { throw CLIError(.rejected, "\(self.superseded) is not an import authorization") }
                var base = old
                base.supersedes = self.superseded
                base.issuedOn = ""
                base.number = number
                var content = try await IACommand.content(self.content, client: client, base: base)
                content.supersedes = self.superseded
                let preview = try await client.validateImportAuthorization(content)
                try Issuing.confirm(
                    preview,
                    action: "issue \(number), superseding \(self.superseded)",
                    override: self.override,
                    write: self.write
                )
                return try await client.amendImportAuthorization(
                    content,
                    overrideJustification: self.override ?? "",
                    requestID: self.write.resolvedRequestID
                )
            }
            try Issuing.report(document, verb: "issued", json: self.output.json)
        }
    }
}
