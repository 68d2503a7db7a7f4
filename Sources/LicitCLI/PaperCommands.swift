import ArgumentParser
import Crypto
import Foundation
import LicitClient
import LicitWire

/// A scanned paper document given on the command line.
package struct ScanFile {
    let bytes: Data
    let mediaType: String

    static let mediaTypes = [
        "pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "tif": "image/tiff", "tiff": "image/tiff",
    ]

    init(path: String) throws {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw CLIError.usage("cannot read the scan \(path)", hint: "give the path of the scanned file")
        }
        guard !bytes.isEmpty else { throw CLIError.usage("the scan \(path) is empty") }
        self.bytes = bytes
        let suffix = URL(fileURLWithPath: path).pathExtension.lowercased()
        self.mediaType = Self.mediaTypes[suffix] ?? "application/octet-stream"
    }

    /// The file name extension for a stored scan's media type.
    package static func suffix(of mediaType: String) -> String {
        mediaType == "image/jpeg" ? "jpg" : mediaTypes.first { $0.value == mediaType }?.key ?? "bin"
    }
}

/// What the paper document's issuer stated: its foreign CNA, number and date of issue.
package struct PaperOrigin: ParsableArguments {
    package init() {}

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The foreign CNA that issued it, by its code (see `licit ref authorities --country CODE`).",
            valueName: "code"
        )
    )
    var authority: String

    @Option(name: .long, help: "The number printed on the paper document.")
    var number: String

    @Option(name: .long, help: ArgumentHelp("The date of issue printed on it.", valueName: "yyyy-mm-dd"))
    var issuedOn: String

    @Option(name: .long, help: ArgumentHelp("The scanned paper document (PDF, PNG, JPEG or TIFF).", valueName: "file"))
    var scan: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A substance line as printed, FORM=QUANTITY (repeat for several).",
            valueName: "form=quantity"
        ),
        completion: .custom { _, _, prefix in CatalogueNames.completions(prefix) }
    )
    var line: [String] = []

    @Option(name: .long, help: ArgumentHelp("First day of its validity period.", valueName: "yyyy-mm-dd"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Last day of its validity period.", valueName: "yyyy-mm-dd"))
    var to: String

    func lines(_ client: LicitClient, country: String) async throws -> [Licit_V1_Line] {
        guard !self.line.isEmpty else {
            throw CLIError.usage("give at least one --line FORM=QUANTITY as printed on the paper document")
        }
        let catalogue = CatalogueNames(try await client.reference(country: country).substances)
        return try self.line.map(catalogue.line)
    }

    func period() throws -> Licit_V1_Period {
        let issued = try DayInput.check(self.issuedOn, "--issued-on")
        return try .with {
            $0.first = try self.from.map { try DayInput.check($0, "--from") } ?? issued
            $0.last = try DayInput.check(self.to, "--to")
        }
    }

    /// Records the paper document with its scan, after the officer confirms.
    func record(
        _ request: Licit_V1_PaperDocumentRequest,
        summary: String,
        write: WriteOptions,
        client: LicitClient
    ) async throws -> Licit_V1_Document {
        let scan = try ScanFile(path: self.scan)
        try Issuing.ask(
            "record \(summary) from paper, with its scan \(self.scan) (\(scan.bytes.count) bytes)",
            write: write
        )
        var request = request
        request.scan = scan.bytes
        request.scanMediaType = scan.mediaType
        return try await client.recordPaperDocument(request, requestID: write.resolvedRequestID)
    }
}

extension IACommand {
    /// `licit ia record-paper`: an IA a country not on the exchange sent on paper to the caller's.
    struct RecordPaper: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record-paper",
            abstract: "Record an IA received on paper from a country not on the exchange, with its scan.",
            discussion: """
                The IA must name your country as the exporting country; your CNA can then issue EAs
                against it. Example (Nepal is not on the exchange in the sandbox):
                  licit ia record-paper --authority NP-DDA --number NP-IA-7 \\
                      --issued-on 2027-01-10 --to 2027-06-30 --importing-country NP \\
                      --importer-name "Bir Hospital" --importer-address Kathmandu \\
                      --exporter FR-ANSM-T1 --line MORPHINE=2kg --scan ia.pdf --yes
                """
        )
        @OptionGroup var paper: PaperImportAuthorization

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let document = try await self.connection.withClient { client in
                let (request, summary) = try await self.paper.request(client)
                return try await self.paper.origin.record(request, summary: summary, write: self.write, client: client)
            }
            try Issuing.report(document, verb: "recorded", json: self.output.json)
        }
    }
}

