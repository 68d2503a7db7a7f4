import ArgumentParser
import Foundation
import LicitClient
import LicitWire

/// `licit ea …`: export authorizations.
struct EACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ea",
        abstract:
            "Export authorizations: validate, issue against an IA, record the exported quantity, show, list, cancel, record from paper.",
        subcommands: [
            Validate.self, Issue.self, RecordExported.self, ShowDocument.EA.self, ListDocuments.EA.self,
            CancelDocument.EA.self, RecordPaper.self,
        ]
    )

    typealias ContentOptions = ExportContentOptions

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Check an EA without issuing it: base quantities, the importing country's balances, every problem.",
            discussion:
                "Example:\n  licit ea validate --number EA-001 --ia FR-ANSM/IA-001 --line MORPHINE=10kg"
        )
        @OptionGroup var content: ContentOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let preview = try await self.connection.withClient { client in
                try await client.validateExportAuthorization(
                    try await self.content.content(client: client),
                    emergencyJustification: self.content.emergency ?? ""
                )
            }
            try Issuing.report(preview, noun: "export authorization", json: self.output.json)
        }
    }

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Issue an EA against an IA (or an emergency export); it is sealed and sent to the importing country.",
            discussion: """
                Shows the base quantities and the importing country's balance, then asks (--yes to skip). Examples:
                  licit ea issue --number EA-001 --ia FR-ANSM/IA-001 \\
                      --line MORPHINE-SULFATE-PENTAHYDRATE=10kg
                  licit ea issue --number EA-002 --ia FR-ANSM/IA-001 --line MORPHINE=1kg \\
                      --exporter IN-NCB-T2 --port-of-exit "Mumbai (INBOM)" \\
                      --port-of-entry "Le Havre" --transit CH --carrier "Air Cargo"
                  licit ea issue --number EA-009 --emergency "earthquake, WHO request" \\
                      --importing-country NP --line MORPHINE-SULFATE-PENTAHYDRATE=2kg
                  licit ea issue --from-file eas.jsonl --yes   # one EA per line, none twice
                """
        )
        @OptionGroup var content: ContentOptions

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Accept exceeding the importing country's estimate or assessment, for this reason.",
                valueName: "justification"
            )
        )
        var override: String?

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Issue every EA of a CSV or JSON-lines file instead (columns: the flags above, and override).",
                valueName: "file"
            )
        )
        var fromFile: String?

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            if let fromFile {
                guard self.content.number == nil, self.content.line.isEmpty else {
                    throw CLIError.usage("give either --from-file or one EA's flags, not both")
                }
                return try await self.issueAll(fromFile)
            }
            let document = try await self.connection.withClient { client in
                let content = try await self.content.content(client: client)
                let preview = try await client.validateExportAuthorization(
                    content,
                    emergencyJustification: self.content.emergency ?? ""
                )
                try Issuing.confirm(
                    preview,
                    action: "issue export authorization \(content.number)",
                    override: self.override,
                    write: self.write
                )
                return try await client.issueExportAuthorization(
                    content,
                    overrideJustification: self.override ?? "",
                    emergencyJustification: self.content.emergency ?? "",
                    requestID: self.write.resolvedRequestID
                )
            }
            try Issuing.report(document, verb: "issued", json: self.output.json)
        }

        /// Every EA of a file, each checked first, then issued under its own request id.
        private func issueAll(_ path: String) async throws {
            let bulk = try BulkIssue(.ea, path: path, options: ContentOptions.self)
            let parsed = try bulk.parse(ContentOptions.self)
            try Issuing.ask("issue the \(parsed.count) export authorizations of \(path)", write: self.write)
            let outcomes = try await self.connection.withClient { client in
                let me = try await client.recognisedAccount()
                let catalogue = CatalogueNames(try await client.reference(country: me.country).substances)
                return await bulk.run(parsed.map(\.0)) { index, requestID in
                    let (record, options) = parsed[index]
                    return try await client.issueExportAuthorization(
                        try await options.content(client: client, catalogue: catalogue),
                        overrideJustification: record.value("override") ?? "",
                        emergencyJustification: options.emergency ?? "",
                        requestID: requestID
                    )
                }
            }
            try BulkIssue.report(outcomes, json: self.output.json)
        }
    }

    struct RecordExported: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record-exported",
            abstract: "Record a short export: per line, the quantity actually exported (1961 art. 31(8)).",
            discussion: """
                Each quantity is of the form the line names (converted to base with the line's factor,
                and shown), or of base with base:. Examples:
                  licit ea record-exported EA-001 --exported 8kg --yes
                  licit ea record-exported EA-001 --exported base:6.2kg --yes
                """
        )
        @Argument(help: ArgumentHelp("Your EA's number.", valueName: "number"))
        var number: String

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Quantity exported, one per line in order: of the line's form, or base:QUANTITY.",
                valueName: "quantity"
            )
        )
        var exported: [String]

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let document = try await self.connection.withClient { client in
                var lines: [Licit_V1_Line]?
                if !LineQuantities.allBase(self.exported) {
                    let me = try await client.recognisedAccount()
                    lines = try await client.document(authority: me.authority, number: self.number)
                        .exportAuthorization?.lines
                }
                let (quantities, shown) = try LineQuantities.base(self.exported, lines: lines)
                try Issuing.ask(
                    "record as exported under \(self.number): \(shown.joined(separator: ", "))",
                    write: self.write
                )
                return try await client.recordExported(
                    number: self.number,
                    exportedMilligrams: quantities,
                    requestID: self.write.resolvedRequestID
                )
            }
            try Issuing.report(document, verb: "recorded the exported quantity of", json: self.output.json)
        }
    }
}

