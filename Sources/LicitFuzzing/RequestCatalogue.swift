import Foundation
import LicitExchange
import LicitModel
import LicitServerCore
import LicitStorage
import LicitTestSupport
import LicitWire

/// The methods the request fuzzer calls, and what each answers.
public enum RequestCatalogue {
    /// The methods in input order: byte 1 of an input picks one, modulo `methods.count + 1`
    /// (the last value calls ``unknownMethod``). Append new methods; never reorder, or the
    /// corpus and the regression inputs would call other methods than they were made for.
    public static let inputOrder: [String] = [
        LicitMethod.hello,
        LicitMethod.echo,
        LicitMethod.Documents.validateImportAuthorization,
        LicitMethod.Documents.draftImportAuthorization,
        LicitMethod.Documents.issueImportAuthorization,
        LicitMethod.Documents.amendImportAuthorization,
        LicitMethod.Documents.validateExportAuthorization,
        LicitMethod.Documents.issueExportAuthorization,
        LicitMethod.Documents.recordExported,
        LicitMethod.Documents.endorse,
        LicitMethod.Documents.cancel,
        LicitMethod.Documents.recordPaperDocument,
        LicitMethod.Documents.getDocument,
        LicitMethod.Documents.listDocuments,
        LicitMethod.Documents.getHistory,
        LicitMethod.Documents.getBalances,
        LicitMethod.Documents.getSealKey,
        LicitMethod.Reference.getReference,
        LicitMethod.Reference.importReference,
        LicitMethod.Reference.registerTrader,
        LicitMethod.Reference.listAccounts,
        LicitMethod.Reference.revokeCertificate,
        LicitMethod.Reference.enrollAccount,
        LicitMethod.Board.tradeFlows,
        LicitMethod.Board.listOversight,
        LicitMethod.Board.estimateWatch,
        LicitMethod.Board.paperPartners,
        LicitMethod.Board.getReturn,
        LicitMethod.Board.getCallCounters,
        LicitMethod.Sandbox.getClock,
        LicitMethod.Sandbox.setClock,
        LicitMethod.Inbox.subscribe,
        LicitMethod.Inbox.listEvents,
        LicitMethod.Inbox.acknowledge,
        LicitMethod.Board.listAudit,
        LicitMethod.Documents.getScan,
        LicitMethod.Reference.approveAccount,
        LicitMethod.Estimates.requestSupplementary,
        LicitMethod.Estimates.decide,
        LicitMethod.Estimates.list,
        LicitMethod.Estimates.submitAnnual,
        LicitMethod.Estimates.decideAnnual,
        LicitMethod.Estimates.listAnnual,
        LicitMethod.Returns.save,
        LicitMethod.Returns.decide,
        LicitMethod.Returns.list,
        LicitMethod.Notifications.register,
        LicitMethod.Notifications.list,
        LicitMethod.Notifications.remove,
        LicitMethod.Board.getAuditCheckpoint,
        LicitMethod.Board.deliverAuditCheckpoint,
    ]

    /// A name no server registers: answered `unknown_method`.
    public static let unknownMethod = "licit.v1.Fuzz/NoSuchMethod"

    /// The daemon's registry (SessionMethods and ExchangeContext's handlers), for its method names.
    private static let registry: MethodRegistry = {
        let exchange = ExchangeContext(
            storage: InMemoryStorage(),
            sealKeys: SealKeyRing(current: try! SealKey(rawRepresentation: Data(repeating: 7, count: 32))),
            clock: SystemExchangeClock(),
            directory: InMemoryAccountDirectory()
        )
        return MethodRegistry(SessionMethods.handlers + exchange.handlers)
    }()

    /// The methods the daemon registers, besides Hello (which the session answers itself).
    public static let registered: [String] = Self.registry.methodNames

    /// The methods that write, and so need a request id.
    public static let writes: Set<String> = Set(Self.registered.filter { Self.registry[$0]!.isWrite })

    /// Every method an input can call: ``inputOrder``, then any registered method missing from it
    /// (so that a new method is fuzzed at once; LicitFuzzingTests asks for it to be added).
    public static let methods: [String] = Self.inputOrder + Self.registered.filter { !Self.inputOrder.contains($0) }

    /// The method byte `byte` calls.
    static func method(_ byte: UInt8) -> String {
        let index = Int(byte) % (Self.methods.count + 1)
        return index < Self.methods.count ? Self.methods[index] : Self.unknownMethod
    }