extension EACommand {
    /// `licit ea record-paper`: an EA a country not on the exchange sent on paper against the caller's IA.
    struct RecordPaper: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record-paper",
            abstract: "Record an EA received on paper from a country not on the exchange, against your IA.",
            discussion: """
                Checked like an EA issued on the exchange; you endorse it when the consignment arrives.
                Example (your IA FR-IA-9 to Laos, which is not on the exchange in the sandbox):
                  licit ea record-paper --ia FR-IA-9 --authority LA-FDD --number LA-EA-3 \\
                      --issued-on 2027-02-01 --to 2027-03-31 --exporter-name "Lao Pharma" \\
                      --exporter-address Vientiane --line MORPHINE=2kg --scan ea.pdf --yes
                """
        )
        @OptionGroup var paper: PaperExportAuthorization

        @OptionGroup var write: WriteOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let document = try await self.connection.withClient { client in
                let (request, summary) = try await self.paper.request(client)
                return try await self.paper.origin.record(request, summary: summary, write: self.write, client: client)
            }
            try Issuing.report(document, verb: "recorded", json: self.output.json)
        }
    }
}

/// `licit scan`: the scanned paper behind a document, saved to a file and checked against its digest.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Save the scan of a paper document, or of a paper endorsement, that you may see.",
        discussion: """
            The file's SHA-256 is checked against the one the exchange recorded. Examples:
              licit scan NP-DDA/NP-IA-7 --out np-ia-7.pdf
              licit scan FR-ANSM/EA-NP-3 --endorsement
            """
    )
    @Argument(help: ArgumentHelp("The document, AUTHORITY/NUMBER.", valueName: "document"))
    var document: String

    @Flag(name: .long, help: "The scanned paper endorsement of your EA to a country not on the exchange.")
    var endorsement = false

    @Option(
        name: .long,
        help: ArgumentHelp("Where to save it (default: NUMBER.pdf, or the scan's type).", valueName: "file")
    )
    var out: String?

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let name = try DocumentName(self.document, defaultAuthority: "")
        guard !name.authority.isEmpty else {
            throw CLIError.usage("name the document as AUTHORITY/NUMBER, e.g. NP-DDA/NP-IA-7")
        }
        let scan = try await self.connection.withClient { client in
            try await client.scan(authority: name.authority, number: name.number, endorsement: self.endorsement)
        }
        let digest = SHA256.hash(data: scan.scan).map { String(format: "%02x", $0) }.joined()
        guard digest == scan.sha256 else {
            throw CLIError(
                .verificationFailed,
                "the scan received does not match the digest the exchange recorded (\(scan.sha256)): not saved"
            )
        }
        let suffix = (self.endorsement ? "-endorsement." : ".") + ScanFile.suffix(of: scan.mediaType)
        let path = self.out ?? name.number.replacingOccurrences(of: "/", with: "_") + suffix
        do {
            try scan.scan.write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        } catch {
            throw CLIError.usage("cannot write \(path): \(error.localizedDescription)", hint: "choose another --out")
        }
        Console.current.out("saved \(path): \(scan.mediaType), \(scan.scan.count) bytes, sha256 \(digest) as recorded")
    }
}