/// `licit endorse`: the importing CNA certifies what arrived.
struct EndorseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "endorse",
        abstract: "Endorse an EA: per line, the quantity actually imported (zero allowed).",
        discussion: """
            Only the importing country's competent authority endorses; for an EA to a country not on
            the exchange, its issuing CNA records the paper endorsement with its scan. Each quantity
            is of the form the line names (converted to base and shown), or of base with base:.
            Examples:
              licit endorse IN-NCB/EA-001 --received 7.5kg --yes
              licit endorse IN-NCB/EA-001 --received base:5.6kg --yes
              licit endorse IN-NCB/EA-NP-3 --received 1.5kg --scan endorsement.pdf --yes
            """
    )
    @Argument(help: ArgumentHelp("The EA, AUTHORITY/NUMBER.", valueName: "document"))
    var document: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Quantity received, one per line in order: of the line's form, or base:QUANTITY.",
            valueName: "quantity"
        )
    )
    var received: [String]

    @Option(
        name: .long,
        help: ArgumentHelp(
            "For your EA to a country not on the exchange: the scanned endorsement it sent back.",
            valueName: "file"
        )
    )
    var scan: String?

    @OptionGroup var write: WriteOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let name = try DocumentName(self.document, defaultAuthority: "")
        guard !name.authority.isEmpty else {
            throw CLIError.usage("name the EA as AUTHORITY/NUMBER, e.g. IN-NCB/EA-001")
        }
        let scan = try self.scan.map(ScanFile.init(path:))
        let document = try await self.connection.withClient { client in
            let lines =
                LineQuantities.allBase(self.received)
                ? nil
                : try await client.document(authority: name.authority, number: name.number).exportAuthorization?.lines
            let (quantities, shown) = try LineQuantities.base(self.received, lines: lines)
            try Issuing.ask("endorse \(name) as received: \(shown.joined(separator: ", "))", write: self.write)
            return try await client.endorse(
                authority: name.authority,
                number: name.number,
                importedMilligrams: quantities,
                scan: scan?.bytes ?? Data(),
                scanMediaType: scan?.mediaType ?? "",
                requestID: self.write.resolvedRequestID
            )
        }
        try Issuing.report(document, verb: "endorsed", json: self.output.json)
    }
}