    /// The byte that calls `method`.
    public static func byte(for method: String) -> UInt8 {
        UInt8(Self.methods.firstIndex(of: method) ?? Self.methods.count)
    }

    /// What an OK answer of each method carries (PROTOCOL §14–15).
    public static let responses: [String: any SwiftProtobufMessage.Type] = [
        LicitMethod.hello: Licit_V1_HelloResponse.self,
        LicitMethod.echo: Licit_V1_EchoResponse.self,
        LicitMethod.Documents.validateImportAuthorization: Licit_V1_ValidationResponse.self,
        LicitMethod.Documents.draftImportAuthorization: Licit_V1_DocumentResponse.self,
        LicitMethod.Documents.issueImportAuthorization: Licit_V1_DocumentResponse.self,
        LicitMethod.Documents.amendImportAuthorization: Licit_V1_DocumentResponse.self,
        LicitMethod.Documents.validateExportAuthorization: Licit_V1_ValidationResponse.self,
        LicitMethod.Documents.issueExportAuthorization: Licit_V1_DocumentResponse.self,
        LicitMethod.Documents.recordExported: Licit_V1_DocumentResponse.self,
        LicitMethod.Documents.endorse: Licit_V1_DocumentResponse.self,
        LicitMethod.Documents.cancel: Licit_V1_DocumentResponse.self,
        LicitMethod.Documents.recordPaperDocument: Licit_V1_DocumentResponse.self,
        LicitMethod.Documents.getDocument: Licit_V1_DocumentResponse.self,
        LicitMethod.Documents.listDocuments: Licit_V1_ListDocumentsResponse.self,
        LicitMethod.Documents.getHistory: Licit_V1_HistoryResponse.self,
        LicitMethod.Documents.getBalances: Licit_V1_BalancesResponse.self,
        LicitMethod.Documents.getSealKey: Licit_V1_SealKeyResponse.self,
        LicitMethod.Documents.getScan: Licit_V1_ScanResponse.self,
        LicitMethod.Reference.getReference: Licit_V1_ReferenceData.self,
        LicitMethod.Reference.importReference: Licit_V1_ImportReferenceResponse.self,
        LicitMethod.Reference.registerTrader: Licit_V1_RegisterTraderResponse.self,
        LicitMethod.Reference.listAccounts: Licit_V1_ListAccountsResponse.self,
        LicitMethod.Reference.revokeCertificate: Licit_V1_RevokeCertificateResponse.self,
        LicitMethod.Reference.enrollAccount: Licit_V1_EnrollAccountResponse.self,
        LicitMethod.Reference.approveAccount: Licit_V1_ApproveAccountResponse.self,
        LicitMethod.Estimates.requestSupplementary: Licit_V1_SupplementaryEstimateResponse.self,
        LicitMethod.Estimates.decide: Licit_V1_SupplementaryEstimateResponse.self,
        LicitMethod.Estimates.list: Licit_V1_ListSupplementaryResponse.self,
        LicitMethod.Estimates.submitAnnual: Licit_V1_AnnualEstimateResponse.self,
        LicitMethod.Estimates.decideAnnual: Licit_V1_AnnualEstimateResponse.self,
        LicitMethod.Estimates.listAnnual: Licit_V1_ListAnnualResponse.self,
        LicitMethod.Returns.save: Licit_V1_ReturnFilingResponse.self,
        LicitMethod.Returns.decide: Licit_V1_ReturnFilingResponse.self,
        LicitMethod.Returns.list: Licit_V1_ListReturnsResponse.self,
        LicitMethod.Notifications.register: Licit_V1_NotificationTargetResponse.self,
        LicitMethod.Notifications.list: Licit_V1_ListNotificationsResponse.self,
        LicitMethod.Notifications.remove: Licit_V1_NotificationTargetResponse.self,
        LicitMethod.Board.tradeFlows: Licit_V1_TradeFlowsResponse.self,
        LicitMethod.Board.listOversight: Licit_V1_OversightResponse.self,
        LicitMethod.Board.estimateWatch: Licit_V1_EstimateWatchResponse.self,
        LicitMethod.Board.paperPartners: Licit_V1_PaperPartnersResponse.self,
        LicitMethod.Board.getReturn: Licit_V1_ReturnResponse.self,
        LicitMethod.Board.getCallCounters: Licit_V1_CallCountersResponse.self,
        LicitMethod.Board.listAudit: Licit_V1_ListAuditResponse.self,
        LicitMethod.Board.getAuditCheckpoint: Licit_V1_AuditCheckpoint.self,
        LicitMethod.Board.deliverAuditCheckpoint: Licit_V1_AuditCheckpoint.self,
        LicitMethod.Sandbox.getClock: Licit_V1_ClockResponse.self,
        LicitMethod.Sandbox.setClock: Licit_V1_ClockResponse.self,
        LicitMethod.Inbox.listEvents: Licit_V1_ListEventsResponse.self,
        LicitMethod.Inbox.acknowledge: Licit_V1_AcknowledgeResponse.self,
    ]