/// A paper IA from a country not on the exchange, as `licit ia record-paper` takes it (and the
/// console's form): what its issuer stated, made into the request the exchange records.
package struct PaperImportAuthorization: ParsableArguments {
    package init() {}

    @OptionGroup package var origin: PaperOrigin

    @Option(name: .long, help: ArgumentHelp("The foreign importing country.", valueName: "code"))
    var importingCountry: String

    @Option(name: .long, help: "The foreign importer's name, as printed.")
    var importerName: String

    @Option(name: .long, help: "The foreign importer's address, as printed.")
    var importerAddress: String

    @Option(name: .long, help: ArgumentHelp("Your registered exporter's id.", valueName: "id"))
    var exporter: String

    @Flag(name: .long, help: "It allows only one consignment (one EA).")
    var singleConsignment = false

    /// The request (without its scan) and how to name it to the person recording it.
    package func request(_ client: LicitClient) async throws -> (Licit_V1_PaperDocumentRequest, String) {
        let me = try await client.recognisedAccount()
        let lines = try await self.origin.lines(client, country: me.country)
        let content = try Licit_V1_ImportAuthorizationContent.with {
            $0.number = self.origin.number
            $0.authority = self.origin.authority.uppercased()
            $0.importingCountry = self.importingCountry.uppercased()
            $0.exportingCountry = me.country
            $0.issuedOn = try DayInput.check(self.origin.issuedOn, "--issued-on")
            $0.importer = .with {
                $0.name = self.importerName
                $0.address = self.importerAddress
            }
            $0.exporter.id = self.exporter
            $0.lines = lines
            $0.period = try self.origin.period()
            $0.multipleConsignments = !self.singleConsignment
        }
        return (
            .with { $0.importAuthorization = content },
            "import authorization \(content.authority)/\(content.number)"
        )
    }
}

/// A paper EA from a country not on the exchange against one of the caller's IAs, as
/// `licit ea record-paper` takes it (and the console's form).
package struct PaperExportAuthorization: ParsableArguments {
    package init() {}

    @Option(name: .long, help: ArgumentHelp("Your IA it answers (NUMBER or AUTHORITY/NUMBER).", valueName: "ia"))
    var ia: String

    @OptionGroup package var origin: PaperOrigin

    @Option(name: .long, help: "The foreign exporter's name, as printed.")
    var exporterName: String

    @Option(name: .long, help: "The foreign exporter's address, as printed.")
    var exporterAddress: String

    @Option(
        name: .long,
        help: ArgumentHelp("Accept exceeding your country's estimate, for this reason.", valueName: "justification")
    )
    var override: String?

    /// The request (without its scan) and how to name it to the person recording it.
    package func request(_ client: LicitClient) async throws -> (Licit_V1_PaperDocumentRequest, String) {
        let me = try await client.recognisedAccount()
        let name = try DocumentName(self.ia, defaultAuthority: me.authority)
        guard
            let cited = try await client.document(authority: name.authority, number: name.number)
                .importAuthorization
        else { throw CLIError(.rejected, "\(name) is not an import authorization") }
        let lines = try await self.origin.lines(client, country: me.country)
        let content = try Licit_V1_ExportAuthorizationContent.with {
            $0.number = self.origin.number
            $0.authority = self.origin.authority.uppercased()
            $0.exportingCountry = cited.exportingCountry
            $0.importingCountry = cited.importingCountry
            $0.issuedOn = try DayInput.check(self.origin.issuedOn, "--issued-on")
            $0.importAuthorization = .with {
                $0.number = cited.number
                $0.issuedOn = cited.issuedOn
                $0.authority = cited.authority
            }
            $0.exporter = .with {
                $0.name = self.exporterName
                $0.address = self.exporterAddress
            }
            $0.importer = cited.importer
            $0.lines = lines
            $0.period = try self.origin.period()
        }
        return (
            .with {
                $0.exportAuthorization = content
                $0.overrideJustification = self.override ?? ""
            },
            "export authorization \(content.authority)/\(content.number) against \(name)"
        )
    }
}