    /// What each event of a subscription carries.
    public static let events: [String: any SwiftProtobufMessage.Type] = [
        LicitMethod.Inbox.subscribe: Licit_V1_InboxEvent.self
    ]
}

/// A document the world issues before any input, so that inputs find something to read,
/// amend, export against, endorse and cancel.
struct WorldStep {
    let account: String
    let method: String
    let number: String
    let payload: Data
}

enum WorldDocuments {
    static func steps(on day: Day) -> [WorldStep] {
        let issue = LicitMethod.Documents.issueImportAuthorization
        return [
            WorldStep(
                account: "fr-signer",
                method: issue,
                number: "FR-IA-1",
                payload: try! Licit_V1_ImportAuthorizationRequest.with {
                    $0.content = TestWorld.morphineImport("FR-IA-1", on: day, kilograms: 10)
                }.serializedData()
            ),
            WorldStep(
                account: "fr-signer",
                method: issue,
                number: "FR-IA-2",
                payload: try! Licit_V1_ImportAuthorizationRequest.with {
                    $0.content = TestWorld.morphineImport("FR-IA-2", on: day, kilograms: 5, form: "CODEINE")
                }.serializedData()
            ),
            WorldStep(
                account: "fr-signer",
                method: issue,
                number: "FR-IA-NP",
                payload: try! Licit_V1_ImportAuthorizationRequest.with {
                    $0.content = Self.nepalImport("FR-IA-NP", on: day)
                }.serializedData()
            ),
            WorldStep(
                account: "fr-officer",
                method: LicitMethod.Documents.draftImportAuthorization,
                number: "FR-DRAFT-1",
                payload: try! Licit_V1_ImportAuthorizationRequest.with {
                    $0.content = TestWorld.morphineImport("FR-DRAFT-1", on: day, kilograms: 2)
                }.serializedData()
            ),
            WorldStep(
                account: "in-signer",
                method: LicitMethod.Documents.issueExportAuthorization,
                number: "IN-EA-1",
                payload: try! Licit_V1_ExportAuthorizationRequest.with {
                    $0.content = Self.export("IN-EA-1", against: "FR-IA-1", kilograms: 4, on: day)
                }.serializedData()
            ),
            WorldStep(
                account: "in-signer",
                method: LicitMethod.Documents.issueExportAuthorization,
                number: "IN-EA-3",
                payload: try! Licit_V1_ExportAuthorizationRequest.with {
                    $0.content = Self.export("IN-EA-3", against: "FR-IA-1", kilograms: 3, on: day)
                }.serializedData()
            ),
        ]
    }

    /// An EA content against the world's IA `ia` (morphine, issued by FR-ANSM on `day`).
    static func export(
        _ number: String,
        against ia: String,
        kilograms: Int64,
        on day: Day
    )
        -> Licit_V1_ExportAuthorizationContent
    {
        var citing = TestWorld.morphineImport(ia, on: day)
        citing.issuedOn = day.description
        citing.authority = TestWorld.importer
        return TestWorld.export(number, against: citing, kilograms: kilograms, on: day)
    }

    /// An IA for morphine from Nepal, which trades on paper.
    static func nepalImport(_ number: String, on day: Day) -> Licit_V1_ImportAuthorizationContent {
        var content = TestWorld.morphineImport(number, on: day, kilograms: 3)
        content.exportingCountry = "NP"
        content.exporter = .with {
            $0.name = "Himalayan Alkaloids Pvt Ltd"
            $0.address = "Hetauda, Nepal"
        }
        return content
    }
}
